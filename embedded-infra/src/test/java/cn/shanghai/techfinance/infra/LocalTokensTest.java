package cn.shanghai.techfinance.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalTokensTest {

    @TempDir
    Path dir;

    @Test
    void keepsOneKeyPairAndSignsTokensThePublicKeyVerifies() throws Exception {
        LocalTokens first = LocalTokens.loadOrCreate(dir.resolve("jwt"));
        String publicKey = Files.readString(dir.resolve("jwt/public-key.pem"));
        assertThat(publicKey).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(Files.readString(dir.resolve("jwt/signing-key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("jwt/signing-key.pem")))).isEqualTo("rw-------");
        assertThat(first.publicKeyLocation()).isEqualTo("file:" + dir.resolve("jwt/public-key.pem").toAbsolutePath());

        LocalTokens again = LocalTokens.loadOrCreate(dir.resolve("jwt"));
        assertThat(Files.readString(dir.resolve("jwt/public-key.pem"))).as("kept, not made anew").isEqualTo(publicKey);

        SignedJWT jwt = SignedJWT.parse(again.mint(List.of("BANK"), "ICBC-SH", null, "teller", Duration.ofHours(12)));
        RSAPublicKey key = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                Base64.getMimeDecoder().decode(publicKey.replaceAll("-----[A-Z ]+-----", "").strip())));
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(LocalTokens.ISSUER);
        assertThat(claims.getSubject()).isEqualTo("teller");
        assertThat(claims.getStringListClaim("roles")).containsExactly("BANK");
        assertThat(claims.getStringClaim("bank_code")).isEqualTo("ICBC-SH");
        assertThat(claims.getClaim("uscc")).isNull();
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant())).isEqualTo(Duration.ofHours(12));

        assertThat(SignedJWT.parse(LocalTokens.inMemory().token("OFFICER")).verify(new RSASSAVerifier(key)))
                .as("another key's token").isFalse();
        assertThat(SignedJWT.parse(first.token("AUDITOR", "OFFICER")).getJWTClaimsSet().getSubject()).isEqualTo("auditor");
    }
}
