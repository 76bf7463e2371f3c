package io.github.usdt4j.dtrace.probes;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What may be written into an attach point: nothing that could end it and start a clause. */
class TracerTextTest {
    @Test
    void namesAreIdentifiersOfAtMost63Characters() {
        assertTrue(TracerText.isName("eventer__read__entry"));
        assertTrue(TracerText.isName("hotspot_jni"));
        assertTrue(TracerText.isName("a".repeat(63)));
        assertFalse(TracerText.isName("a".repeat(64)));
        for (String hostile : new String[] {"", "x\n}", "a b", "a:b", "a{", "1a", "été", "a-b", "a\u001b[2J"}) {
            assertFalse(TracerText.isName(hostile), hostile);
        }
    }

    @Test
    void pathsAreAbsoluteAndPlain() {
        assertTrue(TracerText.isPath("/proc/1234/map_files/7f12a000-7f12b000"));
        assertTrue(TracerText.isPath("/usr/lib/jvm/java-17-openjdk-amd64/lib/server/libjvm.so"));
        assertTrue(TracerText.isPath("/root/.cache/usdt4j/libusdt4j-libmtev-0123456789abcdef.1.so"));
        for (String hostile : new String[] {"", "relative/lib.so", "/a b/lib.so", "/a\n{/lib.so", "/a:b/lib.so",
                "/a\"/lib.so", "/a*/lib.so", "/a{}/lib.so", "/tmp/\u001b]0;x\u0007/lib.so"}) {
            assertFalse(TracerText.isPath(hostile), hostile);
        }
    }
}
