package io.bigr.discovery.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature a receiver checks: {@code X-Bigr-Signature-256: sha256=<hex HMAC-SHA256 of the exact body bytes,
 * keyed with webhooks.secret>} (the same scheme as GitHub's {@code X-Hub-Signature-256}). Compare it in constant
 * time.
 */
public final class WebhookSignature {
    public static final String HEADER = "X-Bigr-Signature-256";

    private WebhookSignature() {
    }

    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
