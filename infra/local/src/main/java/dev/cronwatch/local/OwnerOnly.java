package dev.cronwatch.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The data directory and its files, readable by their owner only: dynamodb.db holds every
 * organization's DSN keys, local.json a token. Made so when created and again on every start, for
 * a directory an earlier version made world-readable. Where the file system has no POSIX
 * permissions (Windows), the directory's ACL is what the user gave it.
 */
final class OwnerOnly {
    private OwnerOnly() {
    }

    static void directory(Path directory) throws IOException {
        Files.createDirectories(directory);
        if (posix(directory)) Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    }

    /** Created empty if missing, so that whoever writes it next keeps these permissions. */
    static void file(Path file) throws IOException {
        if (!posix(file)) {
            if (Files.notExists(file)) Files.createFile(file);
        } else if (Files.notExists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
