package io.github.usdt4j.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
    void link(ProviderSources provider, Path javaSource, Path classes, Path library) throws LinkFailure {
        if (!Files.isRegularFile(javaSource)) {
            throw new LinkFailure("usdt4j: the generated implementation " + javaSource
                    + " is missing; compile the module with the processor before linking (mvn process-classes)");
        }
        Path work = workRoot.resolve(provider.implementation());
        try {
            Files.deleteIfExists(library);
            Files.createDirectories(work);
            copyHelperHeader(work);
            JniHeaders.write(javaSource, classes, classpath, work);

            // Every tool runs in the work folder on names relative to it, so no checkout path
            // reaches the library: the object's file symbol, dtrace -G's temporary file (named
            // from its arguments) and its debug info (comp_dir, mapped to ".") are the same from
            // any directory, and so are the library's bytes.
            String dFile = provider.name() + ".d";
            String glue = provider.name() + ".c";
            Files.copy(provider.dFile(), work.resolve(dFile), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(provider.glueFile(), work.resolve(glue), StandardCopyOption.REPLACE_EXISTING);

            String probeHeader = provider.name() + ".h";
            toolchain.run(work, toolchain.dtrace(), "-h", "-s", dFile, "-o", probeHeader);

            String glueObject = provider.name() + ".o";
            List<String> compile = new ArrayList<>(List.of(toolchain.cc()));
            compile.addAll(COMPILE_FLAGS);
            compile.addAll(List.of("-I", "."));
            for (Path include : toolchain.jniIncludes()) {
                compile.add("-I");
                compile.add(include.toString());
            }
            compile.addAll(List.of("-c", glue, "-o", glueObject));
            toolchain.run(work, compile.toArray(String[]::new));

            // dtrace -G gets the glue object too: illumos and FreeBSD rewrite its probe sites.
            // It compiles its own C file with -g, and reads CFLAGS for it.
            String probeObject = provider.name() + "-probes.o";
            String cflags = (System.getenv().getOrDefault("CFLAGS", "") + " -fdebug-prefix-map=" + work + "=.").strip();
            toolchain.run(work, Map.of("CFLAGS", cflags), toolchain.dtrace(), "-G", "-s", dFile,
                    "-o", probeObject, glueObject);

            // Only the JNI entry points leave the library; semaphores and helpers stay inside.
            Files.writeString(work.resolve("exports.map"), "{\n\tglobal: Java_*;\n\tlocal: *;\n};\n");
            Path linked = work.resolve(library.getFileName());
            toolchain.run(work, toolchain.cc(), "-shared", "-o", library.getFileName().toString(), glueObject,
                    probeObject, "-Wl,--version-script=exports.map", "-Wl,--build-id");

            Files.createDirectories(library.getParent());
            Files.copy(linked, library, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(work.resolve(RECIPE), recipe());
        } catch (IOException e) {
            throw new LinkFailure("usdt4j: linking provider " + provider.name() + " failed: " + e.getMessage(), e);
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
