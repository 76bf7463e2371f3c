package io.github.usdt4j.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.catalogue.GeneratedLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider may name its probes after what the generated class needs of its own: a
 * {@code semaphore(int permits)} probe once met a private native {@code semaphore(int)} and
 * failed to compile inside generated code; so could a nested type named like the generated
 * class's own {@code Natives}, and a {@code load} probe like its method; and parameters may
 * be named like the glue's own variables for a text argument ({@code sku_utf8}, its buffer;
 * {@code sku_length}, the length the Java side passes). It compiles, links, loads and fires.
 */
class GeneratedNamesClashTest {
    private static final String PROBES = "package t;\n"
            + "import io.github.usdt4j.*;\n"
            + "@Provider(\"clash\")\n"
            + "public interface Probes {\n"
            + "  @Probe void semaphore(int permits);\n"
            + "  @Probe void buildId();\n"
            + "  @Probe void load(String path, Natives kind);\n"
            + "  @Probe void text(String sku, long sku_utf8, int sku_length, Object key, int key_length);\n"
            + "  enum Natives { JNI, FFM }\n"
            + "}\n";
    private static final String MAIN = "package t;\n"
            + "public class Main {\n"
            + "  public static void main(String[] args) {\n"
            + "    Probes probes = io.github.usdt4j.Providers.get(Probes.class);\n"
            + "    probes.semaphore(3);\n"
            + "    probes.buildId();\n"
            + "    probes.load(\"/lib\", Probes.Natives.FFM);\n"
            + "    probes.text(\"A-1\", 2L, 3, \"key\", 4);\n"
            + "    System.out.println(io.github.usdt4j.Providers.status(Probes.class).active() ? \"active\" : \"no-op\");\n"
            + "  }\n"
            + "}\n";

    @TempDir
    Path temp;

    @Test
    void probesNamedLikeTheGeneratedNativesCompileLinkAndLoad() throws Exception {
        NativeTools.require("cc", "gcc");
        NativeTools.require("dtrace", "systemtap-sdt-dev");
        Path sources = Files.createDirectories(temp.resolve("src/t"));
        Files.writeString(sources.resolve("Probes.java"), PROBES);
        Files.writeString(sources.resolve("Main.java"), MAIN);
        Path classes = Files.createDirectories(temp.resolve("classes"));
        Path generated = Files.createDirectories(temp.resolve("generated"));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        assertTrue(ProviderCompiler.compile(List.of(sources.resolve("Probes.java"), sources.resolve("Main.java")),
                classes, generated, diagnostics), diagnostics.getDiagnostics().toString());

        String folder = "META-INF/usdt4j/t.Usdt4j_Probes";
        ProviderSources provider = ProviderSources.in(classes.resolve(folder)).orElseThrow();
        new Linker(Toolchain.find("cc", "dtrace", NativeTools.LOG), ProviderCompiler.classpathEntries(), temp.resolve("work"))
                .link(provider, generated.resolve("t/Usdt4j_Probes.java"), classes,
                        classes.resolve(folder + "/" + GeneratedLayout.currentPlatformFolder() + "/libusdt4j-clash.so"));

        String output = NativeTools.runJava(classes, "t.Main", temp.resolve("libs"));
        assertEquals("active\n", output);
    }
}
