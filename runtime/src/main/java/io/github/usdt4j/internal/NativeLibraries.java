package io.github.usdt4j.internal;

import io.github.usdt4j.catalogue.GeneratedLayout;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.CodeSource;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Finds a provider's shared object in the jar, extracts it to a stable path that carries its
 * content id ({@link GeneratedLayout#contentId}), and loads it, so the same build always loads
 * from the same file and tracers can name it: {@code /tmp/usdt4j-alice/libusdt4j-libmtev-3f2a…so}.
 *
 * <p>The directory is checked by {@link LibraryDirectory}, so only its user and root can put
 * or swap a file in it. A library is put in place only where none exists ({@code link(2)}
 * from a temporary file), never replacing one that another JVM has mapped. Before it is
 * loaded, a library this JVM wrote is compared with the jar's bytes; one already in place is
 * checked against its name, the CRC-32 and size the jar records for it. Either way, the loaded
 * library must then report the class's build id ({@link io.github.usdt4j.spi.ProviderLoader}).
 *
 * <p>The JVM lets one class loader load a given path. A second class loader gets its own
 * name for the same file, a hard link {@code libusdt4j-libmtev-3f2a….1.so}; the dynamic linker
 * sees the same file and maps it once, so every copy of the provider fires the same probes.
 */
public final class NativeLibraries {
    /*
     * Set.of, not PosixFilePermissions.fromString or EnumSet: an enum's first EnumSet reads its
     * constants by reflection, which on JDK 22+ spins up method-handle accessors in a cold JVM.
     */
    private static final Set<PosixFilePermission> OWNER_READ_EXEC =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE);
    private static final Set<PosixFilePermission> OWNER_READ_WRITE =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    /** How many class loaders of one JVM may hold the same provider at once. */
    private static final int MAX_NAMES = 64;

    /** A reason the library cannot be used, worded for the one warning a user sees. */
    public static final class LoadFailure extends Exception {
        private static final long serialVersionUID = 1L;

        public LoadFailure(String message) {
            super(message, null, false, false);
        }
    }

    private NativeLibraries() {}

    /**
     * Extracts the library of {@code implementation} and loads it with {@code systemLoad},
     * which must be {@code System::load} called from the generated class itself: a library
     * belongs to the class loader of the class that loads it, and the native methods it
     * implements are the generated class's. Returns the path loaded.
     */
    public static Path load(Class<?> implementation, String provider, String buildId, Consumer<String> systemLoad)
            throws LoadFailure {
        Path library = extract(implementation, provider, buildId);
        for (int name = 0; name < MAX_NAMES; name++) {
            Path path = name == 0 ? library : secondName(library, name);
            try {
                systemLoad.accept(path.toString());
                return path;
            } catch (UnsatisfiedLinkError e) {
                if (!String.valueOf(e.getMessage()).contains("already loaded in another classloader")) {
                    throw new LoadFailure("System.load(" + path + ") failed: " + e.getMessage() + loadFailureHint(e));
                }
            }
        }
        throw new LoadFailure("the provider is already active in " + MAX_NAMES + " other class loaders of this JVM");
    }

    /**
     * Extracts the library of {@code implementation}, of build {@code buildId} (null: whatever
     * the class loader finds), and returns its path.
     */
    static Path extract(Class<?> implementation, String provider, String buildId) throws LoadFailure {
        String platform = GeneratedLayout.currentPlatformFolder();
        String folder = GeneratedLayout.resourceFolder(implementation.getName());
        String resource = folder + "/" + platform + "/" + GeneratedLayout.libraryFileName(provider);
        String contentId = buildId == null ? null
                : contentIdBeside(implementation, resource, folder + "/" + GeneratedLayout.catalogueFileName(provider), buildId);
        byte[] library = contentId == null ? read(implementation, resource, platform) : null;
        LibraryDirectory.Choice directory = LibraryDirectory.chooseOnce();
        if (directory.note() != null) {
            Warnings.warnOnce(LibraryDirectory.class, directory.note());
        }
        if (library == null) {
            Path inPlace = inPlace(provider, contentId, directory);
            if (inPlace != null) {
                return inPlace;
            }
            library = readBeside(implementation, resource, contentId);
            if (library == null) {
                library = read(implementation, resource, platform);
            }
        }
        return place(library, provider, directory);
    }

    /**
     * The library named {@code contentId} if it is already in {@code directory}, checked the way
     * {@link #verify} checks a file, except that its content is checked against its name (CRC-32
     * and size) rather than against the jar's bytes, which are not read: reading and comparing
     * them cost every further provider of a start ~0.6 ms. Null if it is not there yet.
     */
    private static Path inPlace(String provider, String contentId, LibraryDirectory.Choice directory) throws LoadFailure {
        Path target = directory.path().resolve(GeneratedLayout.extractedLibraryFileName(provider, contentId));
        try {
            Map<String, Object> attributes;
            try {
                attributes = LibraryDirectory.attributesOf(target);
            } catch (NoSuchFileException absent) {
                return null;
            }
            checkRegularAndOwned(target, attributes, directory.uid());
            if (!contentId.equals(GeneratedLayout.contentId(readFile(target)))) {
                throw notNamedAfterItsContent(target);
            }
            markUsed(target);
            return target;
        } catch (NoSuchFileException removed) {
            return null; // removed as unused since we looked: extract it again
        } catch (IOException e) {
            throw new LoadFailure("cannot check " + target + ": " + e);
        }
    }

    /**
     * {@code Files.readAllBytes} without NIO's channels, whose classes a cold JVM loads for it
     * (~3 ms at the first provider); {@code FileInputStream}'s are loaded as the JVM starts.
     */
    private static byte[] readFile(Path file) throws IOException {
        try (FileInputStream in = new FileInputStream(file.toFile())) {
            return in.readAllBytes();
        } catch (FileNotFoundException e) {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchFileException(file.toString()); // as Files says it, for the callers that retry
            }
            throw e;
        }
    }

    /** Refuses {@code directory} as the runtime refuses a library directory it did not make (for tools). */
    public static void checkLibraryDirectory(Path directory) throws LoadFailure {
        LibraryDirectory.checkExisting(directory);
    }

    /**
     * Puts {@code library} in {@code directory} under the name a JVM of this user would give
     * it, with every check extraction makes, before that JVM starts: tracers that attach to
     * the file then see the JVM's first probes (usdt4j-dtrace's {@code -c}). Returns its path.
     */
    public static Path placeBeforehand(byte[] library, String provider, Path directory) throws LoadFailure {
        return place(library, provider, new LibraryDirectory.Choice(directory, LibraryDirectory.prepare(directory), null));
    }

    private static Path place(byte[] library, String provider, LibraryDirectory.Choice directory) throws LoadFailure {
        String contentId = GeneratedLayout.contentId(library);
        Path target = directory.path().resolve(GeneratedLayout.extractedLibraryFileName(provider, contentId));
        for (int attempt = 1; ; attempt++) {
            try {
                if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                    // Tidying lists the directory, so only a JVM that writes pays for it, not every start.
                    Leftovers.removeDeadWritersFilesOnce(directory.path());
                    if (write(directory.path(), target, library)) {
                        Leftovers.removeUnusedLibraries(directory.path(), Instant.now());
                    }
                }
                verify(target, library, directory.uid());
                markUsed(target);
                return target;
            } catch (NoSuchFileException removed) {
                if (attempt == 2) {
                    throw new LoadFailure("cannot keep " + target + " in place: " + removed);
                }
                // removed as unused between our look and our check: extract it again
            } catch (IOException e) {
                throw new LoadFailure("cannot check " + target + ": " + e);
            }
        }
    }

    /**
     * Marks {@code library} used, so that a JVM extracting another build does not remove it now.
     * {@code java.io.File}'s call, not {@code Files.setLastModifiedTime}: on JDK 25 that one
     * makes a lambda, and a JVM's first lambda costs its start-up ~9 ms.
     */
    private static void markUsed(Path library) throws IOException {
        if (!library.toFile().setLastModified(System.currentTimeMillis())) {
            if (!Files.exists(library, LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchFileException(library.toString());
            }
            throw new IOException("cannot set its modification time");
        }
    }

    /** The {@code n}th extra name of {@code library}, a hard link made when first needed. */
    private static Path secondName(Path library, int n) throws LoadFailure {
        String file = library.getFileName().toString();
        Path alias = library.resolveSibling(file.substring(0, file.length() - ".so".length()) + "." + n + ".so");
        try {
            Object inode = Files.getAttribute(library, "unix:ino", LinkOption.NOFOLLOW_LINKS);
            if (Files.exists(alias, LinkOption.NOFOLLOW_LINKS)
                    && !inode.equals(Files.getAttribute(alias, "unix:ino", LinkOption.NOFOLLOW_LINKS))) {
                Files.delete(alias); // a name left over from an earlier copy of the file
            }
            try {
                Files.createLink(alias, library);
            } catch (FileAlreadyExistsException raced) {
                // another class loader or JVM made it
            }
            if (!inode.equals(Files.getAttribute(alias, "unix:ino", LinkOption.NOFOLLOW_LINKS))) {
                throw new LoadFailure(alias + " is not another name of " + library + "; remove it and restart");
            }
            return alias;
        } catch (IOException e) {
            throw new LoadFailure("cannot give " + library + " a second name for another class loader: " + e);
        }
    }

    /** A fix to add to the warning when {@code System.load} fails. */
    public static String loadFailureHint(UnsatisfiedLinkError e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("failed to map segment") || message.contains("Operation not permitted")) {
            return " (is " + Settings.libraryDirectory() + " on a filesystem mounted noexec?"
                    + " Set -D" + Settings.LIBRARY_DIR + "= to a directory that allows executables)";
        }
        if (message.contains("already loaded in another classloader")) {
            return " (the provider is already active in another class loader of this JVM)";
        }
        return "";
    }

    private static byte[] read(Class<?> implementation, String resource, String platform) throws LoadFailure {
        ClassLoader loader = implementation.getClassLoader();
        try (InputStream in = loader == null
                ? ClassLoader.getSystemResourceAsStream(resource)
                : loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new LoadFailure("no native library for " + platform + " in the jar (" + resource + "); "
                        + (platform.startsWith("linux-")
                                ? "the link goal of the usdt4j-maven-plugin links it when its platforms name " + platform
                                        + " (usdt4j.platforms) and it is not skipped (-Dusdt4j.skip)"
                                : "usdt4j has libraries for Linux only so far")
                        + "; see docs/platforms.md");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new LoadFailure("cannot read " + resource + ": " + e);
        }
    }

    /*
     * The library is read from the jar file or class folder the generated class came from,
     * where the link goal put it, rather than through the class loader, which costs a cold JVM
     * more: it asks the JDK's own loaders first (on JDK 25 the first such lookup opens the
     * runtime image) and goes through a jar: URL connection, about 0.5 ms for every provider.
     * And a jar's directory records each entry's CRC-32 and size, which name the library, so a
     * library already extracted is not read at all. A jar opened here shares the open file the
     * class loader holds. Only for a plain jar or folder: anything else (no code source, a
     * location that is no plain file, nested jars, a security manager) is left to the class loader.
     */

    /**
     * The content id of the library beside {@code implementation}, or null to ask the class
     * loader: only if the catalogue beside it is of the class's own build. A jar replaced on
     * disk since the class loader opened it is another build, which the class loader's open
     * file still serves.
     */
    private static String contentIdBeside(Class<?> implementation, String resource, String catalogue, String buildId) {
        try {
            Path origin = origin(implementation);
            if (origin == null) {
                return null;
            }
            if (isFolder(origin)) {
                Path file = origin.resolve(resource);
                Path text = origin.resolve(catalogue);
                return Files.isRegularFile(file) && Files.isRegularFile(text)
                                && GeneratedLayout.isCatalogueOfBuild(readFile(text), buildId)
                        ? GeneratedLayout.contentId(readFile(file)) : null;
            }
            ZipFile jar = openJar(origin);
            ZipEntry entry = jar.getEntry(resource);
            ZipEntry text = jar.getEntry(catalogue);
            if (entry == null || text == null || entry.getCrc() < 0 || entry.getSize() < 0) {
                return null;
            }
            try (InputStream in = jar.getInputStream(text)) {
                return GeneratedLayout.isCatalogueOfBuild(in.readAllBytes(), buildId)
                        ? GeneratedLayout.contentId(entry.getCrc(), entry.getSize()) : null;
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null; // the class loader's way reports what is wrong
        }
    }

    /**
     * The bytes of the library beside {@code implementation}, if they are still those named
     * {@code contentId}; otherwise null, to ask the class loader.
     */
    private static byte[] readBeside(Class<?> implementation, String resource, String contentId) {
        try {
            Path origin = origin(implementation);
            byte[] library;
            if (origin == null) {
                return null;
            } else if (isFolder(origin)) {
                library = readFile(origin.resolve(resource));
            } else {
                ZipFile jar = openJar(origin);
                ZipEntry entry = jar.getEntry(resource);
                if (entry == null) {
                    return null;
                }
                try (InputStream in = jar.getInputStream(entry)) {
                    library = in.readAllBytes();
                }
            }
            return contentId.equals(GeneratedLayout.contentId(library)) ? library : null;
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The jar the last provider's library was looked for in, still open: a start's providers
     * mostly come from one jar, and opening it again cost each ~0.1 ms. Held weakly, so the
     * JDK's cleaner closes it once it is not in use; it shares the open file the class loader
     * keeps for the jar, so holding it adds no file descriptor.
     */
    private static WeakReference<ZipFile> lastJar = new WeakReference<>(null);

    private static synchronized ZipFile openJar(Path jar) throws IOException {
        ZipFile open = lastJar.get();
        if (open == null || !open.getName().equals(jar.toString())) {
            open = new ZipFile(jar.toFile());
            lastJar = new WeakReference<>(open);
        }
        return open;
    }

    /*
     * The origin the last provider's library was looked for in, kept because a start's
     * providers mostly come from one jar: turning its URL into a path and asking whether it is
     * a folder cost each ~0.1 ms. Fields, not a record: a class of ours costs a cold JVM's
     * first provider ~0.3 ms to load. A URL holds no class loader, so keeping one keeps no
     * application alive. Guarded by the class's lock.
     */
    private static URL lastLocation;
    private static Path lastOrigin;
    private static boolean lastOriginIsFolder;

    /**
     * The jar or class folder {@code implementation} was loaded from, or null if that is no
     * plain file. The location is compared by identity: a class loader gives every class of a
     * jar the same one (and {@code URL.equals} may resolve host names).
     */
    private static synchronized Path origin(Class<?> implementation) throws URISyntaxException {
        CodeSource source = implementation.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null || !"file".equals(location.getProtocol())) {
            return null;
        }
        if (location != lastLocation) {
            Path origin = Path.of(location.toURI());
            lastOriginIsFolder = Files.isDirectory(origin);
            lastOrigin = origin;
            lastLocation = location;
        }
        return lastOrigin;
    }

    /** Whether {@code origin}, from {@link #origin}, is a class folder rather than a jar. */
    private static synchronized boolean isFolder(Path origin) {
        return origin == lastOrigin ? lastOriginIsFolder : Files.isDirectory(origin);
    }

    /**
     * Writes {@code library} under a temporary name and links it into place only if no file
     * has that name, so a library another JVM has mapped is never replaced. Returns whether
     * this call put it there.
     */
    private static boolean write(Path directory, Path target, byte[] library) throws LoadFailure {
        Path temporary = null;
        try {
            temporary = createTemporary(directory, library);
            Files.setPosixFilePermissions(temporary, OWNER_READ_EXEC);
            try {
                Files.createLink(target, temporary);
                return true;
            } catch (FileAlreadyExistsException raced) {
                return false; // another JVM put the same content there first; verify() checks it
            }
        } catch (IOException e) {
            throw new LoadFailure("cannot write " + target + ": " + e + "; set -D"
                    + Settings.LIBRARY_DIR + "= to a writable directory");
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // removed by the next JVM that writes a library here (Leftovers)
                }
            }
        }
    }

    /**
     * A new owner-only file holding {@code library}, named {@code .libusdt4j-<pid>-<n>.tmp} so
     * that {@link Leftovers} can tell whether its writer still runs. Not
     * {@code Files.createTempFile}: its SecureRandom costs a cold JVM tens of milliseconds.
     */
    private static Path createTemporary(Path directory, byte[] library) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Path temporary = directory.resolve(Leftovers.temporaryPrefix()
                    + (ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE) + ".tmp");
            SeekableByteChannel out;
            try {
                out = Files.newByteChannel(temporary, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                        PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
            } catch (FileAlreadyExistsException taken) {
                if (attempt == 10) {
                    throw taken;
                }
                continue;
            }
            try (out) {
                ByteBuffer bytes = ByteBuffer.wrap(library);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                return temporary;
            } catch (IOException e) {
                Files.deleteIfExists(temporary); // half written: ours to remove, not the next start's
                throw e;
            }
        }
    }

    /** The file must be ours, private, and hold exactly the jar's bytes: nothing else is loaded. */
    private static void verify(Path target, byte[] library, int self) throws IOException, LoadFailure {
        checkRegularAndOwned(target, self);
        if (!Arrays.equals(readFile(target), library)) {
            throw notNamedAfterItsContent(target);
        }
    }

    private static void checkRegularAndOwned(Path target, int self) throws IOException, LoadFailure {
        checkRegularAndOwned(target, LibraryDirectory.attributesOf(target), self);
    }

    private static void checkRegularAndOwned(Path target, Map<String, Object> attributes, int self) throws LoadFailure {
        if (!LibraryDirectory.isRegularFile(attributes)) {
            throw new LoadFailure(target + " is not a regular file; remove it");
        }
        LibraryDirectory.checkOwnedAndPrivate(target, attributes, self);
    }

    private static LoadFailure notNamedAfterItsContent(Path target) {
        return new LoadFailure(target + " does not hold the library it is named after"
                + " (its content differs from the jar's); remove it and restart");
    }
}
