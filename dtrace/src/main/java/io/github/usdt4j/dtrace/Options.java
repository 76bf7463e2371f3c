package io.github.usdt4j.dtrace;

import java.util.Map;
import java.util.Set;

/**
 * dtrace's options, the same whether a script's {@code #pragma D option} or {@code -x} sets
 * them: each is honoured, accepted as a no-op (it only tunes DTrace's own buffers and rates,
 * which bpftrace sizes itself), or refused with the reason. A name DTrace does not have is an
 * "Invalid option name", as dtrace says.
 */
final class Options {
    /** Options that change what this front-end does. */
    static final Set<String> HONOURED = Set.of("quiet", "strsize", "defaultargs", "bufsize", "aggsortkey",
            "aggsortrev", "aggsortpos", "aggsortkeypos", "ustackframes",
            "mapkeys"); // ours: bpftrace's map size, which DTrace sizes in bytes (aggsize) and grows

    /**
     * DTrace's tuning of its own buffers, rates and D compiler: bpftrace sizes and compiles its
     * own, so these change nothing.
     */
    static final Set<String> NO_OPS = Set.of("switchrate", "dynvarsize", "aggsize", "aggrate", "cleanrate", "nspec",
            "specsize", "statusrate", "bufpolicy", "bufresize", "destructive", "zdefs", "strip", "linkmode", "linktype",
            "temporal", "evaltime", "version", "amin", "debug", "errtags", "kdefs", "late", "objcopypath", "pgmax",
            "stdc", "syslibdir", "tregs", "udefs", "cpphdrs", "jstackstrsize");

    /** DTrace options that would change the output or the tracing, and why they are not done here. */
    static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry("aggpack", "packed histograms are not printed here; drop the option for dtrace's full tables"),
            Map.entry("aggzoom", "histograms are printed at dtrace's default scale only"),
            Map.entry("agghist", "aggregations are printed as tables only"),
            Map.entry("aggpercpu", "bpftrace keeps aggregations across CPUs, not per CPU"),
            Map.entry("flowindent", "the indented flow of -F needs fbt entry and return probes, which are not traced here"),
            Map.entry("rawbytes", "tracemem and raw bytes are not traced here"),
            Map.entry("stackframes", "stack() of the kernel is not traced here; ustack() is"),
            Map.entry("stackindent", "stack() of the kernel is not traced here"),
            Map.entry("jstackframes", "jstack() is not supported yet"),
            Map.entry("cpu", "tracing one CPU only is not supported"),
            Map.entry("grabanon", "anonymous tracing is not supported"),
            Map.entry("cpp", "use -C"),
            Map.entry("cpppath", "cpp is taken from the system's directories"),
            Map.entry("incdir", "use -I"),
            Map.entry("define", "use -D"),
            Map.entry("undef", "use -U"),
            Map.entry("libdir", "there is no D library here"),
            Map.entry("nolibs", "there is no D library here"),
            Map.entry("ldpath", "dtrace -G is the build's, not the front-end's"),
            Map.entry("lazyload", "dtrace -G is the build's, not the front-end's"),
            Map.entry("droptags", "drops are said as dtrace says them, untagged"),
            Map.entry("encoding", "strings are printed as their bytes, unchanged"),
            Map.entry("pspec", "speculations are not supported"),
            Map.entry("iregs", "the registers are bpftrace's"),
            Map.entry("dtypes", "types are checked as the front-end knows them"),
            Map.entry("ctypes", "types are checked as the front-end knows them"),
            Map.entry("knodefs", "kernel probes are the tracepoints the front-end knows"),
            Map.entry("unodefs", "user probes are the notes the front-end reads"),
            Map.entry("argref", "macro arguments are checked as dtrace checks them by default; see defaultargs"),
            Map.entry("empty", "the default action is dtrace's"),
            Map.entry("core", "core files are not written"),
            Map.entry("setenv", "-c's command runs with the front-end's environment"),
            Map.entry("unsetenv", "-c's command runs with the front-end's environment"),
            Map.entry("tree", "parse trees are not printed; -S prints the compiled program"),
            Map.entry("verbose", "-S prints the compiled program"));

    private Options() {}

    /** Why option {@code name} is not taken, as dtrace words it ("Invalid option name"), or null when it is. */
    static String refusal(String name) {
        if (HONOURED.contains(name) || NO_OPS.contains(name)) {
            return null;
        }
        String reason = REFUSED.get(name);
        return reason != null ? "not supported here: " + reason : "Invalid option name";
    }

    /** How {@code options} (by name, a value or null) sort aggregations, as dtrace's aggsort options say. */
    static io.github.usdt4j.dtrace.output.AggregationPrinter.Sorting sorting(Map<String, String> options) {
        return new io.github.usdt4j.dtrace.output.AggregationPrinter.Sorting(options.containsKey("aggsortkey"),
                options.containsKey("aggsortrev"), position(options.get("aggsortkeypos")), position(options.get("aggsortpos")));
    }

    /** A position option's value: a number from 0; a bad or missing one is 0, as dtrace reads it unset. */
    private static int position(String value) {
        try {
            return value == null ? 0 : Math.max(0, Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
