package io.github.usdt4j.dtrace.compile;

import java.util.List;

/**
 * DTrace's {@code vtimestamp}, a thread's time on CPU, which bpftrace 0.17 lacks. The
 * scheduler's {@code sched_switch} tracepoint adds up, for each thread a probe has seen, the
 * time between being switched in and switched out. A thread is first seen mid-run, so the
 * clock counts from then, not from the thread's birth: scripts take differences of it, and a
 * difference within one traced thread is exact.
 */
final class ThreadClock {
    private static final String TRACKED = "@vt_tracked";
    private static final String ON_CPU_SINCE = "@vt_since";
    private static final String TOTAL = "@vt_total";
    static final List<String> MAPS = List.of(TRACKED, ON_CPU_SINCE, TOTAL);

    /** Put before a statement that reads the clock: a thread seen for the first time is on CPU from now. */
    static final String START = "\tif (" + TRACKED + "[tid] == 0) {\n"
            + "\t\t" + TRACKED + "[tid] = 1;\n"
            + "\t\t" + ON_CPU_SINCE + "[tid] = " + Expressions.NOW + ";\n"
            + "\t}\n";

    /** The clock's value in a thread that is running, which it is when one of its probes fires. */
    static final String VALUE = "(" + TOTAL + "[tid] + (" + Expressions.NOW + " - " + ON_CPU_SINCE + "[tid]))";

    /** The block that keeps the clock; tracked threads only, so the maps hold the traced process's threads. */
    static final String BLOCK = "tracepoint:sched:sched_switch\n{\n"
            + "\tif (" + TRACKED + "[args->prev_pid]) {\n"
            + "\t\t" + TOTAL + "[args->prev_pid] = " + TOTAL + "[args->prev_pid] + (nsecs - " + ON_CPU_SINCE
            + "[args->prev_pid]);\n"
            + "\t}\n"
            + "\tif (" + TRACKED + "[args->next_pid]) {\n"
            + "\t\t" + ON_CPU_SINCE + "[args->next_pid] = nsecs;\n"
            + "\t}\n"
            + "}\n\n";

    private ThreadClock() {
    }
}
