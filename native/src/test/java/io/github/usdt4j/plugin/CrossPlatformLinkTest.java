package io.github.usdt4j.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.testing.Machine;
import io.github.usdt4j.tool.ElfFile;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every Linux platform linked from this machine, checked without its hardware: the library's
 * probe notes decoded (machine, provider, names, one operand per argument with the size and
 * signedness of its D type, a semaphore), then every JNI function called under qemu-user by a
 * small C harness that stands in for the JVM (glue-harness.c), while gdb stops at each probe
 * site and reads the arguments from the notes as a tracer would. gdb has no SDT argument
 * support for RISC-V, so there the harness runs without it: notes checked, no crash.
 */
class CrossPlatformLinkTest {
    /** The harness calls these by name: change both together. */
    private static final String SOURCE = "package t;\n"
            + "import io.github.usdt4j.*;\n"
            + "@Provider(\"crosstest\")\n"
            + "public interface Probes {\n"
            + "  enum Colour { RED }\n"
            + "  @Probe void numbers(boolean flag, byte b, short s, char c, int i, long l);\n"
            + "  @Probe void unsigned(@DType(\"uint8_t\") byte a, @DType(\"uint16_t\") short b,"
            + " @DType(\"uint32_t\") int c, @DType(\"size_t\") long d, @DType(\"void *\") long p);\n"
            + "  @Probe void text(String ascii, String accented, @DType(maxBytes = 8) String cut, String nothing,"
            + " Object object, Colour colour, String odd);\n"
            + "  @Probe void wide(byte a, char b, int c, long d, byte e, short f, int g, int h, int i, byte j,"
            + " long k, int l);\n"
            + "  @Probe void none();\n"
            + "}\n";

    /** Each probe's operand sizes, from its D types: negative for signed, as sys/sdt.h writes them. */
    private static final Map<String, List<String>> OPERAND_SIZES = new LinkedHashMap<>();

    static {
        OPERAND_SIZES.put("numbers", List.of("-4", "-1", "-2", "2", "-4", "-8"));
        OPERAND_SIZES.put("unsigned", List.of("1", "2", "4", "8", "8"));
        OPERAND_SIZES.put("text", List.of("8", "8", "8", "8", "8", "8", "8"));
        OPERAND_SIZES.put("wide", List.of("-1", "2", "-4", "-8", "-1", "-2", "-4", "-4", "-4", "-1", "-8", "-4"));
        OPERAND_SIZES.put("none", List.of());
    }

    /** What gdb prints at each probe site, the values glue-harness.c passes. */
    private static final List<String> FIRED = List.of(
            "numbers 1 -5 -300 233 -70000 -5000000000",
            "unsigned 240 65534 4294967280 123456789012 0x7f0000001234",
            "text GET /index.html|abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijk\uD83D\uDE00\u00E9"
                    + "|\u00E9\u00E9\u00E9\u00E9|0|Widget@1f|RED|a\uFFFDb",
            "wide -1 65535 3 -4 5 -6 7 -8 9 -10 11000000000 -12",
            "none");

    private static final String GDB_BREAKPOINTS = String.join("\n",
            "break -probe-stap crosstest:numbers",
            "commands",
            "silent",
            "printf \"numbers %d %d %d %u %d %ld\\n\", $_probe_arg0, $_probe_arg1, $_probe_arg2, $_probe_arg3,"
                    + " $_probe_arg4, $_probe_arg5",
            "continue",
            "end",
            "break -probe-stap crosstest:unsigned",
            "commands",
            "silent",
            "printf \"unsigned %u %u %u %lu %#lx\\n\", $_probe_arg0, $_probe_arg1, $_probe_arg2, $_probe_arg3,"
                    + " $_probe_arg4",
            "continue",
            "end",
            "break -probe-stap crosstest:text",
            "commands",
            "silent",
            "printf \"text %s|%s|%s|%lu|%s|%s|%s\\n\", $_probe_arg0, $_probe_arg1, $_probe_arg2, $_probe_arg3,"
                    + " $_probe_arg4, $_probe_arg5, $_probe_arg6",
            "continue",
            "end",
            "break -probe-stap crosstest:wide",
            "commands",
            "silent",
            "printf \"wide %d %u %d %ld %d %d %d %d %d %d %ld %d\\n\", $_probe_arg0, $_probe_arg1, $_probe_arg2,"
                    + " $_probe_arg3, $_probe_arg4, $_probe_arg5, $_probe_arg6, $_probe_arg7, $_probe_arg8,"
                    + " $_probe_arg9, $_probe_arg10, $_probe_arg11",
            "continue",
            "end",
            "break -probe-stap crosstest:none",
            "commands",
            "silent",
            "printf \"none\\n\"",
            "continue",
            "end",
            "");

