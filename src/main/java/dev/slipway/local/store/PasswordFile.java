package dev.slipway.local.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The embedded server's application password, generated once and kept next to the data
 * directory so that restarts (and tools like psql) keep using the same one.
 */
final class PasswordFile {

    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordFile() {
    }

    static String readOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                create(file, generate());
            }
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.isEmpty()) {
                throw new IllegalStateException("Password file " + file + " is empty; delete it to generate a new one");
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the embedded PostgreSQL password file " + file, e);
        }
    }

    private static void create(Path file, String password) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try {
            // Created with mode 600 from the start, so the password is never readable by others.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException nonPosix) {
            Files.createFile(file);
        } catch (FileAlreadyExistsException raced) {
            return;
        }
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
    }

    private static String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        // URL-safe alphabet: nothing that needs quoting in SQL, URLs or shells.
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
