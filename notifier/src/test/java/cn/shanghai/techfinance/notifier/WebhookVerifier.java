package cn.shanghai.techfinance.notifier;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a webhook request comes from the tech-finance notifier and was not altered or replayed.
 *
 * <p>The bank-side verifier of the README section "Verifying webhook signatures",
 * copied word for word: the tests check the notifier's requests with exactly what banks are told
 * to run.
 */
final class WebhookVerifier {

    private static final Duration TOLERANCE = Duration.ofMinutes(5);

    private final Map<String, String> secretsByKeyId;

    /** @param secretsByKeyId the secrets you registered, by key id (old and new while rotating) */
    public WebhookVerifier(Map<String, String> secretsByKeyId) {
        this.secretsByKeyId = Map.copyOf(secretsByKeyId);
    }

    /**
     * @param keyId     the X-TF-Key-Id header
     * @param timestamp the X-TF-Timestamp header
     * @param signature the X-TF-Signature header
     * @param body      the request body as received, before any parsing
     * @param now       the current time
     * @return whether to accept the request
     */
    public boolean verify(String keyId, String timestamp, String signature, byte[] body, Instant now) {
        String secret = keyId == null ? null : secretsByKeyId.get(keyId);
        if (secret == null || signature == null || timestamp == null || !timestamp.matches("[0-9]{1,12}")) {
            return false;
        }
        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(signedAt, now).abs().compareTo(TOLERANCE) > 0) {
            return false; // too old (a replay) or from a clock far off
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            String expected = "v1=" + HexFormat.of().formatHex(mac.doFinal(body));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    signature.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
