package io.xmppgateway.testing;

import org.jivesoftware.smack.packet.Nonza;
import org.jivesoftware.smack.packet.XmlEnvironment;

/** Exactly these bytes on a Smack client's stream: for stanzas Smack's API would not build (two IQ payloads…). */
public final class RawXml implements Nonza {

    private final String xml;

    public RawXml(String xml) {
        this.xml = xml;
    }

    @Override
    public String getNamespace() {
        return "jabber:client";
    }

    @Override
    public String getElementName() {
        return "raw";
    }

    @Override
    public CharSequence toXML(XmlEnvironment environment) {
        return xml;
    }
}
