package io.github.usdt4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The example's generated provider file declares libmtev's probes as libmtev's documentation
 * (seed 000) does: the same 27 names, the same D types in the same order.
 */
class SeedProviderTest {
    private static final Pattern PROBE = Pattern.compile("probe\\s+([\\w-]+)\\s*\\(([^)]*)\\);");

    /** The seed's declarations, copied from ../shared/seeds into the repository. */
    private static final Path COPY = Path.of("src/test/resources/libmtev-seed-probes.d");

    @Test
    void generatedProviderFileDeclaresTheSeedsProbes() throws IOException {
        Path generated = Path.of("target/classes/META-INF/usdt4j/io.github.usdt4j.examples.Usdt4j_Libmtev/libmtev.d");

        Map<String, String> documented = probes(Files.readString(COPY));
        Map<String, String> declared = probes(Files.readString(generated));

        assertEquals(27, documented.size(), "probes in the seed");
        assertEquals(documented, declared);
    }

    @Test
    void theCopyMatchesTheSeed() throws IOException {
        Path seed = Path.of(System.getProperty("usdt4j.seedFile", "../../shared/seeds/000_c7a62fcbdbe356c5.txt"));
        // The seed sits beside the repository (../shared), as in CI; a lone clone checks the copy only.
        Assumptions.assumeTrue(Files.exists(seed), "libmtev's probe documentation is not at " + seed.toAbsolutePath());
        assertEquals(probes(Files.readString(seed)), probes(Files.readString(COPY)));
    }

    /** Probe name (dashes) to its D types, parameter names dropped: {@code int, char *, size_t}. */
    private static Map<String, String> probes(String text) {
        Map<String, String> probes = new LinkedHashMap<>();
        Matcher m = PROBE.matcher(text);
        while (m.find()) {
            String name = m.group(1).replace("__", "-");
            StringBuilder types = new StringBuilder();
            for (String parameter : m.group(2).split(",")) {
                String type = parameter.trim().replaceAll("\\s+", " ");
                // "char *facility" -> "char *", "int line" -> "int", "int" stays
                type = type.replaceAll("^(.*\\*)\\s*\\w+$", "$1").replaceAll("^((?:struct |unsigned )?\\w+) \\w+$", "$1");
                types.append(types.length() == 0 ? "" : ", ").append(type);
            }
            probes.put(name, types.toString());
        }
        return probes;
    }
}
