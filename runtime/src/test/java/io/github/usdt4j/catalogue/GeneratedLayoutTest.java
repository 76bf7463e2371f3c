package io.github.usdt4j.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The names the processor, the plugin, the runtime and the tools agree on. */
class GeneratedLayoutTest {
    interface Outer {
        interface Probes {}
    }

    @Test
    void theImplementationIsNamedAfterTheInterfaceAndItsEnclosingTypes() {
        assertEquals("Usdt4j_Server_Probes", GeneratedLayout.implementationSimpleName(List.of("Server", "Probes")));
        assertEquals("io.github.usdt4j.catalogue.Usdt4j_GeneratedLayoutTest_Outer_Probes",
                GeneratedLayout.implementationName(Outer.Probes.class));
        assertEquals("META-INF/usdt4j/com.example.Usdt4j_Libmtev", GeneratedLayout.resourceFolder("com.example.Usdt4j_Libmtev"));
    }

    @Test
    void everyFileIsNamedAfterTheProvider() {
        assertEquals("libmtev.d", GeneratedLayout.providerFileName("libmtev"));
        assertEquals("libmtev.c", GeneratedLayout.glueFileName("libmtev"));
        assertEquals("libmtev.probes", GeneratedLayout.catalogueFileName("libmtev"));
        assertEquals("libmtev", GeneratedLayout.providerOfCatalogue("libmtev.probes"));
        assertEquals("libusdt4j-libmtev.so", GeneratedLayout.libraryFileName("libmtev"));
        assertEquals("libusdt4j-libmtev-3f2a.so", GeneratedLayout.extractedLibraryFileName("libmtev", "3f2a"));
    }

    @Test
    void everyUsdt4jLibraryMatchesThePatternToolsLookFor() {
        assertTrue(GeneratedLayout.isLibraryPath("/tmp/usdt4j-root/libusdt4j-libmtev-3f2a.so"));
        assertTrue(GeneratedLayout.isLibraryPath("/tmp/usdt4j-root/libusdt4j-libmtev-3f2a.1.so"));
        assertTrue(GeneratedLayout.isLibraryPath("/app/target/classes/META-INF/usdt4j/a.Usdt4j_B/linux-x86_64/libusdt4j-b.so"));
        assertFalse(GeneratedLayout.isLibraryPath("/usr/lib/libc.so.6"));
        assertFalse(GeneratedLayout.isLibraryPath("/tmp/libusdt4j-.so"));
        assertFalse(GeneratedLayout.isLibraryPath("libusdt4j-libmtev.so"));
    }

    @Test
    void theContentIdTellsBuildsApartInSixteenHexDigits() {
        String one = GeneratedLayout.contentId(new byte[] {1, 2, 3});
        assertEquals(16, one.length());
        assertTrue(one.matches("[0-9a-f]{16}"), one);
        assertEquals(one, GeneratedLayout.contentId(new byte[] {1, 2, 3}));
        assertFalse(one.equals(GeneratedLayout.contentId(new byte[] {1, 2, 4})));
        assertEquals("0000000000000000", GeneratedLayout.contentId(new byte[0]));
        // CRC-32 of "123456789" is the standard check value cbf43926; then the size
        assertEquals("cbf4392600000009", GeneratedLayout.contentId("123456789".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(GeneratedLayout.contentId(0xcbf43926L, 9), GeneratedLayout.contentId("123456789".getBytes(StandardCharsets.US_ASCII)));
        assertThrows(IllegalArgumentException.class, () -> GeneratedLayout.contentId(-1, 9)); // a jar entry's unknown CRC
    }

    @Test
    void aCatalogueIsOfTheBuildItsLineNamesAndOfNoOther() {
        byte[] text = new Catalogue("libmtev", "com.example.Libmtev", "com.example.Usdt4j_Libmtev", "3f2a9c01",
                List.of(new Catalogue.Probe("é-probe", "é_probe", "eProbe", List.of()))).format().getBytes(StandardCharsets.UTF_8);
        assertTrue(GeneratedLayout.isCatalogueOfBuild(text, "3f2a9c01"));
        assertFalse(GeneratedLayout.isCatalogueOfBuild(text, "3f2a9c0"), "a prefix of the id");
        assertFalse(GeneratedLayout.isCatalogueOfBuild(text, "f2a9c01"), "a suffix of the id");
        assertFalse(GeneratedLayout.isCatalogueOfBuild(text, "0123abcd"));
        assertFalse(GeneratedLayout.isCatalogueOfBuild(text, "3f2a9c0é"));
        assertFalse(GeneratedLayout.isCatalogueOfBuild(new byte[0], "3f2a9c01"));
        assertEquals("3f2a9c01", Catalogue.parse(new String(text, StandardCharsets.UTF_8)).buildId(), "the line parse reads");
    }

    @Test
    void platformFoldersUseOneSpellingPerPlatform() {
        assertEquals("linux-x86_64", GeneratedLayout.platformFolder("Linux", "amd64"));
        assertEquals("linux-aarch64", GeneratedLayout.platformFolder("Linux", "aarch64"));
        assertEquals("linux-aarch64", GeneratedLayout.platformFolder("Linux", "arm64"));
        assertEquals("linux-ppc64le", GeneratedLayout.platformFolder("Linux", "ppc64le"));
        assertEquals("linux-s390x", GeneratedLayout.platformFolder("Linux", "s390x"));
        assertEquals("linux-riscv64", GeneratedLayout.platformFolder("Linux", "riscv64"));
        assertEquals("macos-aarch64", GeneratedLayout.platformFolder("Mac OS X", "aarch64"));
        assertEquals("illumos-x86_64", GeneratedLayout.platformFolder("SunOS", "x86_64"));
    }
}
