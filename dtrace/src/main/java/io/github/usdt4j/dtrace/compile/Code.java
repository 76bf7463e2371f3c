package io.github.usdt4j.dtrace.compile;

import java.util.ArrayList;
import java.util.List;

/**
 * An expression in bpftrace: its text, its D type, and whether it is already a condition.
 * A value of several fields (a strjoin, a copyin buffer: see {@link DType#fields()}) has
 * one text per field in {@code pieces}; only the places that can carry it take it.
 */
record Code(String text, DType type, boolean condition, List<String> pieces) {
    Code(String text, DType type, boolean condition) {
        this(text, type, condition, List.of(text));
    }

    Code(String text, DType type) {
        this(text, type, false);
    }

    /** A string made of strings: adjacent literals become one. */
    static Code joined(List<String> pieces) {
        List<String> merged = new ArrayList<>();
        for (String piece : pieces) {
            int last = merged.size() - 1;
            if (last >= 0 && isLiteral(piece) && isLiteral(merged.get(last))) {
                String before = merged.get(last);
                merged.set(last, before.substring(0, before.length() - 1) + piece.substring(1));
            } else {
                merged.add(piece);
            }
        }
        return new Code(merged.get(0), DType.joined(merged.size()), false, List.copyOf(merged));
    }

    static Code buffer(String address, String size) {
        return new Code(address, DType.BUFFER, false, List.of(address, size));
    }

    private static boolean isLiteral(String piece) {
        return piece.matches("\"([^\"\\\\]|\\\\.)*\"");
    }
}
