package io.github.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.tool.Usdt4jTool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The D front-end and {@code list} as root on a shared machine, against an unprivileged user
 * who maps files of her choosing: hostile probe names, paths and catalogues (none reaches
 * root's program or terminal), her directory swapped for FIFOs (no hang), sparse giants and a
 * file claiming a million notes (bounded), a bpftrace planted on PATH (never run), and the
 * front-end killed by each signal (no tracer left behind).
 */
class RootToolAttackTest {
    private static final String JAR = System.getProperty("usdt4j.dtrace.jar");
    private static final String PLACEHOLDER = "PLACEHOLDER_NAME_OF_SIXTY_CHARACTERS_XXXXXXXXXXXXXXXXXXXXXXXXX";
    /** Her clause, as a probe name: it would print INJECTED from root's bpftrace. */
    private static final String CLAUSE = "x\n}\nBEGIN { printf(\"INJECTED\\n\"); exit(); }\n";
    /** Escape sequences: clear the screen, retitle the window, a one-byte CSI. */
    private static final String ESCAPES = "\u001b[2J\u001b]0;owned\u0007";
    /** An attach point as the front-end may write one: the mapped file itself, plain names. */
    private static final Pattern ATTACH_POINT = Pattern.compile("usdt:/proc/\\d+/map_files/[0-9a-f]+-[0-9a-f]+:[A-Za-z_][A-Za-z0-9_]*:[A-Za-z_][A-Za-z0-9_]*");

    private static Path home;
    private static int uid;

    @BeforeAll
    static void requireRootBpftraceAndTheJar() throws Exception {
        Tracers.require("bpftrace", "bpftrace");
        Tracers.require("setpriv", "util-linux");
        assertTrue(JAR != null && Files.isRegularFile(Path.of(JAR)), "no usdt4j-dtrace jar at " + JAR);
        uid = Tracers.throwawayUser();
        home = Files.createTempDirectory(Path.of("/tmp"), "usdt4j-her-");
        Files.setAttribute(home, "unix:uid", uid);
    }

    @AfterAll
    static void removeHerFiles() throws Exception {
        if (home != null) {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        new ProcessBuilder("userdel", Tracers.ATTACKER).inheritIO().start().waitFor();
    }

    /**
     * Her library, its probe renamed in place to {@code name} (NUL-padded to the placeholder's
     * length, so the note's strings stay where they were), in her directory {@code directory}.
     */
    private static Path library(Path directory, String file, String name, String... options) throws Exception {
        Files.createDirectories(directory);
        Path library = directory.resolve(file);
        List<String> all = new ArrayList<>(List.of("-shared", "-fPIC"));
        all.addAll(List.of(options));
        Tracers.cc(library, "hostile-library.c", all.toArray(String[]::new));
        byte[] bytes = Files.readAllBytes(library);
        byte[] placeholder = PLACEHOLDER.getBytes(StandardCharsets.US_ASCII);
        byte[] named = name.getBytes(StandardCharsets.UTF_8);
        assertTrue(named.length <= placeholder.length, "a name no longer than the placeholder: " + name);
        byte[] replacement = java.util.Arrays.copyOf(named, placeholder.length);
        int replaced = 0;
        for (int at; (at = indexOf(bytes, placeholder)) >= 0; replaced++) { // the note's, and the catalogue's elf-name
            System.arraycopy(replacement, 0, bytes, at, replacement.length);
        }
        assertTrue(replaced > 0, "the placeholder in " + library);
        Files.write(library, bytes);
        for (Path p = library; !p.equals(home.getParent()); p = p.getParent()) {
            Files.setAttribute(p, "unix:uid", uid);
        }
        return library;
    }

    private static int indexOf(byte[] bytes, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= bytes.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (bytes[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Her process, mapping {@code files}: its pid once they are mapped. */
    private static Tracers.Running mapping(Path... files) throws Exception {
        Path program = home.resolve("map-and-wait");
        if (!Files.exists(program)) {
            Tracers.cc(program, "map-and-wait.c");
        }
        List<String> command = new ArrayList<>(List.of("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                program.toString()));
        for (Path file : files) {
            command.add(file.toString());
        }
        return new Tracers.Running(new ProcessBuilder(command));
    }

    private record Result(int status, String out, String err) {}

    /** The front-end as root, with {@code environment} added, ended within {@code seconds}. */
    private static Result dtrace(Map<String, String> environment, int seconds, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(io.github.usdt4j.testing.Machine.jdkTool("java"), "-jar", JAR));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Path out = Files.createTempFile("usdt4j-attack-", ".out");
        Path err = Files.createTempFile("usdt4j-attack-", ".err");
        try {
            Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError("dtrace " + String.join(" ", arguments) + " hung for " + seconds + " s:\n"
                        + Files.readString(err));
            }
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Result list(long pid) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Usdt4jTool.run(new String[] {"list", Long.toString(pid)}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** No control character but the newlines between lines: nothing that acts on a terminal. */
    private static void assertPrintable(String text, String what) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\n') || c == 0x7f || (c >= 0x80 && c < 0xa0);
            assertFalse(control, () -> what + " carries control character " + (int) text.charAt(text.indexOf(c)) + ":\n" + text);
        }
    }

    @Test
    void herNamesPathsAndCatalogueNeverReachRootsProgramOrTerminal() throws Exception {
        Path directory = home.resolve("dir\n} BEGIN { printf(\"INJECTED\\n\"); }\n{" + ESCAPES);
        Path clause = library(directory, "libusdt4j-hostile-clause.so", CLAUSE);
        Path escapes = library(directory, "libusdt4j-hostile-escapes.so", ESCAPES + "name");
        Path catalogue = library(directory, "libusdt4j-hostile-catalogue.so", "log", "-DHOSTILE_CATALOGUE");
        Path plain = library(directory, "libusdt4j-" + ESCAPES + "plain.so", "plain_name");
        try (Tracers.Running her = mapping(clause, escapes, catalogue, plain)) {
            long pid = Long.parseLong(her.await("ready ", 30).split(" ")[1]);

            // Compiled and printed (-S), not run: what root's bpftrace would be given.
            Result compiled = dtrace(Map.of(), 60, "-S", "-e", "-n", "hostile*:::{ trace(arg0); }");
            assertEquals(0, compiled.status(), compiled.err());
            String program = String.join("\n", compiled.err().lines().filter(line -> !line.startsWith("dtrace: ")).toList());
            assertFalse(program.contains("INJECTED"), "her clause reached the program:\n" + program);
            List<String> attachPoints = new ArrayList<>();
            for (String line : program.split("\n")) {
                if (line.startsWith("usdt:")) {
                    attachPoints.add(line);
                    assertTrue(ATTACH_POINT.matcher(line).matches(), "an attach point of anything but the mapped file and plain names: " + line);
                }
            }
            // the probe named log in the catalogue and plain_name: traced, through her mapped files
            assertEquals(List.of("hostile:log", "hostile:plain_name"), attachPoints.stream()
                    .map(line -> line.substring(line.indexOf(':', line.indexOf("map_files")) + 1)).sorted().toList(), compiled.err());
            assertPrintable(String.join("\n", compiled.err().lines().filter(line -> line.startsWith("dtrace: ")).toList()),
                    "dtrace's warnings");
            assertTrue(compiled.err().contains("which are not D names; its probes are not traced"), compiled.err());
            assertTrue(compiled.err().contains("its catalogue names probes otherwise than its notes; it is ignored"), compiled.err());

            Result listed = dtrace(Map.of(), 60, "-l", "-n", "hostile" + pid + ":::");
            assertEquals(0, listed.status(), listed.err());
            assertPrintable(listed.out() + listed.err(), "dtrace -l");
            assertTrue(listed.out().contains("libusdt4j-^[[2J^[]0;owned^Gplain.so"), listed.out());
            assertTrue(listed.out().lines().noneMatch(line -> line.contains("INJECTED")), listed.out());

            Result tools = list(pid);
            assertPrintable(tools.out() + tools.err(), "list");
            assertTrue(tools.out().contains("probe log\u001b".replace("\u001b", "^[")), tools.out()); // shown, escaped
            System.err.println("hostile names: " + attachPoints.size() + " attach points, all of mapped files; "
                    + compiled.err().lines().filter(l -> l.startsWith("dtrace: ")).count() + " warnings, printable");
        }
    }

    @Test
    void herFifosUnderTheMappedNamesNeverHangRootsTools() throws Exception {
        Path directory = home.resolve("fifos");
        Path library = library(directory, "libusdt4j-hostile-fifo.so", "fired");
        try (Tracers.Running her = mapping(library)) {
            long pid = Long.parseLong(her.await("ready ", 30).split(" ")[1]);
            // She swaps the directory of what she maps for one of FIFOs under the same names.
            Files.move(directory, home.resolve("fifos.mapped"));
            Files.createDirectory(directory);
            assertEquals(0, new ProcessBuilder("mkfifo", library.toString()).inheritIO().start().waitFor());
            assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
                for (int run = 0; run < 200; run++) {
                    Result listed = list(pid);
                    assertEquals(0, listed.status(), listed.err());
                    assertTrue(listed.out().contains("probe fired"), listed.out()); // read through the mapping
                }
            });
            Result begin = dtrace(Map.of(), 60, "-q", "-n", "BEGIN { printf(\"begun\\n\"); exit(0); }");
            assertEquals(0, begin.status(), begin.err());
            assertEquals("begun", begin.out().strip());
            Result traced = dtrace(Map.of(), 60, "-q", "-n", "hostile" + pid + ":::fired { }", "-n", "BEGIN { exit(0); }");
            assertEquals(0, traced.status(), traced.err());
            System.err.println("FIFO swap: 200 listings and 2 traces, 0 hangs");
        }
    }

    @Test
    void sparseGiantsAndAMillionNotesCostBoundedMemory() throws Exception {
        Path directory = home.resolve("giants");
        Path giant = library(directory, "libusdt4j-hostile-giant.so", "giant");
        try (RandomAccessFile file = new RandomAccessFile(giant.toFile(), "rw")) {
            file.setLength(255L << 20); // sparse: 255 MiB that take no disk
        }
        List<Path> mapped = new ArrayList<>(List.of(giant));
        for (int i = 0; i < 12; i++) {
            mapped.add(Files.createLink(directory.resolve("libusdt4j-hostile-giant" + i + ".so"), giant));
        }
        Path million = library(directory, "libusdt4j-hostile-million.so", "million");
        claimNotes(million, 1_000_000L * 44);
        mapped.add(million);
        try (Tracers.Running her = mapping(mapped.toArray(Path[]::new))) {
            long pid = Long.parseLong(her.await("ready ", 30).split(" ")[1]);
            // A heap a tenth of what one giant read whole would take, and a few seconds.
            Result result = dtrace(Map.of("JDK_JAVA_OPTIONS", "-Xmx48m"), 60, "-q",
                    "-n", "hostile" + pid + ":::giant { }", "-n", "BEGIN { printf(\"begun\\n\"); exit(0); }");
            assertEquals(0, result.status(), result.err());
            assertEquals("begun", result.out().strip());
            assertTrue(result.err().contains("libusdt4j-hostile-million.so: its SDT notes claim 44000000 bytes"), result.err());
            assertFalse(result.err().contains("OutOfMemoryError") || result.err().contains("\tat "), result.err());
        }
    }

    /** Makes {@code library}'s note section claim {@code size} bytes, and the file long enough to hold them (sparse). */
    private static void claimNotes(Path library, long size) throws IOException {
        byte[] bytes = Files.readAllBytes(library);
        ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int table = (int) data.getLong(0x28);
        int entry = Short.toUnsignedInt(data.getShort(0x3A));
        int names = (int) data.getLong(table + Short.toUnsignedInt(data.getShort(0x3E)) * entry + 0x18);
        for (int i = 0; i < Short.toUnsignedInt(data.getShort(0x3C)); i++) {
            int header = table + i * entry;
            String name = new String(bytes, names + data.getInt(header), ".note.stapsdt".length(), StandardCharsets.US_ASCII);
            if (name.equals(".note.stapsdt")) {
                data.putLong(header + 0x20, size);
                Files.write(library, bytes);
                try (RandomAccessFile file = new RandomAccessFile(library.toFile(), "rw")) {
                    file.setLength(data.getLong(header + 0x18) + size);
                }
                return;
            }
        }
        throw new AssertionError("no .note.stapsdt in " + library);
    }

    @Test
    void aBpftraceOrCppPlantedOnThePathIsNeverRun() throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path marker = home.resolve("planted-ran");
        for (String tool : List.of("bpftrace", "cpp", "kill", "setsid", "setpriv")) {
            Path planted = bin.resolve(tool);
            Files.writeString(planted, "#!/bin/sh\ntouch '" + marker + "'\nexit 1\n");
            assertTrue(planted.toFile().setExecutable(true, false));
        }
        Path script = home.resolve("begin.d");
        Files.writeString(script, "BEGIN { printf(\"begun\\n\"); exit(0); }\n");
        Result result = dtrace(Map.of("PATH", bin + ":" + System.getenv("PATH")), 60, "-q", "-C", "-s", script.toString());
        assertEquals(0, result.status(), result.err());
        assertEquals("begun", result.out().strip());
        assertFalse(Files.exists(marker), "a program planted on PATH ran as root");
    }

    /**
     * Each way the front-end can end: its own handlers stop bpftrace (INT, TERM, HUP), and the
     * parent-death signal takes bpftrace when the front-end dies without a word (KILL).
     */
    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM", "HUP", "KILL"})
    void theTracerDiesWithTheFrontEnd(String signal) throws Exception {
        List<String> command = List.of(io.github.usdt4j.testing.Machine.jdkTool("java"), "-jar", JAR,
                "-n", "profile-97 { @samples = count(); }");
        try (Tracers.Running dtrace = new Tracers.Running(new ProcessBuilder(command))) {
            assertTrue(dtrace.await("dtrace: description 'profile-97", 60).endsWith(" matched 1 probe"));
            List<ProcessHandle> tracers = dtrace.process.descendants()
                    .filter(p -> p.info().command().orElse("").endsWith("/bpftrace")).toList();
            assertEquals(1, tracers.size(), "one bpftrace under the front-end");
            assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(dtrace.process.pid())).start().waitFor());
            ProcessHandle tracer = tracers.get(0);
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (tracer.isAlive() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertFalse(tracer.isAlive(), "bpftrace " + tracer.pid() + " outlived the front-end's SIG" + signal + " by 5 s");
                assertTrue(dtrace.process.waitFor(10, TimeUnit.SECONDS), "the front-end ended on SIG" + signal);
            } finally {
                tracer.destroyForcibly(); // a failed run leaves no tracer attached to the machine either
            }
        }
    }

    /**
     * -p holds its process while bpftrace attaches, as dtrace does; the front-end killed
     * without a word in that moment must not leave it stopped: its watchdog resumes it. The
     * attach is made long with every syscall's entry tracepoint (bpftrace attaches them one
     * by one, some 25 s).
     */
    @Test
    void aProcessHeldWhileProbesAttachIsResumedWhenTheFrontEndIsKilled() throws Exception {
        Process target = new ProcessBuilder("sleep", "300").start();
        List<String> command = List.of(io.github.usdt4j.testing.Machine.jdkTool("java"), "-jar", JAR,
                "-p", Long.toString(target.pid()), "-n", "syscall:::entry /pid == $target/ { @calls = count(); }");
        Process dtrace = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        List<ProcessHandle> tracers = new ArrayList<>();
        try {
            assertTrue(waitFor(() -> state(target.pid()).startsWith("T"), 30), "held (stopped) while bpftrace attaches: "
                    + state(target.pid()));
            dtrace.descendants().forEach(tracers::add);
            dtrace.destroyForcibly().waitFor(); // SIGKILL: no handler, no hook
            assertTrue(waitFor(() -> !state(target.pid()).startsWith("T"), 5), "resumed within 5 s of the front-end's"
                    + " SIGKILL: " + state(target.pid()));
            assertTrue(target.isAlive());
        } finally {
            dtrace.destroyForcibly();
            tracers.forEach(ProcessHandle::destroyForcibly);
            new ProcessBuilder("kill", "-CONT", Long.toString(target.pid())).start().waitFor();
            target.destroyForcibly();
        }
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    /** The State: field of /proc/PID/status without its label: "T (stopped)", "S (sleeping)". */
    private static String state(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("State:")) {
                    return line.substring("State:".length()).trim();
                }
            }
        } catch (IOException e) {
            return "gone";
        }
        return "?";
    }

    /**
     * Root traces a provider its own long-running process has while another user's short-lived
     * processes map copies of its library, starting and ending faster than bpftrace attaches
     * (before: 2 of 6 root sessions failed, "could not enable tracing"). Every session runs:
     * the processes gone by the attach are left out, the rest traced.
     */
    @Test
    void anotherUsersShortLivedProcessesDoNotBreakRootsSessions() throws Exception {
        Path hers = home.resolve("churn");
        List<Path> copies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            copies.add(library(hers, "libusdt4j-hostile-churn" + i + ".so", "churn"));
        }
        Path ours = Files.createTempDirectory("usdt4j-root-churn-");
        Path mine = Files.copy(copies.get(0), ours.resolve("libusdt4j-hostile-mine.so"));
        Files.setAttribute(mine, "unix:uid", 0);
        Path program = home.resolve("map-and-wait");
        if (!Files.exists(program)) {
            Tracers.cc(program, "map-and-wait.c");
        }
        List<Process> churners = new ArrayList<>();
        try (Tracers.Running root = new Tracers.Running(new ProcessBuilder(program.toString(), mine.toString()))) {
            root.await("ready ", 30);
            for (Path copy : copies) { // each: a process of hers that lives 0.2 s, again and again
                String loop = "while :; do (sleep 0.2; echo) | setpriv --reuid=" + uid + " --regid=" + uid
                        + " --clear-groups " + program + " " + copy + " > /dev/null 2>&1; done";
                churners.add(new ProcessBuilder("sh", "-c", loop).start());
            }
            Thread.sleep(1000);
            int ran = 0;
            for (int session = 0; session < 6; session++) {
                Result result = dtrace(Map.of(), 60, "-q", "-n", "hostile*:::churn { @c = count(); }",
                        "-n", "tick-1s { printf(\"ticked\\n\"); exit(0); }");
                assertEquals(0, result.status(), "session " + session + ":\n" + result.err());
                assertTrue(result.out().startsWith("ticked"), result.out());
                ran++;
            }
            System.err.println("short-lived processes of another user: " + ran + " of 6 root sessions ran");
        } finally {
            for (Process churner : churners) {
                churner.descendants().forEach(ProcessHandle::destroyForcibly);
                churner.destroyForcibly();
            }
            Files.deleteIfExists(mine);
            Files.deleteIfExists(ours);
        }
    }
}
