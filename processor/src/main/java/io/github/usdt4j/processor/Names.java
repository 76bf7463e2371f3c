package io.github.usdt4j.processor;

import io.github.usdt4j.catalogue.ProbeNames;
import java.util.Set;
import java.util.regex.Pattern;

/** Naming rules shared by the reader, the validator and the writers. */
final class Names {
    private static final Pattern PROBE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(-[A-Za-z0-9_]+)*");

    /**
     * Words D or C give a meaning, so a parameter named after one cannot keep its name in the
     * provider file or the glue. Java keywords are left out: no parameter can have their names.
     */
    private static final Set<String> RESERVED = Set.of(
            "auto", "counter", "extern", "import", "inline", "offsetof", "probe", "provider",
            "register", "restrict", "self", "signed", "sizeof", "string", "stringof", "struct",
            "translator", "typedef", "union", "unsigned", "userland", "xlate",
            // names the glue itself declares in each function
            "env", "clazz");

    private Names() {}

    /** Whether {@code name} can be a parameter's name in D and C: not every Java name can ({@code cost$}, {@code größe}). */
    static boolean isValidDParameterName(String name) {
        return ProbeNames.isIdentifier(name);
    }

    static boolean isValidProviderName(String name) {
        return ProbeNames.isIdentifier(name) && !name.contains("__");
    }

    static boolean isValidProbeName(String name) {
        return PROBE.matcher(name).matches() && !name.contains("__");
    }

    /** {@code cacheMiss} gives {@code cache-miss}; {@code readHTTPHeader} gives {@code read-http-header}. */
    static String dashCase(String methodName) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < methodName.length(); i++) {
            char c = methodName.charAt(i);
            if (Character.isUpperCase(c)) {
                boolean afterLower = i > 0 && !Character.isUpperCase(methodName.charAt(i - 1))
                        && methodName.charAt(i - 1) != '_';
                boolean endsAcronym = i > 0 && Character.isUpperCase(methodName.charAt(i - 1))
                        && i + 1 < methodName.length() && Character.isLowerCase(methodName.charAt(i + 1));
                if (afterLower || endsAcronym) {
                    out.append('-');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The name a parameter takes in the provider file and the glue. */
    static String dParameterName(String javaName) {
        return RESERVED.contains(javaName) ? javaName + "_" : javaName;
    }
}
