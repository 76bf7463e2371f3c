package io.github.usdt4j.dtrace.run;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.usdt4j.dtrace.compile.CompiledProgram;
import io.github.usdt4j.dtrace.output.ByteText;
import io.github.usdt4j.tool.Printable;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One tracing session: runs bpftrace on the compiled program, renders its output as dtrace's,
 * and ends as dtrace does: on {@code exit()}, on SIGINT or SIGTERM (END runs, aggregations are
 * printed, bpftrace is stopped and leaves nothing attached), or when the traced command ends.
 */
public final class Session {
    /** What the session reports while it starts. */
    public interface Listener {
        /**
         * Every probe of {@code program} is attached: dtrace prints "matched N probes" here, and
         * {@code -c} lets its command run.
         */
        void attached(CompiledProgram program);

        /** bpftrace is about to start attaching {@code program}'s probes: {@code -p} holds its processes now. */
        default void attaching(CompiledProgram program) {}

        /** The attempt ended, attached or not: whatever {@link #attaching} held is let go. */
        default void attemptEnded() {}
    }

    /** What to do when bpftrace could not attach. */
    public interface Retry {
        /**
         * A program to run instead of {@code failed}, which bpftrace could not attach; null
         * when there is none, and the failure stands.
         */
        CompiledProgram instead(CompiledProgram failed);
    }

    /**
     * How many programs one session runs at most: the first and what {@link Retry} offers. A
     * retry leaves out at least one library gone since, so they end with the libraries; the
     * bound is for a machine where processes start and end faster than bpftrace attaches.
     */
    private static final int ATTEMPTS = 20;

    private CompiledProgram program;
    private final boolean quiet;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> environment;
    private volatile Process bpftrace;
    private volatile boolean attached;
    /** Whether bpftrace has reported lost events before: the fix is said once. */
    private boolean droppedBefore;
    private volatile boolean interrupted;
    private volatile boolean stopSent;

    private final io.github.usdt4j.dtrace.output.AggregationPrinter.Sorting sorting;

    public Session(CompiledProgram program, boolean quiet, PrintStream out, PrintStream err, Map<String, String> environment) {
        this(program, quiet, out, err, environment, io.github.usdt4j.dtrace.output.AggregationPrinter.Sorting.DEFAULT);
    }

    /** A session that prints aggregations in the order {@code sorting} says (dtrace's aggsort options). */
    public Session(CompiledProgram program, boolean quiet, PrintStream out, PrintStream err, Map<String, String> environment,
            io.github.usdt4j.dtrace.output.AggregationPrinter.Sorting sorting) {
        this.sorting = sorting;
        this.program = program;
        this.quiet = quiet;
        this.out = out;
        this.err = err;
        this.environment = environment;
    }

    /**
     * Asks the session to end as Ctrl-C does; safe from a signal handler. A second one, while
     * bpftrace still detaches, is dtrace's impatience: bpftrace is stopped at once, without
     * the results.
     */
    public void interrupt() {
        if (!interrupted) {
            interrupted = true;
            out.println(); // dtrace's newline after ^C, before END's output
            out.flush();
        } else if (stopSent && bpftrace != null && bpftrace.isAlive()) {
            impatient = true;
            bpftrace.destroyForcibly();
        }
        stopIfAttached();
        stopIfStarting();
    }

    /** Whether a second Ctrl-C stopped bpftrace before it printed the results. */
    private volatile boolean impatient;
    /** Whether bpftrace had to be terminated or killed, having printed nothing for 10 s after SIGINT. */
    private volatile boolean forced;

    /**
     * Ctrl-C while bpftrace is still attaching (an absurd buffer size can keep it there for
     * minutes): nothing is traced yet, so nothing is lost by ending it at once. It cannot end
     * itself then (it reads its signal flag only once attached), so it is killed.
     */
    private synchronized void stopIfStarting() {
        Process process = bpftrace;
        if (process != null && !attached && process.isAlive()) {
            err.println("dtrace: interrupted before tracing began");
            process.destroyForcibly();
        }
    }

