package io.github.usdt4j.dtrace.compile;

import java.util.Map;

/**
 * The D types this front-end computes with: integers of 1, 2, 4 or 8 bytes, signed or not
 * (pointers are unsigned 64-bit integers that remember what they point to), and strings.
 *
 * <p>{@code fields} counts the bpftrace values that carry one D value. It is 1 but for two
 * values bpftrace 0.17 cannot hold in one: a {@code strjoin} result, kept as the strings it
 * joins and joined by the front-end where it is printed, and the buffer {@code copyin} returns,
 * kept as its address and its size until {@code stringof} reads it.
 */
public record DType(String name, boolean string, int size, boolean signed, int fields) {
    public static final DType INT = new DType("int", false, 4, true);
    public static final DType INT64 = new DType("int64_t", false, 8, true);
    public static final DType UINT64 = new DType("uint64_t", false, 8, false);
    public static final DType STRING = new DType("string", true, 0, false);
    /** {@code ustack()} as a value: perf's text of the frames, an aggregation's key only. */
    public static final DType STACK = new DType("stack", true, 0, false);
    /** What {@code copyin(address, size)} returns: its address and size, read by {@code stringof}. */
    public static final DType BUFFER = new DType("void *", false, 8, false, 2);

    private static final Map<String, DType> NAMED = Map.ofEntries(
            Map.entry("char", new DType("char", false, 1, true)),
            Map.entry("signed char", new DType("signed char", false, 1, true)),
            Map.entry("unsigned char", new DType("unsigned char", false, 1, false)),
            Map.entry("uchar_t", new DType("uchar_t", false, 1, false)),
            Map.entry("short", new DType("short", false, 2, true)),
            Map.entry("unsigned short", new DType("unsigned short", false, 2, false)),
            Map.entry("ushort_t", new DType("ushort_t", false, 2, false)),
            Map.entry("int", INT),
            Map.entry("signed", INT),
            Map.entry("signed int", INT),
            Map.entry("unsigned", new DType("unsigned", false, 4, false)),
            Map.entry("unsigned int", new DType("unsigned int", false, 4, false)),
            Map.entry("uint_t", new DType("uint_t", false, 4, false)),
            Map.entry("long", new DType("long", false, 8, true)),
            Map.entry("unsigned long", new DType("unsigned long", false, 8, false)),
            Map.entry("ulong_t", new DType("ulong_t", false, 8, false)),
            Map.entry("long long", new DType("long long", false, 8, true)),
            Map.entry("longlong_t", new DType("longlong_t", false, 8, true)),
            Map.entry("unsigned long long", new DType("unsigned long long", false, 8, false)),
            Map.entry("u_longlong_t", new DType("u_longlong_t", false, 8, false)),
            Map.entry("int8_t", new DType("int8_t", false, 1, true)),
            Map.entry("int16_t", new DType("int16_t", false, 2, true)),
            Map.entry("int32_t", new DType("int32_t", false, 4, true)),
            Map.entry("int64_t", INT64),
            Map.entry("uint8_t", new DType("uint8_t", false, 1, false)),
            Map.entry("uint16_t", new DType("uint16_t", false, 2, false)),
            Map.entry("uint32_t", new DType("uint32_t", false, 4, false)),
            Map.entry("uint64_t", UINT64),
            Map.entry("size_t", new DType("size_t", false, 8, false)),
            Map.entry("ssize_t", new DType("ssize_t", false, 8, true)),
            Map.entry("uintptr_t", new DType("uintptr_t", false, 8, false)),
            Map.entry("intptr_t", new DType("intptr_t", false, 8, true)),
            Map.entry("off_t", new DType("off_t", false, 8, true)),
            Map.entry("hrtime_t", new DType("hrtime_t", false, 8, true)),
            Map.entry("boolean_t", new DType("boolean_t", false, 4, true)),
            Map.entry("pid_t", new DType("pid_t", false, 4, true)),
            Map.entry("id_t", new DType("id_t", false, 4, true)),
            Map.entry("uid_t", new DType("uid_t", false, 4, false)),
            Map.entry("processorid_t", new DType("processorid_t", false, 4, true)),
            Map.entry("caddr_t", new DType("caddr_t", false, 8, false)),
            Map.entry("string", STRING));

    public DType(String name, boolean string, int size, boolean signed) {
        this(name, string, size, signed, 1);
    }

    /** A string that {@code strjoin} made of {@code parts} strings. */
    public static DType joined(int parts) {
        return parts == 1 ? STRING : new DType("string", true, 0, false, parts);
    }

    public boolean isStack() {
        return equals(STACK);
    }

    public boolean isBuffer() {
        return !string && fields == 2;
    }

    /** A type by its D spelling ({@code unsigned long}, {@code char *}); null when unknown. */
    public static DType named(String name) {
        String normalized = name.trim().replaceAll("\\s+", " ").replaceAll(" ?\\*", " *").replace("const ", "");
        if (normalized.endsWith("*")) {
            return new DType(normalized, false, 8, false);
        }
        return NAMED.get(normalized);
    }

    public boolean isPointer() {
        return name.endsWith("*");
    }

    /** {@code char *}: a user-space string pointer, read with copyinstr(). */
    public boolean isStringPointer() {
        return isPointer() && name.replace(" ", "").equals("char*");
    }

    /** The bpftrace cast that gives a 64-bit value this type's size and sign, or "" for 64-bit types. */
    public String bpftraceCast() {
        if (string || size == 8) {
            return "";
        }
        return "(" + (signed ? "int" : "uint") + (size * 8) + ")";
    }

    /** Reads the low {@code size} bytes of {@code bits} as this type does. */
    public long normalize(long bits) {
        if (string || size == 8) {
            return bits;
        }
        int shift = 64 - size * 8;
        return signed ? (bits << shift) >> shift : (bits << shift) >>> shift;
    }

    @Override
    public String toString() {
        return string && fields > 1 ? "string (strjoin of " + fields + ")" : name;
    }
}
