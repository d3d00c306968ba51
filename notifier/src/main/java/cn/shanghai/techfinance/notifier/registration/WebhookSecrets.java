package cn.shanghai.techfinance.notifier.registration;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Seals banks' webhook secrets for the database and opens them for signing: AES-256-GCM under the
 * key {@code notifier.webhook.secret-key} (32 bytes, base64), a random 96-bit IV per value, and the
 * bank code as associated data, so that a sealed secret copied to another bank's row does not open.
 * Stored as {@code v1:} and the base64 of IV and ciphertext (with its 128-bit tag).
 */
@Component
public class WebhookSecrets {

    static final String PROPERTY = "notifier.webhook.secret-key";
    private static final String VERSION = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public WebhookSecrets(@Value("${" + PROPERTY + ":}") String base64Key) {
        this.key = new SecretKeySpec(decodeKey(base64Key), "AES");
    }

    private static byte[] decodeKey(String base64Key) {
        String hint = ": give 32 random bytes in base64 (e.g. `openssl rand -base64 32`), in production from the secret store"
                + " as NOTIFIER_WEBHOOK_SECRET_KEY; it encrypts banks' webhook secrets in the database";
        if (base64Key == null || base64Key.isBlank()) {
            throw new IllegalStateException(PROPERTY + " is not set" + hint);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64Key.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(PROPERTY + " is not base64" + hint);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException(PROPERTY + " is " + bytes.length + " bytes, not 32 (AES-256)" + hint);
        }
        return bytes;
    }

    public String seal(String bankCode, String secret) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            byte[] sealed = cipher(Cipher.ENCRYPT_MODE, bankCode, iv).doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return VERSION + Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /** The secret; fails if it was sealed under another key or for another bank, or was altered. */
    public String open(String bankCode, String sealed) {
        if (!sealed.startsWith(VERSION)) {
            throw new IllegalStateException("the webhook secret of " + bankCode + " is not sealed in a known form");
        }
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(VERSION.length()));
        try {
            byte[] iv = java.util.Arrays.copyOf(bytes, IV_BYTES);
            byte[] secret = cipher(Cipher.DECRYPT_MODE, bankCode, iv).doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES);
            return new String(secret, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the webhook secret of " + bankCode + " does not open with " + PROPERTY
                    + " (another key, or altered)", e);
        }
    }

    private Cipher cipher(int mode, String bankCode, byte[] iv) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(bankCode.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
