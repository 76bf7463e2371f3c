package io.github.usdt4j.plugin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An unchanged module is not relinked; any newer input relinks it. */
class UpToDateTest {
    @Test
    void relinksOnlyWhenAnInputIsNewer(@TempDir Path temp) throws Exception {
        Path glue = Files.writeString(temp.resolve("p.c"), "glue");
        Path d = Files.writeString(temp.resolve("p.d"), "provider p {};");
        Path library = temp.resolve("libusdt4j-p.so");
        assertFalse(UpToDate.check(library, List.of(glue, d)), "no library yet");

        Files.writeString(library, "linked");
        Files.setLastModifiedTime(glue, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(d, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(library, FileTime.fromMillis(2_000_000));
        assertTrue(UpToDate.check(library, List.of(glue, d)), "inputs older than the library");

        Files.setLastModifiedTime(glue, FileTime.fromMillis(3_000_000));
        assertFalse(UpToDate.check(library, List.of(glue, d)), "the glue changed after linking");
    }
}
