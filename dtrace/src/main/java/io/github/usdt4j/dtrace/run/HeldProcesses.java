package io.github.usdt4j.dtrace.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code -p} processes, stopped while bpftrace attaches, as dtrace stops a process it
 * grabs while it enables probes: bpftrace attaches one probe after another, and a script that
 * ends on a probe fired just after the first was attached waited for ever for one not yet
 * attached. They go on the moment every probe is attached, when an attempt fails, and when the
 * front-end ends in any way: a watchdog outside its process group resumes them should it be
 * killed without a word, so a held process is never left stopped. They are held
 * {@link #LONGEST_HOLD_MILLIS} at most: bpftrace attaches tracepoints one by one (syscall:::entry
 * takes it some 25 s), and a service stopped that long would time out; past that they go on,
 * and the run says their first firings may be missed.
 */
public final class HeldProcesses {
    /** The longest the processes are stopped for. */
    static final long LONGEST_HOLD_MILLIS = 5000;
    private final List<Long> pids;
    private final java.io.PrintStream err;
    private Process watchdog;
    private boolean held;

    public HeldProcesses(List<Long> pids, java.io.PrintStream err) {
        this.pids = List.copyOf(pids);
        this.err = err;
        if (!this.pids.isEmpty()) {
            Runtime.getRuntime().addShutdownHook(new Thread(this::release, "held processes"));
        }
    }

    /** Stops the processes, first starting the watchdog that resumes them if this JVM dies. */
    public synchronized void hold() {
        if (held || pids.isEmpty()) {
            return;
        }
        String sh = Tools.find("sh");
        String setsid = Tools.find("setsid");
        String kill = Tools.find("kill");
        if (sh == null || setsid == null || kill == null) {
            return; // without a watchdog, not held: a front-end killed now would leave them stopped
        }
        List<String> targets = new ArrayList<>();
        pids.forEach(pid -> targets.add(Long.toString(pid)));
        String script = "while " + kill + " -0 " + ProcessHandle.current().pid() + " 2>/dev/null; do sleep 0.2; done; "
                + kill + " -CONT " + String.join(" ", targets) + " 2>/dev/null";
        try {
            watchdog = new ProcessBuilder(setsid, sh, "-c", script).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return;
        }
        for (long pid : pids) {
            Signals.send(pid, "STOP");
        }
        held = true;
        Thread timeout = new Thread(() -> {
            try {
                Thread.sleep(LONGEST_HOLD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (held) {
                    err.println("dtrace: bpftrace is slow to attach; " + (pids.size() == 1 ? "pid " : "pids ") + targets(pids)
                            + " resumed after " + LONGEST_HOLD_MILLIS / 1000 + " s, so the first firings may be missed");
                    release();
                }
            }
        }, "held processes timeout");
        timeout.setDaemon(true);
        timeout.start();
    }

    private static String targets(List<Long> pids) {
        return String.join(", ", pids.stream().map(String::valueOf).toList());
    }

    /** Lets the processes go on, and the watchdog go. */
    public synchronized void release() {
        if (!held) {
            return;
        }
        held = false;
        for (long pid : pids) {
            Signals.send(pid, "CONT");
        }
        if (watchdog != null) {
            watchdog.destroy();
        }
    }
}
