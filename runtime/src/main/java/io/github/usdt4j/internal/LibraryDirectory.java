package io.github.usdt4j.internal;

import io.github.usdt4j.internal.NativeLibraries.LoadFailure;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The directory libraries are extracted to, checked so that nobody but its user and root can
 * put a file in it or swap it: the directory is owner-only, and every directory above it, as
 * given and as symbolic links resolve it, belongs to root or the user and is not writable by
 * others unless sticky (the rule OpenSSH's StrictModes applies to {@code ~/.ssh}). With that,
 * the file that was hashed is the file {@code System.load} opens.
 *
 * <p>When the default directory is unusable (another user made {@code /tmp/usdt4j-alice}
 * first), a per-user place is used instead and one warning says where; a directory the user
 * configured is never replaced.
 */
final class LibraryDirectory {
    private static final int OTHERS_CAN_WRITE = 0022;
    private static final int STICKY = 01000;
    private static final int FILE_TYPE = 0170000;
    private static final int SYMBOLIC_LINK = 0120000;
    private static final int DIRECTORY = 0040000;
    private static final int REGULAR_FILE = 0100000;

    /** A usable directory, and a note for the user when it is not the one they would expect. */
    record Choice(Path path, int uid, String note) {}

    /** The last choice, and the directory asked for when it was made. */
    private record Chosen(Path asked, Choice choice) {}

    private static volatile Chosen chosen;

    private LibraryDirectory() {}

    /**
     * {@link #choose()}, made once per JVM and directory asked for: each further provider only
     * checks that the directory is still ours and private (one {@code stat}), not every
     * directory above it again. Those can change only by their owner, root or this user, so
     * the first check holds; the directory itself is rechecked because a tidier may remove it
     * and another user make one of the same name, and then it is chosen afresh.
     */
    static Choice chooseOnce() throws LoadFailure {
        Path asked = Settings.libraryDirectory();
        Chosen last = chosen;
        if (last != null && last.asked().equals(asked) && stillOurs(last.choice())) {
            return last.choice();
        }
        Choice choice = choose();
        chosen = new Chosen(asked, choice);
        return choice;
    }

    private static boolean stillOurs(Choice choice) {
        try {
            Map<String, Object> attributes = Files.readAttributes(choice.path(), "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) attributes.get("mode");
            return (mode & FILE_TYPE) == DIRECTORY && (Integer) attributes.get("uid") == choice.uid()
                    && (mode & OTHERS_CAN_WRITE) == 0;
        } catch (IOException | RuntimeException e) {
            return false; // gone or unreadable: choose() says why
        }
    }

    static Choice choose() throws LoadFailure {
        Path configured = Settings.libraryDirectory();
        if (Settings.libraryDirectoryConfigured()) {
            return new Choice(configured, prepare(configured), null);
        }
        LoadFailure refused;
        try {
            return new Choice(configured, prepare(configured), null);
        } catch (LoadFailure e) {
            refused = e;
        }
        for (Path fallback : fallbacks(System.getenv(), System.getProperty("user.home"))) {
            try {
                int uid = prepare(fallback);
                return new Choice(fallback, uid, "usdt4j: native libraries go to " + fallback
                        + " because the default directory cannot be used: " + refused.getMessage());
            } catch (LoadFailure ignored) {
                // try the next place; the first refusal is the one worth reporting
            }
        }
        throw refused;
    }

    /** Per-user places: {@code $XDG_RUNTIME_DIR/usdt4j}, then {@code ~/.cache/usdt4j}. */
    static List<Path> fallbacks(Map<String, String> environment, String home) {
        List<Path> places = new ArrayList<>();
        String runtime = environment.get("XDG_RUNTIME_DIR");
        if (runtime != null && runtime.startsWith("/")) {
            places.add(Path.of(runtime, "usdt4j"));
        }
        if (home != null && home.startsWith("/")) {
            places.add(Path.of(home, ".cache", "usdt4j"));
        }
        return places;
    }

    /** Creates or checks {@code directory}; returns our uid, which it belongs to. */
    static int prepare(Path directory) throws LoadFailure {
        try {
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectories(directory.getParent());
                    Files.createDirectory(directory,
                            PosixFilePermissions.asFileAttribute(Set.of(PosixFilePermission.OWNER_READ,
                                    PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE)));
                } catch (FileAlreadyExistsException raced) {
                    // another JVM made it first; checked below like any existing directory
                }
            }
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                throw new LoadFailure(directory + " is not a directory; set -D" + Settings.LIBRARY_DIR
                        + "= to a directory of your own");
            }
            int self = currentUid(directory);
            checkOwnedAndPrivate(directory, self);
            checkAncestors(directory, self);
            checkAncestors(directory.toRealPath(), self);
            return self;
        } catch (IOException e) {
            throw new LoadFailure("cannot create " + directory + ": " + e
                    + "; set -D" + Settings.LIBRARY_DIR + "= to a writable directory");
        }
    }

    /**
     * Checks an existing library directory as {@link #prepare} would, without creating it: a
     * tool that reads the libraries in it (usdt4j-dtrace's {@code -c}) trusts no directory
     * the runtime itself would refuse.
     */
    static void checkExisting(Path directory) throws LoadFailure {
        try {
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                throw new LoadFailure(directory + " is not a directory");
            }
            int self = currentUid(directory);
            checkOwnedAndPrivate(directory, self);
            checkAncestors(directory, self);
            checkAncestors(directory.toRealPath(), self);
        } catch (IOException e) {
            throw new LoadFailure("cannot check " + directory + ": " + e);
        }
    }

    /** What the checks read of {@code path} itself (not where a link leads), in one {@code lstat}. */
    static Map<String, Object> attributesOf(Path path) throws IOException {
        return Files.readAttributes(path, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
    }

    /** Whether {@code attributes}, from {@link #attributesOf}, are a regular file's. */
    static boolean isRegularFile(Map<String, Object> attributes) {
        return ((Integer) attributes.get("mode") & FILE_TYPE) == REGULAR_FILE;
    }

    /** Refuses a file or directory another user owns or that others may write: it could be swapped. */
    static void checkOwnedAndPrivate(Path path, int self) throws IOException, LoadFailure {
        checkOwnedAndPrivate(path, attributesOf(path), self);
    }

    /** {@link #checkOwnedAndPrivate(Path, int)} on attributes already read. */
    static void checkOwnedAndPrivate(Path path, Map<String, Object> attributes, int self) throws LoadFailure {
        int owner = (Integer) attributes.get("uid");
        if (owner != self) {
            throw new LoadFailure(path + " belongs to another user (uid " + owner + "); set -D"
                    + Settings.LIBRARY_DIR + "= to a directory of your own");
        }
        int mode = (Integer) attributes.get("mode");
        if ((mode & OTHERS_CAN_WRITE) != 0) {
            throw new LoadFailure(path + " can be written by other users (mode "
                    + Integer.toOctalString(mode & 07777) + "); run chmod go-w on it or set -D"
                    + Settings.LIBRARY_DIR + "=");
        }
    }

    /** Every directory above {@code directory}: root's or ours, and not writable by others unless sticky. */
    private static void checkAncestors(Path directory, int self) throws IOException, LoadFailure {
        for (Path above = directory.toAbsolutePath().getParent(); above != null; above = above.getParent()) {
            Map<String, Object> attributes = Files.readAttributes(above, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) attributes.get("mode");
            if ((mode & FILE_TYPE) == SYMBOLIC_LINK) {
                continue; // nobody can change a link itself; what it points to is checked as resolved
            }
            int owner = (Integer) attributes.get("uid");
            if (owner != 0 && owner != self) {
                throw new LoadFailure(above + ", above the library directory " + directory
                        + ", belongs to another user (uid " + owner + "), who could swap the directory;"
                        + " set -D" + Settings.LIBRARY_DIR + "= to a directory whose parents only you and root own");
            }
            if ((mode & OTHERS_CAN_WRITE) != 0 && (mode & STICKY) == 0) {
                throw new LoadFailure(above + ", above the library directory " + directory
                        + ", can be written by other users and is not sticky (mode "
                        + Integer.toOctalString(mode & 07777) + "), so they could swap the directory;"
                        + " run chmod go-w (or +t) on it or set -D" + Settings.LIBRARY_DIR + "=");
            }
        }
    }

    /**
     * Our own uid: the owner of {@code /proc/self} on Linux, else of a file we create (the JDK
     * has no portable getuid).
     */
    private static int currentUid(Path directory) throws IOException {
        Path self = Path.of("/proc/self");
        if (Files.exists(self)) {
            return (Integer) Files.getAttribute(self, "unix:uid");
        }
        Path probe = Files.createTempFile(directory, ".uid", ".tmp");
        try {
            return (Integer) Files.getAttribute(probe, "unix:uid");
        } finally {
            Files.deleteIfExists(probe);
        }
    }
}
