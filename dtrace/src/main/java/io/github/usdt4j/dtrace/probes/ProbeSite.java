package io.github.usdt4j.dtrace.probes;

import java.util.List;

/**
 * One probe as DTrace would list it, and what the compiler needs to reach it: for a USDT probe,
 * the process, the library and its note (the operands of every argument), and the argument
 * types from the usdt4j catalogue (empty when the library has none).
 *
 * @param provider   as DTrace shows it: {@code dtrace}, {@code profile}, or {@code libmtev1234}
 * @param module     the library's file name for USDT probes
 * @param function   the function that holds the probe site
 * @param name       with dashes: {@code eventer-read-entry}
 */
public record ProbeSite(int id, Kind kind, String provider, String module, String function, String name,
        Usdt usdt, Tracepoint tracepoint) {

    public enum Kind { BEGIN, END, ERROR, TICK, PROFILE, USDT, TRACEPOINT }

    public ProbeSite(int id, Kind kind, String provider, String module, String function, String name, Usdt usdt) {
        this(id, kind, provider, module, function, name, usdt, null);
    }

    /**
     * The Linux tracepoint a kernel probe becomes: {@code arguments} are the bpftrace
     * expressions of arg0, arg1…; {@code condition}, when not null, narrows it to what the
     * DTrace probe means.
     */
    public record Tracepoint(String category, String event, List<String> arguments, String condition) {}

    /** The pid of a probe in a library no process maps yet (an installed JDK's libjvm.so). */
    public static final long NO_PROCESS = 0;

    /** A probe of a library that processes started later will map, not of a running process. */
    public boolean isFuture() {
        return usdt != null && usdt.pid() == NO_PROCESS;
    }

    /** {@code tick-N} and {@code profile-N} with the units DTrace knows; a bare number is hz. */
    public static final java.util.regex.Pattern TIMER = java.util.regex.Pattern.compile(
            "(tick|profile)-(\\d+)(ns|nsec|us|usec|ms|msec|s|sec|m|min|h|hour|d|day|hz)?");

    /**
     * Where a USDT probe lives. {@code providerName} and {@code elfName} are the note's
     * ({@code libmtev}, {@code eventer__read__entry}); {@code operands} one per argument, of
     * its first site; {@code oneLayout} when every site of the probe has the same operands
     * (a probe of libjvm may have several sites, each with its own registers). {@code library}
     * is the path as the process names it, to show and match; {@code attachPath} is the file
     * the tracer attaches to: for a running process, the mapped file itself
     * ({@code /proc/PID/map_files/…}), so that neither a swapped path nor a hostile name
     * reaches the tracer.
     */
    public record Usdt(long pid, String library, String attachPath, String providerName, String elfName,
            List<String> operands, boolean oneLayout, List<String> argumentTypes) {}
}
