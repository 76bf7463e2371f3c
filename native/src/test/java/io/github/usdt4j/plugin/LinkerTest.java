package io.github.usdt4j.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The link steps with the real javac, dtrace and cc, on a provider the real processor generated. */
class LinkerTest {
    private static final String SOURCE = "package t;\n"
            + "import io.github.usdt4j.*;\n"
            + "@Provider(\"linktest\")\n"
            + "public interface Probes {\n"
            + "  @Probe void request(String path, int status, @DType(\"size_t\") long bytes);\n"
            + "  @Probe void wide(byte a, char b, int c, long d, byte e, short f, int g, int h, int i, byte j, long k, int l);\n"
            + "}\n";

    @TempDir
    Path temp;
    private Path classes;
    private Path generated;
    private ProviderSources provider;

    @BeforeEach
    void generate() throws Exception {
        NativeTools.require("cc", "gcc");
        NativeTools.require("dtrace", "systemtap-sdt-dev");
        ProviderCompiler.Module module = ProviderCompiler.compileProvider(temp, "Probes.java", SOURCE);
        classes = module.classes();
        generated = module.generated();
        provider = ProviderSources.in(classes.resolve("META-INF/usdt4j/t.Usdt4j_Probes")).orElseThrow();
    }

    private Linker linker() throws LinkFailure {
        Toolchain toolchain = Toolchain.find("cc", "dtrace", NativeTools.LOG);
        return new Linker(toolchain, ProviderCompiler.classpathEntries(), temp.resolve("work"));
    }

    @Test
    void linksALibraryWithTheProbeNotesAndTheSameBytesEveryTime() throws Exception {
        Path javaSource = generated.resolve("t/Usdt4j_Probes.java");
        Path first = temp.resolve("first/libusdt4j-linktest.so");
        Path second = temp.resolve("second/libusdt4j-linktest.so");
        linker().link(provider, javaSource, classes, first);
        linker().link(provider, javaSource, classes, second);

        byte[] library = Files.readAllBytes(first);
        String text = new String(library, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains("stapsdt") && text.contains("linktest") && text.contains("request"),
                "the library carries the SDT note of linktest:request");
        assertArrayEquals(library, Files.readAllBytes(second), "two builds of the same sources differ");
    }

