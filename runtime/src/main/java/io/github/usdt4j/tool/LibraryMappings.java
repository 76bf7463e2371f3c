package io.github.usdt4j.tool;

import io.github.usdt4j.catalogue.GeneratedLayout;
import io.github.usdt4j.internal.ProcMaps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which usdt4j libraries running processes have mapped, read from {@code /proc/PID/maps}: the
 * one place where the listing and the D front-end find providers in processes.
 */
public final class LibraryMappings {
    /**
     * A library as one process maps it; {@code start} is where its file offset 0 is mapped.
     * {@code path} is what the process's maps file says, text its owner chose, to show and
     * match but never to open: {@code object} is the mapped file itself,
     * {@code /proc/PID/map_files/START-END}, which another user cannot swap for a FIFO or a link
     * and which reaches a container's file too; {@code fileKey} ({@code device:inode}) is the
     * same for every path and process that maps that file. Both are null for a library no
     * process maps yet.
     */
    public record Mapping(long pid, String path, long start, Path object, String fileKey) {
        /** A library no process maps yet (an installed JVM's, a command's about to start). */
        public Mapping(long pid, String path, long start) {
            this(pid, path, start, null, null);
        }

        /** One line of a process's maps file. */
        static Mapping of(long pid, ProcMaps.Mapping mapping, String path) {
            return new Mapping(pid, path, mapping.start(), Path.of("/proc", Long.toString(pid), "map_files",
                    mapFilesName(mapping.range())), mapping.device() + ":" + mapping.inode());
        }
    }

    /**
     * The name of a mapping in {@code /proc/PID/map_files}: its range without the leading zeros
     * the maps file pads it with ({@code 00400000-00401000} is {@code 400000-401000} there, as a
     * program linked without -pie is mapped).
     */
    static String mapFilesName(String range) {
        int dash = range.indexOf('-');
        return Long.toHexString(Long.parseUnsignedLong(range.substring(0, dash), 16)) + "-"
                + Long.toHexString(Long.parseUnsignedLong(range.substring(dash + 1), 16));
    }

    /** A usdt4j provider's library. */
    public static final Predicate<String> USDT4J = GeneratedLayout::isLibraryPath;
    /** A usdt4j library or the JVM's own, whose notes hold the {@code hotspot} and {@code hotspot_jni} providers. */
    public static final Predicate<String> USDT4J_OR_JVM = path -> GeneratedLayout.isLibraryPath(path) || path.endsWith("/libjvm.so");

    private LibraryMappings() {}

    /**
     * {@code device:inode} of {@code file} as {@code /proc/PID/maps} writes them (device in hex,
     * {@code fe:00}), so a file found by path and the same file mapped by a process have one key;
     * null when it cannot be read.
     */
    public static String fileKey(Path file) {
        try {
            Map<String, Object> attributes = Files.readAttributes(file, "unix:dev,ino", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            long device = (Long) attributes.get("dev");
            long major = ((device >>> 8) & 0xfff) | ((device >>> 32) & ~0xfffL);
            long minor = (device & 0xff) | ((device >>> 12) & ~0xffL);
            return String.format("%02x:%02x:%d", major, minor, (Long) attributes.get("ino"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The usdt4j libraries {@code pid} maps, by path; {@link IOException} when there is no such process. */
    public static List<Mapping> ofProcess(long pid) throws IOException {
        return ofProcess(pid, USDT4J);
    }

    /** The libraries {@code pid} maps whose paths match {@code paths}. */
    public static List<Mapping> ofProcess(long pid, Predicate<String> paths) throws IOException {
        if (!Files.exists(Path.of("/proc", Long.toString(pid), "maps"))) {
            throw new IOException("no process " + pid + " (or no /proc: the process listing works on Linux)");
        }
        Map<String, Mapping> libraries = new LinkedHashMap<>();
        for (ProcMaps.Mapping mapping : ProcMaps.of(pid)) {
            if (mapping.offset() == 0 && paths.test(mapping.path())) {
                libraries.putIfAbsent(mapping.path(), Mapping.of(pid, mapping, mapping.path()));
            }
        }
        return new ArrayList<>(libraries.values());
    }

    /**
     * A usdt4j library that {@code pid} maps but whose file was removed or replaced since:
     * tracers naming the path cannot reach it ({@code -p PID} can); {@code mappedObject} is
     * the mapped file itself, readable by whoever may trace the process.
     */
    public record Deleted(long pid, String path, long start, Path mappedObject) {}

    /** The usdt4j libraries {@code pid} maps whose files are gone. */
    public static List<Deleted> deletedOfProcess(long pid) throws IOException {
        String suffix = " (deleted)";
        Map<String, Deleted> libraries = new LinkedHashMap<>();
        for (ProcMaps.Mapping mapping : ProcMaps.of(pid)) {
            if (mapping.offset() == 0 && mapping.path().endsWith(suffix)) {
                String path = mapping.path().substring(0, mapping.path().length() - suffix.length());
                if (USDT4J.test(path)) {
                    libraries.putIfAbsent(path, new Deleted(pid, path, mapping.start(),
                            Path.of("/proc", Long.toString(pid), "map_files", mapFilesName(mapping.range()))));
                }
            }
        }
        return new ArrayList<>(libraries.values());
    }

    /**
     * The usdt4j libraries of every process we may read, in pid order. Processes that end while
     * we look, or whose maps we may not read, are left out.
     */
    public static List<Mapping> ofAllProcesses() {
        return ofAllProcesses(USDT4J);
    }

    /** The libraries matching {@code paths} of every process we may read, in pid order. */
    public static List<Mapping> ofAllProcesses(Predicate<String> paths) {
        List<Mapping> all = new ArrayList<>();
        for (long pid : ProcMaps.processes()) {
            try {
                all.addAll(ofProcess(pid, paths));
            } catch (IOException | RuntimeException e) {
                // gone, or not ours to read
            }
        }
        return all;
    }
}