    @TempDir
    Path temp;
    private Path classes;
    private Path generated;

    @BeforeEach
    void generate() throws Exception {
        NativeTools.require("cc", "gcc");
        NativeTools.require("dtrace", "systemtap-sdt-dev");
        ProviderCompiler.Module module = ProviderCompiler.compileProvider(temp, "Probes.java", SOURCE);
        classes = module.classes();
        generated = module.generated();
    }

    @ParameterizedTest
    @EnumSource(LinuxPlatform.class)
    void theLibraryOfEveryPlatformCarriesItsNotesAndFiresEveryProbe(LinuxPlatform platform) throws Exception {
        boolean host = LinuxPlatform.host().orElseThrow() == platform;
        if (!host) {
            NativeTools.require(platform.crossCompiler(), platform.debianPackage());
            NativeTools.require(qemu(platform), "qemu-user");
        }
        NativeTools.require("gdb-multiarch", "gdb-multiarch");
        Path library = link(platform);

        ElfFile elf = ElfFile.read(library);
        assertEquals(MACHINES.get(platform), elf.machine(), "the library is for " + platform.folder());
        List<ElfFile.SdtNote> notes = elf.sdtNotes();
        List<String> names = new ArrayList<>();
        for (ElfFile.SdtNote note : notes) {
            names.add(note.name());
            assertEquals("crosstest", note.provider());
            assertTrue(note.semaphore() != 0, note + " has no semaphore");
            List<String> sizes = new ArrayList<>();
            for (String operand : note.operands()) {
                sizes.add(Integer.toString(ElfFile.SdtNote.operandSize(operand)));
            }
            assertEquals(OPERAND_SIZES.get(note.name()), sizes, note.name() + ": " + note.arguments());
        }
        assertEquals(List.copyOf(OPERAND_SIZES.keySet()), names);
        assertFalse(NativeTools.run("readelf", "-d", library.toString()).contains("NEEDED"),
                "the library needs no C library, so glibc and musl load it alike");

        Path harness = compileHarness(platform.crossCompiler(), host ? "cc" : platform.crossCompiler(), library);
        Run run = platform == LinuxPlatform.RISCV64
                ? new Run(Machine.run(qemu(platform), "-L", sysroot(platform), harness.toString()), "")
                : traced(platform, host, harness, library);
        assertHarnessOutput(run.program(), notes);
        if (platform != LinuxPlatform.RISCV64) {
            assertEquals(FIRED, fired(run.gdb()), run.gdb());
        }
    }

    /**
     * On musl-based distributions (Alpine) the JVM is built on musl: the same x86-64 library
     * loads there, as it needs no C library; a harness built with musl-gcc loads it and gdb
     * reads every probe.
     */
    @Test
    void muslLoadsTheLibraryOfItsPlatform() throws Exception {
        LinuxPlatform host = LinuxPlatform.host().orElseThrow();
        NativeTools.require("musl-gcc", "musl-tools");
        NativeTools.require("gdb-multiarch", "gdb-multiarch");
        Path library = link(host);
        Path harness = compileHarness("musl", "musl-gcc", library);
        Run run = traced(host, true, harness, library);
        assertHarnessOutput(run.program(), ElfFile.read(library).sdtNotes());
        assertEquals(FIRED, fired(run.gdb()), run.gdb());
    }

    private static final Map<LinuxPlatform, Integer> MACHINES = Map.of(
            LinuxPlatform.X86_64, 62, LinuxPlatform.AARCH64, 183, LinuxPlatform.PPC64LE, 21,
            LinuxPlatform.S390X, 22, LinuxPlatform.RISCV64, 243);

