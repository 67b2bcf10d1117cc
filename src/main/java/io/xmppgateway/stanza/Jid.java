package io.xmppgateway.stanza;

import java.net.IDN;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;

/**
 * An XMPP address, {@code [local@]domain[/resource]} (RFC 7622). Parsing, validation and normalisation are
 * jxmpp's; two JIDs are equal when their normalised forms are.
 */
public final class Jid {

    private static final int CACHED = 16_384;
    private static final int CACHED_CHARS = 256;
    private static final Map<String, Jid> PARSED = new ConcurrentHashMap<>();

    private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9a-fA-F:.]+]");
    private static final Pattern DOMAIN_NAME = Pattern.compile("[A-Za-z0-9_-]{1,63}(\\.[A-Za-z0-9_-]{1,63})*");

    private final org.jxmpp.jid.Jid jid;

    private Jid(org.jxmpp.jid.Jid jid) {
        this.jid = jid;
    }

    /**
     * Parses and normalises a JID. Parsing (stringprep, IDNA) costs about a microsecond, and jxmpp caches only its
     * last 100 JIDs: an app hearing from 10,000 senders would pay it on every stanza. So the last
     * {@value #CACHED} ordinary-length addresses parsed are kept (JIDs are immutable); when that many are held the
     * cache starts over, so it stays bounded whatever a peer sends.
     */
    public static Jid of(String value) {
        Jid known = value == null ? null : PARSED.get(value);
        if (known != null) {
            return known;
        }
        Jid parsed = parse(value);
        if (value.length() <= CACHED_CHARS) {
            if (PARSED.size() >= CACHED) {
                PARSED.clear();
            }
            PARSED.put(value, parsed);
        }
        return parsed;
    }

    /** Addresses held in the parse cache now. */
    static int cached() {
        return PARSED.size();
    }

    private static Jid parse(String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidJidException(String.valueOf(value), "empty");
        }
        org.jxmpp.jid.Jid parsed;
        try {
            parsed = JidCreate.from(value);
        } catch (XmppStringprepException | IllegalArgumentException e) {
            throw new InvalidJidException(value, e.getMessage());
        }
        checkDomain(value, parsed.getDomain().toString());
        return new Jid(parsed);
    }

    /**
     * jxmpp checks the local part and resource; without a stringprep provider it lets any domain through, so the
     * domain part is checked here against RFC 7622 §3.2: an IP literal, or a name for a DNS domain name slot —
     * labels of letters, digits, hyphens and underscores (servers name components {@code bad_name.example.org};
     * RFC 2181 §11 allows any octet in a DNS label), each 1–63 octets once converted to ASCII (IDNA).
     */
    private static void checkDomain(String input, String domain) {
        if (domain.startsWith("[") && domain.endsWith("]")) {
            if (!IPV6_LITERAL.matcher(domain).matches()) {
                throw new InvalidJidException(input, "invalid IPv6 address in the domain part");
            }
            return;
        }
        String name = domain.endsWith(".") ? domain.substring(0, domain.length() - 1) : domain;
        if (name.isEmpty()) {
            throw new InvalidJidException(input, "empty domain part");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(name);
        } catch (IllegalArgumentException e) {
            throw new InvalidJidException(input, "invalid domain part '" + domain + "'");
        }
        if (!DOMAIN_NAME.matcher(ascii).matches()) {
            throw new InvalidJidException(input, "invalid domain part '" + domain + "'");
        }
    }

    /** Parses an optional attribute value: {@code null} stays empty. */
    public static Optional<Jid> ofNullable(String value) {
        return value == null ? Optional.empty() : Optional.of(of(value));
    }

    public Optional<String> local() {
        return Optional.ofNullable(jid.getLocalpartOrNull()).map(Object::toString);
    }

    public String domain() {
        return jid.getDomain().toString();
    }

    public Optional<String> resource() {
        return Optional.ofNullable(jid.getResourceOrNull()).map(Object::toString);
    }

    public boolean isBare() {
        return !jid.hasResource();
    }

    /** This JID without its resource. */
    public Jid bare() {
        return isBare() ? this : new Jid(jid.asBareJid());
    }

    /** The bare JID with this resource. */
    public Jid withResource(String resource) {
        try {
            EntityFullJid full = JidCreate.entityFullFrom(jid.asEntityBareJidOrThrow(), Resourcepart.from(resource));
            return new Jid(full);
        } catch (XmppStringprepException e) {
            throw new InvalidJidException(jid + "/" + resource, e.getMessage());
        } catch (IllegalStateException e) {
            // A domain-only JID: resource on a domain (e.g. a component's address).
            try {
                return new Jid(JidCreate.domainFullFrom(jid.asDomainBareJid(), Resourcepart.from(resource)));
            } catch (XmppStringprepException inner) {
                throw new InvalidJidException(jid + "/" + resource, inner.getMessage());
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Jid other && jid.equals(other.jid);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(jid);
    }

    /** The normalised form, as written on the wire. */
    @Override
    public String toString() {
        return jid.toString();
    }
}
