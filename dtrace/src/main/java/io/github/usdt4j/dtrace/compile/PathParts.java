package io.github.usdt4j.dtrace.compile;

/**
 * D's {@code dirname} and {@code basename}, of a literal when compiling and of a kept string
 * when printing ({@link DType#DIRNAME}): trailing slashes are left out, a path without a
 * directory has {@code "."}, a path of slashes is {@code "/"}.
 */
public final class PathParts {
    private PathParts() {}

    public static String of(String path, boolean directory) {
        int last = path.length() - 1;
        while (last >= 0 && path.charAt(last) == '/') {
            last--;
        }
        if (last < 0) {
            return path.isEmpty() ? "." : "/";
        }
        int first = path.lastIndexOf('/', last) + 1;
        if (!directory) {
            return path.substring(first, last + 1);
        }
        if (first == 0) {
            return ".";
        }
        int dir = first - 1;
        while (dir >= 0 && path.charAt(dir) == '/') {
            dir--;
        }
        return dir < 0 ? "/" : path.substring(0, dir + 1);
    }
}
