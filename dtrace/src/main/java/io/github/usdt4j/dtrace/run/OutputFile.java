package io.github.usdt4j.dtrace.run;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * {@code -o FILE}, appended to as dtrace appends, but safe in a directory other users share
 * (/tmp, where {@code fs.protected_symlinks} and {@code fs.protected_fifos} are often off in
 * containers): the front-end runs as root, and dtrace's own {@code fopen(file, "a")} follows
 * a link she planted into a root-only file, appends to her file, and waits for ever on her
 * FIFO. Here a name that does not exist is created with {@code O_EXCL} (nothing planted in the
 * meantime is opened), and one that exists must be a regular file of ours, opened without
 * following a link, in a directory where no one else can swap it: root's or ours and written
 * by no one else, or sticky.
 */
public final class OutputFile {
    private static final int OTHERS_CAN_WRITE = 0022;
    private static final int STICKY = 01000;

    private OutputFile() {}

    /** Thrown when the file is not one we may write safely; the message says why. */
    public static final class Refused extends IOException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /** {@code file} opened for appending, or {@link Refused} saying why not. */
    public static OutputStream openForAppend(Path file) throws IOException {
        int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        Path directory = file.toAbsolutePath().getParent();
        Map<String, Object> place = Files.readAttributes(directory, "unix:uid,mode"); // where a link there leads
        int placeMode = (Integer) place.get("mode");
        int placeOwner = (Integer) place.get("uid");
        if ((placeOwner != 0 && placeOwner != self) || ((placeMode & OTHERS_CAN_WRITE) != 0 && (placeMode & STICKY) == 0)) {
            throw new Refused("its directory " + directory + " " + (placeOwner != 0 && placeOwner != self
                    ? "belongs to another user (uid " + placeOwner + ")" : "can be written by other users and is not sticky")
                    + ", who could put a link or a FIFO under its name");
        }
        Map<String, Object> existing;
        try {
            existing = Files.readAttributes(file, "unix:uid,mode,isRegularFile,isSymbolicLink", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException absent) {
            try {
                return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
            } catch (FileAlreadyExistsException raced) {
                throw new Refused("it appeared while it was being created; someone else put it there");
            }
        }
        if ((Boolean) existing.get("isSymbolicLink")) {
            throw new Refused("it is a symbolic link");
        }
        if (!(Boolean) existing.get("isRegularFile")) {
            throw new Refused("it is not a regular file");
        }
        int owner = (Integer) existing.get("uid");
        if (owner != self) {
            throw new Refused("it belongs to another user (uid " + owner + ")");
        }
        return Files.newOutputStream(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
    }
}
