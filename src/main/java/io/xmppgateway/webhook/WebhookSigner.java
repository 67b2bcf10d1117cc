package io.xmppgateway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.vertx.core.buffer.Buffer;

/**
 * Standard Webhooks v1 signatures: {@code webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">}. A
 * secret of the form {@code whsec_<base64>} is the base64-decoded key, as the Standard Webhooks libraries expect;
 * any other secret's UTF-8 bytes are the key.
 */
public final class WebhookSigner {

    private static final String PREFIX = "whsec_";

    private final SecretKeySpec key;

    public WebhookSigner(String secret) {
        byte[] bytes = secret.startsWith(PREFIX)
                ? Base64.getDecoder().decode(secret.substring(PREFIX.length()))
                : secret.getBytes(StandardCharsets.UTF_8);
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
    }

    /** The {@code webhook-signature} header value. */
    public String sign(String id, long timestamp, Buffer body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            mac.update(body.getBytes());
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
