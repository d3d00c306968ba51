package cn.shanghai.techfinance.notifier.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of a webhook request (README, "Verifying webhook signatures"):
 * {@code v1=} and the lowercase hex HMAC-SHA256, keyed with the secret's UTF-8 bytes, of the
 * timestamp (decimal Unix seconds), a {@code .}, and the body bytes exactly as sent. Signing the
 * timestamp lets the bank refuse a replayed request; signing the body, a changed one.
 */
public final class WebhookSignature {

    public static final String KEY_ID_HEADER = "X-TF-Key-Id";
    public static final String TIMESTAMP_HEADER = "X-TF-Timestamp";
    public static final String SIGNATURE_HEADER = "X-TF-Signature";
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    static final String VERSION = "v1=";

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return VERSION + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }
}
