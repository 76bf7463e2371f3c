package io.github.usdt4j.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.catalogue.Catalogue;
import io.github.usdt4j.catalogue.GeneratedLayout;
import io.github.usdt4j.processor.model.DTypes;
import io.github.usdt4j.tool.ElfFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The libraries the build linked for every platform (the example's libmtev, the seed's 27
 * probes, and this module's providers), each checked against its own provider's catalogue:
 * built for the processor its folder names, the provider's probes and no others, one note
 * operand per argument with the size and signedness of its D type, a semaphore, and the same
 * build id as the catalogue. The machines these run on are emulated elsewhere
 * (CrossPlatformLinkTest); here is what the real builds shipped.
 */
class PlatformNotesTest {
    private static final Map<String, Integer> MACHINES = Map.of("linux-x86_64", 62, "linux-aarch64", 183,
            "linux-ppc64le", 21, "linux-s390x", 22, "linux-riscv64", 243);

    @Test
    void everyLinkedLibraryCarriesTheNotesOfItsCatalogue() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Path classes : List.of(Path.of("../examples/target/classes"), Path.of("target/classes"))) {
            List<Path> libraries;
            try (Stream<Path> walk = Files.walk(classes.resolve(GeneratedLayout.RESOURCE_ROOT))) {
                libraries = walk.filter(f -> f.toString().endsWith(".so")).sorted().toList();
            }
            for (Path library : libraries) {
                check(library);
                checked.add(library.getParent().getParent().getFileName() + "/" + library.getParent().getFileName());
            }
        }
        // the default platforms, for both modules' providers (CI installs the aarch64 cross compiler)
        for (String provider : List.of("io.github.usdt4j.examples.Usdt4j_Libmtev", "io.github.usdt4j.it.Usdt4j_Conformance")) {
            assertTrue(checked.contains(provider + "/linux-x86_64") && checked.contains(provider + "/linux-aarch64"),
                    checked.toString());
        }
    }

    private static void check(Path library) throws Exception {
        String platform = library.getParent().getFileName().toString();
        Path folder = library.getParent().getParent();
        Catalogue catalogue;
        try (Stream<Path> files = Files.list(folder)) {
            Path file = files.filter(f -> f.toString().endsWith(GeneratedLayout.CATALOGUE_SUFFIX)).findFirst().orElseThrow();
            catalogue = Catalogue.parse(Files.readString(file));
        }
        ElfFile elf = ElfFile.read(library);
        String where = platform + " library of " + catalogue.provider();
        assertEquals(MACHINES.get(platform), elf.machine(), where + ": its ELF machine");
        assertEquals("build " + catalogue.buildId(), "build " + Catalogue.parse(elf.catalogue().orElseThrow()).buildId(), where);

        List<ElfFile.SdtNote> notes = elf.sdtNotes();
        List<String> names = new ArrayList<>();
        for (ElfFile.SdtNote note : notes) {
            names.add(note.name());
            assertEquals(catalogue.provider(), note.provider(), where);
            assertTrue(note.semaphore() != 0, where + ": " + note.name() + " has no semaphore");
            Catalogue.Probe probe = catalogue.probes().stream().filter(p -> p.elfName().equals(note.name()))
                    .findFirst().orElseThrow(() -> new AssertionError(where + ": a note for " + note.name()
                            + ", which the catalogue does not have"));
            List<Integer> expected = new ArrayList<>();
            for (Catalogue.Argument argument : probe.arguments()) {
                expected.add(operandSize(argument.dType()));
            }
            List<Integer> sizes = new ArrayList<>();
            for (String operand : note.operands()) {
                sizes.add(ElfFile.SdtNote.operandSize(operand));
            }
            assertEquals(expected, sizes, where + ": " + note.name() + " " + note.arguments());
        }
        List<String> declared = new ArrayList<>();
        for (Catalogue.Probe probe : catalogue.probes()) {
            declared.add(probe.elfName());
        }
        assertEquals(declared.stream().sorted().toList(), names.stream().sorted().toList(), where);
    }

    /** What sys/sdt.h records for a value of this D type: its size, negative when signed; pointers are unsigned. */
    private static int operandSize(String dType) {
        return DTypes.integer(dType).map(t -> t.signed() ? -t.bytes() : t.bytes()).orElse(8);
    }
}
