package io.github.usdt4j.dtrace.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The programs the front-end runs as root: found in the system's directories, and only where
 * no one else can write. Each case is built in a directory of the build, and compared with
 * the same program made trusted there: it is refused for its own mode, not its surroundings.
 */
class ToolsTest {
    private Path directory;

    @BeforeEach
    void aDirectoryOfOurOwn() throws Exception {
        Path root = Path.of("target", "tools-test").toAbsolutePath();
        if (Files.exists(root)) {
            try (var files = Files.walk(root)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
        directory = Files.createDirectories(root.resolve("bin"));
        Files.setAttribute(root, "unix:mode", 0755);
        Files.setAttribute(directory, "unix:mode", 0755);
    }

    private Path program(String name, int mode) throws Exception {
        Path program = Files.writeString(directory.resolve(name), "#!/bin/sh\n");
        Files.setAttribute(program, "unix:mode", mode);
        return program;
    }

    @Test
    void theSystemsOwnProgramsAreFound() {
        assertTrue(List.of("/usr/bin/sh", "/bin/sh").contains(Tools.find("sh")), Tools.find("sh"));
    }

    @Test
    void aProgramOnlyItsOwnerCanWriteIsFound() throws Exception {
        program("bpftrace", 0755);
        for (Path above = directory; above != null; above = above.getParent()) {
            int mode = (Integer) Files.getAttribute(above, "unix:mode");
            Assumptions.assumeTrue((mode & 022) == 0, "the build's directory is below " + above
                    + ", which others may write, so no program there is trusted");
        }
        assertEquals(directory.resolve("bpftrace").toString(), Tools.find("bpftrace", List.of(directory)));
    }

    @Test
    void aProgramOthersCanWriteIsNotRun() throws Exception {
        program("bpftrace", 0757);
        assertNull(Tools.find("bpftrace", List.of(directory)));
    }

    @Test
    void aProgramInADirectoryOthersCanWriteIsNotRun() throws Exception {
        program("bpftrace", 0755);
        Files.setAttribute(directory, "unix:mode", 01777); // sticky, as /tmp
        assertNull(Tools.find("bpftrace", List.of(directory)));
    }

    @Test
    void aLinkToAnUntrustedProgramIsNotRun() throws Exception {
        Path hers = program("hers", 0777);
        Files.createSymbolicLink(directory.resolve("bpftrace"), hers);
        assertNull(Tools.find("bpftrace", List.of(directory)));
    }

    /** Libraries: a sticky directory others write (as /tmp) holds ours safely, as the runtime's rule says. */
    @Test
    void ourLibraryInAStickyDirectoryIsTrustedAndNotThroughALink() throws Exception {
        Path library = program("libusdt4j-x-0123456789abcdef.so", 0500);
        Files.setAttribute(directory, "unix:mode", 01777);
        for (Path above = directory.getParent(); above != null; above = above.getParent()) {
            int mode = (Integer) Files.getAttribute(above, "unix:mode");
            Assumptions.assumeTrue((mode & 022) == 0 || (mode & 01000) != 0, "the build's directory is below " + above
                    + ", which others may write");
        }
        assertTrue(Tools.isTrusted(library, true));
        assertNull(Tools.find(library.getFileName().toString(), List.of(directory)), "a program is held to the strict rule");
        Path link = Files.createSymbolicLink(directory.getParent().resolve("link"), directory);
        assertFalse(Tools.isTrusted(link.resolve(library.getFileName()), true), "a path through a link is not trusted");
        Files.setAttribute(library, "unix:mode", 0666);
        assertFalse(Tools.isTrusted(library, true), "a library others may write is not trusted");
    }
}
