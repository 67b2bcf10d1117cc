package io.xmppgateway.stream;

/** One SASL mechanism's client side (RFC 4422), as the XMPP SASL exchange drives it (RFC 6120 §6.4). */
interface SaslMechanism {

    /** The IANA name, e.g. {@code SCRAM-SHA-256}. */
    String name();

    /** The data sent with {@code <auth/>}. */
    byte[] initialResponse();

    /** The answer to a {@code <challenge/>}. */
    byte[] evaluateChallenge(byte[] challenge);

    /** Checks the data sent with {@code <success/>} (SCRAM: the server's signature). */
    void verifySuccess(byte[] additionalData);
}
