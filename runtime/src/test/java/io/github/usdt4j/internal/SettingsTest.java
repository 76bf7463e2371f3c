package io.github.usdt4j.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A mistyped setting reads as its default and says so once, rather than being ignored in silence. */
class SettingsTest {
    @Test
    void aMistypedSemaphoreModeOrIntervalFallsBackAndWarnsOnce() {
        try {
            System.setProperty(Settings.SEMAPHORES, "watched");
            System.setProperty(Settings.WATCH_MILLIS, "10ms");
            assertEquals("read", Settings.semaphores());
            assertEquals("read", Settings.semaphores());
            assertEquals(10, Settings.watchMillis());
            assertEquals(10, Settings.watchMillis());
            assertEquals(List.of(
                    "usdt4j: usdt4j.semaphores=watched is not read, watch or poll; probes read their semaphore on every call",
                    "usdt4j: usdt4j.watchMillis=10ms is not a number of milliseconds; the watcher reads every 10 ms"),
                    Warnings.pending().stream().filter(w -> w.contains("usdt4j.semaphores") || w.contains("watchMillis"))
                            .toList());
            System.setProperty(Settings.SEMAPHORES, "watch");
            System.setProperty(Settings.WATCH_MILLIS, "0");
            assertEquals("watch", Settings.semaphores());
            assertEquals(1, Settings.watchMillis());
            System.setProperty(Settings.SEMAPHORES, "poll");
            assertEquals("poll", Settings.semaphores());
        } finally {
            System.clearProperty(Settings.SEMAPHORES);
            System.clearProperty(Settings.WATCH_MILLIS);
        }
    }
}
