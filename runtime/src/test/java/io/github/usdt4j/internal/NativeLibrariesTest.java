package io.github.usdt4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibrariesTest {
    @Test
    void missingLibraryNamesThePlatformAndTheSkipSwitch() {
        NativeLibraries.LoadFailure failure = assertThrows(NativeLibraries.LoadFailure.class,
                () -> NativeLibraries.extract(NativeLibrariesTest.class, "nothing"));
        assertTrue(failure.getMessage().contains(Platform.current()), failure.getMessage());
        assertTrue(failure.getMessage().contains("usdt4j.skip"), failure.getMessage());
    }

    @Test
    void directoryOthersCanWriteIsRefused(@TempDir Path temp) throws Exception {
        Path shared = temp.resolve("shared");
        Files.createDirectory(shared);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        System.setProperty(Settings.LIBRARY_DIR, shared.toString());
        try {
            // The jar of this test has no library, so use one written by the test itself.
            NativeLibraries.LoadFailure failure = assertThrows(NativeLibraries.LoadFailure.class,
                    () -> NativeLibraries.extract(Fixture.class, "fixture"));
            assertTrue(failure.getMessage().contains("can be written by other users"), failure.getMessage());
        } finally {
            System.clearProperty(Settings.LIBRARY_DIR);
        }
    }

    @Test
    void extractionIsStableAndOwnerOnly(@TempDir Path temp) throws Exception {
        System.setProperty(Settings.LIBRARY_DIR, temp.resolve("libs").toString());
        try {
            Path first = NativeLibraries.extract(Fixture.class, "fixture");
            Path second = NativeLibraries.extract(Fixture.class, "fixture");
            assertEquals(first, second);
            assertTrue(first.getFileName().toString().matches("libusdt4j-fixture-[0-9a-f]{16}\\.so"), first.toString());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first.getParent())));
            assertEquals("r-x------", PosixFilePermissions.toString(Files.getPosixFilePermissions(first)));
        } finally {
            System.clearProperty(Settings.LIBRARY_DIR);
        }
    }

    @Test
    void aPlantedFileUnderTheExpectedNameIsRefused(@TempDir Path temp) throws Exception {
        Path libs = temp.resolve("libs");
        System.setProperty(Settings.LIBRARY_DIR, libs.toString());
        try {
            Path real = NativeLibraries.extract(Fixture.class, "fixture");
            Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(real, "something else, planted under the library's name");
            NativeLibraries.LoadFailure failure = assertThrows(NativeLibraries.LoadFailure.class,
                    () -> NativeLibraries.extract(Fixture.class, "fixture"));
            assertTrue(failure.getMessage().contains("does not hold the library it is named after"), failure.getMessage());
        } finally {
            System.clearProperty(Settings.LIBRARY_DIR);
        }
    }

    @Test
    void aFileOwnedByAnotherUserIsRefused(@TempDir Path temp) throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file away");
        Path libs = temp.resolve("libs");
        System.setProperty(Settings.LIBRARY_DIR, libs.toString());
        try {
            Path real = NativeLibraries.extract(Fixture.class, "fixture");
            Files.setAttribute(real, "unix:uid", 65534); // nobody
            NativeLibraries.LoadFailure failure = assertThrows(NativeLibraries.LoadFailure.class,
                    () -> NativeLibraries.extract(Fixture.class, "fixture"));
            assertTrue(failure.getMessage().contains("belongs to another user"), failure.getMessage());
        } finally {
            System.clearProperty(Settings.LIBRARY_DIR);
        }
    }

    @Test
    void manyExtractionsAtOnceAllSeeTheWholeFile(@TempDir Path temp) throws Exception {
        System.setProperty(Settings.LIBRARY_DIR, temp.resolve("libs").toString());
        try {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            java.util.List<java.util.concurrent.Future<Path>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> NativeLibraries.extract(Fixture.class, "fixture")));
            }
            Path first = results.get(0).get();
            for (java.util.concurrent.Future<Path> result : results) {
                assertEquals(first, result.get());
            }
            pool.shutdown();
            try (java.util.stream.Stream<Path> files = Files.list(first.getParent())) {
                assertEquals(java.util.List.of(first), files.collect(java.util.stream.Collectors.toList()),
                        "no temporary file is left behind");
            }
        } finally {
            System.clearProperty(Settings.LIBRARY_DIR);
        }
    }

    @Test
    void platformFolders() {
        assertEquals("linux-x86_64", Platform.folder("Linux", "amd64"));
        assertEquals("linux-aarch64", Platform.folder("Linux", "aarch64"));
        assertEquals("macos-aarch64", Platform.folder("Mac OS X", "aarch64"));
    }

    @Test
    void generatedNames() {
        assertEquals("io.github.usdt4j.internal.Usdt4j_NativeLibrariesTest_Fixture",
                GeneratedNames.implementationName(Fixture.class));
    }

    /** Its "library" is a text file under test resources: extraction does not care what it holds. */
    static final class Fixture {}
}
