package io.github.usdt4j.dtrace.compile;

import io.github.usdt4j.catalogue.IntegerTypes;
import java.util.List;
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
    /**
     * {@code dirname(s)} and {@code basename(s)} of a string the program holds: bpftrace 0.17
     * cannot take it apart (a loop over its bytes is more than the BPF verifier will explore),
     * so the program keeps the string and the front-end takes it apart where it prints it or
     * shows it as a key ({@link #rendered}), as it joins a strjoin.
     */
    public static final DType DIRNAME = new DType("dirname( )", true, 0, false);
    public static final DType BASENAME = new DType("basename( )", true, 0, false);
    /** {@code toupper(s)} and {@code tolower(s)}: changed, ASCII letters only as D changes them, where printed or a key. */
    public static final DType TOUPPER = new DType("toupper( )", true, 0, false);
    public static final DType TOLOWER = new DType("tolower( )", true, 0, false);
    /** {@code lltostr(n)}: the program keeps the number, and the front-end shows it as the string of its digits. */
    public static final DType LLTOSTR = new DType("lltostr( )", false, 8, true);

    /**
     * {@code curpsinfo->pr_psargs}, the process's arguments: the program records the pid, and
     * the front-end reads the arguments from {@code /proc} where it prints them or shows them as
     * a key (bpftrace 0.17 cannot join a process's arguments into one string).
     */
    public static final DType PSARGS = new DType("pr_psargs", false, 4, true);

    /** What {@code copyin(address, size)} returns: its address and size, read by {@code stringof}. */
    public static final DType BUFFER = new DType("void *", false, 8, false, 2);

    /** The integer types by name, from the table the processor shares ({@link IntegerTypes}), and {@code string}. */
    private static final Map<String, DType> NAMED = new java.util.HashMap<>();

    static {
        for (IntegerTypes.IntegerType type : IntegerTypes.all()) {
            boolean isInt = type.bytes() == 4 && type.signed() && List.of("int", "signed", "signed int").contains(type.name());
            NAMED.put(type.name(), isInt ? INT : type.name().equals("int64_t") ? INT64
                    : type.name().equals("uint64_t") ? UINT64 : new DType(type.name(), false, type.bytes(), type.signed()));
        }
        NAMED.put("string", STRING);
    }

    public DType(String name, boolean string, int size, boolean signed) {
        this(name, string, size, signed, 1);
    }

    /** A string that {@code strjoin} made of {@code parts} strings. */
    public static DType joined(int parts) {
        return parts == 1 ? STRING : new DType("string", true, 0, false, parts);
    }

    /** Whether printf's {@code %s} takes it: a string, or what the front-end shows as one ({@link #PSARGS}). */
    public boolean printsAsString() {
        return string || equals(PSARGS) || equals(LLTOSTR);
    }

    /** Whether the front-end computes this string from the one the program keeps ({@link #DIRNAME}). */
    public boolean isRendered() {
        return equals(DIRNAME) || equals(BASENAME) || equals(TOUPPER) || equals(TOLOWER) || equals(LLTOSTR);
    }

    /** The text this type shows for {@code kept}, the byte text the program kept: itself, or its dirname or basename. */
    public String rendered(String kept) {
        if (equals(DIRNAME) || equals(BASENAME)) {
            return PathParts.of(kept, equals(DIRNAME));
        }
        if (equals(TOUPPER) || equals(TOLOWER)) {
            StringBuilder changed = new StringBuilder(kept.length());
            for (char c : kept.toCharArray()) { // byte text: D's toupper changes a to z and nothing else
                changed.append(equals(TOUPPER) && c >= 'a' && c <= 'z' ? (char) (c - 32)
                        : equals(TOLOWER) && c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
            }
            return changed.toString();
        }
        if (equals(LLTOSTR)) {
            return Long.toString(Long.parseLong(kept.trim()));
        }
        return kept;
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
