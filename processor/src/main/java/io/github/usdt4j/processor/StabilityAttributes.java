package io.github.usdt4j.processor;

import java.util.List;
import java.util.Optional;

/** Checks {@code name/data/dependency} stability triples against DTrace's vocabulary. */
final class StabilityAttributes {
    private static final List<String> STABILITY = List.of(
            "Internal", "Private", "Obsolete", "External", "Unstable", "Evolving", "Stable", "Standard");
    private static final List<String> DEPENDENCY_CLASS = List.of("Unknown", "CPU", "Platform", "Group", "ISA", "Common");

    private StabilityAttributes() {}

    /** What is wrong with {@code attributes}, or empty when DTrace accepts it. */
    static Optional<String> problem(String attributes) {
        String[] parts = attributes.split("/", -1);
        if (parts.length != 3) {
            return Optional.of("has " + parts.length + " part(s) instead of 3");
        }
        for (int i = 0; i < 2; i++) {
            if (!STABILITY.contains(parts[i])) {
                return Optional.of("has \"" + parts[i] + "\", which is not a stability level (one of "
                        + String.join(", ", STABILITY) + ")");
            }
        }
        if (!DEPENDENCY_CLASS.contains(parts[2])) {
            return Optional.of("has \"" + parts[2] + "\", which is not a dependency class (one of "
                    + String.join(", ", DEPENDENCY_CLASS) + ")");
        }
        return Optional.empty();
    }
}
