package cn.shanghai.techfinance.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Passwords kept in files under one directory, one file per name, generated on first use and read
 * back ever after: the local run's principals and database users keep their passwords across runs,
 * so the client files written once stay valid.
 */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path directory;

    public Secrets(Path directory) {
        this.directory = directory;
    }

    /** The password of {@code name}, created (24 random bytes, URL-safe base64) if it has none yet. */
    public String passwordOf(String name) {
        return kept(name + ".password", 24, Base64.getUrlEncoder().withoutPadding());
    }

    /** The key of {@code name}, created ({@code bytes} random bytes, standard base64) if it has none yet. */
    public String keyOf(String name, int bytes) {
        return kept(name + ".key", bytes, Base64.getEncoder());
    }

    private synchronized String kept(String fileName, int bytes, Base64.Encoder encoder) {
        Path file = directory.resolve(fileName);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            byte[] random = new byte[bytes];
            RANDOM.nextBytes(random);
            String secret = encoder.encodeToString(random);
            createOwnerOnlyDirectory(directory);
            writeOwnerOnly(file, secret.getBytes(StandardCharsets.UTF_8));
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep " + fileName + " in " + directory, e);
        }
    }

    private static void createOwnerOnlyDirectory(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(directory.toAbsolutePath().getParent());
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(directory);
        }
    }

    /** Writes {@code file} with owner-only permissions (rw-------) on a POSIX file system. */
    public static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.write(file, content, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }
}
