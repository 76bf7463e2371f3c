package io.github.usdt4j.internal;

import io.github.usdt4j.catalogue.GeneratedLayout;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Keeps the library directory from filling up: temporary files of writers that died while
 * extracting, and libraries of old builds that no process maps any more. Best effort: any
 * error leaves the file where it is.
 */
final class Leftovers {
    /**
     * A library unused for this long may go. A JVM touches its library before checking it, so
     * one about to load it is not caught between its check and its load.
     */
    static final Duration UNUSED = Duration.ofHours(1);

    private Leftovers() {}

    /**
     * The pid in a temporary file's name, {@code .libusdt4j-1234-5678.tmp}, or -1 for any other
     * file. No regular expression: this runs as the JVM starts.
     */
    static long writerOf(String fileName) {
        String prefix = "." + GeneratedLayout.LIBRARY_PREFIX;
        if (!fileName.startsWith(prefix) || !fileName.endsWith(".tmp")) {
            return -1;
        }
        String[] parts = fileName.substring(prefix.length(), fileName.length() - ".tmp".length()).split("-", -1);
        if (parts.length != 2 || !ProcMaps.isDigits(parts[0]) || !ProcMaps.isDigits(parts[1])) {
            return -1;
        }
        try {
            return Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The prefix of this process's temporary files in the library directory. */
    static String temporaryPrefix() {
        return "." + GeneratedLayout.LIBRARY_PREFIX + ProcessHandle.current().pid() + "-";
    }

    /** The directories this JVM has tidied: each is listed once per JVM, not once per provider. */
    private static final Set<Path> TIDIED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** {@link #removeDeadWritersFiles} the first time this JVM writes a library into {@code directory}. */
    static void removeDeadWritersFilesOnce(Path directory) {
        if (TIDIED.add(directory)) {
            removeDeadWritersFiles(directory);
        }
    }

    /** Removes temporary files whose writer is no longer running. */
    static void removeDeadWritersFiles(Path directory) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                long writer = writerOf(file.getFileName().toString());
                if (writer > 0 && ProcessHandle.of(writer).isEmpty()) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // leftovers are only untidy
        }
    }

    /**
     * Removes libraries that no running process maps (compared by inode, so a library mapped
     * under another of its names counts) and that nobody used for {@link #UNUSED}.
     */
    static void removeUnusedLibraries(Path directory, Instant now) {
        Set<Long> mapped = mappedInodes();
        if (mapped == null) {
            return; // without /proc we cannot know what is in use
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
            for (Path file : files) {
                // a library or one of its per-class-loader names (….so, ….1.so), as tools find them
                if (!GeneratedLayout.isLibraryPath(file.toString())) {
                    continue;
                }
                long inode = (Long) Files.getAttribute(file, "unix:ino", LinkOption.NOFOLLOW_LINKS);
                FileTime used = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS);
                if (!mapped.contains(inode) && used.toInstant().plus(UNUSED).isBefore(now)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // leftovers are only untidy
        }
    }

    /** The inodes of every file the processes we can see have mapped, or null without /proc. */
    private static Set<Long> mappedInodes() {
        if (!Files.isDirectory(Path.of("/proc"))) {
            return null;
        }
        Set<Long> inodes = new HashSet<>();
        for (long pid : ProcMaps.processes()) {
            try {
                for (ProcMaps.Mapping mapping : ProcMaps.of(pid)) {
                    // Looser than GeneratedLayout.isLibraryPath on purpose: a name unlinked while
                    // another hard link of it remains shows as "… (deleted)", and its inode counts.
                    if (mapping.path().contains(GeneratedLayout.LIBRARY_PREFIX)) {
                        inodes.add(mapping.inode());
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // ended, or another user's: their processes cannot map our owner-only files
            }
        }
        return inodes;
    }
}
