package io.github.usdt4j.catalogue;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The D integer types by name, with their width and sign: the one table the processor (which
 * types a {@code @DType} may name) and the D front-end (how it reads an argument of each type)
 * both use, so a type one accepts is never one the other misreads.
 *
 * <p>{@link IntegerType#inC} says whether the name is also a C type on Linux ({@code stdint.h},
 * {@code sys/types.h}): the glue casts each value to its D type, so a provider may declare only
 * those. The others ({@code uchar_t}, {@code hrtime_t}…) are Solaris types that D scripts
 * written for DTrace use in casts and declarations.
 */
public final class IntegerTypes {
    /** An integer D type: its width in bytes, whether it is signed, and whether C on Linux has it. */
    public record IntegerType(String name, int bytes, boolean signed, boolean inC) {}

    private static final Map<String, IntegerType> TYPES = new LinkedHashMap<>();

    static {
        c("char", 1, true);
        c("signed char", 1, true);
        c("unsigned char", 1, false);
        c("short", 2, true);
        c("signed short", 2, true);
        c("unsigned short", 2, false);
        c("int", 4, true);
        c("signed", 4, true);
        c("signed int", 4, true);
        c("unsigned", 4, false);
        c("unsigned int", 4, false);
        c("long", 8, true);
        c("signed long", 8, true);
        c("unsigned long", 8, false);
        c("long long", 8, true);
        c("signed long long", 8, true);
        c("unsigned long long", 8, false);
        c("int8_t", 1, true);
        c("int16_t", 2, true);
        c("int32_t", 4, true);
        c("int64_t", 8, true);
        c("uint8_t", 1, false);
        c("uint16_t", 2, false);
        c("uint32_t", 4, false);
        c("uint64_t", 8, false);
        c("size_t", 8, false);
        c("ssize_t", 8, true);
        c("off_t", 8, true);
        c("intptr_t", 8, true);
        c("uintptr_t", 8, false);
        c("pid_t", 4, true);
        c("id_t", 4, true);
        c("uid_t", 4, false);
        c("gid_t", 4, false);
        d("uchar_t", 1, false);
        d("ushort_t", 2, false);
        d("uint_t", 4, false);
        d("ulong_t", 8, false);
        d("longlong_t", 8, true);
        d("u_longlong_t", 8, false);
        d("hrtime_t", 8, true);
        d("boolean_t", 4, true);
        d("processorid_t", 4, true);
        d("caddr_t", 8, false); // a char * in Solaris, read here as the address it is
    }

    private IntegerTypes() {}

    private static void c(String name, int bytes, boolean signed) {
        TYPES.put(name, new IntegerType(name, bytes, signed, true));
    }

    private static void d(String name, int bytes, boolean signed) {
        TYPES.put(name, new IntegerType(name, bytes, signed, false));
    }

    /** The type called {@code name} (one space between words), or null. */
    public static IntegerType named(String name) {
        return TYPES.get(name);
    }

    /** Every type, C's first, in the order above. */
    public static Collection<IntegerType> all() {
        return TYPES.values();
    }
}