    /** The same sources in two checkouts, each linked in its own folder: the same bytes (the docs promise it). */
    @Test
    void twoCheckoutsLinkTheSameBytes() throws Exception {
        Path first = temp.resolve("first/libusdt4j-linktest.so");
        linker().link(provider, generated.resolve("t/Usdt4j_Probes.java"), classes, first);

        Path other = temp.resolve("elsewhere/another-checkout");
        copyTree(temp.resolve("classes"), other.resolve("classes"));
        copyTree(temp.resolve("generated"), other.resolve("generated"));
        ProviderSources moved = ProviderSources.in(other.resolve("classes/META-INF/usdt4j/t.Usdt4j_Probes")).orElseThrow();
        Path second = other.resolve("lib/libusdt4j-linktest.so");
        Toolchain toolchain = Toolchain.find("cc", "dtrace", NativeTools.LOG);
        new Linker(toolchain, ProviderCompiler.classpathEntries(), other.resolve("target/usdt4j-work"))
                .link(moved, other.resolve("generated/t/Usdt4j_Probes.java"), other.resolve("classes"), second);

        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second),
                "the checkout's path reached the library (cmp -l the two files to see where)");
    }

    private static void copyTree(Path from, Path to) throws java.io.IOException {
        try (java.util.stream.Stream<Path> walk = Files.walk(from)) {
            for (Path source : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    /**
     * On x86-64 every probe site is the 5-byte nop a recent kernel can turn into a trampoline
     * call (usdt4j.h), not sys/sdt.h's 1-byte one: read each note's address, then the bytes there.
     */
    @Test
    void everyProbeSiteIsAFiveByteNop() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.arch").equals("amd64"), "the 5-byte site is x86-64's");
        NativeTools.require("objdump", "binutils");
        Path library = temp.resolve("lib/libusdt4j-linktest.so");
        linker().link(provider, generated.resolve("t/Usdt4j_Probes.java"), classes, library);

        Matcher location = Pattern.compile("Location: 0x([0-9a-f]+)").matcher(ProbeNotes.of(library));
        int sites = 0;
        while (location.find()) {
            long site = Long.parseLong(location.group(1), 16);
            String code = NativeTools.run("objdump", "-d", "--start-address=0x" + Long.toHexString(site),
                    "--stop-address=0x" + Long.toHexString(site + 5), library.toString());
            assertTrue(code.contains(Long.toHexString(site) + ":\t0f 1f 44 00 00"), code);
            sites++;
        }
        assertEquals(2, sites, "linktest has two probes");
    }

    /**
     * The call a kernel makes from an optimized 5-byte site writes below the stack pointer, so
     * nothing may live there: the glue is compiled with -mno-red-zone. Here a function with more
     * live values than registers fires a probe; without the flag gcc keeps some in the red zone
     * (arguments like {@code -1@-29(%rsp)}), and such a program reads wrong values, or loses its
     * own data, once a tracer is attached.
     */
    @Test
    void nothingAtAProbeSiteLivesBelowTheStackPointer() throws Exception {
        Assumptions.assumeTrue(System.getProperty("os.arch").equals("amd64"), "the red zone is x86-64's");
        Files.writeString(provider.glueFile(), String.join("\n",
                "void register_pressure(long a, long b, long c, long d, long e, long f,",
                "    long g, long h, long i, long j, long k, long l);",
                "void register_pressure(long a, long b, long c, long d, long e, long f,",
                "    long g, long h, long i, long j, long k, long l)",
                "{",
                "\tLINKTEST_WIDE((int8_t) (a * 7), (uint16_t) (b * 9), (int) c * 11, (int64_t) d * 3,",
                "\t    (int8_t) (e * 13), (short) (f * 17), (int) g * 5, (int) h * 19, (int) i * 23,",
                "\t    (int8_t) (j * 29), (int64_t) k * 31, (int) l * 37);",
                "\tLINKTEST_WIDE((int8_t) (a * 7 + l), (uint16_t) (b * 9 + k), (int) c * 11 + j,",
                "\t    (int64_t) d * 3 + i, (int8_t) (e * 13 + h), (short) (f * 17 + g), (int) g * 5 + f,",
                "\t    (int) h * 19 + e, (int) i * 23 + d, (int8_t) (j * 29 + c), (int64_t) k * 31 + b,",
                "\t    (int) l * 37 + a);",
                "}",
                ""), java.nio.file.StandardOpenOption.APPEND);
        Path library = temp.resolve("lib/libusdt4j-linktest.so");
        linker().link(provider, generated.resolve("t/Usdt4j_Probes.java"), classes, library);

        assertTrue(ProbeNotes.of(library).contains("Name: wide"));
        assertEquals(List.of(), ProbeNotes.belowTheStackPointer(library));
    }

    /** A plugin with another helper header or other compiler flags relinks unchanged sources. */
    @Test
    void aLibraryLinkedByAnotherPluginVersionIsNotUpToDate() throws Exception {
        Linker linker = linker();
        assertFalse(linker.linkedWithThisPlugin(provider), "never linked");
        linker.link(provider, generated.resolve("t/Usdt4j_Probes.java"), classes, temp.resolve("lib/libusdt4j-linktest.so"));
        assertTrue(linker.linkedWithThisPlugin(provider), "just linked by this plugin");

        Path recipe = temp.resolve("work/t.Usdt4j_Probes/linux-x86_64/recipe.txt");
        Files.writeString(recipe, Files.readString(recipe).replace("-O2", "-O1"));
        assertFalse(linker.linkedWithThisPlugin(provider), "linked with other flags");
    }

    @Test
    void aFailingCompilerFailsTheBuildWithItsOwnMessageAndLeavesNoLibrary() throws Exception {
        Files.writeString(provider.glueFile(), "#error this glue is broken on purpose\n",
                java.nio.file.StandardOpenOption.APPEND);
        Path library = temp.resolve("lib/libusdt4j-linktest.so");
        Files.createDirectories(library.getParent());
        Files.writeString(library, "a library from an earlier build");

        LinkFailure failure = assertThrows(LinkFailure.class,
                () -> linker().link(provider, generated.resolve("t/Usdt4j_Probes.java"), classes, library));
        assertTrue(failure.getMessage().contains("this glue is broken on purpose"), failure.getMessage());
        assertFalse(Files.exists(library), "the earlier library must not survive a failed link");
    }

    @Test
    void aMissingDtraceNamesThePackageToInstall() {
        LinkFailure failure = assertThrows(LinkFailure.class,
                () -> Toolchain.find("cc", "no-such-dtrace", NativeTools.LOG));
        assertTrue(failure.getMessage().contains("apt-get install systemtap-sdt-dev"), failure.getMessage());
        assertTrue(failure.getMessage().contains("-Dusdt4j.skip=true"), failure.getMessage());
    }
}
