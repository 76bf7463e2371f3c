package io.github.usdt4j.plugin;

import io.github.usdt4j.catalogue.Catalogue;
import io.github.usdt4j.catalogue.GeneratedLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the processor left for one provider in {@code META-INF/usdt4j/<implementation>/}:
 * the catalogue ({@code <name>.probes}), the D provider file and the C glue.
 */
record ProviderSources(Path folder, String implementation, String name, Path dFile, Path glueFile, Catalogue catalogue) {

    /**
     * The provider in {@code folder}; empty for a folder without any of the processor's files.
     * A folder with some of them, but not all, fails the build: linking it would ship a
     * library that does not match the code.
     */
    static Optional<ProviderSources> in(Path folder) throws IOException, LinkFailure {
        List<Path> catalogues;
        try (Stream<Path> files = Files.list(folder)) {
            catalogues = files.filter(f -> f.getFileName().toString().endsWith(GeneratedLayout.CATALOGUE_SUFFIX))
                    .sorted().collect(Collectors.toList());
        }
        if (catalogues.isEmpty()) {
            if (hasFileEndingIn(folder, ".d") || hasFileEndingIn(folder, ".c")) {
                throw incomplete(folder, "no catalogue (*" + GeneratedLayout.CATALOGUE_SUFFIX + ")");
            }
            return Optional.empty();
        }
        if (catalogues.size() > 1) {
            throw incomplete(folder, catalogues.size() + " catalogues, where the processor writes one");
        }
        String name = GeneratedLayout.providerOfCatalogue(catalogues.get(0).getFileName().toString());
        Path dFile = folder.resolve(GeneratedLayout.providerFileName(name));
        Path glue = folder.resolve(GeneratedLayout.glueFileName(name));
        List<String> missing = new ArrayList<>();
        for (Path file : List.of(dFile, glue)) {
            if (!Files.isRegularFile(file)) {
                missing.add(file.getFileName().toString());
            }
        }
        if (!missing.isEmpty()) {
            throw incomplete(folder, "no " + String.join(" and no ", missing));
        }
        Catalogue catalogue = Catalogue.parse(Files.readString(catalogues.get(0)));
        return Optional.of(new ProviderSources(folder, folder.getFileName().toString(), name, dFile, glue, catalogue));
    }

    int probeCount() {
        return catalogue.probes().size();
    }

    /** The libraries linked for this provider so far, one per platform folder ({@code linux-x86_64/libusdt4j-x.so}). */
    List<Path> libraries() throws LinkFailure {
        String file = GeneratedLayout.libraryFileName(name);
        try (Stream<Path> platforms = Files.list(folder)) {
            return platforms.map(platform -> platform.resolve(file)).filter(Files::isRegularFile).sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new LinkFailure("usdt4j: cannot read " + folder + ": " + e, e);
        }
    }

    private static boolean hasFileEndingIn(Path folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(f -> f.getFileName().toString().endsWith(suffix) && Files.isRegularFile(f));
        }
    }

    private static LinkFailure incomplete(Path folder, String what) {
        return new LinkFailure("usdt4j: " + folder + " has " + what + ": the processor's output is"
                + " incomplete (an interrupted build, or files removed by hand); run mvn clean and build again");
    }
}
