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
        try {
            int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            Path real = path.toRealPath();
            if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
            for (Path at = real; at != null; at = at.getParent()) {
                Map<String, Object> attributes = Files.readAttributes(at, "unix:uid,mode", LinkOption.NOFOLLOW_LINKS);
                int owner = (Integer) attributes.get("uid");
                int mode = (Integer) attributes.get("mode");
                if ((owner != 0 && owner != self) || (mode & OTHERS_CAN_WRITE) != 0) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
