package io.github.usdt4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcMapsTest {
    @Test
    void readsEachKindOfLine() {
        assertEquals(new ProcMaps.Mapping("7f12a000-7f12b000", 0x7f12a000L, 0x2000, "fe:00", 1234,
                        "/tmp/usdt4j-root/libusdt4j-x-0123456789abcdef.so"),
                ProcMaps.parse("7f12a000-7f12b000 r-xp 00002000 fe:00 1234                       "
                        + "/tmp/usdt4j-root/libusdt4j-x-0123456789abcdef.so"));
        assertEquals("/tmp/a b.so (deleted)",
                ProcMaps.parse("7f12a000-7f12b000 r--p 00000000 fe:00 99 /tmp/a b.so (deleted)").path());
        assertEquals(new ProcMaps.Mapping("7ffd0000-7ffd1000", 0x7ffd0000L, 0, "00:00", 0, ""),
                ProcMaps.parse("7ffd0000-7ffd1000 rw-p 00000000 00:00 0 "));
        assertEquals(0xffffffffff600000L, ProcMaps.parse("ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0"
                + "                  [vsyscall]").start());
        assertNull(ProcMaps.parse(""));
        assertNull(ProcMaps.parse("not a mapping at all"));
    }

    @Test
    void thisProcessMapsItsJvm() throws Exception {
        List<Long> pids = ProcMaps.processes();
        long self = ProcessHandle.current().pid();
        assertTrue(pids.contains(self), pids.toString());
        assertTrue(ProcMaps.of(self).stream().anyMatch(m -> m.path().endsWith("/libjvm.so") && m.offset() == 0));
    }
}
