package io.github.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The recipes in examples/recipes and the generated libmtev.bt and libmtev-trace.d, each run
 * against the example program under load, its output read: the bpftrace ones with bpftrace,
 * the D ones with the usdt4j-dtrace jar.
 */
class RecipesTest {
    private static final Path RECIPES = Path.of("../examples/recipes");
    private static Tracers.Running app;
    private static String pid;

    @BeforeAll
    static void startTheExample() throws Exception {
        Tracers.require("bpftrace", "bpftrace");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        app = new Tracers.Running(new ProcessBuilder(java, Tracers.NATIVE_ACCESS, "-Dusdt4j.dir=" + System.getProperty("usdt4j.dir"),
                "-cp", System.getProperty("java.class.path"), "io.github.usdt4j.examples.ExampleApp",
                "--seconds", "120", "--rate", "100"));
        pid = app.await("pid ", 60).split(" ")[1];
        app.await("serving", 60);
    }

    @AfterAll
    static void stopTheExample() throws Exception {
        if (app != null) {
            app.process.destroy();
            app.close();
        }
    }

    @Test
    void countsPerSecond() throws Exception {
        String output = run(RECIPES.resolve("counts-per-second.bt"), 2500);
        assertMatches(output, "(?m)^\\d\\d:\\d\\d:\\d\\d$");
        assertMatches(output, "(?m)^@fired\\[usdt:.*:libmtev:http__request__start\\]: \\d+$");
        assertMatches(output, "(?m)^@fired\\[usdt:.*:libmtev:eventer__read__return\\]: \\d+$");
    }

    @Test
    void requestLatency() throws Exception {
        String output = run(RECIPES.resolve("request-latency.bt"), 2000);
        assertMatches(output, "(?m)^@latency_us: $");
        assertMatches(output, "(?m)^\\[\\d+K?, \\d+K?\\)\\s+\\d+ \\|@+\\s*\\|$");
    }

    @Test
    void readSizes() throws Exception {
        String output = run(RECIPES.resolve("read-sizes.bt"), 2000);
        assertMatches(output, "(?m)^@read_bytes: $");
        // the load generator's requests are 40 to 60 bytes long
        assertMatches(output, "(?m)^\\[40, 60\\)\\s+\\d+ \\|@+\\s*\\|$");
    }

    @Test
    void callbackTimePerThread() throws Exception {
        String output = run(RECIPES.resolve("callback-time-per-thread.bt"), 2000);
        assertMatches(output, "(?m)^@callback_us\\[http_session_read\\]: $");
        assertMatches(output, "(?m)^@callback_us\\[http_session_write\\]: $");
    }

    @Test
    void theGeneratedScriptPrintsEveryArgumentByName() throws Exception {
        Path script = Path.of("../examples/target/classes/META-INF/usdt4j/io.github.usdt4j.examples.Usdt4j_Libmtev/libmtev.bt");
        String output = run(script, 2000);
        assertMatches(output, "(?m)^http-request-start fd=\\d+ session=0x[0-9a-f]+$");
        assertMatches(output, "(?m)^http-log fd=\\d+ session=0x[0-9a-f]+ line=127\\.0\\.0\\.1 \"GET /items/\\d HTTP/1\\.1\" 200 \\d+$");
        assertMatches(output, "(?m)^eventer-read-return fd=\\d+ buf=.* size=\\d+ mask=1 closure=0x[0-9a-f]+ rv=\\d+$");
    }

    @Test
    void everyRecipeComesForBpftraceAndDTrace() throws Exception {
        try (Stream<Path> files = Files.list(RECIPES)) {
            List<Path> bpftrace = files.filter(f -> f.toString().endsWith(".bt")).collect(Collectors.toList());
            assertTrue(bpftrace.size() >= 4, "recipes: " + bpftrace);
            for (Path recipe : bpftrace) {
                Path d = Path.of(recipe.toString().replaceAll("\\.bt$", ".d"));
                assertTrue(Files.isRegularFile(d), "no DTrace version of " + recipe);
                assertTrue(Files.readString(d).contains("libmtev*:::"), d + " names the provider for every process");
            }
        }
    }

