package dev.slipway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * The user's slipway folder: $XDG_CONFIG_HOME/slipway, else ~/.config/slipway. Files are written
 * owner-only (0600, folder 0700) because the credentials file holds refresh tokens, and replaced
 * atomically so that a crash never leaves half a file.
 */
final class ConfigDir {
    private final Path dir;

    ConfigDir(Path dir) {
        this.dir = dir;
    }

    static ConfigDir from(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".config");
        return new ConfigDir(base.resolve("slipway"));
    }

    Path path(String name) {
        return dir.resolve(name);
    }

    String read(String name) throws IOException {
        Path file = path(name);
        return Files.exists(file) ? Files.readString(file) : null;
    }

    void writePrivate(String name, String content) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            setPermissions(dir, "rwx------");
        }
        Path temporary = Files.createTempFile(dir, name, ".tmp");
        try {
            setPermissions(temporary, "rw-------");
            Files.writeString(temporary, content);
            Files.move(temporary, path(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void setPermissions(Path path, String permissions) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file sits in the user's own profile folder, which other users cannot read.
        }
    }
}