    /** Links the provider for {@code platform} as a build naming it would. */
    private Path link(LinuxPlatform platform) throws Exception {
        new LinkStep(classes, generated, temp.resolve("work"), ProviderCompiler.classpathEntries(), false,
                platform.folder(), "cc", "dtrace").run(NativeTools.LOG);
        Path library = classes.resolve("META-INF/usdt4j/t.Usdt4j_Probes/" + platform.folder()
                + "/libusdt4j-crosstest.so");
        assertTrue(Files.isRegularFile(library), library + " was linked");
        return library;
    }

    private Path compileHarness(String name, String compiler, Path library) throws Exception {
        Path folder = Files.createDirectories(temp.resolve("harness-" + name));
        Path source = folder.resolve("glue-harness.c");
        try (var in = getClass().getResourceAsStream("glue-harness.c")) {
            Files.write(source, in.readAllBytes());
        }
        Path include = Path.of(System.getProperty("java.home"), "include");
        Path jniHeader = temp.resolve("work/t.Usdt4j_Probes").resolve(library.getParent().getFileName());
        Path harness = folder.resolve("glue-harness");
        NativeTools.run(compiler, "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-g",
                "-I", jniHeader.toString(), "-I", include.toString(), "-I", include.resolve("linux").toString(),
                "-o", harness.toString(), source.toString(),
                "-L", library.getParent().toString(), "-lusdt4j-crosstest",
                "-Wl,-rpath," + library.getParent(), "-ldl");
        return harness;
    }

    /** What the harness printed, and what gdb printed at the probe sites. */
    private record Run(String program, String gdb) {}

    /** The harness run under gdb: natively, or in qemu-user with gdb attached to its stub. */
    private Run traced(LinuxPlatform platform, boolean host, Path harness, Path library) throws Exception {
        Path script = temp.resolve("probes.gdb");
        if (host) {
            Files.writeString(script, "set pagination off\nset breakpoint pending on\n"
                    + "file " + harness + "\n" + GDB_BREAKPOINTS + "run\n");
            String output = gdb(script);
            return new Run(output, output);
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Process qemu = new ProcessBuilder(qemu(platform), "-L", sysroot(platform), "-g", Integer.toString(port),
                harness.toString()).redirectErrorStream(true).start();
        try {
            Files.writeString(script, "set pagination off\nset breakpoint pending on\n"
                    + "set sysroot " + sysroot(platform) + "\nset solib-search-path " + library.getParent() + "\n"
                    + "file " + harness + "\ntarget remote :" + port + "\n" + GDB_BREAKPOINTS + "continue\n");
            String gdb = gdb(script);
            String program = new String(qemu.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(qemu.waitFor(30, TimeUnit.SECONDS), "the harness ended");
            assertEquals(0, qemu.exitValue(), program);
            return new Run(program, gdb);
        } finally {
            qemu.destroyForcibly();
        }
    }

    /** gdb in batch mode; it waits for qemu's stub to listen (tcp auto-retry), for at most two minutes. */
    private static String gdb(Path script) throws IOException, InterruptedException {
        return Machine.run("timeout", "120", "gdb-multiarch", "-nx", "-batch", "-x", script.toString());
    }

    /** Each semaphore where the notes put it, two bytes wide; the build id; the end. */
    private static void assertHarnessOutput(String output, List<ElfFile.SdtNote> notes) {
        List<String> expected = new ArrayList<>();
        for (int probe = 0; probe < notes.size(); probe++) {
            expected.add("semaphore " + probe + " 0x" + Long.toHexString(notes.get(probe).semaphore()) + " 2");
        }
        expected.add("done");
        List<String> printed = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("semaphore ") || line.equals("done")) {
                printed.add(line);
            }
        }
        assertEquals(expected, printed, output);
        assertTrue(output.matches("(?s).*\nbuild [0-9a-f]{16}\n.*"), output);
    }

    private static List<String> fired(String gdbOutput) {
        List<String> fired = new ArrayList<>();
        for (String line : gdbOutput.split("\n")) {
            for (String probe : OPERAND_SIZES.keySet()) {
                if (line.equals(probe) || line.startsWith(probe + " ")) {
                    fired.add(line);
                }
            }
        }
        return fired;
    }

    private static String qemu(LinuxPlatform platform) {
        return "qemu-" + platform.folder().substring("linux-".length());
    }

    /** Where Debian's cross toolchain keeps the platform's C library, for qemu and gdb. */
    private static String sysroot(LinuxPlatform platform) {
        return "/usr/" + platform.triplet();
    }
}
