package io.xmppgateway.stream;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import org.jboss.logging.Logger;

import io.xmppgateway.stanza.Element;
import io.xmppgateway.stanza.Iq;
import io.xmppgateway.stanza.IqType;

/**
 * The roster request every new session makes. The gateway keeps no roster: it asks for it because a server delivers
 * subscription requests and roster pushes only to resources that did (RFC 6121 §2.1.6, §3.1.3), and presence
 * follows the initial presence sent after it (§4.2). An app with 100,000 contacts gets a roster of megabytes in one
 * {@code <iq/>}, so the session announces the answer to the decoder as large: read with
 * {@code xmpp.max-roster-bytes} as its bound, its items counted and dropped as they pass. Where the server versions
 * rosters (XEP-0237) the request carries the last version seen — in an answer or a roster push — so a new session
 * after a reconnect gets an empty answer when nothing changed (XEP-0237 lets a server send the changes as pushes
 * instead; Prosody sends the whole roster when anything did). The version lives in memory: a restarted gateway
 * fetches the whole roster. Lives on the session's event loop.
 *
 * <pre>{@code
 * C: <iq type='get' id='roster-2'><query xmlns='jabber:iq:roster' ver='ver14'/></iq>
 * S: <iq type='result' id='roster-2'/>                      (unchanged since ver14)
 * }</pre>
 */
final class RosterRequest {

    static final String NAMESPACE = "jabber:iq:roster";
    private static final String VERSIONING = "urn:xmpp:features:rosterver";
    private static final Logger LOG = Logger.getLogger(RosterRequest.class);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String account;
    private String lastId;
    private String pendingId;
    private String version;
    private long sentAt;

    /** @param account the account's bare JID: roster answers and pushes come from it, or from no one */
    RosterRequest(String account) {
        this.account = account;
    }

    /**
     * The request for a new session, whose stream features say whether rosters are versioned. Its answer is to be
     * announced to the decoder as large ({@link #lastId()}, from {@link #account()}); the id is unguessable, so
     * that no one else can send a stanza the decoder takes for it.
     */
    Element request(Element features) {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        pendingId = "roster-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        lastId = pendingId;
        sentAt = System.nanoTime();
        Element.Builder query = Element.builder("query", NAMESPACE);
        if (features.child("ver", VERSIONING).isPresent()) {
            query.attribute("ver", version == null ? "" : version);
        }
        return Iq.builder(IqType.GET).id(pendingId).child(query.build()).build().element();
    }

    /**
     * The id of the last request: announced again to the decoder of a resumed stream, on which the server may send
     * its answer again (it was not acknowledged before the break).
     */
    Optional<String> lastId() {
        return Optional.ofNullable(lastId);
    }

    String account() {
        return account;
    }

    /** The version the next request asks for changes since, if the server gave one. */
    Optional<String> version() {
        return Optional.ofNullable(version);
    }

    /**
     * Looks at a stanza from the server: the answer to the request, or a roster push, whose version is remembered.
     *
     * @param items how many items the decoder counted in the last large answer
     */
    void seen(Element element, int items) {
        String from = element.attribute("from");
        if (!element.name().equals("iq") || (from != null && !from.equals(account))) {
            return; // RFC 6121 §2.1.6: a roster stanza from anyone else is not the server's
        }
        Optional<Element> query = element.child("query", NAMESPACE);
        String id = element.attribute("id");
        if (pendingId != null && pendingId.equals(id)) {
            pendingId = null;
            query.map(q -> q.attribute("ver")).ifPresent(v -> version = v);
            LOG.infof("Roster: %s in %d ms%s", "result".equals(element.attribute("type"))
                            ? (query.isPresent() ? items + " items" : "unchanged") : "refused",
                    (System.nanoTime() - sentAt) / 1_000_000, version == null ? "" : " (version " + version + ")");
        } else if ("set".equals(element.attribute("type"))) {
            query.map(q -> q.attribute("ver")).ifPresent(v -> version = v);
        }
    }
}
