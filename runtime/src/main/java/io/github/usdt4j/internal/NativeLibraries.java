package io.github.usdt4j.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Finds a provider's shared object in the jar and extracts it to a stable path that carries
 * its content hash, so the same build always loads from the same file and tracers can name
 * it: {@code /tmp/usdt4j-alice/libusdt4j-libmtev-3f2a…so}.
 *
 * <p>The directory is owner-only; a directory or file that another user owns, or that others
 * can write, is refused; the file is written under a temporary name and moved into place
 * atomically, and its content is checked against the hash before it is loaded.
 */
public final class NativeLibraries {
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_READ_EXEC = PosixFilePermissions.fromString("r-x------");
    private static final int HASH_CHARS = 16;

    /** A reason the library cannot be used, worded for the one warning a user sees. */
    public static final class LoadFailure extends Exception {
        private static final long serialVersionUID = 1L;

        public LoadFailure(String message) {
            super(message, null, false, false);
        }
    }

    private NativeLibraries() {}

    /** Extracts the library of {@code implementation} and returns its path. */
    public static Path extract(Class<?> implementation, String provider) throws LoadFailure {
        String platform = Platform.current();
        String resource = GeneratedNames.resourceFolder(implementation) + "/" + platform + "/"
                + GeneratedNames.libraryFileName(provider);
        byte[] library = read(implementation, resource, platform);
        String hash = sha256(library).substring(0, HASH_CHARS);
        Path directory = Settings.libraryDirectory();
        int self = ensureOwnDirectory(directory);
        Path target = directory.resolve("libusdt4j-" + provider + "-" + hash + ".so");
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            write(directory, target, library);
        }
        verify(target, hash, self);
        return target;
    }

    /** A fix to add to the warning when {@code System.load} fails. */
    public static String loadFailureHint(UnsatisfiedLinkError e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("failed to map segment") || message.contains("Operation not permitted")) {
            return " (is " + Settings.libraryDirectory() + " on a filesystem mounted noexec?"
                    + " Set -D" + Settings.LIBRARY_DIR + "= to a directory that allows executables)";
        }
        if (message.contains("already loaded in another classloader")) {
            return " (the provider is already active in another class loader of this JVM)";
        }
        return "";
    }

    private static byte[] read(Class<?> implementation, String resource, String platform) throws LoadFailure {
        ClassLoader loader = implementation.getClassLoader();
        try (InputStream in = loader == null
                ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new LoadFailure("no native library for " + platform + " in the jar (" + resource
                        + "); usdt4j links libraries on Linux with the usdt4j-maven-plugin's link goal,"
                        + " which may have been skipped (-Dusdt4j.skip)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new LoadFailure("cannot read " + resource + ": " + e);
        }
    }

    /** Creates or checks the directory; returns our uid, which it must belong to. */
    private static int ensureOwnDirectory(Path directory) throws LoadFailure {
        try {
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectories(directory.getParent());
                    Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
                } catch (FileAlreadyExistsException raced) {
                    // another JVM made it first; checked below like any existing directory
                }
            }
            if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                throw new LoadFailure(directory + " is not a directory; set -D" + Settings.LIBRARY_DIR
                        + "= to a directory of your own");
            }
            int self = currentUid(directory);
            checkNotShared(directory, self);
            return self;
        } catch (IOException e) {
            throw new LoadFailure("cannot create " + directory + ": " + e
                    + "; set -D" + Settings.LIBRARY_DIR + "= to a writable directory");
        }
    }

    /** Refuses a path another user owns or that others may write: it could be swapped. */
    private static void checkNotShared(Path path, int self) throws IOException, LoadFailure {
        int owner = (Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (owner != self) {
            throw new LoadFailure(path + " belongs to another user (uid " + owner + "); set -D"
                    + Settings.LIBRARY_DIR + "= to a directory of your own");
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
        if (permissions.contains(PosixFilePermission.GROUP_WRITE)
                || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new LoadFailure(path + " can be written by other users (" + PosixFilePermissions.toString(permissions)
                    + "); run chmod go-w on it or set -D" + Settings.LIBRARY_DIR + "=");
        }
    }

    /**
     * Our own uid: the owner of /proc/self on Linux, else of a file we create (the JDK has no
     * portable getuid).
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

    private static void write(Path directory, Path target, byte[] library) throws LoadFailure {
        Path temporary = null;
        try {
            temporary = Files.createTempFile(directory, ".libusdt4j", ".tmp");
            Files.write(temporary, library);
            Files.setPosixFilePermissions(temporary, OWNER_READ_EXEC);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException raced) {
                // another JVM moved the same content into place first; verify() checks it
            }
        } catch (IOException e) {
            throw new LoadFailure("cannot write " + target + ": " + e + "; set -D"
                    + Settings.LIBRARY_DIR + "= to a writable directory");
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless
                }
            }
        }
    }

    private static void verify(Path target, String hash, int self) throws LoadFailure {
        try {
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new LoadFailure(target + " is not a regular file; remove it");
            }
            checkNotShared(target, self);
            String actual = sha256(Files.readAllBytes(target)).substring(0, HASH_CHARS);
            if (!actual.equals(hash)) {
                throw new LoadFailure(target + " does not hold the library it is named after"
                        + " (content hash " + actual + "); remove it and restart");
            }
        } catch (IOException e) {
            throw new LoadFailure("cannot check " + target + ": " + e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required on every Java platform", e);
        }
    }
}
