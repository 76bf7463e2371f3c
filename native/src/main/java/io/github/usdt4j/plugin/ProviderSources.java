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
 * the D provider file, the C glue and the catalogue.
 */
record ProviderSources(Path folder, String implementation, String name, Path dFile, Path glueFile, long probeCount) {

    static Optional<ProviderSources> in(Path folder) throws IOException {
        List<Path> dFiles;
        try (Stream<Path> files = Files.list(folder)) {
            dFiles = files.filter(f -> f.getFileName().toString().endsWith(".d")).sorted().collect(Collectors.toList());
        }
        if (dFiles.size() != 1) {
            return Optional.empty();
        }
        Path dFile = dFiles.get(0);
        String fileName = dFile.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - ".d".length());
        Path glue = folder.resolve(name + ".c");
        if (!Files.isRegularFile(glue)) {
            return Optional.empty();
        }
        long probes;
        try (Stream<String> lines = Files.lines(dFile)) {
            probes = lines.filter(l -> l.trim().startsWith("probe ")).count();
        }
        return Optional.of(new ProviderSources(folder, folder.getFileName().toString(), name, dFile, glue, probes));
    }
}
