package io.github.usdt4j.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /proc/PID/maps}, read one way for everything usdt4j asks of it: which libraries a
 * process maps (the listing tool, the D front-end) and which inodes are in use (tidying the
 * library directory).
 */
public final class ProcMaps {
    /**
     * One line: {@code start-end perms offset dev inode path}.
     *
     * @param range the addresses as written ({@code 7f12a000-7f12b000}, zero-padded to eight
     *     digits); {@code /proc/PID/map_files} names the mapping by them without the padding
     * @param start the first address
     * @param offset the file offset mapped at {@code start}
     * @param device the file's device as {@code major:minor} in hex ({@code fe:00}); with the
     *     inode, it names the file whatever path reaches it
     * @param inode the file's inode, 0 for an anonymous mapping
     * @param path the file's path, with {@code " (deleted)"} when it was removed; empty when anonymous
     */
    public record Mapping(String range, long start, long offset, String device, long inode, String path) {}

    private ProcMaps() {}

    /** The mappings of process {@code pid}; an {@link IOException} when it is gone or not ours to read. */
    public static List<Mapping> of(long pid) throws IOException {
        List<Mapping> mappings = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "maps"))) {
            Mapping mapping = parse(line);
            if (mapping != null) {
                mappings.add(mapping);
            }
        }
        return mappings;
    }

    /** The ids of the processes in {@code /proc}, ascending; empty without {@code /proc}. */
    public static List<Long> processes() {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> proc = Files.newDirectoryStream(Path.of("/proc"))) {
            for (Path entry : proc) {
                String name = entry.getFileName().toString();
                if (isDigits(name)) {
                    pids.add(Long.parseLong(name));
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        pids.sort(null);
        return pids;
    }

    /** A line of a maps file, or null for one that is not a mapping. */
    static Mapping parse(String line) {
        String[] fields = line.trim().split("\\s+", 6); // address perms offset dev inode path
        if (fields.length < 5) {
            return null;
        }
        try {
            int dash = fields[0].indexOf('-');
            long start = Long.parseUnsignedLong(fields[0].substring(0, dash), 16);
            return new Mapping(fields[0], start, Long.parseUnsignedLong(fields[2], 16), fields[3], Long.parseLong(fields[4]),
                    fields.length == 6 ? fields[5] : "");
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Whether {@code text} is a non-empty run of ASCII digits; no regular expression, as JVMs start. */
    static boolean isDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
