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
 * Links one provider's shared object for one platform from what the processor generated.
 * Everything happens in a scratch folder; the library replaces the old one only when every
 * step succeeded, and the old one is removed first, so a failed build never leaves a library
 * from other sources.
 */
final class Linker {
    private static final String RECIPE = "recipe.txt";
    /** Where a cross toolchain finds {@code sys/sdt.h}, relative to the work folder. */
    private static final String SDT_INCLUDE = "sdt-include";

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
        Path work = workFolder(provider);
        try {
            Files.deleteIfExists(library);
            Files.createDirectories(work);
            copyHelperHeader(work);
            List<String> sdtInclude = copySdtHeaders(work);
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
            compile.addAll(toolchain.platform().compileFlags());
            compile.addAll(List.of("-I", "."));
            compile.addAll(sdtInclude);
            for (Path include : toolchain.jniIncludes()) {
                compile.add("-I");
                compile.add(include.toString());
            }
            compile.addAll(List.of("-c", glue, "-o", glueObject));
            toolchain.run(work, compile.toArray(String[]::new));

            // dtrace -G gets the glue object too: illumos and FreeBSD rewrite its probe sites.
            // It compiles its own C file with -g, with CC and CFLAGS.
            String probeObject = provider.name() + "-probes.o";
            String cflags = (System.getenv().getOrDefault("CFLAGS", "") + " " + String.join(" ", sdtInclude)
                    + " -fdebug-prefix-map=" + work + "=.").strip();
            toolchain.run(work, Map.of("CC", toolchain.cc(), "CFLAGS", cflags), toolchain.dtrace(), "-G", "-s", dFile,
                    "-o", probeObject, glueObject);

            // Only the JNI entry points leave the library; semaphores and helpers stay inside.
            Files.writeString(work.resolve("exports.map"), "{\n\tglobal: Java_*; JNI_OnLoad;\n\tlocal: *;\n};\n");
            Path linked = work.resolve(library.getFileName());
            toolchain.run(work, toolchain.cc(), "-shared", "-o", library.getFileName().toString(), glueObject,
                    probeObject, "-Wl,--version-script=exports.map", "-Wl,--build-id");

            Files.createDirectories(library.getParent());
            Files.copy(linked, library, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(work.resolve(RECIPE), recipe(toolchain));
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
            return Files.readString(workFolder(provider).resolve(RECIPE)).equals(recipe(toolchain));
        } catch (IOException e) {
            return false;
        }
    }

    /** One folder per provider and platform: {@code com.example.Usdt4j_Orders/linux-aarch64}. */
    private Path workFolder(ProviderSources provider) {
        return workRoot.resolve(provider.implementation()).resolve(toolchain.platform().folder());
    }

    /** What decides the library's bytes besides the generated sources. */
    private static String recipe(Toolchain toolchain) throws IOException {
        return toolchain.cc() + " " + String.join(" ", toolchain.platform().compileFlags()) + "\n"
                + new String(helperHeader(), StandardCharsets.UTF_8);
    }

    /** The compiler options that put the build machine's sys/sdt.h on a cross compiler's path. */
    private List<String> copySdtHeaders(Path work) throws IOException {
        if (toolchain.sdtHeaders().isEmpty()) {
            return List.of();
        }
        Path sys = Files.createDirectories(work.resolve(SDT_INCLUDE).resolve("sys"));
        for (Path header : toolchain.sdtHeaders()) {
            Files.copy(header, sys.resolve(header.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        return List.of("-I", SDT_INCLUDE);
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
