package io.github.usdt4j.dtrace.probes;

import io.github.usdt4j.catalogue.ProbeNames;

/**
 * What of a probe may be written into a bpftrace program's attach point
 * ({@code usdt:PATH:PROVIDER:PROBE}). Paths and names come from files and processes anyone may
 * own; one with a newline, a space, a brace or a colon would end the attach point and write
 * her own clause into root's program. So a provider or probe name must be a D identifier of
 * at most {@link ProbeNames#MAX_NAME_LENGTH} characters, and a path an absolute one of
 * letters, digits and {@code _ . / + -} only. The catalogue refuses a file whose notes break
 * this; the compiler checks it again for every probe it writes.
 */
public final class TracerText {
    private TracerText() {}

    /** Whether {@code name} can be a provider or probe in an attach point. */
    public static boolean isName(String name) {
        return name.length() <= ProbeNames.MAX_NAME_LENGTH && ProbeNames.isIdentifier(name);
    }

    /** Whether {@code path} can be written as the file of an attach point. */
    public static boolean isPath(String path) {
        if (path.isEmpty() || path.charAt(0) != '/' || path.length() > 4096) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            boolean plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '/' || c == '+' || c == '-';
            if (!plain) {
                return false;
            }
        }
        return true;
    }
}
