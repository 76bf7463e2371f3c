package io.github.usdt4j.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.testing.Machine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which platforms a build links: by default the build machine's and linux-aarch64 (skipped with
 * one line when its cross compiler is missing); named ones are required. The runs without a
 * cross compiler start the link command with a PATH that lacks it, as a machine without the
 * package has.
 */
class PlatformChoiceTest {
    private static final String LIBRARY = "META-INF/usdt4j/t.Usdt4j_Orders/%s/libusdt4j-orders.so";

    @TempDir
    Path temp;
    private Path classes;
    private Path generated;

    @BeforeEach
    void generate() throws Exception {
        NativeTools.require("cc", "gcc");
        NativeTools.require("dtrace", "systemtap-sdt-dev");
        ProviderCompiler.Module module = ProviderCompiler.compileProvider(temp, "Orders.java", "package t;\n"
                + "import io.github.usdt4j.*;\n@Provider(\"orders\")\npublic interface Orders {\n"
                + "  @Probe void placed(int id, String item);\n}\n");
        classes = module.classes();
        generated = module.generated();
    }

    /** What each spelling asks for, and whether it is required ("named"). */
    @Test
    void theParameterNamesPlatformsHostOrAll() throws Exception {
        LinuxPlatform host = LinuxPlatform.host().orElseThrow();
        List<PlatformChoice.Choice> unset = PlatformChoice.parse(null);
        assertEquals(new PlatformChoice.Choice(host, true), unset.get(0), "the build machine's is always required");
        for (PlatformChoice.Choice choice : unset.subList(1, unset.size())) {
            assertFalse(choice.named(), choice + " is only a default");
        }
        assertEquals(unset, PlatformChoice.parse("  "));
        assertEquals(List.of(new PlatformChoice.Choice(host, true)), PlatformChoice.parse("host"));
        assertEquals(List.of(new PlatformChoice.Choice(LinuxPlatform.S390X, true),
                new PlatformChoice.Choice(LinuxPlatform.AARCH64, true)), PlatformChoice.parse("linux-s390x, linux-aarch64 linux-s390x"));
        List<PlatformChoice.Choice> all = PlatformChoice.parse("all");
        assertEquals(LinuxPlatform.values().length, all.size());
        assertTrue(all.stream().allMatch(PlatformChoice.Choice::named));
    }

    @Test
    void byDefaultTheBuildMachineAndAarch64AreLinked() throws Exception {
        NativeTools.require(LinuxPlatform.AARCH64.crossCompiler(), LinuxPlatform.AARCH64.debianPackage());
        assertEquals(LinuxPlatform.X86_64, LinuxPlatform.host().orElseThrow(), "this test expects an x86-64 build machine");
        Result result = link(null, System.getenv("PATH"));

        assertEquals(0, result.status(), result.toString());
        assertTrue(result.out().endsWith("usdt4j: 1 provider(s) linked for linux-x86_64, linux-aarch64\n"), result.out());
        assertTrue(Files.isRegularFile(classes.resolve(String.format(LIBRARY, "linux-x86_64"))));
        assertTrue(Files.isRegularFile(classes.resolve(String.format(LIBRARY, "linux-aarch64"))));
        assertFalse(Files.exists(classes.resolve(String.format(LIBRARY, "linux-ppc64le"))), "ppc64le is not a default");
    }

    @Test
    void aDefaultPlatformWithoutItsCompilerIsSkippedWithOneLine() throws Exception {
        Result result = link(null, pathWithoutCrossCompilers());

        assertEquals(0, result.status(), result.toString());
        assertEquals(List.of("usdt4j: cannot link linux-aarch64: its cross compiler aarch64-linux-gnu-gcc is not installed"
                        + " (Debian/Ubuntu: apt-get install gcc-aarch64-linux-gnu); its probes are no-ops there."
                        + " Name the platforms to link (usdt4j.platforms) to make this an error, or to silence it.",
                "usdt4j: linked provider orders (1 probes) into " + String.format(LIBRARY, "linux-x86_64"),
                "usdt4j: 1 provider(s) linked for linux-x86_64"), result.out().lines().toList());
        assertFalse(Files.exists(classes.resolve(String.format(LIBRARY, "linux-aarch64"))));
    }

