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
    public synchronized String passwordOf(String name) {
        Path file = directory.resolve(name + ".password");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            byte[] bytes = new byte[24];
            RANDOM.nextBytes(bytes);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            createOwnerOnlyDirectory(directory);
            writeOwnerOnly(file, password.getBytes(StandardCharsets.UTF_8));
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the password of " + name + " in " + directory, e);
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
    static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.write(file, content, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }
}
