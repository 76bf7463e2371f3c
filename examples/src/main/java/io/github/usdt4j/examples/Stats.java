package io.github.usdt4j.examples;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Requests served, heap after a GC and resident set size, for the soak test. */
final class Stats {
    private Stats() {}

    static void every(int seconds, LongSupplier requests) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "stats");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(() -> print(requests), 0, seconds, TimeUnit.SECONDS);
    }

    static void print(LongSupplier requests) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("stats requests=%d heap_kib=%d rss_kib=%d%n", requests.getAsLong(), heap / 1024, rssKib());
    }

    private static long rssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: no RSS
        }
        return -1;
    }
}
