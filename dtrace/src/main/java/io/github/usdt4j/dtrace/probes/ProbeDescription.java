package io.github.usdt4j.dtrace.probes;

/**
 * {@code provider:module:function:name}, each field a pattern; fewer fields fill from the
 * right, so {@code BEGIN} is a name and {@code eventer:entry} a function and a name.
 */
public record ProbeDescription(String provider, String module, String function, String name) {

    public static ProbeDescription parse(String text) {
        String[] parts = text.split(":", -1);
        String[] fields = {"", "", "", ""};
        int offset = 4 - Math.min(parts.length, 4);
        for (int i = 0; i < Math.min(parts.length, 4); i++) {
            fields[offset + i] = parts[i];
        }
        if (parts.length > 4) { // a name with colons: keep them in the name
            fields[3] = String.join(":", java.util.Arrays.copyOfRange(parts, 3, parts.length));
        }
        return new ProbeDescription(fields[0], fields[1], fields[2], fields[3]);
    }

    /** Whether a provider pattern (a description's first field) matches {@code provider}. */
    public static boolean providerMatches(String pattern, String provider) {
        return Glob.matches(pattern, provider);
    }

    public boolean matches(ProbeSite probe) {
        if (probe.isFuture() && !provider.isEmpty() && !Glob.isPattern(provider)) {
            return false; // hotspot1234 names a running process; only hotspot* also means those to come
        }
        return Glob.matches(provider, probe.provider()) && Glob.matches(module, probe.module())
                && Glob.matches(function, probe.function()) && Glob.matches(name, probe.name());
    }

    @Override
    public String toString() {
        return provider + ":" + module + ":" + function + ":" + name;
    }
}
