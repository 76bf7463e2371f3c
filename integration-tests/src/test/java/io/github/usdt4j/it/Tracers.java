package io.github.usdt4j.it;

import static org.junit.jupiter.api.Assertions.fail;

import io.github.usdt4j.testing.Machine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * What the tracer tests need from the machine, and the processes they run. A test that
 * cannot run skips with the reason; with {@code USDT4J_REQUIRE_TRACERS=1} (as CI sets it) it
 * fails instead, so CI never passes on skipped tracer tests.
 */
final class Tracers {
    /** The documented flag that keeps JDK 24+ from warning about System.load (JDK 17 accepts it too). */
    static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    private Tracers() {}

    /** Skips (or, in CI, fails) unless we are root, {@code tool} is installed and uprobes work. */
    static void require(String tool, String debianPackage) {
        List<String> missing = new ArrayList<>();
        if (!"root".equals(System.getProperty("user.name"))) {
            missing.add("attaching to another process needs root (run the tests as root)");
        }
        if (Machine.onPath(tool) == null) {
            missing.add(tool + " is not installed (apt-get install " + debianPackage + ")");
        }
        if (!Files.exists(Path.of("/sys/kernel/tracing/uprobe_events"))
                && !Files.exists(Path.of("/sys/kernel/debug/tracing/uprobe_events"))) {
            missing.add("no uprobe_events in tracefs (mount -t tracefs nodev /sys/kernel/tracing;"
                    + " the kernel needs CONFIG_UPROBE_EVENTS)");
        }
        if (!missing.isEmpty()) {
            Machine.skipOrFail("tracer test cannot run: " + String.join("; ", missing));
        }
    }

