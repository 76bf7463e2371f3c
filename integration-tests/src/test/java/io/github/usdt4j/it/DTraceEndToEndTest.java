package io.github.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.usdt4j.testing.Machine;
import io.github.usdt4j.tool.Usdt4jTool;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * D programs run through the usdt4j-dtrace jar, as a user runs it, against real JVMs, with the
 * real bpftrace underneath: exact figures in dtrace's layout, all twelve arguments, Ctrl-C, and
 * the listing of seed 000's {@code dtrace -l -n 'libmtev*:::'}.
 */
class DTraceEndToEndTest {
    private static final String JAR = System.getProperty("usdt4j.dtrace.jar");

    @BeforeAll
    static void requireBpftraceAndTheJar() {
        Tracers.require("bpftrace", "bpftrace");
        assertTrue(JAR != null && Files.isRegularFile(Path.of(JAR)),
                "no usdt4j-dtrace jar at " + JAR + ": build the dtrace module first (mvn install from the top)");
    }

    /** One run of the jar: standard output kept in a file, standard error read line by line. */
    static final class DTraceRun implements AutoCloseable {
        final Process process;
        final Path output;
        final List<String> errors = new CopyOnWriteArrayList<>();

        DTraceRun(Path output, String... arguments) throws IOException {
            this(Map.of(), output, arguments);
        }

        /** A run with more in its environment. */
        DTraceRun(Map<String, String> environment, Path output, String... arguments) throws IOException {
            this.output = output;
            List<String> command = new ArrayList<>(List.of(
                    Machine.jdkTool("java"), "-jar", JAR));
            command.addAll(List.of(arguments));
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            process = builder.start();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        errors.add(line);
                    }
                } catch (IOException e) {
                    // ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for dtrace's "matched N probes": every probe is attached once it is printed. */
        String awaitMatched(int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                for (String line : errors) {
                    if (line.contains(" matched ")) {
                        return line;
                    }
                }
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(20);
            }
            fail("dtrace did not attach within " + seconds + " s; stderr:\n" + String.join("\n", errors));
            return null;
        }

        /** Ctrl-C, as a user ends dtrace. */
        void interrupt() throws Exception {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        }

