package io.github.usdt4j.dtrace.compile;

/**
 * D's {@code dirname} and {@code basename} of a string known when compiling, by the rules the
 * loop {@link Expressions} writes for a string in user memory follows: trailing slashes are
 * left out, a path without a directory has {@code "."}, a path of slashes is {@code "/"}.
 */
final class PathParts {
    private PathParts() {}

    static String of(String path, boolean directory) {
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
