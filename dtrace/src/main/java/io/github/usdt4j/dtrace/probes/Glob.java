package io.github.usdt4j.dtrace.probes;

/** DTrace's probe-description patterns: {@code *}, {@code ?}, {@code [set]} and {@code \} escapes. */
final class Glob {
    private Glob() {}

    /** An empty pattern matches everything, as an empty field of a description does. */
    static boolean matches(String pattern, String text) {
        return pattern.isEmpty() || match(pattern, 0, text, 0);
    }

    static boolean isPattern(String text) {
        return text.indexOf('*') >= 0 || text.indexOf('?') >= 0 || text.indexOf('[') >= 0;
    }

    private static boolean match(String p, int pi, String t, int ti) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                for (int k = ti; k <= t.length(); k++) {
                    if (match(p, pi + 1, t, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (ti >= t.length()) {
                return false;
            }
            if (c == '?') {
                pi++;
                ti++;
            } else if (c == '[') {
                int close = p.indexOf(']', pi + 1);
                if (close < 0) {
                    return false;
                }
                if (!inSet(p.substring(pi + 1, close), t.charAt(ti))) {
                    return false;
                }
                pi = close + 1;
                ti++;
            } else {
                if (c == '\\' && pi + 1 < p.length()) {
                    c = p.charAt(++pi);
                }
                if (c != t.charAt(ti)) {
                    return false;
                }
                pi++;
                ti++;
            }
        }
        return ti == t.length();
    }

    private static boolean inSet(String set, char c) {
        boolean negate = set.startsWith("!") || set.startsWith("^");
        String body = negate ? set.substring(1) : set;
        boolean found = false;
        for (int i = 0; i < body.length(); i++) {
            if (i + 2 < body.length() && body.charAt(i + 1) == '-') {
                found |= c >= body.charAt(i) && c <= body.charAt(i + 2);
                i += 2;
            } else {
                found |= c == body.charAt(i);
            }
        }
        return found != negate;
    }
}
