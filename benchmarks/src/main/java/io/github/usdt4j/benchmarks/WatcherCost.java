package io.github.usdt4j.benchmarks;

import io.github.usdt4j.Providers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What the semaphore watcher ({@code usdt4j.semaphores=watch} or {@code poll}) costs an idle application: the
 * first {@code args[1]} (default all forty) providers of {@link StartUpProviders}, ten probes each,
 * loaded, nothing traced, and the watcher thread's CPU time over {@code args[0]} seconds, from the
 * kernel's account of it ({@code /proc/self/task/TID/schedstat}). The interval is
 * {@code usdt4j.watchMillis}. Runs with fewer providers give the cost of each further probe.
 *
 * <pre>java -Dusdt4j.semaphores=watch -Dusdt4j.watchMillis=10 -cp benchmarks.jar io.github.usdt4j.benchmarks.WatcherCost 60 [providers]</pre>
 */
public final class WatcherCost {
    private WatcherCost() {}

    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
        int providers = args.length > 1 ? Integer.parseInt(args[1]) : StartUpProviders.ALL.length;
        for (int i = 0; i < providers; i++) {
            Providers.get(StartUpProviders.ALL[i]);
        }
        Path watcher = watcherTask();
        long before = onCpuNanos(watcher);
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000);
        double elapsed = System.nanoTime() - start;
        double used = onCpuNanos(watcher) - before;
        long wakes = Math.round(elapsed / 1e6 / Long.getLong("usdt4j.watchMillis", 10));
        System.out.printf("watchMillis %d: %.3f%% of a core over %.0f s, %.1f us per wake (%d probes)%n",
                Long.getLong("usdt4j.watchMillis", 10), used / elapsed * 100, elapsed / 1e9, used / 1e3 / wakes,
                providers * 10);
    }

    /** The watcher's task in /proc (the kernel keeps 15 characters of a thread's name). */
    private static Path watcherTask() throws Exception {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                if (Files.readString(task.resolve("comm")).trim().equals("usdt4j semaphor")) {
                    return task;
                }
            }
        }
        throw new IllegalStateException("no watcher thread: run with -Dusdt4j.semaphores=watch or poll");
    }

    private static long onCpuNanos(Path task) throws Exception {
        return Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
    }
}