    /**
     * Ends the session quietly, as when the traced command has exited, once bpftrace has
     * printed what the command fired: a burst just before the exit may still wait in the
     * kernel's buffers while bpftrace writes to a reader slower than the burst, and bpftrace
     * stops reading them at SIGINT (a flow of a thousand calls lost half of them). So, as
     * dtrace drains its buffers, the stop waits until bpftrace has been quiet for
     * {@link #QUIET_MILLIS}, or at most {@link #DRAIN_MILLIS} under a steady stream.
     */
    public void commandEnded() {
        long ended = System.nanoTime();
        try {
            while (System.nanoTime() - ended < TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS)) {
                long quietSince = Math.max(lastLine, ended);
                if (System.nanoTime() - quietSince >= TimeUnit.MILLISECONDS.toNanos(QUIET_MILLIS)) {
                    break;
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stopIfAttached();
    }

    private static final long QUIET_MILLIS = 200;
    private static final long DRAIN_MILLIS = 5000;
    /** When bpftrace last printed a line ({@link System#nanoTime}). */
    private volatile long lastLine = System.nanoTime();

    private synchronized void stopIfAttached() {
        Process process = bpftrace;
        if (process != null && attached && !stopSent) {
            stopSent = true;
            Signals.send(process.pid(), "INT");
            Thread watchdog = new Thread(() -> insist(process), "bpftrace watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }
    }

    /**
     * bpftrace normally ends within a second of SIGINT, having run END and printed its maps.
     * But 0.17 loses a SIGINT that arrives while it is not waiting in epoll_wait, and then
     * waits with no timeout: a program that only updates maps sends it nothing to wake it
     * (seen 1 in 24). So SIGINT is repeated every second for 10 s; then it is terminated, and
     * the user is told, with the signal masks /proc reports.
     */
    private void insist(Process process) {
        try {
            long sent = System.nanoTime();
            boolean told = false;
            while (!process.waitFor(1, TimeUnit.SECONDS)) {
                long quiet = System.nanoTime() - Math.max(lastLine, sent);
                if (quiet < TimeUnit.SECONDS.toNanos(1)) {
                    continue; // printing its maps: a large aggregation takes a while, and is not to be lost
                }
                if (!told && System.nanoTime() - sent > TimeUnit.SECONDS.toNanos(3)) {
                    err.println("dtrace: waiting for bpftrace to detach and print the results (Ctrl-C again to stop it now)");
                    told = true;
                }
                if (quiet > TimeUnit.SECONDS.toNanos(10)) {
                    break;
                }
                Signals.send(process.pid(), "INT"); // 0.17 may have lost the one before
            }
            for (String step : new String[] {"TERM", "KILL"}) {
                if (process.waitFor(5, TimeUnit.SECONDS)) {
                    return;
                }
                err.println("dtrace: bpftrace has printed nothing for 10 s since SIGINT; sending SIG" + step + " ("
                        + signalState(process.pid()) + ")");
                forced = true;
                Signals.send(process.pid(), step);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String signalState(long pid) {
        try {
            List<String> fields = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("State:") || line.startsWith("SigIgn:") || line.startsWith("SigCgt:")
                        || line.startsWith("SigPnd:") || line.startsWith("ShdPnd:")) {
                    fields.add(line.replaceAll("\\s+", " "));
                }
            }
            return String.join(", ", fields);
        } catch (IOException e) {
            return "no /proc entry";
        }
    }

    /**
     * Runs bpftrace to its end; returns dtrace's exit status. Should bpftrace fail before it
     * attaches, {@code retry} may offer a program to run instead (never once interrupted).
     */
    public int run(Listener listener, Retry retry) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Integer status;
            try {
                status = runOnce(listener);
            } finally {
                listener.attemptEnded();
            }
            if (status != null) {
                return status;
            }
            CompiledProgram instead = attempt < ATTEMPTS && !interrupted ? retry.instead(program) : null;
            if (instead == null) {
                err.println("dtrace: could not enable tracing: " + failure);
                return 1;
            }
            program = instead;
        }
    }

    /** Why the last bpftrace failed before it attached. */
    private String failure;

    /** Runs bpftrace on {@link #program} to its end: dtrace's exit status, or null (and {@link #failure}) when it did not attach. */
    private Integer runOnce(Listener listener) throws IOException, InterruptedException {
        String bpftracePath = Tools.find("bpftrace");
        if (bpftracePath == null) {
            err.println("dtrace: could not run bpftrace: no bpftrace belonging to root in " + Tools.DIRECTORIES
                    + " (install it: apt-get install bpftrace)");
            return 1;
        }
        ProcessBuilder builder = new ProcessBuilder(command(bpftracePath));
        builder.environment().putAll(environment);
        synchronized (this) {
            if (interrupted) {
                return 1; // Ctrl-C before the first program ran
            }
            listener.attaching(program);
            try {
                bpftrace = builder.start();
            } catch (IOException e) {
                err.println("dtrace: could not run bpftrace: " + e.getMessage());
                return 1;
            }
        }
        Process process = bpftrace;
        Thread killer = new Thread(process::destroyForcibly, "bpftrace killer");
        Runtime.getRuntime().addShutdownHook(killer); // SIGHUP, or a SIGTERM without our handler: bpftrace goes too
        try {
            // The program goes on standard input ("-"): no file of it is left behind, whatever ends us.
            try (var program = process.getOutputStream()) {
                program.write(this.program.bpftrace().getBytes(ByteText.CHARSET));
            } catch (IOException e) {
                // bpftrace ended before reading it: its error says why
            }
            List<String> errors = new ArrayList<>();
            Thread stderr = new Thread(() -> readErrors(process, errors), "bpftrace stderr");
            stderr.setDaemon(true);
            stderr.start();
            Renderer renderer = new Renderer(program, quiet, out, sorting);
            ObjectMapper json = new ObjectMapper();
            Thread closer = new Thread(() -> closeOutputOnceEnded(process), "bpftrace output closer");
            closer.setDaemon(true);
            closer.start();
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), ByteText.CHARSET))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    lastLine = System.nanoTime();
                    handle(ByteText.repairBpftraceJson(line), json, renderer, listener);
                }
            } catch (IOException e) {
                // closed by closeOutputOnceEnded: bpftrace has ended
            }
            int status = process.waitFor();
            stderr.join(TimeUnit.SECONDS.toMillis(5));
            if (!attached) {
                if (interrupted) {
                    return 1; // said by stopIfStarting
                }
                failure = explain(errors, status);
                return null;
            }
            if (!renderer.hasEnded() && (forced || impatient)) {
                // stopped by force before END ran: the results are lost, and said so. (A bpftrace that
                // ended by itself printed its maps; END's marker may only have been dropped with a flood.)
                err.println(impatient ? "dtrace: interrupted again: bpftrace was stopped before it printed the results"
                        : "dtrace: bpftrace ended before it printed the results (status " + status + ")");
                return 1;
            }
            renderer.finish();
            out.flush();
            String keys = environment.get("BPFTRACE_MAP_KEYS_MAX");
            for (String full : keys == null ? List.<String>of() : renderer.fullAggregations(Integer.parseInt(keys))) {
                err.println("dtrace: @" + full + " is full: a bpftrace map holds " + keys + " keys, and events with"
                        + " other keys were dropped; raise the limit with -x mapkeys=N");
            }
            Integer exit = renderer.exitStatus();
            return exit != null ? exit : 0;
        } finally {
            process.destroyForcibly(); // ended already, unless we are leaving on an error
            try {
                Runtime.getRuntime().removeShutdownHook(killer);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running, or about to
            }
        }
    }

    /**
     * bpftrace's command line, every program by an absolute trusted path. setpriv's parent-death
     * signal kills bpftrace should this JVM die without a word (SIGKILL, a crash): the kernel
     * sends it when the thread that started bpftrace ends, and that thread waits for bpftrace in
     * {@link #runOnce}, so it ends only with the JVM or after bpftrace. A killed bpftrace leaves
     * nothing attached: the kernel removes its probes with its file descriptors. setsid keeps a
     * terminal's Ctrl-C for us, so that bpftrace is stopped only once it is attached.
     */
    static List<String> command(String bpftrace) {
        List<String> command = new ArrayList<>();
        String setpriv = Tools.find("setpriv");
        if (setpriv != null) {
            command.addAll(List.of(setpriv, "--pdeathsig", "KILL"));
        }
        String setsid = Tools.find("setsid");
        if (setsid != null) {
            command.add(setsid);
        }
        command.addAll(List.of(bpftrace, "-f", "json", "-"));
        return command;
    }

    private static final java.util.Set<String> MAP_TYPES = java.util.Set.of("map", "hist", "stats");

    private void handle(String line, ObjectMapper json, Renderer renderer, Listener listener) throws IOException {
        String type = "";
        JsonNode data = json.missingNode();
        try (JsonParser parser = json.getFactory().createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("type")) {
                    type = parser.getText();
                } else if (field.equals("data")) {
                    // bpftrace prints the type first; a map's keys may come twice (MapLines)
                    data = MAP_TYPES.contains(type) && value == JsonToken.START_OBJECT
                            ? MapLines.read(parser, json, renderer::merge) : json.readTree(parser);
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return; // not one of bpftrace's JSON lines
        }
        switch (type) {
            case "printf": {
                // one record per line of bpftrace's; a traced string may itself hold newlines
                String record = data.asText();
                if (record.endsWith("\n")) {
                    record = record.substring(0, record.length() - 1);
                }
                if (!record.isEmpty() && record.charAt(0) == CompiledProgram.RECORD) {
                    String id = record.substring(1);
                    if (id.equals(CompiledProgram.ATTACHED)) {
                        synchronized (this) {
                            attached = true;
                        }
                        listener.attached(program);
                        if (interrupted) {
                            stopIfAttached();
                        }
                    } else if (id.equals(CompiledProgram.ENDED)) {
                        renderer.ended();
                    } else {
                        renderer.record(record);
                        out.flush();
                        if (renderer.exitStatus() != null) {
                            stopSent = true; // exit() stops bpftrace itself
                        }
                    }
                }
                break;
            }
            case "map":
            case "hist":
            case "stats":
                renderer.map(data);
                out.flush();
                break;
            case "lost_events":
                // dtrace's words for events that found the buffer full; the fix once
                long lost = data.path("events").asLong();
                err.println("dtrace: " + lost + (lost == 1 ? " drop" : " drops")
                        + (droppedBefore ? "" : " (the trace buffer was full: a larger -b or -x bufsize keeps them)"));
                droppedBefore = true;
                break;
            default:
                break; // attached_probes and the like
        }
    }

    /**
     * Once bpftrace has ended, whatever it wrote has arrived within moments; should anything
     * else still hold its output pipe open, the reader is released rather than left waiting.
     */
    private static void closeOutputOnceEnded(Process process) {
        try {
            process.waitFor();
            Thread.sleep(5000);
            process.getInputStream().close();
        } catch (InterruptedException | IOException e) {
            // nothing more to do
        }
    }

    private void readErrors(Process process, List<String> errors) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.contains("RLIMIT_MEMLOCK")) {
                    continue; // printed as an ERROR on this kernel, and harmless
                }
                synchronized (errors) {
                    errors.add(line);
                }
                if (attached) {
                    err.println("dtrace: bpftrace: " + Printable.of(line));
                }
            }
        } catch (IOException e) {
            // bpftrace has gone
        }
    }

    /** One line for why bpftrace failed, with the fix when we know it. */
    static String explain(List<String> errors, int status) {
        String all = String.join("\n", errors);
        if (all.contains("Operation not permitted") || all.contains("Permission denied") || all.contains("must be run as root")) {
            return "bpftrace needs root (or CAP_BPF and CAP_PERFMON): run dtrace as root";
        }
        if (all.contains("uprobe_events") || all.contains("tracefs") || all.contains("debugfs")) {
            return "tracefs is not mounted: as root, mount -t tracefs nodev /sys/kernel/tracing";
        }
        for (String line : errors) {
            if (line.startsWith("ERROR:") || line.contains("ERROR")) {
                return "bpftrace failed: " + Printable.of(line.replaceFirst("^.*ERROR:\\s*", ""));
            }
        }
        return errors.isEmpty() ? "bpftrace ended with status " + status + " before attaching"
                : "bpftrace failed: " + Printable.of(errors.get(errors.size() - 1));
    }
}