        int awaitExit(int seconds) throws Exception {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("dtrace did not end within " + seconds + " s; stderr:\n" + String.join("\n", errors)
                        + "\nstdout:\n" + Files.readString(output));
            }
            return process.exitValue();
        }

        String stdout() throws IOException {
            return Files.readString(output);
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private static final String FIGURES = String.join("\n",
            "#pragma D option quiet",
            "",
            "conformance$1:::counted",
            "{",
            "\t@calls[args[0]] = count();",
            "\t@total = sum(args[1]);",
            "\t@sequence = quantize(args[1]);",
            "\t@quarters = lquantize(args[1], 0, 1000, 250);",
            "\t@largest = max(args[1]);",
            "\t@mean = avg(args[1]);",
            "\t@orders = llquantize(args[1], 10, 0, 3, 10);",
            "}",
            "",
            "conformance$1:::done",
            "{",
            "\tprintf(\"fired %d\\n\", args[0]);",
            "}",
            "",
            "END",
            "{",
            "\tprintf(\"end\\n\");",
            "}",
            "");

    /** What dtrace prints for FIGURES over counted(t, i), t in 0..3, i in 0..999. */
    private static final String FIGURES_AGGREGATIONS = String.join("\n",
            "",
            "        0             1000",
            "        1             1000",
            "        2             1000",
            "        3             1000",
            "          1998000",
            "",
            "           value  ------------- Distribution ------------- count    ",
            "              -1 |                                         0        ",
            "               0 |                                         4        ",
            "               1 |                                         4        ",
            "               2 |                                         8        ",
            "               4 |                                         16       ",
            "               8 |                                         32       ",
            "              16 |                                         64       ",
            "              32 |@                                        128      ",
            "              64 |@@                                       256      ",
            "             128 |@@@@@                                    512      ",
            "             256 |@@@@@@@@@@                               1024     ",
            "             512 |@@@@@@@@@@@@@@@@@@@                      1952     ",
            "            1024 |                                         0        ",
            "",
            "",
            "           value  ------------- Distribution ------------- count    ",
            "             < 0 |                                         0        ",
            "               0 |@@@@@@@@@@                               1000     ",
            "             250 |@@@@@@@@@@                               1000     ",
            "             500 |@@@@@@@@@@                               1000     ",
            "             750 |@@@@@@@@@@                               1000     ",
            "         >= 1000 |                                         0        ",
            "",
            "              999",
            "              499",
            "",
            "           value  ------------- Distribution ------------- count    ",
            "             < 1 |                                         4        ",
            "               1 |                                         4        ",
            "               2 |                                         4        ",
            "               3 |                                         4        ",
            "               4 |                                         4        ",
            "               5 |                                         4        ",
            "               6 |                                         4        ",
            "               7 |                                         4        ",
            "               8 |                                         4        ",
            "               9 |                                         4        ",
            "              10 |                                         40       ",
            "              20 |                                         40       ",
            "              30 |                                         40       ",
            "              40 |                                         40       ",
            "              50 |                                         40       ",
            "              60 |                                         40       ",
            "              70 |                                         40       ",
            "              80 |                                         40       ",
            "              90 |                                         40       ",
            "             100 |@@@@                                     400      ",
            "             200 |@@@@                                     400      ",
            "             300 |@@@@                                     400      ",
            "             400 |@@@@                                     400      ",
            "             500 |@@@@                                     400      ",
            "             600 |@@@@                                     400      ",
            "             700 |@@@@                                     400      ",
            "             800 |@@@@                                     400      ",
            "             900 |@@@@                                     400      ",
            "            1000 |                                         0        ",
            "",
            "");

    @Test
    void exactFiguresComeOutInDTracesLayoutWhenTheScriptExits(@TempDir Path temp) throws Exception {
        Path script = temp.resolve("figures.d");
        Files.writeString(script, FIGURES.replace("\tprintf(\"fired %d\\n\", args[0]);", "\tprintf(\"fired %d\\n\", args[0]);\n\texit(0);"));
        try (Tracers.Running app = Tracers.fireAll("figures");
                DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-s", script.toString(),
                        app.await("ready ", 60).split(" ")[1])) {
            assertEquals("dtrace: script '" + script + "' matched 3 probes", dtrace.awaitMatched(60));
            app.send(FireAll.GO);
            assertEquals(0, dtrace.awaitExit(60), () -> String.join("\n", dtrace.errors));
            assertEquals("fired 4000\nend\n" + FIGURES_AGGREGATIONS, dtrace.stdout());
        }
    }

    @Test
    void truncWithACountPrintsTheLargestOrTheSmallest(@TempDir Path temp) throws Exception {
        Path script = temp.resolve("trunc.d");
        Files.writeString(script, String.join("\n",
                "#pragma D option quiet",
                "conformance$1:::counted { @top[args[1] / 100] = sum(args[1]); @bottom[args[1] / 100] = sum(args[1]); }",
                "conformance$1:::done { trunc(@top, 3); trunc(@bottom, -2); exit(0); }",
                ""));
        // counted(t, i) for 4 threads and i in 0..999: key k sums 4 * (100 * 100k + 4950) = 40000k + 19800
        StringBuilder expected = new StringBuilder("\n");
        for (int k : new int[] {7, 8, 9, 0, 1}) {
            expected.append(String.format("%17d%17d%n", k, 40000L * k + 19800)); // 64-bit keys: 16 wide
        }
        assertEquals(expected.toString(), runOnFigures(script, temp));
    }

    /** Runs {@code script} on the figures workload until it exits; returns what it printed. */
    private static String runOnFigures(Path script, Path temp) throws Exception {
        try (Tracers.Running app = Tracers.fireAll("figures");
                DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-s", script.toString(),
                        app.await("ready ", 60).split(" ")[1])) {
            dtrace.awaitMatched(60);
            app.send(FireAll.GO);
            assertEquals(0, dtrace.awaitExit(60), () -> String.join("\n", dtrace.errors));
            return dtrace.stdout();
        }
    }

    @Test
    void ifAndElseChooseWhatEachFiringDoes(@TempDir Path temp) throws Exception {
        Path script = temp.resolve("branches.d");
        Files.writeString(script, String.join("\n",
                "#pragma D option quiet",
                "conformance$1:::counted",
                "{",
                "\tif (args[1] < 500) {",
                "\t\t@low = count();",
                "\t} else if (args[1] < 900)",
                "\t\t@middle = count();",
                "\telse {",
                "\t\t@high = count();",
                "\t}",
                "}",
                "conformance$1:::done { exit(0); }",
                ""));
        // i in 0..999 on 4 threads: 500, 400 and 100 values of each, four times
        assertEquals(String.format("%n%17d%n%17d%n%17d%n", 2000, 1600, 400), runOnFigures(script, temp));
    }

    @Test
    void untypedArgumentsAreSignedAsInDTrace(@TempDir Path temp) throws Exception {
        // bpftrace's argN is unsigned and its division too; D's argN is int64_t, divided as C does
        try (Tracers.Running app = Tracers.fireAll("wide")) {
            String pid = app.await("ready ", 60).split(" ")[1];
            try (DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-q", "-p", pid, "-n",
                    "conformance$target:::wide { printf(\"%s %s %d %d %d\\n\", arg1 < 0 ? \"below\" : \"above\","
                            + " arg3 < 0 ? \"below\" : \"above\", arg1 / 2, arg4 % 3, arg7 / -3); exit(0); }")) {
                assertEquals(0, dtrace.awaitExit(60), () -> String.join("\n", dtrace.errors));
                // C's rules: -2 / 2 = -1, -5 % 3 = -2, -8 / -3 = 2
                assertEquals("below above -1 -2 2\n\n", dtrace.stdout());
            } finally {
                app.send("stop");
            }
        }
    }

    /**
     * The classic Java scripts' idioms: copyin cut with '\\0' and read by stringof, strjoin
     * printed and as a key; strlen of what they read.
     */
    @Test
    void copyinAndStrjoinBuildStringsAsTheClassicScriptsDo(@TempDir Path temp) throws Exception {
        Path script = temp.resolve("strings.d");
        Files.writeString(script, String.join("\n",
                "#pragma D option quiet",
                "conformance$1:::strings",
                "/arg0 != 0 && copyinstr(arg0) == \"plain ascii\"/",
                "{",
                "\tthis->word = (char *)copyin(arg0, 5 + 1);",
                "\tthis->word[5] = '\\0';",
                "\tthis->joined = strjoin(strjoin(stringof(this->word), \"+\"), copyinstr(arg0));",
                "\tprintf(\"[%s] [%-9s]\\n\", this->joined, strjoin(\"ab\", (string)this->word));",
                "\tprintf(\"%d %d %d %d\\n\", strlen(copyinstr(arg0)), strlen(stringof(this->word)),",
                "\t    strlen(strjoin(stringof(this->word), copyinstr(arg0))), strlen(copyinstr(arg1)));",
                "\t@seen[this->joined, 7] = count();",
                "\t@seen[strjoin(\"x\", stringof(this->word)), 8] = count();",
                "}",
                "conformance$1:::done { exit(0); }",
                // FireAll's "all" fires once every probe it fires is traced
                "conformance$1:::integers, conformance$1:::cut, conformance$1:::objects /0/ { }",
                ""));
        try (Tracers.Running app = Tracers.fireAll("all");
                DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-s", script.toString(),
                        app.await("ready ", 60).split(" ")[1])) {
            dtrace.awaitMatched(60);
            app.send(FireAll.GO);
            assertEquals(0, dtrace.awaitExit(60), () -> String.join("\n", dtrace.errors));
            // strlen counts bytes: "grüße — π" is 14 in UTF-8
            assertEquals("[plain+plain ascii] [abplain  ]\n11 5 16 14\n\n"
                    + String.format("  %-50s %8d %16d%n", "plain+plain ascii", 7, 1)
                    + String.format("  %-50s %8d %16d%n", "xplain", 8, 1), dtrace.stdout());
        }
    }

    @Test
    void ustackPrintsTheFramesAsDTraceDoes(@TempDir Path temp) throws Exception {
        try (Tracers.Running app = Tracers.fireAll("wide")) {
            String pid = app.await("ready ", 60).split(" ")[1];
            try (DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-q", "-p", pid, "-n",
                    "conformance$target:::wide { ustack(3); exit(0); }")) {
                assertEquals(0, dtrace.awaitExit(60), () -> String.join("\n", dtrace.errors));
                List<String> lines = dtrace.stdout().lines().collect(Collectors.toList());
                // a newline, three frames indented by 14, and the newline dtrace ends with
                assertEquals(5, lines.size(), dtrace.stdout());
                assertEquals("", lines.get(0));
                // the glue function, named in its library; then the JIT's frames, bare addresses
                assertTrue(lines.get(1).matches(" {14}libusdt4j-conformance-[0-9a-f]{16}\\.so"
                        + "`Java_io_github_usdt4j_it_Usdt4j_1Conformance_fire_1wide(\\+0x[0-9a-f]+)?"), lines.get(1));
                assertTrue(lines.get(2).matches(" {14}\\S+"), lines.get(2));
                assertTrue(lines.get(3).matches(" {14}\\S+"), lines.get(3));
                assertEquals("", lines.get(4));
            } finally {
                app.send("stop");
            }
        }
    }

    @Test
    void ustackAsAnAggregationKeyCountsByStack(@TempDir Path temp) throws Exception {
        try (Tracers.Running app = Tracers.fireAll("wide")) {
            String pid = app.await("ready ", 60).split(" ")[1];
            // one frame, the glue's: the JIT's frames above it change as the caller is compiled
            try (DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-q", "-p", pid,
                    "-n", "conformance$target:::wide /n < 5/ { n++; @[ustack(1)] = count(); }",
                    "-n", "conformance$target:::wide /n == 5/ { exit(0); }")) {
                assertEquals(0, dtrace.awaitExit(60), () -> String.join("\n", dtrace.errors));
                // at exit: a newline, then the row: the stack as ustack() prints it, and " %16lld"
                assertTrue(dtrace.stdout().matches("\n\n {14}libusdt4j-conformance-[0-9a-f]{16}\\.so"
                        + "`Java_io_github_usdt4j_it_Usdt4j_1Conformance_fire_1wide(\\+0x[0-9a-f]+)?\n {16}5\n"),
                        dtrace.stdout());
            } finally {
                app.send("stop");
            }
        }
    }

    @Test
    void interruptRunsEndPrintsEveryAggregationAndLeavesNothingAttached(@TempDir Path temp) throws Exception {
        Path script = temp.resolve("figures.d");
        Files.writeString(script, FIGURES);
        try (Tracers.Running app = Tracers.fireAll("figures")) {
            String pid = app.await("ready ", 60).split(" ")[1];
            try (DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-s", script.toString(), pid)) {
                dtrace.awaitMatched(60);
                List<ProcessHandle> helpers = dtrace.process.descendants().collect(Collectors.toList());
                assertTrue(helpers.stream().anyMatch(p -> p.info().command().orElse("").endsWith("bpftrace")),
                        "bpftrace runs under dtrace: " + helpers);
                app.send(FireAll.GO);
                app.await("fired", 60);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!dtrace.stdout().contains("fired 4000") && System.nanoTime() < deadline) {
                    Thread.sleep(20); // the counts are final once done's record has come through
                }
                dtrace.interrupt();
                assertEquals(0, dtrace.awaitExit(60), () -> String.join("\n", dtrace.errors));
                // bpftrace 0.17 may lose a SIGINT (see Session.insist): should even the repeated
                // ones fail, the front-end says so, and the CI log keeps its words
                dtrace.errors.stream().filter(l -> l.contains("has not ended")).forEach(System.err::println);
                // dtrace's newline after ^C comes before END's output
                assertEquals("fired 4000\n\nend\n" + FIGURES_AGGREGATIONS, dtrace.stdout());
                for (ProcessHandle helper : helpers) {
                    assertTrue(helper.onExit().get(10, TimeUnit.SECONDS) != null && !helper.isAlive(), helper + " still runs");
                }
            }
            String listing = list(pid);
            assertTrue(listing.contains("  probe counted   tracers 0"), "nothing is left attached:\n" + listing);
        }
    }

    @Test
    void allTwelveArgumentsOfAWideProbeAreExact(@TempDir Path temp) throws Exception {
        StringBuilder format = new StringBuilder();
        StringBuilder arguments = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            format.append(i == 0 ? "" : " ").append("%d");
            arguments.append(", args[").append(i).append("]");
        }
        try (Tracers.Running app = Tracers.fireAll("wide")) {
            String pid = app.await("ready ", 60).split(" ")[1];
            try (DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-q", "-p", pid, "-n",
                    "conformance$target:::wide { printf(\"" + format + "\\n\"" + arguments + "); exit(0); }")) {
                assertEquals(0, dtrace.awaitExit(60), () -> String.join("\n", dtrace.errors));
                assertEquals("1 -2 3 9223372036854775807 -5 6 7 -8 -2147483648 10 11 -9223372036854775808\n\n",
                        dtrace.stdout());
            } finally {
                app.send("stop");
            }
        }
    }

    @Test
    void listsEveryProbeOfEachRunningExampleAsSeed000Asks(@TempDir Path temp) throws Exception {
        List<Tracers.Running> apps = new ArrayList<>();
        try {
            List<String> pids = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                Tracers.Running app = new Tracers.Running(new ProcessBuilder(
                        Machine.jdkTool("java"), Tracers.NATIVE_ACCESS,
                        "-Dusdt4j.dir=" + System.getProperty("usdt4j.dir"), "-cp", System.getProperty("java.class.path"),
                        "io.github.usdt4j.examples.ExampleApp", "--seconds", "60", "--rate", "5"));
                apps.add(app);
                pids.add(app.await("pid ", 60).split(" ")[1]);
                app.await("serving", 60);
            }
            try (DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-l", "-n", "libmtev*:::")) {
                assertEquals(0, dtrace.awaitExit(60), () -> String.join("\n", dtrace.errors));
                List<String> lines = dtrace.stdout().lines().collect(Collectors.toList());
                assertEquals("   ID   PROVIDER            MODULE                          FUNCTION NAME", lines.get(0));
                Map<String, Set<String>> byProvider = new TreeMap<>();
                for (String line : lines.subList(1, lines.size())) {
                    String[] fields = line.trim().split("\\s+");
                    assertEquals(5, fields.length, line);
                    assertTrue(fields[2].matches("libusdt4j-libmtev-[0-9a-f]{16}\\.so"), line);
                    assertTrue(fields[3].startsWith("Java_io_github_usdt4j_examples_Usdt4j_1Libmtev_"), line);
                    byProvider.computeIfAbsent(fields[1], k -> new java.util.TreeSet<>()).add(fields[4]);
                }
                for (String pid : pids) {
                    Set<String> names = byProvider.get("libmtev" + pid);
                    assertEquals(27, names == null ? 0 : names.size(), "libmtev" + pid + " in\n" + dtrace.stdout());
                    assertTrue(names.contains("eventer-read-entry") && names.contains("reverse-connect-ssl-failed"), names::toString);
                }
            }
        } finally {
            for (Tracers.Running app : apps) {
                app.process.destroy();
                app.close();
            }
        }
    }

    @Test
    void dashCCountsTheProbesAJvmFiresWhileItStarts(@TempDir Path temp) throws Exception {
        String java = Machine.jdkTool("java");
        String command = java + " " + Tracers.NATIVE_ACCESS + " -Dusdt4j.dir=" + System.getProperty("usdt4j.dir")
                + " -cp " + System.getProperty("java.class.path") + " " + FireAll.class.getName() + " startup";
        // The JVM extracts its library on first use; -c traces a build that has run once (docs/dtrace.md).
        Process once = new ProcessBuilder(command.split(" ")).redirectErrorStream(true).start();
        once.getInputStream().readAllBytes();
        assertEquals(0, once.waitFor());
        try (DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-q", "-c", command,
                "-n", "conformance$target:::counted { @events = count(); }",
                "-n", "END { printf(\"%d\\n\", $target > 0); }")) {
            assertEquals(0, dtrace.awaitExit(60), () -> String.join("\n", dtrace.errors));
            // the command's own output comes first: it shares dtrace's standard output, as with dtrace
            assertEquals("fired\n1\n\n" + " ".repeat(14) + FireAll.STARTUP_EVENTS + "\n", dtrace.stdout());
        }
    }

    /**
     * Any USDT provider a process has, not only usdt4j's and the JVM's: a C program's own
     * (src/test/c/shop.c, sys/sdt.h), reached as shop$target from its first probe.
     */
    @Test
    void otherSoftwaresProvidersAreTracedAsDTraceTracesThem(@TempDir Path temp) throws Exception {
        Path shop = temp.resolve("shop");
        Tracers.cc(shop, "shop.c");
        try (DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-q", "-c", shop.toString(),
                "-n", "shop$target:::sale { @sales = count(); @total = sum(arg1); @[probemod] = count(); }")) {
            assertEquals(0, dtrace.awaitExit(60), () -> String.join("\n", dtrace.errors));
            // sale(i, 2i) for i in 0..249; arguments have no types, as DTrace shows such a provider
            assertEquals("\n" + String.format("%17d%n%17d%n  %-50s %16d%n", 250, 62250, "shop", 250), dtrace.stdout());
        }
    }

    /** syscall and proc become the Linux tracepoints that mean the same, with DTrace's arguments. */
    @Test
    void systemCallsAndProcessEventsCountAsDTraceCountsThem(@TempDir Path temp) throws Exception {
        // -c's shell execs the command: exec-success fires in $target; printf makes one write of 5 bytes
        try (DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-q", "-c", "/usr/bin/printf hello > /dev/null",
                "-n", "proc:::exec-success /pid == $target/ { printf(\"exec %s\\n\", execname); }",
                "-n", "syscall::write:entry /pid == $target/ { @writes = count(); @asked = sum(arg2); }",
                "-n", "syscall::write:return /pid == $target/ { @written = sum(arg0); }",
                "-n", "proc:::exit /pid == $target/ { printf(\"exit\\n\"); }")) {
            assertEquals(0, dtrace.awaitExit(60), () -> String.join("\n", dtrace.errors));
            assertEquals("exec printf\nexit\n\n" + String.format("%17d%n%17d%n%17d%n", 1, 5, 5), dtrace.stdout());
        }
    }

    /** A build's very first run: nothing extracted yet, so -c puts the libraries of the command's class path in place. */
    @Test
    void dashCCountsTheProbesOfABuildsVeryFirstRun(@TempDir Path temp) throws Exception {
        Path libraries = temp.resolve("libs"); // no JVM has extracted anything here
        String java = Machine.jdkTool("java");
        String command = java + " " + Tracers.NATIVE_ACCESS + " -Dusdt4j.dir=" + libraries
                + " -cp " + System.getProperty("java.class.path") + " " + FireAll.class.getName() + " startup";
        try (DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-q", "-c", command,
                "-n", "conformance$target:::counted { @events = count(); }")) {
            assertEquals(0, dtrace.awaitExit(60), () -> String.join("\n", dtrace.errors));
            assertEquals("fired\n\n" + " ".repeat(14) + FireAll.STARTUP_EVENTS + "\n", dtrace.stdout());
        }
    }

    /**
     * One uprobe per file, whatever path or process reaches it: two JVMs mapping the same file
     * are traced once each, never twice, and the first one ending leaves the other traced.
     * (Their libraries are root's, so the program names them by path; another user's are
     * named through /proc/PID/map_files: RootToolAttackTest.)
     */
    @Test
    void twoJvmsSharingOneLibraryAreEachCountedOnceAndOutliveEachOther(@TempDir Path temp) throws Exception {
        Path script = temp.resolve("count.d");
        Files.writeString(script, String.join("\n",
                "#pragma D option quiet",
                "conformance*:::counted { @events[pid] = count(); }",
                "conformance*:::done /finished == 1/ { exit(0); }",
                "conformance*:::done { finished++; }",
                ""));
        Path shared = temp.resolve("shared-libraries");
        try (Tracers.Running first = Tracers.fireAll("figures", shared)) {
            String library = first.await("ready ", 60).split(" ")[2];
            try (Tracers.Running second = Tracers.fireAll("figures", shared)) {
                assertEquals(library, second.await("ready ", 60).split(" ")[2], "both JVMs map one file");
                try (DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-s", script.toString())) {
                    // counted in each process, done in each for each of two clauses: six, on two uprobes of the one file
                    assertEquals("dtrace: script '" + script + "' matched 6 probes", dtrace.awaitMatched(60));
                    first.send(FireAll.GO);
                    first.await("fired", 60);
                    first.process.getOutputStream().close(); // FireAll ends when its input does
                    assertTrue(first.process.waitFor(60, TimeUnit.SECONDS), "the first JVM ended");
                    second.send(FireAll.GO); // traced still, though the process the program named has gone
                    assertEquals(0, dtrace.awaitExit(60), () -> String.join("\n", dtrace.errors));
                    assertEquals(Map.of(first.process.pid(), 4000L, second.process.pid(), 4000L),
                            countsByPid(dtrace.stdout()), () -> String.join("\n", dtrace.errors));
                }
            }
        }
    }

    /** The rows of a one-key count as printed: {@code pid count}, each once. */
    private static Map<Long, Long> countsByPid(String output) {
        Map<Long, Long> counts = new TreeMap<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                String[] fields = line.trim().split("\\s+");
                assertEquals(2, fields.length, output);
                assertEquals(null, counts.put(Long.parseLong(fields[0]), Long.parseLong(fields[1])), output);
            }
        }
        return counts;
    }

    /**
     * D's strings are bytes, printed unchanged: UTF-8 in printf, trace and aggregation keys
     * (bpftrace 0.17 writes them as sign-extended escapes, which printed as {@code ￿ffc3…}),
     * bytes that are no UTF-8 at all, and C's octal and hex escapes; widths count bytes, as
     * C's printf does. Under {@code LANG=C}, where JDK 17 would print '?'.
     */
    @Test
    void stringsAreBytesPrintedUnchanged(@TempDir Path temp) throws Exception {
        Path script = temp.resolve("bytes.d");
        Files.write(script, String.join("\n",
                "BEGIN",
                "{",
                "\tprintf(\"%s|%-6s|%3s|\\n\", \"été ✓\", \"é\", \"✓\");",
                "\tprintf(\"\\101\\x42\\033[1m\\xff<\\n\");",
                "\ttrace(\"ü\");",
                "\t@keys[\"é✓\"] = count();",
                "\texit(0);",
                "}",
                "").getBytes(StandardCharsets.UTF_8));
        try (DTraceRun dtrace = new DTraceRun(Map.of("LANG", "C", "LC_ALL", "C"), temp.resolve("out"), "-q", "-s", script.toString())) {
            assertEquals(0, dtrace.awaitExit(60), () -> String.join("\n", dtrace.errors));
            java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
            expected.write("été ✓|é    |✓|\nAB\u001b[1m".getBytes(StandardCharsets.UTF_8));
            expected.write(0xff); // not UTF-8: the byte itself
            expected.write(("<\nü\n  é✓" + " ".repeat(50 - 5) + String.format("%17d", 1) + "\n").getBytes(StandardCharsets.UTF_8));
            assertEquals(java.util.HexFormat.of().formatHex(expected.toByteArray()),
                    java.util.HexFormat.of().formatHex(Files.readAllBytes(dtrace.output)));
        }
    }

    /**
     * Aggregations as dtrace keeps them where bpftrace 0.17 does not: a max of negative values
     * (bpftrace stores none), an lquantize with a negative base (bpftrace's lhist refuses it),
     * and aggregations that never fired, which printa and the final print show as nothing
     * (bpftrace prints a keyless count as 0 and a sum not at all). printa's newline before
     * the rows is dtrace's own, printed for an empty aggregation too.
     */
    @Test
    void negativeMaximaNegativeBoundsAndAggregationsThatNeverFired(@TempDir Path temp) throws Exception {
        try (DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-q",
                "-n", "BEGIN { @m = max(-5); @m = max(-1); @n = min(4); @n = min(9);"
                        + " @l = lquantize(-5, -10, 0, 2); @l = lquantize(-1, -10, 0, 2); exit(0); }",
                "-n", "tick-1h { @never = count(); @nsum = sum(1); @nmax = max(3); }",
                "-n", "END { printa(@never); printa(@nsum); printf(\"end\\n\"); }")) {
            assertEquals(0, dtrace.awaitExit(60), () -> String.join("\n", dtrace.errors));
            String bar = "@".repeat(20) + " ".repeat(21);
            String empty = " ".repeat(41);
            assertEquals(String.join("\n",
                    "", "", "end", "",
                    String.format("%17d", -1),
                    String.format("%17d", 4),
                    "",
                    "           value  ------------- Distribution ------------- count    ",
                    "              -8 |" + empty + "0        ",
                    "              -6 |" + bar + "1        ",
                    "              -4 |" + empty + "0        ",
                    "              -2 |" + bar + "1        ",
                    "            >= 0 |" + empty + "0        ",
                    "", ""), dtrace.stdout());
        }
    }

    /**
     * Expressions as C and D mean them: a chained assignment, a variable that is only ever set
     * to 0 (bpftrace refused the program: "Undefined map"), and dtrace's own words for a
     * floating-point constant (it was "structure members (.) are not supported").
     */
    @Test
    void chainedAssignmentsVariablesOnlyFreedAndFloatingPointConstants(@TempDir Path temp) throws Exception {
        try (DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-q", "-n",
                "BEGIN { a = b = 3; c[1] = d = e += 2; g = 0; self->t = 0; printf(\"%d %d %d %d %d %d %d\\n\","
                        + " a, b, c[1], d, e, g, self->t); exit(0); }")) {
            assertEquals(0, dtrace.awaitExit(60), () -> String.join("\n", dtrace.errors));
            assertEquals("3 3 2 2 2 0 0", dtrace.stdout().strip());
        }
        try (DTraceRun dtrace = new DTraceRun(temp.resolve("float"), "-q", "-n", "BEGIN { x = 1.5; }")) {
            assertEquals(1, dtrace.awaitExit(60));
            assertEquals(List.of("dtrace: invalid probe specifier BEGIN { x = 1.5; }: line 1: floating-point constants are not permitted"),
                    dtrace.errors);
        }
    }

    /**
     * -c and -p as dtrace runs them: a command that cannot run and a process that does not
     * exist are refused in libdtrace's words with status 1 (they said "matched 1 probe" and
     * exited 0); -p ends when its process does, with "pid N has exited" and the results; and a
     * wrapper script that starts its JVM as a child, where $target is the script, is told of
     * with the child's pid and how to trace it (it saw 0 events and said nothing).
     */
    @Test
    void commandsAndProcessesEndAndFailAsDTraceSaysTheyDo(@TempDir Path temp) throws Exception {
        try (DTraceRun dtrace = new DTraceRun(temp.resolve("none"), "-c", "/nonexistent", "-n", "BEGIN { }")) {
            assertEquals(1, dtrace.awaitExit(60));
            assertEquals(List.of("dtrace: failed to execute /nonexistent: No such file or directory"), dtrace.errors);
        }
        try (DTraceRun dtrace = new DTraceRun(temp.resolve("gone"), "-p", "999999999", "-n", "BEGIN { }")) {
            assertEquals(1, dtrace.awaitExit(60));
            assertEquals(List.of("dtrace: failed to grab pid 999999999: No such process"), dtrace.errors);
        }
        Process sleeper = new ProcessBuilder("sleep", "2").start();
        try (DTraceRun dtrace = new DTraceRun(temp.resolve("ended"), "-p", Long.toString(sleeper.pid()),
                "-n", "tick-100ms { @ticks = count(); }")) {
            assertEquals(0, dtrace.awaitExit(30), () -> String.join("\n", dtrace.errors));
            assertTrue(dtrace.errors.contains("dtrace: pid " + sleeper.pid() + " has exited"), () -> String.join("\n", dtrace.errors));
            long ticks = Long.parseLong(dtrace.stdout().strip());
            assertTrue(ticks >= 5 && ticks <= 25, "about 2 s of 100 ms ticks: " + ticks);
        }
        Path wrapper = temp.resolve("run.sh");
        // the JVM waits for a tracer that never comes (none traces it): the script ends it after 3 s
        Files.writeString(wrapper, "#!/bin/sh\n" + Machine.jdkTool("java") + " " + Tracers.NATIVE_ACCESS + " -Dusdt4j.dir="
                + System.getProperty("usdt4j.dir") + " -cp " + System.getProperty("java.class.path") + " "
                + FireAll.class.getName() + " figures &\nsleep 3\nkill $!\nwait\n");
        assertTrue(wrapper.toFile().setExecutable(true));
        try (DTraceRun dtrace = new DTraceRun(temp.resolve("wrapped"), "-q", "-c", wrapper.toString(),
                "-n", "conformance$target:::counted { @events = count(); }")) {
            assertEquals(0, dtrace.awaitExit(90), () -> String.join("\n", dtrace.errors));
            assertTrue(dtrace.errors.stream().anyMatch(line -> line.matches("dtrace: pid \\d+, started by the command \\(pid \\d+\\),"
                    + " has providers \\(conformance\\*.*; \\$target is pid \\d+, so descriptions naming \\$target do not trace it:"
                    + " name the provider with \\* \\(conformance\\*.*\\) or trace it with -p \\d+")), () -> String.join("\n", dtrace.errors));
        }
    }

    /**
     * vtimestamp never runs ahead of timestamp: between two firings on one thread, its time on
     * CPU is at most the time elapsed. Each firing reads the clock once, as dtrace samples it
     * (the clock read twice in one firing gave more time on CPU than elapsed in 3 of 12 runs).
     */
    @Test
    void timeOnCpuNeverExceedsTimeElapsed(@TempDir Path temp) throws Exception {
        Path script = temp.resolve("clock.d");
        Files.writeString(script, String.join("\n",
                "#pragma D option quiet",
                "conformance*:::counted /self->t/ { @intervals = count(); @ahead = sum((timestamp - self->t) < (vtimestamp - self->v)); }",
                "conformance*:::counted { self->t = timestamp; self->v = vtimestamp; }",
                "conformance*:::done { exit(0); }",
                "END { printa(\"%@d intervals, \", @intervals); printa(\"%@d ahead\\n\", @ahead); }",
                ""));
        try (Tracers.Running app = Tracers.fireAll("figures", temp.resolve("libraries"));
                DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-s", script.toString())) {
            app.await("ready ", 60);
            dtrace.awaitMatched(60);
            app.send(FireAll.GO);
            assertEquals(0, dtrace.awaitExit(60), () -> String.join("\n", dtrace.errors));
            // FireAll fires its 4,000 counted probes from one thread: 3,999 intervals
            assertEquals((FireAll.FIGURES_THREADS * FireAll.FIGURES_PER_THREAD - 1) + " intervals, 0 ahead",
                    dtrace.stdout().strip());
        }
    }

    /**
     * The classic Java scripts' strings: a class name read with copyin, cut with
     * {@code this->s[n] = '\\0'} after stringof (j_classflow.d; it was refused), and taken
     * apart with dirname and basename (j_package.d; refused), on the JVM's own class-loaded
     * probe, whose names are known: the JVM loads io/github/usdt4j/it/FireAll once.
     */
    @Test
    void classNamesAreCutAndTakenApartAsTheClassicScriptsDo(@TempDir Path temp) throws Exception {
        String command = Machine.jdkTool("java") + " -cp " + System.getProperty("java.class.path") + " "
                + FireAll.class.getName() + " gc";
        Path script = temp.resolve("classes.d");
        Files.writeString(script, String.join("\n",
                "#pragma D option quiet",
                "hotspot$target:::class-loaded",
                "{",
                "\tthis->class = stringof((char *)copyin(arg0, arg1 + 1));",
                "\tthis->class[arg1] = '\\0';",
                "\t@classes[this->class] = count();",
                "\t@parts[dirname(this->class), basename(this->class)] = count();",
                "\t@packages[dirname(this->class)] = count();",
                "}",
                ""));
        try (DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-s", script.toString(), "-c", command)) {
            assertEquals(0, dtrace.awaitExit(90), () -> String.join("\n", dtrace.errors));
            String out = dtrace.stdout();
            assertTrue(out.contains(String.format("  %-50s %16d%n", "io/github/usdt4j/it/FireAll", 1)), out);
            // each string key in 50 columns after two spaces, as dtrace prints keys
            assertTrue(out.contains(String.format("  %-50s  %-50s %16d%n", "io/github/usdt4j/it", "FireAll", 1)), out);
            assertTrue(out.contains(String.format("  %-50s  %-50s ", "java/lang", "String")), out);
            // a package's row is its classes' rows merged: bpftrace kept one key a class
            long classes = out.lines().filter(line -> line.matches("  io/github/usdt4j/it/[^/ ]+ +\\d+")).count();
            assertTrue(classes >= 4, out); // FireAll, Conformance, its enum, its generated class at least
            assertTrue(out.contains(String.format("  %-50s %16d%n", "io/github/usdt4j/it", classes)), out);
        }
    }

    /**
     * curpsinfo->pr_psargs, as j_who.d keys its counts by it (it was refused): the first 80
     * bytes of the process's arguments, spaces between them, and the other members it reads.
     */
    @Test
    void processArgumentsAreShownAsDTraceShowsThem(@TempDir Path temp) throws Exception {
        Path libraries = temp.resolve("libraries");
        Path script = temp.resolve("who.d");
        Files.writeString(script, String.join("\n",
                "#pragma D option quiet",
                "conformance*:::counted { @calls[curpsinfo->pr_pid, curpsinfo->pr_psargs] = count(); }",
                "conformance*:::done { printf(\"%s|%d\\n\", curpsinfo->pr_fname, curpsinfo->pr_uid); exit(0); }",
                ""));
        try (Tracers.Running app = Tracers.fireAll("figures", libraries);
                DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-s", script.toString())) {
            app.await("ready ", 60);
            dtrace.awaitMatched(60);
            app.send(FireAll.GO);
            assertEquals(0, dtrace.awaitExit(60), () -> String.join("\n", dtrace.errors));
            // the command Tracers.fireAll ran, as psinfo_t keeps it
            String arguments = String.join(" ", Machine.jdkTool("java"), Tracers.NATIVE_ACCESS, "-Dusdt4j.dir=" + libraries,
                    "-cp", System.getProperty("java.class.path"), FireAll.class.getName(), "figures");
            String psargs = arguments.substring(0, Math.min(80, arguments.length()));
            assertEquals("java|0\n\n" + String.format(" %8d  %-50s %16d%n", app.process.pid(), psargs, 4000), dtrace.stdout());
        }
    }

    /**
     * The string functions the front-end applies where it prints (toupper, tolower, lltostr;
     * they were refused), dtrace's macros for its own ids, and errno where a system call
     * returns: cat of a file that does not exist fails its open with ENOENT.
     */
    @Test
    void stringFunctionsMacrosAndErrnoAsDTraceGivesThem(@TempDir Path temp) throws Exception {
        long uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        try (DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-q", "-n",
                "BEGIN { printf(\"%s %s %s %d %d\\n\", toupper(\"java/Été\"), tolower(probename), lltostr(-42), $uid,"
                        + " $pid > 0); @keys[lltostr(12), toupper(\"k\")] = count(); exit(0); }")) {
            assertEquals(0, dtrace.awaitExit(60), () -> String.join("\n", dtrace.errors));
            assertEquals("JAVA/ÉTé begin -42 " + uid + " 1\n\n" + String.format("  %-50s  %-50s %16d%n", "12", "K", 1),
                    dtrace.stdout());
        }
        Path missing = temp.resolve("missing");
        try (DTraceRun dtrace = new DTraceRun(temp.resolve("errno"), "-q", "-c", "/usr/bin/cat " + missing,
                "-n", "syscall::openat:return /pid == $target && arg0 < 0/ { @errors[errno] = count(); }")) {
            assertEquals(0, dtrace.awaitExit(60), () -> String.join("\n", dtrace.errors));
            List<String> rows = dtrace.stdout().lines().filter(line -> !line.isBlank()).toList();
            assertFalse(rows.isEmpty(), "cat's failed open was seen");
            for (String row : rows) {
                assertEquals("2", row.trim().split("\\s+")[0], "every failed open here is ENOENT: " + dtrace.stdout());
            }
        }
    }

    @Test
    void theJvmsOwnHotspotProbesAreTracedBesideTheApplications(@TempDir Path temp) throws Exception {
        String java = Machine.jdkTool("java");
        String command = java + " -cp " + System.getProperty("java.class.path") + " " + FireAll.class.getName() + " gc";
        try (DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-q", "-c", command,
                "-n", "hotspot$target:::gc-begin /arg0/ { @full = count(); }")) {
            assertEquals(0, dtrace.awaitExit(60), () -> String.join("\n", dtrace.errors));
            assertEquals("collected\n\n" + " ".repeat(16) + FireAll.FULL_GCS + "\n", dtrace.stdout());
        }
    }

    private static String list(String pid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Usdt4jTool.run(new String[] {"list", pid}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
