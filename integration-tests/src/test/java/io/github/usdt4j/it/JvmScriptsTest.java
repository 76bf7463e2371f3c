package io.github.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.it.DTraceEndToEndTest.DTraceRun;
import io.github.usdt4j.testing.Machine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JVM's own probes in D: the scripts of examples/jvm, in the shapes of the classic Java
 * D scripts, run with the usdt4j-dtrace jar on {@link JvmWorkload}, whose figures are known,
 * and compared with what a hand-written bpftrace program counts on the same run.
 */
class JvmScriptsTest {
    private static final Path SCRIPTS = Path.of("../examples/jvm");
    private static final String WORKLOAD = "io/github/usdt4j/it/JvmWorkload";

    @BeforeAll
    static void requireBpftraceTheJarAndALibraryExtractedOnce() throws Exception {
        DTraceEndToEndTest.requireBpftraceAndTheJar();
        // -c traces a build that has run once (docs/dtrace.md): the queries provider's library
        Process once = new ProcessBuilder(workload(java(), "").split(" ")).redirectErrorStream(true).start();
        once.getInputStream().readAllBytes();
        assertEquals(0, once.waitFor());
    }

    private static String java() {
        return Machine.jdkTool("java");
    }

    /** The command line of {@link JvmWorkload} on the given java, with the JVM's method and allocation probes on. */
    private static String workload(String java, String arguments) {
        return (java + " " + Tracers.NATIVE_ACCESS + " -XX:+DTraceMethodProbes -XX:+DTraceAllocProbes -Dusdt4j.dir="
                + System.getProperty("usdt4j.dir") + " -cp " + System.getProperty("java.class.path") + " "
                + JvmWorkload.class.getName() + " " + arguments).trim();
    }

    private static String libjvm(String javaHome) throws Exception {
        return Path.of(javaHome, "lib", "server", "libjvm.so").toRealPath().toString();
    }