    @Test
    void theDRecipesRunThroughTheFrontEnd() throws Exception {
        String callbacks = runD(RECIPES.resolve("callback-time-per-thread.d"), 2000);
        assertMatches(callbacks, "(?m)^  http_session_read {33}$");
        assertMatches(callbacks, "(?m)^           value  ------------- Distribution ------------- count    $");
        assertMatches(callbacks, "(?m)^ {10,15}\\d+ \\|@+ +\\d+ +$");
        String counts = runD(RECIPES.resolve("counts-per-second.d"), 2500);
        assertMatches(counts, "(?m)^ {22}http-request-start +\\d+$");
        assertMatches(counts, "(?m)^ {18}eventer-callback-entry +\\d+$");
        String sizes = runD(RECIPES.resolve("read-sizes.d"), 2000);
        // the load generator's requests are 40 to 60 bytes long
        assertMatches(sizes, "(?m)^              40 \\|@+ +\\d+ +$");
        assertMatches(sizes, "(?m)^             < 0 \\| +\\d+ +$");
        String latency = runD(RECIPES.resolve("request-latency.d"), 2000);
        assertMatches(latency, "(?m)^ +\\d+ \\|@+ +\\d+ +$");
    }

    /** Seed 003's three examples, adapted to the example's probes, print in the layout the guide shows. */
    @Test
    void theDTraceGuidesExamplesRunAsTheGuideShows() throws Exception {
        Path guide = Path.of("../examples/dtrace-guide");
        String callout = runD(guide.resolve("callout.d"), 2500);
        assertMatches(callout, "(?m)^ {23}http_session_read +\\d+$"); // %40s %10@d
        String interval = runD(guide.resolve("interval.d"), 2000);
        assertMatches(interval, "(?m)^http_session_read\n\n           value  ------------- Distribution ------------- count    \n");
        assertMatches(interval, "(?m)^              \\d\\d \\|@+ +\\d+ +\n");
        String intr = runD(guide.resolve("intr.d"), 2000);
        assertMatches(intr, "(?m)^  http_session_(read|write) {32,33} +\\d+\n           value  -+ Distribution -+ count    \n");
    }

    @Test
    void theGeneratedDScriptPrintsEveryArgumentByName() throws Exception {
        Path script = Path.of("../examples/target/classes/META-INF/usdt4j/io.github.usdt4j.examples.Usdt4j_Libmtev/libmtev-trace.d");
        String output = runD(script, 2000);
        assertMatches(output, "(?m)^" + pid + " http-request-start fd=\\d+ session=0x[0-9a-f]+$");
        assertMatches(output, "(?m)^" + pid + " http-log fd=\\d+ session=0x[0-9a-f]+ line=127\\.0\\.0\\.1 \"GET /items/\\d HTTP/1\\.1\" 200 \\d+$");
    }

    /** Runs a D script with the usdt4j-dtrace jar for a while once it has attached, then Ctrl-C; its standard output. */
    private static String runD(Path script, long millis) throws Exception {
        String jar = System.getProperty("usdt4j.dtrace.jar");
        Process dtrace = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar,
                "-s", script.toString()).redirectErrorStream(false).start();
        try (java.io.BufferedReader errors = new java.io.BufferedReader(new java.io.InputStreamReader(dtrace.getErrorStream(),
                java.nio.charset.StandardCharsets.UTF_8))) {
            List<String> before = new java.util.ArrayList<>();
            for (String line = errors.readLine(); line == null || !line.contains(" matched "); line = errors.readLine()) {
                assertTrue(line != null, "dtrace did not attach: " + String.join("\n", before));
                before.add(line); // a warning about a library it could not read, say
            }
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> {
                try {
                    output.append(new String(dtrace.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
                } catch (java.io.IOException e) {
                    // ended
                }
            });
            reader.start();
            Thread.sleep(millis);
            new ProcessBuilder("kill", "-INT", Long.toString(dtrace.pid())).start().waitFor();
            assertTrue(dtrace.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "dtrace did not end within 30 s of SIGINT");
            reader.join(10_000);
            assertEquals(0, dtrace.exitValue(), output::toString);
            return output.toString();
        } finally {
            dtrace.destroyForcibly();
        }
    }

    /** Runs a script with bpftrace -p against the example for a while once attached, then Ctrl-C. */
    private static String run(Path script, long millis) throws Exception {
        try (Tracers.Running tracer = Tracers.bpftrace(pid, Files.readString(script))) {
            Thread.sleep(millis);
            tracer.interrupt();
            return String.join("\n", tracer.all);
        }
    }

    private static void assertMatches(String output, String regex) {
        assertTrue(Pattern.compile(regex).matcher(output).find(), () -> "no match for " + regex + " in:\n" + output);
    }
}
