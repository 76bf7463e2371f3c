package io.github.usdt4j.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * Links one provider's shared object from what the processor generated. Everything happens
 * in a scratch folder; the library replaces the old one only when every step succeeded, and
 * the old one is removed first, so a failed build never leaves a library from other sources.
 */
final class Linker {
    private static final List<String> COMPILE_FLAGS = compileFlags();
    private static final String RECIPE = "recipe.txt";

    private static List<String> compileFlags() {
        List<String> flags = new ArrayList<>(List.of("-std=gnu11", "-O2", "-fPIC",
                "-Wall", "-Wextra", "-Werror", "-Wmissing-prototypes"));
        if (List.of("amd64", "x86_64").contains(System.getProperty("os.arch"))) {
            // The probe sites are 5-byte nops (usdt4j.h). A kernel that optimizes them calls a
            // trampoline from the site, and that call writes below the stack pointer: data the
            // compiler kept in the red zone there would be overwritten, probe arguments included.
            flags.add("-mno-red-zone");
        }
        return List.copyOf(flags);
    }

    private final Toolchain toolchain;
    private final List<String> classpath;
    private final Path workRoot;

    Linker(Toolchain toolchain, List<String> classpath, Path workRoot) {
        this.toolchain = toolchain;
        this.classpath = classpath;
        this.workRoot = workRoot;
    }

    /**
     * @param javaSource the generated implementation, for {@code javac -h}
     * @param classes the compiled classes (the implementation's interface is among them)
     * @param library where the shared object goes
     */
    void link(ProviderSources provider, Path javaSource, Path classes, Path library) throws MojoExecutionException {
        if (!Files.isRegularFile(javaSource)) {
            throw new MojoExecutionException("usdt4j: the generated implementation " + javaSource
                    + " is missing; run the compile phase before link (mvn process-classes)");
        }
        Path work = workRoot.resolve(provider.implementation());
        try {
            Files.deleteIfExists(library);
            Files.createDirectories(work);
            copyHelperHeader(work);
            JniHeaders.write(javaSource, classes, classpath, work);

            Path probeHeader = work.resolve(provider.name() + ".h");
            toolchain.run(work, toolchain.dtrace(), "-h", "-s", provider.dFile().toString(), "-o", probeHeader.toString());

            Path glueObject = work.resolve(provider.name() + ".o");
            List<String> compile = new ArrayList<>(List.of(toolchain.cc()));
            compile.addAll(COMPILE_FLAGS);
            compile.addAll(List.of("-I", work.toString()));
            for (Path include : toolchain.jniIncludes()) {
                compile.add("-I");
                compile.add(include.toString());
            }
            compile.addAll(List.of("-c", provider.glueFile().toString(), "-o", glueObject.toString()));
            toolchain.run(work, compile.toArray(String[]::new));

            // dtrace -G gets the glue object too: illumos and FreeBSD rewrite its probe sites.
            Path probeObject = work.resolve(provider.name() + "-probes.o");
            toolchain.run(work, toolchain.dtrace(), "-G", "-s", provider.dFile().toString(),
                    "-o", probeObject.toString(), glueObject.toString());

            // Only the JNI entry points leave the library; semaphores and helpers stay inside.
            Path exports = work.resolve("exports.map");
            Files.writeString(exports, "{\n\tglobal: Java_*;\n\tlocal: *;\n};\n");
            Path linked = work.resolve(library.getFileName());
            toolchain.run(work, toolchain.cc(), "-shared", "-o", linked.toString(), glueObject.toString(),
                    probeObject.toString(), "-Wl,--version-script=" + exports, "-Wl,--build-id");

            Files.createDirectories(library.getParent());
            Files.copy(linked, library, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(work.resolve(RECIPE), recipe());
        } catch (IOException e) {
            throw new MojoExecutionException("usdt4j: linking provider " + provider.name() + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Whether the provider's last link used what this plugin would use now (its helper header
     * and compiler flags), so a newer plugin relinks a module whose sources did not change.
     */
    boolean linkedWithThisPlugin(ProviderSources provider) {
        try {
            return Files.readString(workRoot.resolve(provider.implementation()).resolve(RECIPE)).equals(recipe());
        } catch (IOException e) {
            return false;
        }
    }

    /** What decides the library's bytes besides the generated sources. */
    private static String recipe() throws IOException {
        return String.join(" ", COMPILE_FLAGS) + "\n" + new String(helperHeader(), StandardCharsets.UTF_8);
    }

    private static byte[] helperHeader() throws IOException {
        try (InputStream in = Linker.class.getResourceAsStream("usdt4j.h")) {
            if (in == null) {
                throw new IOException("usdt4j.h is missing from the plugin jar");
            }
            return in.readAllBytes();
        }
    }

    private static void copyHelperHeader(Path work) throws IOException {
        Files.write(work.resolve("usdt4j.h"), helperHeader());
    }
}
