package io.github.usdt4j.dtrace.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The programs the front-end runs (bpftrace, cpp, kill, setsid, setpriv), found by absolute
 * path in the system's own directories, never through {@code PATH}: the front-end runs as
 * root, and a {@code PATH} that names a directory another user can write would run her
 * program as root. A program is used only when it, and every directory above it, belongs to
 * root (or to us) and no one else may write it.
 */
public final class Tools {
    /** Where Debian's root looks, in its order. */
    static final List<Path> DIRECTORIES = List.of(Path.of("/usr/local/sbin"), Path.of("/usr/local/bin"),
            Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/sbin"), Path.of("/bin"));

    private static final int OTHERS_CAN_WRITE = 0022;
    private static final int STICKY = 01000;
    private static final int FILE_TYPE = 0170000;
    private static final int SYMBOLIC_LINK = 0120000;

    private Tools() {}

    /** The trusted absolute path of {@code name}, or null when no system directory has one we may run. */
    public static String find(String name) {
        return find(name, DIRECTORIES);
    }

    static String find(String name, List<Path> directories) {
        for (Path directory : directories) {
            Path candidate = directory.resolve(name);
            if (Files.isExecutable(candidate) && isTrusted(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }

    /** Whether {@code path}, as its links resolve, and every directory above it are root's or ours and written by no one else. */
    static boolean isTrusted(Path path) {
        return isTrusted(path, false);
    }

    /**
     * Whether no user but root and us can change what {@code path} is: it and every directory
     * above it belong to root or to us, and no one else may write them. With
     * {@code stickyDirectories}, a directory others may write counts when it is sticky (as
     * {@code /tmp}), where only the owner of an entry may rename or remove it; the runtime
     * accepts its library directory's parents by the same rule. A path through a symbolic link
     * is not trusted: it is checked as it is, not where the link leads.
     */
    public static boolean isTrusted(Path path, boolean stickyDirectories) {
        try {
            int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            Path real = stickyDirectories ? path.toAbsolutePath() : path.toRealPath();
            if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            for (Path at = real; at != null; at = at.getParent()) {
                Map<String, Object> attributes = Files.readAttributes(at, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
                int owner = (Integer) attributes.get("uid");
                int mode = (Integer) attributes.get("mode");
                boolean othersWrite = (mode & OTHERS_CAN_WRITE) != 0;
                boolean sticky = at != real && (mode & STICKY) != 0;
                if ((owner != 0 && owner != self) || (mode & FILE_TYPE) == SYMBOLIC_LINK
                        || (othersWrite && !(stickyDirectories && sticky))) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
