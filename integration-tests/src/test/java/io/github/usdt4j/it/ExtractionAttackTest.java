package io.github.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.catalogue.GeneratedLayout;
import io.github.usdt4j.testing.Machine;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extraction under attack and under sudden death, as root with a throwaway user and real
 * processes: another user swapping the library directory cannot get her library loaded, and
 * JVMs killed while they extract leave nothing that outlives the next start.
 */
class ExtractionAttackTest {
    private static final String RESOURCE =
            "META-INF/usdt4j/io.github.usdt4j.it.Usdt4j_Conformance/" + GeneratedLayout.currentPlatformFolder() + "/libusdt4j-conformance.so";
    private static final int STARTS = 50;
    private static final int KILLED_WRITERS = 20;

    @TempDir
    Path temp;

    @Test
    void anotherUserSwappingTheDirectoryNeverGetsHerLibraryLoaded() throws Exception {
        // The attack that succeeded in 6-16 of 40-50 starts before parents were checked: a
        // parent anyone may write (a shared volume, a CI workspace), and its other user
        // exchanging the victim's checked directory with hers between the check and System.load.
        Tracers.require("setpriv", "util-linux");
        Path shared = Files.createTempDirectory(Path.of("/tmp"), "usdt4j-shared-");
        Process attacker = null;
        try {
            Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
            int uid = Tracers.throwawayUser();
            Path victims = shared.resolve("libs");
            Path hers = Files.createDirectory(shared.resolve("hers"));
            Path marker = temp.resolve("planted-loads");
            Path planted = hers.resolve(extractedName());
            Tracers.cc(planted, "planted-library.c", "-shared", "-fPIC", "-DPLANTED_MARKER=\"" + marker + "\"");
            Path swap = shared.resolve("swap-directories");
            Tracers.cc(swap, "swap-directories.c");
            for (Path path : List.of(hers, planted, swap)) {
                Files.setAttribute(path, "unix:uid", uid);
            }
            attacker = new ProcessBuilder("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                    swap.toString(), victims.toString(), hers.toString()).redirectErrorStream(true).start();

            List<String> statuses = new ArrayList<>();
            for (int start = 1; start <= STARTS; start++) {
                statuses.add(showStatus(victims));
            }
            assertTrue(attacker.isAlive(), "the attacker ran through every start");
            attacker.toHandle().destroy(); // SIGTERM; Process.destroy would close the stream we read
            String swaps = new String(attacker.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(swaps.matches("swapped [1-9]\\d* times"), "the attacker did swap the directories: " + swaps);

            assertFalse(Files.exists(marker), () -> "the planted library ran in the JVMs of " + read(marker));
            for (String status : statuses) {
                assertTrue(status.startsWith("status no-op: ") && status.contains(shared.toString()), status);
            }
            System.err.println("attack: " + swaps + " during " + STARTS + " starts, 0 planted loads; the victims said: "
                    + statuses.stream().distinct().collect(Collectors.joining(" | ")));
        } finally {
            if (attacker != null) {
                attacker.destroyForcibly().waitFor();
            }
            removeTree(shared);
            new ProcessBuilder("userdel", Tracers.ATTACKER).inheritIO().start().waitFor();
        }
    }

    @Test
    void writersKilledMidExtractionLeaveNoTemporaryFileBehind() throws Exception {
        // bpftrace kills each JVM as it finishes its temporary file (the chmod after writing
        // it; a signal from bpftrace lands when the system call returns), before linking it
        // into place: the worst moment, and the same moment every time.
        Tracers.require("bpftrace", "bpftrace");
        // bpftrace 0.17 compares strings of up to 63 bytes: a short directory keeps the path within.
        Path libraries = Path.of("/tmp/u4k-" + ProcessHandle.current().pid());
        removeTree(libraries);
        try {
            killWritersMidExtraction(libraries);
        } finally {
            removeTree(libraries);
        }
    }

    private void killWritersMidExtraction(Path libraries) throws Exception {
        Path target = libraries.resolve(extractedName());
        String temporaries = libraries + "/.libusdt4j-";
        String program = "tracepoint:syscalls:sys_enter_chmod, tracepoint:syscalls:sys_enter_fchmodat"
                + " /strncmp(str(args->filename), \"" + temporaries + "\", " + temporaries.length() + ") == 0/"
                + " { signal(\"SIGKILL\"); }";
        int leftBehind;
        try (Tracers.Running killer = Tracers.bpftrace(List.of("--unsafe"), program, Map.of())) {
            List<Process> writers = new ArrayList<>();
            for (int i = 0; i < KILLED_WRITERS; i++) {
                writers.add(showStatusProcess(libraries).start());
            }
            for (Process writer : writers) {
                assertTrue(writer.waitFor(120, TimeUnit.SECONDS), "a writer hung");
                assertEquals(128 + 9, writer.exitValue(), "every writer is killed as it finishes its temporary file");
            }
            leftBehind = temporaryFiles(libraries).size();
            killer.interrupt();
        }
        assertTrue(leftBehind > 0, "the killed writers left temporary files for the next start to remove");
        assertFalse(Files.exists(target), "no writer got its library into place");

        String next = showStatus(libraries);
        assertTrue(next.startsWith("status active " + target), next);
        assertEquals(List.of(), temporaryFiles(libraries), "the next start removed every dead writer's file");
        System.err.println("killed writers: " + KILLED_WRITERS + " killed, " + leftBehind
                + " temporary files left, none after the next start");
    }

    /** The name the runtime gives the conformance library once extracted: its content id. */
    private static String extractedName() throws Exception {
        try (InputStream in = ExtractionAttackTest.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            return GeneratedLayout.extractedLibraryFileName("conformance", GeneratedLayout.contentId(in.readAllBytes()));
        }
    }

    private static ProcessBuilder showStatusProcess(Path libraries) {
        return new ProcessBuilder(Machine.jdkTool("java"),
                Tracers.NATIVE_ACCESS, "-Dusdt4j.dir=" + libraries,
                "-cp", System.getProperty("java.class.path"), ShowStatus.class.getName())
                .redirectErrorStream(true);
    }

    private static String showStatus(Path libraries) throws Exception {
        Process process = showStatusProcess(libraries).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "hung: " + output);
        assertEquals(0, process.exitValue(), output);
        return output.lines().filter(l -> l.startsWith("status ")).findFirst()
                .orElseThrow(() -> new AssertionError("no status line: " + output));
    }

    private static List<String> temporaryFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".tmp")).collect(Collectors.toList());
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path).trim().replace('\n', ' ');
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static void removeTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(path);
            }
        }
    }
}
