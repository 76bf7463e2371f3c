package io.github.usdt4j.catalogue;

/**
 * How each tool spells a probe. DTrace shows the name as declared, with dashes
 * ({@code eventer-read-entry}); the provider file, the ELF note, bpftrace and perf carry each
 * dash as two underscores ({@code eventer__read__entry}), which is why a name may not contain
 * {@code __} of its own.
 */
public final class ProbeNames {
    private ProbeNames() {}

    /**
     * The longest provider or probe name DTrace keeps ({@code DTRACE_PROVNAMELEN} and
     * {@code DTRACE_NAMELEN} are 64 with the terminating NUL).
     */
    public static final int MAX_NAME_LENGTH = 63;

    /**
     * Whether {@code name} is a D (and C) identifier: a letter or {@code _}, then letters, digits
     * and {@code _}, ASCII only. The processor allows no other provider or parameter name, and
     * the tools trace no note whose provider or probe is not one: such a name could not be
     * written into a tracer's program without changing what the program says. A loop, not a
     * regular expression, as this class is on a provider's start path.
     */
    public static boolean isIdentifier(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    /** {@code eventer-read-entry} gives {@code eventer__read__entry}. */
    public static String elfName(String probeName) {
        return probeName.replace("-", "__");
    }

    /** {@code eventer__read__entry} gives {@code eventer-read-entry}. */
    public static String probeName(String elfName) {
        return elfName.replace("__", "-");
    }

    /** The probe in bpftrace: {@code usdt::libmtev:eventer__read__entry}. */
    public static String bpftrace(String provider, String elfName) {
        return "usdt::" + provider + ":" + elfName;
    }

    /** The probe's event in perf: {@code sdt_libmtev:eventer__read__entry}. */
    public static String perf(String provider, String elfName) {
        return "sdt_" + provider + ":" + elfName;
    }

    /** The probe in every process that has it, as DTrace describes it: {@code libmtev*:::eventer-read-entry}. */
    public static String dtrace(String provider, String probeName) {
        return provider + "*:::" + probeName;
    }

    /** Whether a D type is a pointer ({@code char *}, {@code void *}), which takes no space before the name. */
    public static boolean isPointer(String dType) {
        return dType.endsWith("*");
    }

    /** A parameter as the provider file declares it: {@code char *buf}, {@code int fd}. */
    public static String dParameter(String dType, String dName) {
        return isPointer(dType) ? dType + dName : dType + " " + dName;
    }

    /** {@code java.lang.String} gives {@code String}; other types keep their package. */
    public static String simpleJavaType(String type) {
        String lang = "java.lang.";
        return type.startsWith(lang) && type.indexOf('.', lang.length()) < 0 ? type.substring(lang.length()) : type;
    }
}
