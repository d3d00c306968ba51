package cn.shanghai.techfinance.notifier.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Webhook secrets sealed with AES-256-GCM: a fresh IV per value, bound to the bank, and no start without a key. */
class WebhookSecretsTest {

    private static final String KEY = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());
    private final WebhookSecrets secrets = new WebhookSecrets(KEY);

    @Test
    void aSealedSecretOpensToItselfAndShowsNothingOfIt() {
        String secret = "s3cr3t-of-ICBC-SH-0123456789abcdefghij-密钥";
        String sealed = secrets.seal("ICBC-SH", secret);
        assertThat(sealed).startsWith("v1:").doesNotContain(secret).doesNotContain("s3cr3t");
        assertThat(secrets.open("ICBC-SH", sealed)).isEqualTo(secret);
        assertThat(secrets.seal("ICBC-SH", secret)).as("a new IV each time").isNotEqualTo(sealed);
    }

    @Test
    void aSealedSecretOpensOnlyForItsBankUnderItsKeyAndUnaltered() {
        String sealed = secrets.seal("ICBC-SH", "s3cr3t-of-ICBC-SH-0123456789abcdefghij");
        assertThatThrownBy(() -> secrets.open("BOC-SH", sealed)).hasMessageContaining("does not open");
        String otherKey = Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> new WebhookSecrets(otherKey).open("ICBC-SH", sealed)).hasMessageContaining("does not open");
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        bytes[bytes.length - 1] ^= 1;
        assertThatThrownBy(() -> secrets.open("ICBC-SH", "v1:" + Base64.getEncoder().encodeToString(bytes)))
                .hasMessageContaining("does not open");
        assertThatThrownBy(() -> secrets.open("ICBC-SH", "s3cr3t-in-clear")).hasMessageContaining("not sealed");
    }

    @Test
    void withoutAProperKeyTheNotifierDoesNotStart() {
        assertThatThrownBy(() -> new WebhookSecrets("")).hasMessageStartingWith("notifier.webhook.secret-key is not set")
                .hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> new WebhookSecrets("not base64!")).hasMessageStartingWith("notifier.webhook.secret-key is not base64");
        assertThatThrownBy(() -> new WebhookSecrets(Base64.getEncoder().encodeToString(new byte[16])))
                .hasMessageStartingWith("notifier.webhook.secret-key is 16 bytes, not 32");
    }
}