    @Test
    void methodCallsAndAllocationsAreCountedExactlyAsBpftraceCountsThem(@TempDir Path temp) throws Exception {
        String library = libjvm(System.getProperty("java.home"));
        String twin = String.join("\n",
                "usdt:" + library + ":hotspot:method__entry",
                "/str(arg1, arg2) == \"" + WORKLOAD + "\" && str(arg3, arg4) == \"measured\"/ { @calls = count(); }",
                "usdt:" + library + ":hotspot:object__alloc",
                "/str(arg1, arg2) == \"" + WORKLOAD + "$Allocated\"/ { @objects = count(); @bytes = sum(arg3); }");
        String output;
        List<String> bpftrace;
        try (Tracers.Running tracer = Tracers.bpftrace(List.of(), twin, Map.of());
                DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-s", SCRIPTS.resolve("method-calls.d").toString(),
                        "-s", SCRIPTS.resolve("allocations.d").toString(), "-c", workload(java(), ""))) {
            assertEquals(0, dtrace.awaitExit(120), () -> String.join("\n", dtrace.errors));
            output = dtrace.stdout();
            tracer.interrupt();
            // without -p bpftrace warns that it reads the strings from user space: only its maps
            bpftrace = tracer.all.stream().filter(line -> line.startsWith("@")).toList();
        }
        assertEquals(List.of("@bytes: " + figure(bpftrace, "@bytes: (\\d+)"), "@calls: " + JvmWorkload.CALLS,
                "@objects: " + JvmWorkload.ALLOCATIONS), bpftrace.stream().sorted().toList());
        assertTrue(output.startsWith("Tracing... Hit Ctrl-C to end.\n"), output);
        // printa("%-70s %@8d\n", @calls)
        assertTrue(output.contains(String.format("%-70s %8d%n", WORKLOAD + ".measured", JvmWorkload.CALLS)), output);
        // printa("%-60s %@10d %@12d\n", @objects, @bytes): the bytes bpftrace read from the same probes
        assertTrue(output.contains(String.format("%-60s %10d %12d%n", WORKLOAD + "$Allocated", JvmWorkload.ALLOCATIONS,
                figure(bpftrace, "@bytes: (\\d+)"))), output);
        // printa(@sizes): the class, then its distribution
        assertTrue(output.contains("  " + WORKLOAD + "$Allocated"
                + " ".repeat(50 - (WORKLOAD + "$Allocated").length()) + "\n           value  ------------- Distribution"),
                output);
    }

    @Test
    void classFlowIndentsTheCallsAndMethodTimesSplitsInclusiveFromExclusive(@TempDir Path temp) throws Exception {
        String flow;
        String flowErrors;
        try (DTraceRun dtrace = new DTraceRun(temp.resolve("flow"), "-s", SCRIPTS.resolve("class-flow.d").toString(),
                "-c", workload(java(), ""), WORKLOAD)) {
            assertEquals(0, dtrace.awaitExit(120), () -> String.join("\n", dtrace.errors));
            flow = dtrace.stdout();
            flowErrors = String.join("\n", dtrace.errors);
        }
        // main at depth 1 (2 spaces), what it calls at depth 2 (4 spaces)
        assertEquals(1, count(flow, "(?m)^ *\\d+ +\\d+   -> main$"), flow);
        assertEquals(JvmWorkload.CALLS, count(flow, "(?m)^ *\\d+ +\\d+     -> measured$"), flowErrors);
        assertEquals(JvmWorkload.CALLS, count(flow, "(?m)^ *\\d+ +\\d+     <- measured$"));
        assertEquals(JvmWorkload.QUERIES, count(flow, "(?m)^ *\\d+ +\\d+     -> collectsInside$"));
        assertEquals(1, count(flow, "(?m)^ *\\d+ +\\d+   <- main$"), flow);

        String times;
        try (DTraceRun dtrace = new DTraceRun(temp.resolve("times"), "-s", SCRIPTS.resolve("method-times.d").toString(),
                "-c", workload(java(), ""))) {
            assertEquals(0, dtrace.awaitExit(120), () -> String.join("\n", dtrace.errors));
            times = dtrace.stdout();
        }
        long[] measured = times(times, WORKLOAD + ".measured");
        assertEquals(measured[0], measured[1], "measured calls nothing: its inclusive time is its exclusive time");
        long[] main = times(times, WORKLOAD + ".main");
        assertTrue(main[1] < main[0], () -> "main's own time is less than main's with its calls: " + main[0] + " " + main[1]);
    }

    /**
     * Events that find the trace buffer full are lost, and said so in dtrace's words: the
     * flow of a thousand calls does not fit in one page.
     */
    @Test
    void eventsLostToAFullBufferAreReportedAsDrops(@TempDir Path temp) throws Exception {
        try (DTraceRun dtrace = new DTraceRun(temp.resolve("flow"), "-b", "4k", "-s", SCRIPTS.resolve("class-flow.d").toString(),
                "-c", workload(java(), ""), WORKLOAD)) {
            assertEquals(0, dtrace.awaitExit(120), () -> String.join("\n", dtrace.errors));
            String errors = String.join("\n", dtrace.errors);
            assertTrue(errors.matches("(?s)(.*\n)?dtrace: \\d+ drops? \\(the trace buffer was full: a larger -b or -x bufsize"
                    + " keeps them\\)(\n.*)?"), errors);
            assertTrue(count(dtrace.stdout(), "(?m)^ *\\d+ +\\d+     -> measured$") < JvmWorkload.CALLS, "some were lost");
        }
    }

    /** The one script that joins the application's provider with the JVM's finds exactly the queries a collection interrupted. */
    @Test
    void joiningTheApplicationsProbesWithTheJvmsFindsTheQueriesAForcedCollectionOverlapped(@TempDir Path temp)
            throws Exception {
        Path script = temp.resolve("queries-during-gc.d");
        Files.writeString(script, String.join("\n",
                "#pragma D option quiet",
                "queries$target:::start { self->collections = collections + 1; }",
                "hotspot$target:::gc-begin { collections++; }",
                "queries$target:::finish /self->collections && self->collections != collections + 1/",
                "{ printf(\"query %d overlapped a collection\\n\", arg0); @overlapped = count(); }",
                "queries$target:::finish { self->collections = 0; }",
                ""));
        try (DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-s", script.toString(), "-c", workload(java(), ""))) {
            assertEquals(0, dtrace.awaitExit(120), () -> String.join("\n", dtrace.errors));
            StringBuilder expected = new StringBuilder();
            int overlapped = 0;
            for (int query = 1; query <= JvmWorkload.QUERIES; query++) {
                if (JvmWorkload.collectsInside(query)) {
                    expected.append("query ").append(query).append(" overlapped a collection\n");
                    overlapped++;
                }
            }
            // the workload's "done" shares the output, as with dtrace -c, wherever it falls
            assertEquals(expected + "\n" + String.format("%17d%n", overlapped),
                    dtrace.stdout().replaceFirst("(?m)^done\n", ""));
        }
    }

    /**
     * {@code vtimestamp}, the thread's time on CPU, tells a query that slept from one that
     * worked for as long: the sleeping one used next to no CPU, the spinning one at least what
     * the JVM counted for its thread, and neither more than its wall time (to within the
     * moment between reading the two clocks).
     */
    @Test
    void vtimestampCountsOnlyTheTimeAThreadRanOnACpu(@TempDir Path temp) throws Exception {
        Path script = temp.resolve("query-times.d");
        Files.writeString(script, String.join("\n",
                "#pragma D option quiet",
                "queries$target:::start { self->wall = timestamp; self->cpu = vtimestamp; }",
                "queries$target:::finish /self->wall/",
                "{ printf(\"query %d wall %d cpu %d\\n\", arg0, timestamp - self->wall, vtimestamp - self->cpu); }",
                ""));
        String command = java() + " " + Tracers.NATIVE_ACCESS + " -Dusdt4j.dir=" + System.getProperty("usdt4j.dir")
                + " -cp " + System.getProperty("java.class.path") + " " + SleepAndSpin.class.getName();
        try (DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-s", script.toString(), "-c", command)) {
            assertEquals(0, dtrace.awaitExit(120), () -> String.join("\n", dtrace.errors));
            String output = dtrace.stdout();
            Matcher slept = Pattern.compile("query 1 wall (\\d+) cpu (\\d+)").matcher(output);
            Matcher spun = Pattern.compile("query 2 wall (\\d+) cpu (\\d+)").matcher(output);
            assertTrue(slept.find() && spun.find(), output);
            long millis = 1_000_000L;
            long limit = SleepAndSpin.MILLIS * millis;
            assertTrue(Long.parseLong(slept.group(1)) >= limit, output);
            assertTrue(Long.parseLong(slept.group(2)) < limit / 10, output);
            assertTrue(Long.parseLong(spun.group(2)) >= limit, output);
            // no more CPU than wall time, give or take the microseconds between the two clock
            // reads of one probe (vtimestamp is computed after timestamp: seen 401 ns over)
            assertTrue(Long.parseLong(spun.group(2)) <= Long.parseLong(spun.group(1)) + millis, output);
        }
    }

    /**
     * {@code hotspot*} covers JVMs that start after tracing began, whichever installed JDK runs
     * them (the other one here, when the machine has two), and {@code pid} tells them apart.
     */
    @Test
    void jvmsStartedAfterTheScriptAreTracedAndToldApartByPid(@TempDir Path temp) throws Exception {
        List<String> javas = new ArrayList<>(List.of(java(), otherJdk().orElse(java())));
        try (DTraceRun dtrace = new DTraceRun(temp.resolve("out"), "-n",
                "hotspot*:::method-entry /copyinstr(arg3, arg4) == \"measured\"/ { @calls[pid] = count(); }")) {
            dtrace.awaitMatched(60);
            Map<Long, Integer> expected = new TreeMap<>();
            List<Process> started = new ArrayList<>();
            for (String java : javas) {
                Process process = new ProcessBuilder(workload(java, "").split(" ")).redirectErrorStream(true).start();
                started.add(process);
                expected.put(process.pid(), JvmWorkload.CALLS);
            }
            for (Process process : started) {
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, process.waitFor(), output);
            }
            dtrace.interrupt();
            assertEquals(0, dtrace.awaitExit(30), () -> String.join("\n", dtrace.errors));
            StringBuilder rows = new StringBuilder("\n\n");
            expected.forEach((pid, calls) -> rows.append(String.format("%9d%17d%n", pid, calls)));
            assertEquals(rows.toString(), dtrace.stdout());
        }
    }

    /** The program -S prints runs with plain bpftrace, as fleets ship bpftrace programs, and counts the same. */
    @Test
    void theProgramDashSPrintsRunsWithPlainBpftraceAndCountsTheSame(@TempDir Path temp) throws Exception {
        Process compile = new ProcessBuilder(java(), "-jar", System.getProperty("usdt4j.dtrace.jar"), "-S", "-e", "-n",
                "hotspot*:::method-entry /copyinstr(arg3, arg4) == \"measured\"/ { @calls = count(); }").start();
        String program = new String(compile.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, compile.waitFor(), program);
        Files.writeString(temp.resolve("program.bt"), program);
        Tracers.Running bpftrace = new Tracers.Running(new ProcessBuilder("bpftrace", temp.resolve("program.bt").toString()));
        try (bpftrace) {
            bpftrace.await(ATTACHED_RECORD, 60);
            Process run = new ProcessBuilder(workload(java(), "").split(" ")).redirectErrorStream(true).start();
            run.getInputStream().readAllBytes();
            assertEquals(0, run.waitFor(10, TimeUnit.SECONDS) ? run.exitValue() : -1);
            bpftrace.interrupt();
        }
        assertTrue(bpftrace.all.contains("@calls: " + JvmWorkload.CALLS), () -> String.join("\n", bpftrace.all));
    }

    /** The line the front-end's programs print from BEGIN: every probe is attached. */
    private static final String ATTACHED_RECORD = "\u001eA";

    private static Optional<String> otherJdk() throws Exception {
        Path ours = Path.of(System.getProperty("java.home")).toRealPath();
        try (var homes = Files.list(Path.of("/usr/lib/jvm"))) {
            for (Path home : homes.sorted().toList()) {
                Path java = home.resolve("bin/java");
                if (Files.isExecutable(java) && !home.toRealPath().equals(ours)
                        && Files.isRegularFile(home.resolve("lib/server/libjvm.so"))) {
                    return Optional.of(java.toString());
                }
            }
        } catch (java.io.IOException e) {
            // no other JDK
        }
        return Optional.empty();
    }

    private static long figure(List<String> lines, String regex) {
        Pattern pattern = Pattern.compile(regex);
        for (String line : lines) {
            Matcher m = pattern.matcher(line);
            if (m.matches()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new AssertionError("no " + regex + " in " + lines);
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** method-times.d's row of {@code method}: inclusive and exclusive microseconds. */
    private static long[] times(String output, String method) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(method) + " +(\\d+) +(\\d+)$").matcher(output);
        assertTrue(m.find(), () -> "no row for " + method + " in\n" + output);
        return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }
}
