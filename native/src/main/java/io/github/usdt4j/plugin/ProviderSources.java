package io.github.usdt4j.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the processor left for one provider in {@code META-INF/usdt4j/<implementation>/}:
 * the catalogue ({@code <name>.probes}), the D provider file and the C glue.
 */
record ProviderSources(Path folder, String implementation, String name, Path dFile, Path glueFile, long probeCount) {

    static Optional<ProviderSources> in(Path folder) throws IOException {
        // The catalogue names the provider; beside it sit <name>.d and <name>.c.
        List<Path> catalogues;
        try (Stream<Path> files = Files.list(folder)) {
            catalogues = files.filter(f -> f.getFileName().toString().endsWith(".probes")).sorted().collect(Collectors.toList());
        }
        if (catalogues.size() != 1) {
            return Optional.empty();
        }
        String fileName = catalogues.get(0).getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".probes".length());
        Path dFile = folder.resolve(name + ".d");
        Path glue = folder.resolve(name + ".c");
        if (!Files.isRegularFile(dFile) || !Files.isRegularFile(glue)) {
            return Optional.empty();
        }
        long probes;
        try (Stream<String> lines = Files.lines(dFile)) {
            probes = lines.filter(l -> l.trim().startsWith("probe ")).count();
        }
        return Optional.of(new ProviderSources(folder, folder.getFileName().toString(), name, dFile, glue, probes));
    }

    /** The libraries linked for this provider so far, one per platform folder ({@code linux-x86_64/libusdt4j-x.so}). */
    List<Path> libraries() throws org.apache.maven.plugin.MojoExecutionException {
        String file = io.github.usdt4j.catalogue.GeneratedLayout.libraryFileName(name);
        try (Stream<Path> platforms = Files.list(folder)) {
            return platforms.map(platform -> platform.resolve(file)).filter(Files::isRegularFile).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new org.apache.maven.plugin.MojoExecutionException("usdt4j: cannot read " + folder + ": " + e, e);
        }
    }
}
