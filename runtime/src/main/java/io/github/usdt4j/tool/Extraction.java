package io.github.usdt4j.tool;

import io.github.usdt4j.catalogue.GeneratedLayout;
import io.github.usdt4j.internal.NativeLibraries;
import io.github.usdt4j.internal.Settings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Puts the usdt4j libraries a program's class path carries where its JVM will extract them,
 * before it starts: a tracer attached to those files sees the JVM's first probes, even on a
 * build's first run (usdt4j-dtrace's {@code -c}). The files are the ones the JVM would write,
 * under the same name and with the same checks, so the JVM finds and uses them.
 */
public final class Extraction {
    private Extraction() {}

    /** Where a JVM of this user extracts its libraries unless {@code -Dusdt4j.dir} says otherwise. */
    public static Path defaultDirectory() {
        return Settings.defaultLibraryDirectory();
    }

    /**
     * Why the runtime would refuse {@code directory} as its library directory (another user's,
     * or one others could swap), or null when it would use it: a tool reads the libraries there
     * only when the JVM would.
     */
    public static String refusal(Path directory) {
        try {
            NativeLibraries.checkLibraryDirectory(directory);
            return null;
        } catch (NativeLibraries.LoadFailure e) {
            return e.getMessage();
        }
    }

    /**
     * The libraries for this platform in {@code classPathEntry} (a jar, or a directory of
     * classes), each put in {@code directory}; their paths. A library that cannot be put
     * there is described in {@code problems} and left to the JVM.
     */
    public static List<Path> placeLibraries(Path classPathEntry, Path directory, List<String> problems) {
        List<Path> placed = new ArrayList<>();
        String platform = "/" + GeneratedLayout.currentPlatformFolder() + "/";
        try {
            if (Files.isDirectory(classPathEntry)) {
                Path root = classPathEntry.resolve(GeneratedLayout.RESOURCE_ROOT);
                if (Files.isDirectory(root)) {
                    try (Stream<Path> files = Files.walk(root, 3)) {
                        for (Path file : (Iterable<Path>) files::iterator) {
                            String name = classPathEntry.relativize(file).toString();
                            if (isLibrary(name, platform)) {
                                place(Files.readAllBytes(file), name, directory, placed, problems);
                            }
                        }
                    }
                }
            } else if (Files.isRegularFile(classPathEntry)) {
                try (ZipFile jar = new ZipFile(classPathEntry.toFile())) {
                    for (Enumeration<? extends ZipEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                        ZipEntry entry = entries.nextElement();
                        if (isLibrary(entry.getName(), platform)) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                place(in.readAllBytes(), entry.getName(), directory, placed, problems);
                            }
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add(classPathEntry + ": " + e.getMessage());
        }
        return placed;
    }

    /** {@code META-INF/usdt4j/<implementation>/<platform>/libusdt4j-<provider>.so} for this platform. */
    private static boolean isLibrary(String name, String platform) {
        return name.startsWith(GeneratedLayout.RESOURCE_ROOT + "/") && name.contains(platform)
                && GeneratedLayout.isLibraryPath(name);
    }

    private static void place(byte[] library, String name, Path directory, List<Path> placed, List<String> problems) {
        String file = name.substring(name.lastIndexOf('/') + 1);
        String provider = file.substring(GeneratedLayout.LIBRARY_PREFIX.length(), file.length() - ".so".length());
        try {
            placed.add(NativeLibraries.placeBeforehand(library, provider, directory));
        } catch (NativeLibraries.LoadFailure e) {
            problems.add(name + ": " + e.getMessage());
        }
    }
}