    @Test
    void aNamedPlatformWithoutItsCompilerFailsTheBuildNamingThePackage() throws Exception {
        Result result = link("linux-x86_64,linux-s390x", pathWithoutCrossCompilers());

        assertEquals(1, result.status(), result.toString());
        assertEquals("usdt4j: cannot link linux-s390x: its cross compiler s390x-linux-gnu-gcc is not installed"
                + " (Debian/Ubuntu: apt-get install gcc-s390x-linux-gnu)\n", result.err());
    }

    @Test
    void anUnknownPlatformNameFailsTheBuildListingTheKnownOnes() throws Exception {
        Result result = link("linux-x86_64 linux-sparc64", System.getenv("PATH"));

        assertEquals(1, result.status(), result.toString());
        assertEquals("usdt4j: unknown platform 'linux-sparc64' in usdt4j.platforms; name some of linux-x86_64,"
                + " linux-aarch64, linux-ppc64le, linux-s390x, linux-riscv64, or host, or all\n", result.err());
    }

    /** A build for fewer platforms removes the libraries it no longer links once their sources change. */
    @Test
    void aPlatformNoLongerLinkedLosesItsStaleLibrary() throws Exception {
        NativeTools.require(LinuxPlatform.AARCH64.crossCompiler(), LinuxPlatform.AARCH64.debianPackage());
        assertEquals(0, link("linux-x86_64,linux-aarch64", System.getenv("PATH")).status());
        Path aarch64 = classes.resolve(String.format(LIBRARY, "linux-aarch64"));
        assertTrue(Files.isRegularFile(aarch64));

        assertEquals(0, link("host", System.getenv("PATH")).status());
        assertTrue(Files.isRegularFile(aarch64), "the sources did not change: the library still matches them");

        Files.setLastModifiedTime(generated.resolve("t/Usdt4j_Orders.java"),
                FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Result result = link("host", System.getenv("PATH"));
        assertEquals(0, result.status(), result.toString());
        assertFalse(Files.exists(aarch64), result.toString());
        assertTrue(result.err().contains("removed " + String.format(LIBRARY, "linux-aarch64")
                + ": it was linked from older sources of provider orders and this build does not link linux-aarch64"),
                result.err());
    }

    /** A build on a machine that is not Linux fails, rather than ship a jar whose probes are no-ops everywhere. */
    @Test
    void aBuildOnAnotherSystemFailsSayingWhatToDo() throws Exception {
        Result result = link(null, System.getenv("PATH"), "-Dos.name=FreeBSD");

        assertEquals(1, result.status(), result.toString());
        assertEquals("usdt4j: linking on freebsd-x86_64 is not supported yet: the libraries are linked on Linux"
                + " (linux-x86_64, linux-aarch64, linux-ppc64le, linux-s390x, linux-riscv64), for every Linux platform"
                + " at once; docs/platforms.md"
                + " says what linking for illumos, FreeBSD and macOS will take. Build on Linux to ship the probes of"
                + " 1 provider(s), or set -Dusdt4j.skip=true to build a jar whose probes are no-ops.\n", result.err());
    }

    private record Result(int status, String out, String err) {}

    /** The link command in a JVM of its own, with {@code path} as its PATH. */
    private Result link(String platforms, String path, String... jvmOptions) throws Exception {
        List<String> command = new ArrayList<>(List.of(Machine.jdkTool("java")));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LinkCommand.class.getName(), "--classes", classes.toString(), "--generated-sources", generated.toString(),
                "--work", temp.resolve("work").toString(), "--classpath", ProviderCompiler.classpath()));
        if (platforms != null) {
            command.addAll(List.of("--platforms", platforms));
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(temp.resolve("out.txt").toFile())
                .redirectError(temp.resolve("err.txt").toFile());
        builder.environment().put("PATH", path);
        Process process = builder.start();
        assertTrue(process.waitFor(2, TimeUnit.MINUTES), "the link command ended");
        return new Result(process.exitValue(), Files.readString(temp.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(temp.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    /** A folder with the tools the build machine's link runs, and no cross compiler. */
    private String pathWithoutCrossCompilers() throws Exception {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        for (String tool : List.of("cc", "as", "ld", "dtrace")) {
            Files.createSymbolicLink(bin.resolve(tool), Path.of(Machine.onPath(tool)));
        }
        return bin.toString();
    }
}
