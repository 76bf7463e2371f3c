package io.github.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.catalogue.GeneratedLayout;
import io.github.usdt4j.testing.Machine;
import java.io.File;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When tracing cannot work, the application runs on: probes become no-ops, one warning says
 * why and how to fix it, {@code Providers.status} reports it, and {@code usdt4j.failFast}
 * turns it into an exception instead. Each case runs {@link ShowStatus} in its own JVM.
 */
class DegradationTest {
    private static final String IMPLEMENTATION = "io.github.usdt4j.it.Usdt4j_Conformance";
    private static final String RESOURCE = GeneratedLayout.resourceFolder(IMPLEMENTATION) + "/"
            + GeneratedLayout.currentPlatformFolder() + "/" + GeneratedLayout.libraryFileName("conformance");

    @TempDir
    Path temp;

    @Test
    void unwritableDirectory() throws Exception {
        Result result = run(List.of("-Dusdt4j.dir=/proc/usdt4j-cannot-exist"), List.of());
        result.assertNoOp("cannot create /proc/usdt4j-cannot-exist", "set -Dusdt4j.dir=");
    }

    @Test
    void noexecDirectory() throws Exception {
        Path noexec = Files.createDirectory(temp.resolve("noexec"));
        Tracers.require("mount", "mount"); // root, and a kernel that can mount tmpfs
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "noexec,mode=0700", "tmpfs", noexec.toString())
                .inheritIO().start();
        assertEquals(0, mount.waitFor(), "mount tmpfs -o noexec");
        try {
            Result result = run(List.of("-Dusdt4j.dir=" + noexec), List.of());
            result.assertNoOp("System.load", "noexec");
        } finally {
            new ProcessBuilder("umount", noexec.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void libraryThatIsNotALibrary() throws Exception {
        Path planted = besideTheGeneratedClass();
        Files.writeString(planted.resolve(RESOURCE), "this is not an ELF file");
        Result result = run(List.of(), List.of(planted));
        result.assertNoOp("System.load", "failed");
    }

    @Test
    void libraryOfAnotherProvider() throws Exception {
        // libmtev's library under conformance's name: it loads, but has none of its functions.
        Path planted = besideTheGeneratedClass();
        Path libmtev = Path.of("../examples/target/classes/META-INF/usdt4j/io.github.usdt4j.examples.Usdt4j_Libmtev"
                + "/" + GeneratedLayout.currentPlatformFolder() + "/libusdt4j-libmtev.so");
        Files.copy(libmtev, planted.resolve(RESOURCE));
        Result result = run(List.of(), List.of(planted));
        result.assertNoOp("is not provider conformance's", "rebuild the module");
    }

    @Test
    void noLibraryForThisPlatform() throws Exception {
        Result result = run(List.of("-Dos.arch=sparcv9"), List.of());
        result.assertNoOp("no native library for linux-sparcv9", "its platforms name linux-sparcv9 (usdt4j.platforms)");
    }

    @Test
    void failFastTurnsEachIntoAnException() throws Exception {
        Result result = run(List.of("-Dusdt4j.failFast=true", "-Dusdt4j.dir=/proc/usdt4j-cannot-exist"), List.of());
        assertTrue(result.stdout.startsWith("exception: usdt4j: provider conformance cannot fire probes"), result.stdout);
        assertTrue(result.stdout.contains("cannot create /proc/usdt4j-cannot-exist"), result.stdout);
    }

    @Test
    void eightJvmsStartingAtOnceAllMapTheSameFile() throws Exception {
        // A library is linked into place only where none exists, never renamed over one that
        // another JVM has mapped: every JVM maps one file, which a tracer naming its path reaches.
        for (int round = 1; round <= 3; round++) {
            Path libs = temp.resolve("shared-libs-" + round);
            List<Tracers.Running> jvms = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    jvms.add(Tracers.fireAll("figures", libs));
                }
                java.util.Set<String> inodes = new java.util.TreeSet<>();
                for (Tracers.Running jvm : jvms) {
                    String[] ready = jvm.await("ready ", 60).split(" ");
                    assertTrue(ready[2].startsWith(libs.toString()), String.join(" ", ready));
                    for (String mapping : Files.readAllLines(Path.of("/proc", ready[1], "maps"))) {
                        if (mapping.contains("libusdt4j-conformance")) {
                            assertTrue(!mapping.endsWith("(deleted)"), "round " + round + ": " + mapping);
                            inodes.add(mapping.trim().split("\\s+")[4]);
                        }
                    }
                }
                assertEquals(1, inodes.size(), "round " + round + ": every JVM maps the same file: " + inodes);
            } finally {
                for (Tracers.Running jvm : jvms) {
                    jvm.process.destroyForcibly();
                    jvm.close();
                }
            }
            // Killed JVMs may have been writing another provider's library; the next JVM that
            // writes a library tidies up (one that finds its libraries in place does not list the
            // directory), so this one finds its own gone.
            try (var files = Files.list(libs)) {
                for (Path library : files.filter(f -> f.getFileName().toString().startsWith("libusdt4j-conformance-"))
                        .collect(Collectors.toList())) {
                    Files.delete(library);
                }
            }
            String next = output(new ProcessBuilder(Machine.jdkTool("java"),
                    Tracers.NATIVE_ACCESS, "-Dusdt4j.dir=" + libs, "-cp", System.getProperty("java.class.path"),
                    ShowStatus.class.getName()));
            assertTrue(next.startsWith("status active " + libs), next);
            try (var files = Files.list(libs)) {
                List<String> left = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".tmp"))
                        .collect(Collectors.toList());
                assertEquals(List.of(), left, "round " + round + ": no temporary file left");
            }
        }
    }

    @Test
    void aLoggingHandlerThatFiresProbesNeitherThrowsNorHangs() throws Exception {
        // Before warnings were logged after class initialisation: a NullPointerException from
        // the half-initialised provider, or the two threads deadlocked on each other's class.
        for (int round = 1; round <= 5; round++) {
            Process process = new ProcessBuilder(Machine.jdkTool("java"),
                    Tracers.NATIVE_ACCESS, "-Dusdt4j.dir=/proc/usdt4j-cannot-exist",
                    "-cp", System.getProperty("java.class.path"), ReentrantWarnings.class.getName())
                    .redirectErrorStream(true).start();
            boolean ended = process.waitFor(60, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(ended, "round " + round + ": hung; output so far: " + output);
            assertEquals("warnings 2\ndone\n", output, "round " + round + ": one warning per provider, nothing thrown");
        }
    }

    /** JDK 24+ warns about System.load unless native access is enabled, as the guide says to. */
    @Test
    void noNativeAccessWarningOnJdk25WithTheDocumentedFlag() throws Exception {
        Path java = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(java), "no Temurin 25 at " + java);
        String classpath = System.getProperty("java.class.path");
        String without = output(new ProcessBuilder(java.toString(), "-Dusdt4j.dir=" + temp.resolve("l1"), "-cp", classpath,
                ShowStatus.class.getName()));
        assertTrue(without.contains("--enable-native-access"), "JDK 25 warns without the flag: " + without);
        String with = output(new ProcessBuilder(java.toString(), Tracers.NATIVE_ACCESS, "-Dusdt4j.dir=" + temp.resolve("l2"),
                "-cp", classpath, ShowStatus.class.getName()));
        assertTrue(with.startsWith("status active"), with);
        assertTrue(!with.contains("WARNING"), "no warning with " + Tracers.NATIVE_ACCESS + ": " + with);
    }

    private static String output(ProcessBuilder command) throws Exception {
        Process process = command.redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return output;
    }

    @Test
    void aWorkingSetupIsActive() throws Exception {
        Result result = run(List.of("-Dusdt4j.dir=" + temp.resolve("libs")), List.of());
        assertTrue(result.stdout.startsWith("status active " + temp.resolve("libs")), result.stdout);
        assertEquals(List.of(), result.warnings, "no warning when all is well");
    }

    /**
     * The library binds the generated class's native methods as it loads ({@code JNI_OnLoad}),
     * so the JVM looks none up by name: a lookup through every library of the class loader,
     * which cost each further provider of a start more. The JVM's log says how each was bound;
     * {@code -Xcheck:jni} checks the binding's own JNI calls.
     */
    @Test
    void theLibraryBindsTheNativeMethodsAsItLoads() throws Exception {
        Path log = temp.resolve("jni.log");
        String output = output(new ProcessBuilder(Machine.jdkTool("java"), Tracers.NATIVE_ACCESS, "-Xcheck:jni",
                "-Xlog:jni+resolve=debug:file=" + log, "-Dusdt4j.dir=" + temp.resolve("libs"),
                "-cp", System.getProperty("java.class.path"), ShowStatus.class.getName()));
        assertTrue(output.startsWith("status active"), output);
        assertTrue(!output.contains("WARNING"), "-Xcheck:jni finds nothing: " + output);
        List<String> natives = new ArrayList<>();
        for (java.lang.reflect.Method method : Class.forName(IMPLEMENTATION).getDeclaredMethods()) {
            if (java.lang.reflect.Modifier.isNative(method.getModifiers())) {
                natives.add(method.getName());
            }
        }
        List<String> lines = Files.readAllLines(log);
        List<String> registered = lines.stream()
                .filter(l -> l.contains("[Registering JNI native method " + IMPLEMENTATION + "."))
                .map(l -> l.substring(l.indexOf(IMPLEMENTATION + ".") + IMPLEMENTATION.length() + 1, l.lastIndexOf(']')))
                .sorted().collect(Collectors.toList());
        assertEquals(natives.stream().sorted().collect(Collectors.toList()), registered, "every native bound at load");
        assertEquals(List.of(), lines.stream().filter(l -> l.contains("Dynamic-linking native method " + IMPLEMENTATION))
                .collect(Collectors.toList()), "none looked up by name");
    }

    private static final class Result {
        final String stdout;
        final List<String> warnings;

        Result(String stdout, List<String> warnings) {
            this.stdout = stdout;
            this.warnings = warnings;
        }

        void assertNoOp(String reason, String fix) {
            assertTrue(stdout.startsWith("status no-op: "), stdout);
            assertTrue(stdout.contains(reason), () -> "reason should mention \"" + reason + "\": " + stdout);
            assertTrue(stdout.contains("fired false"), () -> "probes run as no-ops: " + stdout);
            assertEquals(1, warnings.size(), () -> "exactly one warning: " + warnings);
            assertTrue(warnings.get(0).contains(reason) && warnings.get(0).contains(fix),
                    () -> "the warning says why and how to fix it: " + warnings);
        }
    }

    /**
     * A class folder, to go first on the class path, holding the generated class and its
     * catalogue as built, for a test to put a library beside them: the runtime reads the library
     * from where the generated class came from, so that is where a bad one must be.
     */
    private Path besideTheGeneratedClass() throws Exception {
        Path planted = temp.resolve("planted");
        String folder = GeneratedLayout.resourceFolder(IMPLEMENTATION);
        for (String resource : List.of(IMPLEMENTATION.replace('.', '/') + ".class",
                folder + "/" + GeneratedLayout.catalogueFileName("conformance"))) {
            Path copy = planted.resolve(resource);
            Files.createDirectories(copy.getParent());
            try (InputStream in = DegradationTest.class.getClassLoader().getResourceAsStream(resource)) {
                Files.write(copy, in.readAllBytes());
            }
        }
        Files.createDirectories(planted.resolve(RESOURCE).getParent());
        return planted;
    }

    private Result run(List<String> options, List<Path> before) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Machine.jdkTool("java"));
        command.add(Tracers.NATIVE_ACCESS);
        command.addAll(options);
        if (options.stream().noneMatch(o -> o.startsWith("-Dusdt4j.dir="))) {
            command.add("-Dusdt4j.dir=" + temp.resolve("default-libs"));
        }
        String classpath = before.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        command.add("-cp");
        command.add((classpath.isEmpty() ? "" : classpath + File.pathSeparator) + System.getProperty("java.class.path"));
        command.add(ShowStatus.class.getName());
        Path stderr = temp.resolve("stderr.txt");
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), () -> "the application keeps running and exits normally: " + stdout);
        List<String> warnings = Files.readAllLines(stderr).stream()
                .filter(l -> l.contains("usdt4j:"))
                .collect(Collectors.toList());
        return new Result(stdout, warnings);
    }
}
