package io.github.usdt4j.processor.model;

import io.github.usdt4j.catalogue.IntegerTypes;
import io.github.usdt4j.catalogue.IntegerTypes.IntegerType;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The D types a {@code @DType} may name, and which Java values they can hold. The glue casts
 * each value to its D type, so the ELF note records the width a C caller would record. The
 * integer types are the shared table's ({@link IntegerTypes}), those C has.
 */
public final class DTypes {
    private static final Pattern POINTER = Pattern.compile(
            "(const )?((struct|union|enum) )?[A-Za-z_][A-Za-z0-9_]*( const)?( ?\\*)+");
    private static final Pattern CHAR_POINTER = Pattern.compile("(const )?char ?\\*");

    private DTypes() {}

    /** Collapses runs of spaces and puts one space before the first {@code *}: {@code void *}. */
    public static String normalize(String dType) {
        String collapsed = dType.trim().replaceAll("\\s+", " ");
        return collapsed.replaceAll(" ?\\*", " *").replace("* *", "**").replace("* *", "**");
    }

    /** The integer type {@code dType} names, if it is one a provider may declare: a C type the glue can cast to. */
    public static Optional<IntegerType> integer(String dType) {
        return Optional.ofNullable(IntegerTypes.named(dType)).filter(IntegerType::inC);
    }

    public static boolean isPointer(String dType) {
        return POINTER.matcher(dType).matches();
    }

    public static boolean isString(String dType) {
        return CHAR_POINTER.matcher(dType).matches();
    }

    /**
     * Why {@code dType} cannot carry a value of {@code kind}, or empty when it can: text goes
     * in {@code char *}; pointers need a {@code long}; an integer type must be at least as
     * wide as the Java value.
     */
    public static Optional<String> mismatch(JavaKind kind, String dType) {
        if (kind.isText()) {
            return isString(dType) ? Optional.empty()
                    : Optional.of("a " + kindName(kind) + " reaches the tracer as a string; declare it \"char *\"");
        }
        if (isString(dType)) {
            return Optional.of("\"" + dType + "\" is a string, but the parameter is a number;"
                    + " pass a String, or declare a number type such as \"" + kind.defaultDType() + "\"");
        }
        if (isPointer(dType)) {
            return kind == JavaKind.LONG ? Optional.empty()
                    : Optional.of("a pointer needs 64 bits; declare the parameter long");
        }
        Optional<IntegerType> integer = integer(dType);
        if (integer.isEmpty()) {
            return Optional.of("\"" + dType + "\" is not a D type usdt4j knows; use a C integer type"
                    + " (int, uint32_t, size_t, …) or a pointer type (void *, struct name *)");
        }
        if (integer.get().bytes() < kind.bytes()) {
            return Optional.of("\"" + dType + "\" holds " + integer.get().bytes() * 8 + " bits, but a "
                    + kindName(kind) + " has " + kind.bytes() * 8 + "; declare a wider type or narrow the parameter");
        }
        return Optional.empty();
    }

    /** {@code true} for the unsigned integer types ({@code size_t}, {@code uint32_t}, …). */
    public static boolean isUnsigned(String dType) {
        return integer(dType).map(type -> !type.signed()).orElse(false);
    }

    private static String kindName(JavaKind kind) {
        switch (kind) {
            case STRING:
                return "String";
            case ENUM:
                return "enum";
            case OBJECT:
                return "object";
            default:
                return kind.name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