    /** A process whose output lines are collected as they come. */
    static final class Running implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        /** Every line so far; safe to read while the reader thread appends. */
        final List<String> all = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** When the process last printed a line ({@link System#nanoTime}). */
        private volatile long lastLine = System.nanoTime();

        Running(ProcessBuilder builder) throws IOException {
            process = builder.redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lastLine = System.nanoTime();
                        all.add(line);
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** The first line starting with {@code prefix}, waiting up to {@code seconds}. */
        String await(String prefix, int seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(prefix)) {
                    return line;
                }
            }
            fail("no line starting with \"" + prefix + "\" within " + seconds + " s; output so far:\n"
                    + String.join("\n", all));
            return null;
        }

        void send(String line) throws IOException {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        /**
         * Interrupts the process (SIGINT: bpftrace prints its maps) and waits for it to end.
         * bpftrace 0.17 loses a SIGINT that arrives while it is not waiting in epoll_wait (it
         * checks its flag, then waits with no timeout, and a program that only updates maps
         * sends it nothing to wake up for: seen 1 in 24 here, sleeping in epoll_wait with no
         * signal pending); a SIGINT it is waiting for ends it. So the SIGINT is repeated every
         * second, and a tracer that has not ended 30 s after the first fails the test.
         */
        void interrupt() throws Exception {
            awaitQuiet();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            int sent = 0;
            while (process.isAlive() && System.nanoTime() < deadline) {
                new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
                sent++;
                process.waitFor(1, TimeUnit.SECONDS);
            }
            if (process.isAlive()) {
                process.destroyForcibly();
                fail("the tracer did not end within 30 s of its first SIGINT (" + sent + " sent); output so far:\n"
                        + String.join("\n", all));
            }
            if (sent > 1) {
                System.err.println("the tracer needed " + sent + " SIGINTs to end");
            }
        }

        /**
         * bpftrace stops reading the kernel's buffers at SIGINT, so an event the JVM fired
         * just before would be lost (seen: ClassLoaderTest's second application, once in CI).
         * Waits until the tracer has printed nothing for 200 ms (5 s at most), as the D
         * front-end does at the end of -c.
         */
        private void awaitQuiet() throws InterruptedException {
            long asked = System.nanoTime();
            while (System.nanoTime() - asked < TimeUnit.SECONDS.toNanos(5)
                    && System.nanoTime() - Math.max(lastLine, asked) < TimeUnit.MILLISECONDS.toNanos(200)) {
                Thread.sleep(20);
            }
        }

        @Override
        public void close() throws IOException {
            process.getOutputStream().close();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** Compiles {@code source} of src/test/c into {@code output} with the real cc. */
    /** The unprivileged user the attack tests act as: a system user without a home, removed by each test that used it. */
    static final String ATTACKER = "usdt4j-attacker";

    /** {@link #ATTACKER}'s uid, made if it does not exist yet. */
    static int throwawayUser() throws Exception {
        Process add = new ProcessBuilder("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", ATTACKER)
                .redirectErrorStream(true).start();
        String output = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = add.waitFor();
        org.junit.jupiter.api.Assertions.assertTrue(status == 0 || status == 9, "useradd " + ATTACKER + ": " + output); // 9: it exists
        Process id = new ProcessBuilder("id", "-u", ATTACKER).start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        org.junit.jupiter.api.Assertions.assertEquals(0, id.waitFor(), "id -u " + ATTACKER);
        return Integer.parseInt(uid);
    }

    static void cc(Path output, String source, String... options) throws Exception {
        List<String> command = new ArrayList<>(List.of("cc", "-O2", "-o", output.toString()));
        command.addAll(List.of(options));
        command.add(Path.of("src/test/c", source).toString());
        Machine.run(null, command);
    }

    /** The line every traced program prints from BEGIN, which bpftrace runs once every probe is attached. */
    static final String ATTACHED = "usdt4j-test: attached";

    /** {@link #bpftrace(String, String, Map)} with bpftrace's default settings. */
    static Running bpftrace(String pid, String program) throws Exception {
        return bpftrace(pid, program, Map.of());
    }

    /**
     * Starts {@code bpftrace -p pid} on {@code program} and returns once every probe is attached.
     * bpftrace's own "Attaching N probes..." comes before it attaches, and an event fired or a
     * SIGINT sent in between is lost (0.17 ignores such a SIGINT altogether), so the program
     * gets a {@code BEGIN} clause, which bpftrace runs after attaching, and we wait for its line.
     * bpftrace 0.17 now and then fails while it reads the process's libraries ("couldn't get
     * argument 0", "failed to initialize usdt context") when the machine is busy; such a start
     * is retried, up to three times.
     */
    static Running bpftrace(String pid, String program, Map<String, String> environment) throws Exception {
        return bpftrace(List.of("-p", pid), program, environment);
    }

    /** {@code bpftrace options… -e program}, returning once every probe is attached. */
    static Running bpftrace(List<String> options, String program, Map<String, String> environment) throws Exception {
        if (program.matches("(?s).*\\bBEGIN\\b.*")) {
            throw new IllegalArgumentException("bpftrace 0.17 allows one BEGIN clause, and the test helper needs it: " + program);
        }
        List<String> arguments = new ArrayList<>(List.of("bpftrace"));
        arguments.addAll(options);
        arguments.addAll(List.of("-e", "BEGIN { printf(\"" + ATTACHED + "\\n\"); }\n" + program));
        ProcessBuilder command = new ProcessBuilder(arguments);
        command.environment().putAll(environment);
        for (int attempt = 1; ; attempt++) {
            Running tracer = new Running(command);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (tracer.all.contains(ATTACHED)) {
                    return tracer;
                }
                if (!tracer.process.isAlive()) {
                    break;
                }
                Thread.sleep(20);
            }
            tracer.process.destroyForcibly();
            tracer.close();
            if (attempt == 3) {
                fail("bpftrace did not attach in three attempts: " + String.join("\n", tracer.all));
            }
            System.err.println("bpftrace did not attach, retrying: " + String.join(" | ", tracer.all));
        }
    }

    /** The lines a tracer printed, less the attach marker, bpftrace's banner and its memlock warning. */
    static List<String> printed(Running tracer) {
        return tracer.all.stream()
                .filter(l -> !l.equals(ATTACHED) && !l.startsWith("Attaching") && !l.contains("RLIMIT_MEMLOCK") && !l.isEmpty())
                .collect(Collectors.toList());
    }

    /** A JVM running {@link FireAll} on this test's class path. */
    static Running fireAll(String scenario) throws IOException {
        return fireAll(scenario, Path.of(System.getProperty("usdt4j.dir")));
    }

    /** A JVM running {@link FireAll} that extracts libraries to {@code libraries}, with more JVM options. */
    static Running fireAll(String scenario, Path libraries, String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Machine.jdkTool("java"),
                NATIVE_ACCESS, "-Dusdt4j.dir=" + libraries));
        command.addAll(List.of(options));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), FireAll.class.getName(), scenario));
        return new Running(new ProcessBuilder(command));
    }
}
