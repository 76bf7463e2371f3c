package io.github.usdt4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.catalogue.Catalogue;
import io.github.usdt4j.catalogue.GeneratedLayout;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibrariesTest {
    @Test
    void missingLibraryNamesThePlatformAndTheSkipSwitch() {
        NativeLibraries.LoadFailure failure = assertThrows(NativeLibraries.LoadFailure.class,
                () -> NativeLibraries.extract(NativeLibrariesTest.class, "nothing", null));
        assertTrue(failure.getMessage().contains(io.github.usdt4j.catalogue.GeneratedLayout.currentPlatformFolder()), failure.getMessage());
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
                    () -> NativeLibraries.extract(Fixture.class, "fixture", null));
            assertTrue(failure.getMessage().contains("can be written by other users"), failure.getMessage());
        } finally {
            System.clearProperty(Settings.LIBRARY_DIR);
        }
    }

    @Test
    void extractionIsStableAndOwnerOnly(@TempDir Path temp) throws Exception {
        System.setProperty(Settings.LIBRARY_DIR, temp.resolve("libs").toString());
        try {
            Path first = NativeLibraries.extract(Fixture.class, "fixture", null);
            Path second = NativeLibraries.extract(Fixture.class, "fixture", null);
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
            Path real = NativeLibraries.extract(Fixture.class, "fixture", null);
            Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(real, "something else, planted under the library's name");
            NativeLibraries.LoadFailure failure = assertThrows(NativeLibraries.LoadFailure.class,
                    () -> NativeLibraries.extract(Fixture.class, "fixture", null));
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
            Path real = NativeLibraries.extract(Fixture.class, "fixture", null);
            Files.setAttribute(real, "unix:uid", 65534); // nobody
            NativeLibraries.LoadFailure failure = assertThrows(NativeLibraries.LoadFailure.class,
                    () -> NativeLibraries.extract(Fixture.class, "fixture", null));
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
                results.add(pool.submit(() -> NativeLibraries.extract(Fixture.class, "fixture", null)));
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
    void aParentOthersCanWriteWithoutTheStickyBitIsRefused(@TempDir Path temp) throws Exception {
        Path shared = temp.resolve("shared");
        Files.createDirectory(shared);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        System.setProperty(Settings.LIBRARY_DIR, shared.resolve("libs").toString());
        try {
            NativeLibraries.LoadFailure failure = assertThrows(NativeLibraries.LoadFailure.class,
                    () -> NativeLibraries.extract(Fixture.class, "fixture", null));
            assertTrue(failure.getMessage().contains(shared + ", above the library directory"), failure.getMessage());
            assertTrue(failure.getMessage().contains("is not sticky"), failure.getMessage());
        } finally {
            System.clearProperty(Settings.LIBRARY_DIR);
        }
    }

    @Test
    void aStickyParentOthersCanWriteIsAccepted(@TempDir Path temp) throws Exception {
        Path shared = temp.resolve("shared");
        Files.createDirectory(shared);
        Files.setAttribute(shared, "unix:mode", 01777); // as /tmp
        System.setProperty(Settings.LIBRARY_DIR, shared.resolve("libs").toString());
        try {
            assertEquals(shared.resolve("libs"), NativeLibraries.extract(Fixture.class, "fixture", null).getParent());
        } finally {
            System.clearProperty(Settings.LIBRARY_DIR);
        }
    }

    @Test
    void aSymbolicLinkIsCheckedWhereItLeads(@TempDir Path temp) throws Exception {
        Path shared = temp.resolve("shared");
        Files.createDirectory(shared);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.createDirectory(shared.resolve("real"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        Path link = Files.createSymbolicLink(temp.resolve("private"), shared.resolve("real"));
        System.setProperty(Settings.LIBRARY_DIR, link.resolve("libs").toString());
        try {
            NativeLibraries.LoadFailure failure = assertThrows(NativeLibraries.LoadFailure.class,
                    () -> NativeLibraries.extract(Fixture.class, "fixture", null));
            assertTrue(failure.getMessage().contains(shared + ", above the library directory"), failure.getMessage());
        } finally {
            System.clearProperty(Settings.LIBRARY_DIR);
        }
    }

    @Test
    void aParentOfAnotherUserIsRefused(@TempDir Path temp) throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a directory away");
        Path theirs = temp.resolve("theirs");
        Files.createDirectory(theirs);
        Files.setAttribute(theirs, "unix:uid", 65534); // nobody
        System.setProperty(Settings.LIBRARY_DIR, theirs.resolve("libs").toString());
        try {
            NativeLibraries.LoadFailure failure = assertThrows(NativeLibraries.LoadFailure.class,
                    () -> NativeLibraries.extract(Fixture.class, "fixture", null));
            assertTrue(failure.getMessage().contains(theirs + ", above the library directory " + theirs.resolve("libs")
                    + ", belongs to another user (uid 65534)"), failure.getMessage());
        } finally {
            System.clearProperty(Settings.LIBRARY_DIR);
        }
    }

    @Test
    void aSquattedDefaultDirectoryFallsBackToAPlaceOfTheUsersOwn(@TempDir Path temp) throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a directory away");
        String tmpdir = System.getProperty("java.io.tmpdir");
        String home = System.getProperty("user.home");
        Path squatted = temp.resolve("tmp").resolve("usdt4j-" + System.getProperty("user.name"));
        Files.createDirectories(squatted);
        Files.setAttribute(squatted, "unix:uid", 65534); // made first by somebody else
        System.setProperty("java.io.tmpdir", temp.resolve("tmp").toString());
        System.setProperty("user.home", temp.resolve("home").toString());
        try {
            LibraryDirectory.Choice choice = LibraryDirectory.choose();
            Path expected = System.getenv("XDG_RUNTIME_DIR") != null
                    ? LibraryDirectory.fallbacks(System.getenv(), null).get(0)
                    : temp.resolve("home/.cache/usdt4j");
            assertEquals(expected, choice.path());
            assertTrue(choice.note().startsWith("usdt4j: native libraries go to " + expected
                    + " because the default directory cannot be used: " + squatted + " belongs to another user"),
                    choice.note());
        } finally {
            System.setProperty("java.io.tmpdir", tmpdir);
            System.setProperty("user.home", home);
        }
    }

    @Test
    void aDirectoryThatChangesAfterTheFirstProviderIsCheckedAfresh(@TempDir Path temp) throws Exception {
        Path libs = temp.resolve("libs");
        System.setProperty(Settings.LIBRARY_DIR, libs.toString());
        try {
            Path library = NativeLibraries.extract(Fixture.class, "fixture", null);
            // checked in full once per JVM; removed (by a tidier, say), it is made again
            Files.delete(library);
            Files.delete(libs);
            assertEquals(library, NativeLibraries.extract(Fixture.class, "fixture", null));
            assertTrue(Files.isRegularFile(library));
            // made writable by others, it is refused as on the first provider
            Files.setPosixFilePermissions(libs, PosixFilePermissions.fromString("rwxrwxrwx"));
            NativeLibraries.LoadFailure failure = assertThrows(NativeLibraries.LoadFailure.class,
                    () -> NativeLibraries.extract(Fixture.class, "fixture", null));
            assertTrue(failure.getMessage().contains(libs + " can be written by other users"), failure.getMessage());
        } finally {
            System.clearProperty(Settings.LIBRARY_DIR);
        }
    }

    @Test
    void aConfiguredDirectoryIsNeverReplaced(@TempDir Path temp) throws Exception {
        Path shared = temp.resolve("shared");
        Files.createDirectory(shared);
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        System.setProperty(Settings.LIBRARY_DIR, shared.toString());
        try {
            assertThrows(NativeLibraries.LoadFailure.class, LibraryDirectory::choose);
        } finally {
            System.clearProperty(Settings.LIBRARY_DIR);
        }
    }

    @Test
    void fallbackPlaces() {
        assertEquals(List.of(Path.of("/run/user/1000/usdt4j"), Path.of("/home/alice/.cache/usdt4j")),
                LibraryDirectory.fallbacks(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), "/home/alice"));
        assertEquals(List.of(Path.of("/home/alice/.cache/usdt4j")),
                LibraryDirectory.fallbacks(Map.of("XDG_RUNTIME_DIR", "relative"), "/home/alice"));
    }

    @Test
    void temporaryFilesOfDeadWritersAreRemovedAndLiveOnesKept(@TempDir Path temp) throws Exception {
        Path libs = Files.createDirectory(temp.resolve("libs"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        System.setProperty(Settings.LIBRARY_DIR, libs.toString());
        try {
            Path dead = Files.createFile(libs.resolve(".libusdt4j-999999999-1.tmp")); // above any pid_max
            Path live = Files.createFile(libs.resolve(Leftovers.temporaryPrefix() + "2.tmp"));
            Path library = NativeLibraries.extract(Fixture.class, "fixture", null);
            assertFalse(Files.exists(dead), "a dead writer's temporary file is removed");
            assertTrue(Files.exists(live), "a running writer's temporary file is kept");
            assertTrue(Files.exists(library));
            // only by a JVM that writes a library, once: a start that finds its library in place
            // does not list the directory
            Path later = Files.createFile(libs.resolve(".libusdt4j-999999999-2.tmp"));
            NativeLibraries.extract(Fixture.class, "fixture", null);
            assertTrue(Files.exists(later), "the directory is not listed again when the library is in place");
        } finally {
            System.clearProperty(Settings.LIBRARY_DIR);
        }
    }

    @Test
    void librariesNobodyMapsOrUsedLatelyAreRemovedWhenANewOneIsWritten(@TempDir Path temp) throws Exception {
        Path libs = temp.resolve("libs");
        System.setProperty(Settings.LIBRARY_DIR, libs.toString());
        try {
            Files.createDirectory(libs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path old = Files.createFile(libs.resolve("libusdt4j-fixture-0000000000000000.so"));
            Path oldSecondName = Files.createLink(libs.resolve("libusdt4j-fixture-0000000000000000.1.so"), old);
            Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Leftovers.UNUSED).minusSeconds(60)));
            Path recent = Files.createFile(libs.resolve("libusdt4j-fixture-1111111111111111.so"));
            Path unrelated = Files.createFile(libs.resolve("notes.txt"));
            Files.setLastModifiedTime(unrelated, FileTime.from(Instant.EPOCH));

            Path library = NativeLibraries.extract(Fixture.class, "fixture", null);

            assertFalse(Files.exists(old), "unused for longer than " + Leftovers.UNUSED);
            assertFalse(Files.exists(oldSecondName), "its second name goes with it");
            assertTrue(Files.exists(recent), "used within " + Leftovers.UNUSED);
            assertTrue(Files.exists(unrelated), "not a library");
            assertTrue(Files.exists(library));
        } finally {
            System.clearProperty(Settings.LIBRARY_DIR);
        }
    }

    @Test
    void aSecondClassLoaderLoadsTheSameFileUnderASecondName(@TempDir Path temp) throws Exception {
        System.setProperty(Settings.LIBRARY_DIR, temp.resolve("libs").toString());
        try {
            Path library = NativeLibraries.extract(Fixture.class, "fixture", null);
            List<String> tried = new ArrayList<>();
            Path loaded = NativeLibraries.load(Fixture.class, "fixture", null, path -> {
                tried.add(path);
                if (path.equals(library.toString())) {
                    throw new UnsatisfiedLinkError("Native Library " + path + " already loaded in another classloader");
                }
            });
            String base = library.toString().substring(0, library.toString().length() - ".so".length());
            assertEquals(List.of(library.toString(), base + ".1.so"), tried);
            assertEquals(Path.of(base + ".1.so"), loaded);
            assertEquals(Files.getAttribute(library, "unix:ino"), Files.getAttribute(loaded, "unix:ino"),
                    "a hard link: the dynamic linker maps the file once, so tracers see one library");
        } finally {
            System.clearProperty(Settings.LIBRARY_DIR);
        }
    }

    @Test
    void generatedNames() {
        assertEquals("io.github.usdt4j.internal.Usdt4j_NativeLibrariesTest_Fixture",
                io.github.usdt4j.catalogue.GeneratedLayout.implementationName(Fixture.class));
    }

    @Test
    void aLibraryInUseIsMarkedUsedSoThatNoOtherJvmRemovesIt(@TempDir Path temp) throws Exception {
        System.setProperty(Settings.LIBRARY_DIR, temp.resolve("libs").toString());
        try {
            Path library = NativeLibraries.extract(Fixture.class, "fixture", null);
            Instant old = Instant.now().minus(Leftovers.UNUSED).minusSeconds(60);
            Files.setLastModifiedTime(library, FileTime.from(old));
            assertEquals(library, NativeLibraries.extract(Fixture.class, "fixture", null));
            Instant marked = Files.getLastModifiedTime(library).toInstant();
            assertTrue(marked.isAfter(Instant.now().minusSeconds(60)), "marked used at " + marked);
        } finally {
            System.clearProperty(Settings.LIBRARY_DIR);
        }
    }

    @Test
    void theLibraryIsReadFromTheJarOfItsOwnClassWhenThatJarIsOfItsBuild(@TempDir Path temp) throws Exception {
        String resource = fixtureLibraryResource();
        String build = "0123456789abcdef";
        // a jar earlier on the class path with a library of the same name, as when two builds of
        // an application end up on one class path
        Path earlier = jar(temp.resolve("earlier.jar"), Map.of(resource, utf8("an earlier jar's library")));
        Path own = fixtureJar(temp.resolve("own.jar"), utf8("the class's own library"), build);
        System.setProperty(Settings.LIBRARY_DIR, temp.resolve("libs").toString());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {earlier.toUri().toURL(), own.toUri().toURL()},
                ClassLoader.getPlatformClassLoader())) {
            Class<?> fixture = loader.loadClass(Fixture.class.getName());
            try (InputStream first = loader.getResourceAsStream(resource)) {
                assertEquals("an earlier jar's library", new String(first.readAllBytes(), StandardCharsets.UTF_8),
                        "the class loader finds the earlier jar's first");
            }
            assertEquals("the class's own library", Files.readString(NativeLibraries.extract(fixture, "fixture", build)),
                    "extraction reads the jar the generated class came from");
            // a jar of another build at that path (replaced since the class loader opened it):
            // only the class loader's open file still serves the class's build, so ask it
            assertEquals("an earlier jar's library",
                    Files.readString(NativeLibraries.extract(fixture, "fixture", "fedcba9876543210")));
        } finally {
            System.clearProperty(Settings.LIBRARY_DIR);
        }
    }

    @Test
    void aLibraryAlreadyInPlaceIsCheckedAgainstTheNameTheJarGivesIt(@TempDir Path temp) throws Exception {
        String build = "0123456789abcdef";
        byte[] library = utf8("the class's own library");
        Path own = fixtureJar(temp.resolve("own.jar"), library, build);
        Path libs = temp.resolve("libs");
        System.setProperty(Settings.LIBRARY_DIR, libs.toString());
        try (URLClassLoader loader = new URLClassLoader(new URL[] {own.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> fixture = loader.loadClass(Fixture.class.getName());
            Path written = NativeLibraries.extract(fixture, "fixture", build);
            assertEquals(libs.resolve(GeneratedLayout.extractedLibraryFileName("fixture", GeneratedLayout.contentId(library))),
                    written, "named after the bytes when written");
            assertEquals(written, NativeLibraries.extract(fixture, "fixture", build),
                    "found in place by the CRC-32 and size the jar records");

            // another file of the same size under that name, planted or damaged
            Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(written, "the planted one library");
            assertEquals(library.length, Files.size(written));
            NativeLibraries.LoadFailure failure = assertThrows(NativeLibraries.LoadFailure.class,
                    () -> NativeLibraries.extract(fixture, "fixture", build));
            assertTrue(failure.getMessage().contains("does not hold the library it is named after"), failure.getMessage());

            // a symbolic link under that name, to a file with the right content
            Files.delete(written);
            Path elsewhere = Files.write(temp.resolve("elsewhere.so"), library);
            Files.createSymbolicLink(written, elsewhere);
            failure = assertThrows(NativeLibraries.LoadFailure.class, () -> NativeLibraries.extract(fixture, "fixture", build));
            assertTrue(failure.getMessage().contains("is not a regular file"), failure.getMessage());

            Files.delete(written);
            assertEquals(written, NativeLibraries.extract(fixture, "fixture", build), "removed: written again");
            assertEquals("the class's own library", Files.readString(written));
        } finally {
            System.clearProperty(Settings.LIBRARY_DIR);
        }
    }

    /** Where the link goal puts the fixture's library in a jar. */
    private static String fixtureLibraryResource() {
        return GeneratedLayout.resourceFolder(Fixture.class.getName()) + "/" + GeneratedLayout.currentPlatformFolder()
                + "/" + GeneratedLayout.libraryFileName("fixture");
    }

    /** A jar as a build makes it for {@link Fixture}: the class, its library, and a catalogue of build {@code build}. */
    private static Path fixtureJar(Path jar, byte[] library, String build) throws IOException {
        String classFile = Fixture.class.getName().replace('.', '/') + ".class";
        byte[] classBytes;
        try (InputStream in = NativeLibrariesTest.class.getClassLoader().getResourceAsStream(classFile)) {
            classBytes = in.readAllBytes();
        }
        String catalogue = GeneratedLayout.resourceFolder(Fixture.class.getName()) + "/" + GeneratedLayout.catalogueFileName("fixture");
        return jar(jar, Map.of(fixtureLibraryResource(), library, classFile, classBytes,
                catalogue, utf8(new Catalogue("fixture", "?", Fixture.class.getName(), build, List.of()).format())));
    }

    private static Path jar(Path jar, Map<String, byte[]> entries) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue());
            }
        }
        return jar;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Its "library" is a text file under test resources: extraction does not care what it holds. */
    static final class Fixture {}

    @Test
    void aTemporaryFileNamesItsWriter() {
        assertEquals(1234, Leftovers.writerOf(".libusdt4j-1234-5678.tmp"));
        assertEquals(-1, Leftovers.writerOf(".libusdt4j-1234.tmp"));
        assertEquals(-1, Leftovers.writerOf(".libusdt4j-12a4-5678.tmp"));
        assertEquals(-1, Leftovers.writerOf("libusdt4j-1234-5678.tmp"));
        assertEquals(-1, Leftovers.writerOf(".libusdt4j-1234-5678.so"));
        assertEquals(-1, Leftovers.writerOf(".libusdt4j-99999999999999999999-1.tmp"));
    }
}
