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
 * killed without a word, so a held process is never left stopped.
 */
public final class HeldProcesses {
    private final List<Long> pids;
    private Process watchdog;
    private boolean held;

    public HeldProcesses(List<Long> pids) {
        this.pids = List.copyOf(pids);
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
        Runtime.getRuntime().addShutdownHook(new Thread(this::release, "held processes"));
        for (long pid : pids) {
            Signals.send(pid, "STOP");
        }
        held = true;
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
