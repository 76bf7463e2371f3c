package io.github.usdt4j.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three hundred random provider interfaces (random names, types, argument counts, nesting,
 * D types): each either compiles and links, or fails with ordinary errors on its own lines —
 * never an exception from the processor. The seed is fixed so a failure can be replayed;
 * {@code -Dusdt4j.fuzzSeed=N} tries another.
 */
class ProcessorFuzzTest {
    private static final int INTERFACES = 300;
    private static final int LINKED = 40;
    private static final String[] TYPES = {"int", "long", "boolean", "byte", "short", "char", "String",
        "Object", "Thread.State", "double", "float", "int[]", "java.util.List<String>", "Integer", "Long"};
    private static final String[] DTYPES = {"", "size_t", "void *", "char *", "uint32_t", "struct conn *",
        "int8_t", "mystery_t", "unsigned long long", "const char *"};
    private static final String[] NAME_PARTS = {"read", "write", "cache-miss", "GC", "x", "done", "a b", "9lives",
        "__private", "probe", "self", "très", "ok_name", "-edge", "edge-", "long-".repeat(20)};

    @TempDir
    Path temp;

    @Test
    void randomInterfacesCompileAndLinkOrFailCleanly() throws Exception {
        long seed = Long.getLong("usdt4j.fuzzSeed", 20261122L);
        Random random = new Random(seed);
        Path sources = Files.createDirectories(temp.resolve("src/fuzz"));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < INTERFACES; i++) {
            Path file = sources.resolve("Fuzz" + i + ".java");
            Files.writeString(file, randomProvider(random, i));
            files.add(file);
        }
        Path classes = Files.createDirectories(temp.resolve("classes"));
        Path generated = Files.createDirectories(temp.resolve("generated"));
        // One compilation each: javac writes no class at all once any file of a compilation fails.
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        for (Path file : files) {
            ProviderCompiler.compile(List.of(file), classes, generated, diagnostics); // errors are expected
        }

        Set<String> failed = new TreeSet<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            String message = d.getMessage(null);
            assertTrue(!message.contains("FATAL ERROR"), "seed " + seed + ": the processor failed: " + message);
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                assertTrue(d.getSource() != null && d.getLineNumber() > 0,
                        "seed " + seed + ": an error without a place: " + message);
                assertTrue(!d.getSource().toUri().getPath().contains("/generated/"),
                        "seed " + seed + ": generated code does not compile: " + d);
                failed.add(Path.of(d.getSource().toUri()).getFileName().toString().replace(".java", ""));
            }
        }
        Map<String, Path> compiled = new TreeMap<>();
        try (var folders = Files.list(classes.resolve("META-INF/usdt4j"))) {
            folders.forEach(f -> compiled.put(f.getFileName().toString(), f));
        }
        for (String name : compiled.keySet()) {
            String source = name.replaceAll(".*Usdt4j_", "").replace("_Probes", "");
            assertTrue(!failed.contains(source), "seed " + seed + ": " + source + " has errors, yet was generated");
        }
        assertTrue(failed.size() > 20 && compiled.size() > 20,
                "seed " + seed + ": the generator should give both kinds; failed " + failed.size()
                        + ", compiled " + compiled.size());

        Linker linker = new Linker(Toolchain.find("cc", "dtrace", NativeTools.LOG),
                ProviderCompiler.classpathEntries(), temp.resolve("work"));
        int linked = 0;
        for (Path folder : compiled.values()) {
            if (linked++ == LINKED) {
                break;
            }
            ProviderSources provider = ProviderSources.in(folder).orElseThrow();
            Path javaSource = generated.resolve(provider.implementation().replace('.', '/') + ".java");
            Path library = temp.resolve("libs").resolve(provider.implementation() + ".so");
            linker.link(provider, javaSource, classes, library);
            assertTrue(Files.size(library) > 0);
            assertEquals(List.of(), ProbeNotes.belowTheStackPointer(library), "arguments in the red zone");
        }
        assertEquals(Math.min(LINKED, compiled.size()) + 1, Math.min(linked, LINKED + 1));
    }

    private static String randomProvider(Random random, int index) {
        StringBuilder probes = new StringBuilder();
        int count = random.nextInt(6);
        for (int p = 0; p < count; p++) {
            int arguments = random.nextInt(10) < 8 ? random.nextInt(7) : random.nextInt(15);
            List<String> parameters = new ArrayList<>();
            for (int a = 0; a < arguments; a++) {
                String type = random.nextInt(4) == 0 ? pick(random, TYPES) : pick(random, new String[] {"int", "long", "String"});
                String dType = random.nextInt(5) == 0 ? "@DType(\"" + pick(random, DTYPES) + "\") " : "";
                String max = random.nextInt(12) == 0 ? "@DType(maxBytes = " + (random.nextInt(5000) - 10) + ") " : "";
                parameters.add((dType.isEmpty() ? max : dType) + type + " a" + a);
            }
            String name = random.nextInt(3) == 0 ? "" : "\"" + pick(random, NAME_PARTS) + (random.nextBoolean() ? "-" + p : "") + "\"";
            String returns = random.nextInt(15) == 0 ? "int" : "void";
            probes.append("        @Probe(").append(name).append(") ").append(returns).append(" probe").append(p)
                    .append(random.nextInt(2)).append('(').append(String.join(", ", parameters)).append(");\n");
        }
        if (random.nextInt(8) == 0) {
            probes.append("        void unannotated();\n");
        }
        if (count > 0 && random.nextInt(4) == 0) {
            probes.append("        @Enabled boolean probe0").append(random.nextInt(2)).append("Enabled();\n");
        }
        String provider = random.nextInt(6) == 0 ? pick(random, NAME_PARTS) : "fuzz" + index + "_p";
        boolean nested = random.nextBoolean();
        String body = "    @Provider(\"" + provider + "\")\n    " + (nested ? "" : "") + "interface Probes {\n"
                + probes + "    }\n";
        return "package fuzz;\n\nimport io.github.usdt4j.*;\n\n"
                + (nested ? "public class Fuzz" + index + " {\n" + body + "}\n"
                        : body.replace("interface Probes", "interface Fuzz" + index).replace("\n    ", "\n"));
    }

    private static String pick(Random random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }
}
