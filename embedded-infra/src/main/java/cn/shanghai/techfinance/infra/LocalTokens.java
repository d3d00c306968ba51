package cn.shanghai.techfinance.infra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The local run's and the tests' token issuer: an RS256 key pair kept in a folder
 * ({@code signing-key.pem}, PKCS#8, and {@code public-key.pem}, X.509 SubjectPublicKeyInfo, which
 * the services are given as {@code spring.security.oauth2.resourceserver.jwt.public-key-location})
 * and tokens minted with it in the services' claims: {@code sub}, {@code roles}, {@code bank_code}, {@code insurer_code},
 * {@code uscc}, issuer {@value #ISSUER}. Never for production: there an identity provider issues the
 * tokens and the services read its JWK set.
 */
public final class LocalTokens {

    public static final String ISSUER = "techfinance-local";
    public static final Duration VALIDITY = Duration.ofHours(12);
    public static final String SIGNING_KEY = "signing-key.pem";
    public static final String PUBLIC_KEY = "public-key.pem";

    private static final String PRIVATE_PEM = "PRIVATE KEY";
    private static final String PUBLIC_PEM = "PUBLIC KEY";

    private final PrivateKey signingKey;
    private final PublicKey publicKey;
    private final Path publicKeyFile;

    private LocalTokens(PrivateKey signingKey, PublicKey publicKey, Path publicKeyFile) {
        this.signingKey = signingKey;
        this.publicKey = publicKey;
        this.publicKeyFile = publicKeyFile;
    }

    /**
     * The key pair kept in {@code dir}, created there (readable by the owner only) when it is missing.
     * Processes starting at once (test forks, the local run beside {@code token.sh}) agree on one pair:
     * a lock file serialises them, so the second reads the pair the first wrote instead of replacing it
     * after the first has handed its public key to its services.
     */
    public static synchronized LocalTokens loadOrCreate(Path dir) {
        Path signing = dir.resolve(SIGNING_KEY);
        Path pub = dir.resolve(PUBLIC_KEY);
        try {
            Files.createDirectories(dir);
            try (FileChannel lockFile = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                return loadOrCreateLocked(signing, pub);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the local token keys in " + dir, e);
        }
    }

    private static LocalTokens loadOrCreateLocked(Path signing, Path pub) throws IOException {
        Path dir = signing.getParent();
        try {
            if (!Files.exists(signing)) {
                KeyPair pair = newKeyPair();
                // the public key first: a signing key on disk always has its public key beside it
                writeAtomically(pub, pem(PUBLIC_PEM, pair.getPublic().getEncoded()), false);
                writeAtomically(signing, pem(PRIVATE_PEM, pair.getPrivate().getEncoded()), true);
            }
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(unpem(Files.readString(signing))));
            PublicKey derived = publicOf(key);
            if (!Files.exists(pub) || !Files.readString(pub).equals(pem(PUBLIC_PEM, derived.getEncoded()))) {
                writeAtomically(pub, pem(PUBLIC_PEM, derived.getEncoded()), false);
            }
            return new LocalTokens(key, derived, pub.toAbsolutePath());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the local token keys in " + dir + " are not an RSA key pair", e);
        }
    }

    /** A key pair that lives only in memory: tokens no service trusts (a test's "other issuer"). */
    public static LocalTokens inMemory() {
        KeyPair pair = newKeyPair();
        return new LocalTokens(pair.getPrivate(), pair.getPublic(), null);
    }

    /** The public key's file, for the services' {@code public-key-location}. */
    public Path publicKeyFile() {
        if (publicKeyFile == null) {
            throw new IllegalStateException("an in-memory key pair has no file");
        }
        return publicKeyFile;
    }

    /** {@code file:<absolute path>} of the public key, as Spring's resource location. */
    public String publicKeyLocation() {
        return "file:" + publicKeyFile();
    }

    /** The key pair as a signing JWK, for an issuer that signs with it (the local run's login, see local-identity). */
    public RSAKey signingJwk() {
        try {
            return new RSAKey.Builder((RSAPublicKey) publicKey).privateKey(signingKey).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).keyIDFromThumbprint().build();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot name the local signing key", e);
        }
    }

    /** A token for these roles, valid 12 hours, for the user named after the first role (officer, auditor…). */
    public String token(String... roles) {
        return mint(List.of(roles), null, null, userOf(List.of(roles)), VALIDITY);
    }

    /** A bank's token ({@code BANK}, its {@code bank_code}), valid 12 hours. */
    public String bankToken(String bankCode) {
        return mint(List.of("BANK"), bankCode, null, "bank", VALIDITY);
    }

    /** An insurer's token ({@code INSURER}, its {@code insurer_code}; 科技保险), valid 12 hours. */
    public String insurerToken(String insurerCode) {
        return mint(List.of("INSURER"), null, insurerCode, null, "insurer", Instant.now(), VALIDITY);
    }

    /** A firm's token ({@code FIRM}, its {@code uscc}), valid 12 hours. */
    public String firmToken(String uscc) {
        return mint(List.of("FIRM"), null, uscc, "firm", VALIDITY);
    }

    /** The user a token is for when none is named: its first role in lower case, or "nobody". */
    public static String userOf(List<String> roles) {
        return roles.isEmpty() ? "nobody" : roles.get(0).toLowerCase(Locale.ROOT);
    }

    /** A token valid from now for {@code validity}; bankCode and uscc may be null. */
    public String mint(List<String> roles, String bankCode, String uscc, String user, Duration validity) {
        return mint(roles, bankCode, uscc, user, Instant.now(), validity);
    }

    /** A token issued at {@code issuedAt} (in the past, for an expired one) valid for {@code validity}. */
    public String mint(List<String> roles, String bankCode, String uscc, String user, Instant issuedAt, Duration validity) {
        return mint(roles, bankCode, null, uscc, user, issuedAt, validity);
    }

    /** The same, with an insurer's {@code insurer_code} (null: none) besides. */
    public String mint(List<String> roles, String bankCode, String insurerCode, String uscc, String user, Instant issuedAt,
                       Duration validity) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject(user)
                .jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(validity)))
                .claim("roles", List.copyOf(roles));
        if (bankCode != null) {
            claims.claim("bank_code", bankCode);
        }
        if (insurerCode != null) {
            claims.claim("insurer_code", insurerCode);
        }
        if (uscc != null) {
            claims.claim("uscc", uscc);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).build(), claims.build());
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PublicKey publicOf(PrivateKey key) throws GeneralSecurityException {
        if (!(key instanceof RSAPrivateCrtKey crt)) {
            throw new GeneralSecurityException("not an RSA CRT private key");
        }
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").strip());
    }

    /** Writes beside the target and moves it in, so that a reader never sees half a key. */
    private static void writeAtomically(Path target, String content, boolean ownerOnly) throws IOException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            try {
                // the signing key for the owner only; the public key for anyone
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(ownerOnly ? "rw-------" : "rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // a file system without POSIX permissions: the folder's own protection applies
            }
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (FileAlreadyExistsException e) {
            // another process made it first: keep theirs
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
