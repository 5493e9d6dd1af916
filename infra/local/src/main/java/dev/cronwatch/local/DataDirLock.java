package dev.cronwatch.local;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One cronwatch-local per data directory: two would run two clocks and two processors on one
 * database and rewrite each other's local.json. An OS file lock on {@code <data-dir>/lock}, so it goes
 * with the process however that ends; the file keeps the holder's pid for the message.
 */
final class DataDirLock implements AutoCloseable {
    static final String FILE = "lock";

    /** Another copy holds the directory. */
    static final class InUseException extends IllegalStateException {
        InUseException(Path dataDir, String holder) {
            super("the data directory " + dataDir.toAbsolutePath().normalize() + " is in use by another cronwatch-local"
                    + (holder.isEmpty() ? "" : " (pid " + holder + ")")
                    + "; stop it, or give this one another --data-dir");
        }
    }

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static DataDirLock acquire(Path dataDir) throws IOException {
        OwnerOnly.directory(dataDir);
        Path file = dataDir.resolve(FILE);
        OwnerOnly.file(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new InUseException(dataDir, Files.readString(file, StandardCharsets.UTF_8).trim());
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        return new DataDirLock(channel, lock);
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // the process is stopping; the OS releases the lock with the file anyway
        }
    }
}
