package io.github.usdt4j.dtrace.probes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.catalogue.GeneratedLayout;
import io.github.usdt4j.tool.LibraryMappings;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which file the tracer is given for a library processes map: one attach path per file, the
 * mapped object of the first process that maps it, and another process's once that one is gone.
 * Hard links stand in for two processes' {@code /proc/PID/map_files} entries of one file.
 */
class ProbeCatalogTest {
    private static final String LIBRARY_RESOURCE =
            "META-INF/usdt4j/io.github.usdt4j.examples.Usdt4j_Libmtev/" + GeneratedLayout.currentPlatformFolder() + "/libusdt4j-libmtev.so";

    @Test
    void oneFileMappedByTwoProcessesIsAttachedOnceAndOutlivesTheFirst(@TempDir Path temp) throws Exception {
        Path first = temp.resolve("first-map-files-entry");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(LIBRARY_RESOURCE)) {
            Files.copy(in, first);
        }
        Path second = Files.createLink(temp.resolve("second-map-files-entry"), first);
        String shown = "/her/dir\n{/libusdt4j-libmtev-0123456789abcdef.so"; // what the maps say: shown, never attached
        ProbeCatalog catalog = ProbeCatalog.of(List.of(
                new LibraryMappings.Mapping(4242, shown, 0, first, "fe:00:1"),
                new LibraryMappings.Mapping(4343, shown, 0, second, "fe:00:1")), null);
        assertEquals(Set.of(first.toString()), attachPaths(catalog));
        assertEquals(Set.of(4242L, 4343L), catalog.all().stream().filter(p -> p.usdt() != null)
                .map(p -> p.usdt().pid()).collect(Collectors.toSet()));
        assertTrue(catalog.warnings().isEmpty(), catalog.warnings().toString());

        Files.delete(first); // the first process ended
        assertEquals(List.of(), catalog.leaveOutRemovedLibraries());
        assertEquals(Set.of(second.toString()), attachPaths(catalog));

        Files.delete(second); // and the second
        assertEquals(List.of(new ProbeCatalog.RemovedLibrary(4242, shown), new ProbeCatalog.RemovedLibrary(4343, shown)),
                catalog.leaveOutRemovedLibraries());
        assertEquals(Set.of(), attachPaths(catalog));
    }

    private static Set<String> attachPaths(ProbeCatalog catalog) {
        return catalog.all().stream().filter(p -> p.usdt() != null).map(p -> p.usdt().attachPath()).collect(Collectors.toSet());
    }

    /**
     * A file that cannot be read is said only to a script that could have traced it: not to a
     * BEGIN-only one, nor to one naming another provider (other users' broken files were
     * warned about for every script).
     */
    @Test
    void aFileThatCannotBeReadIsSaidOnlyWhereADescriptionCouldNameIt(@TempDir Path temp) throws Exception {
        Path broken = Files.writeString(temp.resolve("libusdt4j-libmtev-0123456789abcdef.so"), "not an ELF file");
        ProbeCatalog catalog = ProbeCatalog.of(List.of(new LibraryMappings.Mapping(4242, broken.toString(), 0)), null);
        String warning = broken + ": not an ELF file";
        assertEquals(List.of(warning), catalog.warnings());
        for (String description : List.of("libmtev*:::", "libmtev4242:::log", "*:::", ":::log", "lib*:::")) {
            assertEquals(List.of(warning), catalog.warningsFor(List.of(ProbeDescription.parse(description))), description);
        }
        for (String description : List.of("BEGIN", "END", "tick-1sec", "profile-997", "other*:::", "hotspot*:::", "syscall::read:entry")) {
            assertEquals(List.of(), catalog.warningsFor(List.of(ProbeDescription.parse(description))), description);
        }
        assertEquals(List.of(warning), catalog.warningsFor(List.of()), "-l alone lists every provider");
    }

    /** A probe's id is its own, whatever other processes the catalogue found first: the same in every run. */
    @Test
    void probeIdsAreTheProbesOwnNotTheOrderOfDiscovery(@TempDir Path temp) throws Exception {
        Path library = temp.resolve("libusdt4j-libmtev-0123456789abcdef.so");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(LIBRARY_RESOURCE)) {
            Files.copy(in, library);
        }
        LibraryMappings.Mapping first = new LibraryMappings.Mapping(4242, library.toString(), 0);
        LibraryMappings.Mapping second = new LibraryMappings.Mapping(4343, library.toString(), 0);
        java.util.Map<String, Integer> oneOrder = ids(ProbeCatalog.of(List.of(first, second), null));
        java.util.Map<String, Integer> otherOrder = ids(ProbeCatalog.of(List.of(second, first), null));
        java.util.Map<String, Integer> alone = ids(ProbeCatalog.of(List.of(second), null));
        assertEquals(oneOrder, otherOrder);
        alone.forEach((probe, id) -> assertEquals(oneOrder.get(probe), id, probe));
        assertEquals(54, oneOrder.size(), "27 probes in each of two processes");
        assertEquals(oneOrder.size(), new java.util.HashSet<>(oneOrder.values()).size(), "ids are unique");
        assertTrue(oneOrder.values().stream().allMatch(id -> id > 3 && id < 4 + ProbeCatalog.ID_RANGE));
    }

    private static java.util.Map<String, Integer> ids(ProbeCatalog catalog) {
        java.util.Map<String, Integer> ids = new java.util.TreeMap<>();
        for (ProbeSite probe : catalog.all()) {
            if (probe.usdt() != null) {
                ids.put(probe.provider() + ":" + probe.name(), probe.id());
            }
        }
        return ids;
    }
}
