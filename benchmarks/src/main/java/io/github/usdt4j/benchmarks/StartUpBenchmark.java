package io.github.usdt4j.benchmarks;

import io.github.usdt4j.internal.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Start-up as an application meets it: {@link StartUpProgram} in a new JVM per sample (JMH's
 * forks have loaded too much of the JDK already to show it), with its libraries already
 * extracted as on any run after the first. Reports the median and range of the time from the
 * first {@code Providers.get} to the first provider active and to all forty, the time the
 * program took to load its forty interfaces before that, and how many classes the JVM loaded
 * from the program's start to its end.
 *
 * <pre>java [-Dusdt4j.semaphores=poll] -cp benchmarks.jar io.github.usdt4j.benchmarks.StartUpBenchmark [samples] [java]</pre>
 *
 * <p>{@code usdt4j.semaphores}, when set, is passed on to the program's JVMs.
 */
public final class StartUpBenchmark {
    private static final Pattern TIMES = Pattern.compile("interfaces (\\d+) first (\\d+) all (\\d+)");

    private StartUpBenchmark() {}

    public static void main(String[] args) throws Exception {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 11;
        String java = args.length > 1 ? args[1] : Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long[] interfaces = new long[samples];
        long[] first = new long[samples];
        long[] all = new long[samples];
        long[] classes = new long[samples];
        Path work = Files.createTempDirectory("usdt4j-startup");
        try {
            run(java, work, work.resolve("extract.log")); // extracts the libraries: later runs find them
            for (int i = 0; i < samples; i++) {
                Path log = work.resolve("classes-" + i + ".log");
                long[] times = run(java, work, log);
                interfaces[i] = times[0];
                first[i] = times[1];
                all[i] = times[2];
                classes[i] = classesLoadedFromMain(log);
            }
        } finally {
            removeAll(work);
        }
        System.out.println("java: " + java + " (" + Runtime.version() + " runs the driver); " + Settings.SEMAPHORES + "="
                + System.getProperty(Settings.SEMAPHORES, Settings.READ));
        System.out.printf("the program loading its 40 interfaces, before: median %.1f ms (%.1f–%.1f)%n",
                median(interfaces) / 1e6, min(interfaces) / 1e6, max(interfaces) / 1e6);
        System.out.printf("first provider active: median %.1f ms (%.1f–%.1f)%n", median(first) / 1e6,
                min(first) / 1e6, max(first) / 1e6);
        System.out.printf("all 40 providers active: median %.1f ms (%.1f–%.1f)%n", median(all) / 1e6,
                min(all) / 1e6, max(all) / 1e6);
        System.out.printf("classes loaded from main to exit: median %d (%d–%d)%n", median(classes), min(classes),
                max(classes));
    }

    private static long[] run(String java, Path work, Path classLog) throws Exception {
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Xlog:class+load=info:file=" + classLog, "-Dusdt4j.dir=" + work.resolve("libraries")));
        String semaphores = System.getProperty(Settings.SEMAPHORES);
        if (semaphores != null) {
            command.add("-D" + Settings.SEMAPHORES + "=" + semaphores);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), StartUpProgram.class.getName()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ":\n" + output);
        }
        Matcher times = TIMES.matcher(output);
        if (!times.find()) {
            throw new IllegalStateException("no times in: " + output);
        }
        return new long[] {Long.parseLong(times.group(1)), Long.parseLong(times.group(2)), Long.parseLong(times.group(3))};
    }

    /** Lines of the class-load log from the program's own class on. */
    private static long classesLoadedFromMain(Path log) throws Exception {
        List<String> lines = Files.readAllLines(log);
        String marker = StartUpProgram.class.getName() + " source:";
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return lines.size() - i;
            }
        }
        throw new IllegalStateException("no " + marker + " in " + log);
    }

    private static void removeAll(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static long min(long[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static long max(long[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }
}
