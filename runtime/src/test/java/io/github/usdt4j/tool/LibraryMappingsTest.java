package io.github.usdt4j.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A mapping's file in /proc/PID/map_files, named as the kernel names it. */
class LibraryMappingsTest {
    @Test
    void theMapFilesNameHasNoPadding() {
        assertEquals("400000-401000", LibraryMappings.mapFilesName("00400000-00401000"));
        assertEquals("7f12a000-7f12b000", LibraryMappings.mapFilesName("7f12a000-7f12b000"));
        assertEquals("ffffffffff600000-ffffffffff601000", LibraryMappings.mapFilesName("ffffffffff600000-ffffffffff601000"));
    }

    @Test
    void everyLibraryThisJvmMapsHasItsMapFilesEntry() throws Exception {
        long self = ProcessHandle.current().pid();
        var libraries = LibraryMappings.ofProcess(self, path -> path.endsWith(".so"));
        assertTrue(!libraries.isEmpty());
        for (LibraryMappings.Mapping library : libraries) {
            assertTrue(Files.exists(library.object(), java.nio.file.LinkOption.NOFOLLOW_LINKS), library.toString());
            assertTrue(library.object().startsWith(Path.of("/proc", Long.toString(self), "map_files")));
        }
    }
}
