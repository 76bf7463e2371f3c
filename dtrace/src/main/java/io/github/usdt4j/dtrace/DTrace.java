package io.github.usdt4j.dtrace;

import io.github.usdt4j.dtrace.compile.CompiledProgram;
import io.github.usdt4j.dtrace.compile.Compiler;
import io.github.usdt4j.dtrace.lang.Ast;
import io.github.usdt4j.dtrace.output.ByteText;
import io.github.usdt4j.dtrace.lang.CompileError;
import io.github.usdt4j.dtrace.lang.Parser;
import io.github.usdt4j.dtrace.lang.Preprocessor;
import io.github.usdt4j.dtrace.probes.ProbeCatalog;
import io.github.usdt4j.dtrace.probes.ProbeDescription;
import io.github.usdt4j.dtrace.probes.ProbeSite;
import io.github.usdt4j.dtrace.run.Session;
import io.github.usdt4j.dtrace.run.Signals;
import io.github.usdt4j.tool.Extraction;
import io.github.usdt4j.tool.Printable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code java -jar usdt4j-dtrace.jar [dtrace options]}: dtrace(1)'s command line on Linux. Reads
 * D programs ({@code -s}, {@code -n}), resolves their probes against the processes running
 * now, compiles them to one bpftrace program, runs it, and prints what dtrace would print.
 * Exit status as dtrace's: 0, 1 when a program fails to compile or to run, 2 on bad options.
 */
@Command(name = "dtrace", mixinStandardHelpOptions = false, sortOptions = false, separator = " ",
        description = "D scripts for USDT probes on Linux, run on bpftrace.")
public final class DTrace {
    /**
     * The trace buffer per CPU unless -b or -x bufsize says otherwise: DTrace's 4 MB, where
     * bpftrace's own 256 KB loses events from a probe that fires in bursts (a JVM's
     * method-entry probes under a flow script).
     */
    private static final long BUFFER_SIZE = 4L << 20;
    private static final int PAGE_SIZE = 4096;
    /**
     * How many keys a bpftrace map holds unless -x mapkeys says otherwise: four times
     * bpftrace's 4096, as a JVM has more methods than that (DTrace sizes its aggregations
     * in bytes, aggsize, and grows them).
     */
    private static final int MAP_KEYS = 16384;

    /** The most keys a map may hold: 64 times the default; a map of more takes bpftrace longer than a user waits. */
    static final int MAX_MAP_KEYS = MAP_KEYS * 64;

    /**
     * The largest trace buffer per CPU: 256 MiB (bpftrace takes over a second to set up each
     * CPU's; 8 GiB hung the start), and no more than a quarter of the memory available shared
     * between the CPUs.
     */
    static long largestBufferSize() {
        long largest = 256L << 20;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    long available = Long.parseLong(line.replaceAll("\\D", "")) << 10;
                    largest = Math.min(largest, available / 4 / Runtime.getRuntime().availableProcessors());
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc/meminfo: the fixed bound alone
        }
        return Math.max(PAGE_SIZE, largest);
    }

    /** A size as dtrace reads one: bytes, or a number with k, m, g or t. */
    static long size(String text) {
        String value = text.trim().toLowerCase(java.util.Locale.ROOT);
        int shift = 0;
        if (!value.isEmpty() && "kmgt".indexOf(value.charAt(value.length() - 1)) >= 0) {
            shift = 10 * ("kmgt".indexOf(value.charAt(value.length() - 1)) + 1);
            value = value.substring(0, value.length() - 1);
        }
        long number = Long.parseLong(value);
        if (number <= 0 || number > (Long.MAX_VALUE >> shift)) {
            throw new NumberFormatException(text);
        }
        return number << shift;
    }

    /** bpftrace's ring buffer holds a power of two of pages: the largest that fits in {@code bytes}, at least one. */
    static long ringBufferPages(long bytes) {
        return Long.highestOneBit(Math.max(1, bytes / PAGE_SIZE));
    }

    /** One program, in command-line order: a script file or a description's text. */
    private record Program(String kind, String text) {}

    private final List<Program> programs = new ArrayList<>();
    private final Map<String, String> xOptions = new LinkedHashMap<>();

    @Option(names = "-s", paramLabel = "script", description = "compile the D program in this file")
    void script(String file) {
        programs.add(new Program("script", file));
    }

    @Option(names = "-n", paramLabel = "name", description = "a probe description, optionally with a predicate and actions")
    void description(String text) {
        programs.add(new Program("description", text));
    }

    @Option(names = "-P", paramLabel = "provider", description = "every probe of this provider")
    void provider(String name) {
        programs.add(new Program("provider", name + ":::"));
    }

    /** {@code [provider:]module}: the module field, with the function and name empty (a bare name was five fields). */
    @Option(names = "-m", paramLabel = "module", description = "every probe of this module")
    void module(String name) {
        programs.add(new Program("module", name.contains(":") ? name + "::" : ":" + name + "::"));
    }

    /** {@code [[provider:]module:]function}: the function field, with the name empty. */
    @Option(names = "-f", paramLabel = "function", description = "every probe in this function")
    void function(String name) {
        programs.add(new Program("function", name.contains(":") ? name + ":" : "::" + name + ":"));
    }

    @Option(names = "-p", paramLabel = "pid", description = "the process $target names (repeatable)")
    List<Long> pids = new ArrayList<>();

    @Option(names = "-c", paramLabel = "cmd", description = "run this command; $target is its pid; tracing ends when it does")
    String command;

    @Option(names = "-q", description = "quiet: only what printf, trace and printa print")
    boolean quiet;

    @Option(names = "-l", description = "list the matching probes instead of tracing")
    boolean list;

    @Option(names = "-v", description = "with -l: the probes' argument types")
    boolean verbose;

    @Option(names = "-e", description = "compile only: exit after compiling")
    boolean compileOnly;

    @Option(names = "-S", description = "print the bpftrace program the D program becomes")
    boolean showProgram;

    @Option(names = "-Z", description = "allow descriptions that match no probe")
    boolean zeroMatches;

    @Option(names = "-w", description = "allow destructive actions (accepted; there are none here)")
    boolean destructive;

    @Option(names = "-o", paramLabel = "output", description = "append the trace output to this file")
    Path output;

    @Option(names = "-b", paramLabel = "bufsz", description = "the trace buffer per CPU (as -x bufsize; default 4m)")
    void bufferSize(String size) {
        xOptions.put("bufsize", size);
    }

    @Option(names = "-x", paramLabel = "opt[=val]", description = "set an option: quiet, strsize, defaultargs, …")
    void option(String option) {
        String[] parts = option.split("=", 2);
        xOptions.put(parts[0], parts.length > 1 ? parts[1] : null);
    }

    @Option(names = "-C", description = "run the scripts through the C preprocessor (cpp)")
    boolean preprocess;

    @Option(names = "-D", paramLabel = "name[=def]", description = "with -C: define a macro")
    List<String> definitions = new ArrayList<>();

    @Option(names = "-U", paramLabel = "name", description = "with -C: undefine a macro")
    List<String> undefinitions = new ArrayList<>();

    @Option(names = "-I", paramLabel = "path", description = "with -C: search this directory for #include files")
    List<String> includes = new ArrayList<>();

    @Option(names = "-V", description = "print the version")
    boolean version;

    @Parameters(paramLabel = "arg", description = "macro arguments: $1, $2, …")
    List<String> arguments = new ArrayList<>();

    private PrintStream out;
    private PrintStream err;

    public static void main(String[] args) {
        // UTF-8 whatever the locale: JDK 17 under LANG=C would print every non-ASCII character as '?'
        PrintStream out = new PrintStream(new FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /**
     * The stack the front-end runs on: a script's expressions nest at most
     * {@link Parser#MAX_NESTING} deep as a tree, and the compiler's passes recurse that deep,
     * several frames a level; this holds them with room to spare, and should anything still
     * overflow, the run ends with a dtrace: line, not a StackOverflowError trace.
     */
    private static final long STACK_SIZE = 256L << 20;

    /** Runs the command; returns dtrace's exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        int[] status = {1};
        Thread runner = new Thread(null, () -> status[0] = runHere(args, out, err), "dtrace", STACK_SIZE);
        runner.start();
        try {
            runner.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return status[0];
    }

    private static int runHere(String[] args, PrintStream out, PrintStream err) {
        DTrace dtrace = new DTrace();
        dtrace.out = out;
        dtrace.err = err;
        CommandLine line = new CommandLine(dtrace);
        line.setPosixClusteredShortOptionsAllowed(true);
        line.setStopAtPositional(true);
        line.setUnmatchedOptionsArePositionalParams(false);
        line.setOverwrittenOptionsAllowed(true); // -n, -s, -x… repeat; each occurrence calls its setter in order
        try {
            line.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("dtrace: " + e.getMessage());
            err.println(line.getUsageMessage());
            return 2;
        }
        try {
            return dtrace.execute();
        } catch (UsageError e) {
            err.println("dtrace: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("dtrace: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RuntimeException e) {
            err.println("dtrace: internal error: " + e); // never a stack trace in the user's face
            return 1;
        } catch (StackOverflowError e) {
            err.println("dtrace: failed to compile: the program is nested too deeply for this front-end");
            return 1;
        }
    }

    /** A command line dtrace would refuse: exit status 2. */
    private static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    private int execute() throws UsageError, IOException, InterruptedException {
        if (version) {
            out.println("dtrace: usdt4j D front-end for bpftrace (Sun D 1.x subset)");
            return 0;
        }
        for (String name : xOptions.keySet()) {
            String refusal = Options.refusal(name);
            if (refusal != null) {
                throw new UsageError("failed to set -x " + name + ": " + refusal);
            }
        }
        if (programs.isEmpty() && !list) {
            throw new UsageError("no probes specified (give -s script, -n description or -l)");
        }
        if (command != null && !pids.isEmpty()) {
            throw new UsageError("-c and -p cannot be used together");
        }
        // D's strings are bytes: the trace output is byte text, written as the bytes it stands for (ByteText)
        PrintStream trace = new PrintStream(out, true, ByteText.CHARSET);
        if (output != null) {
            try {
                trace = new PrintStream(io.github.usdt4j.dtrace.run.OutputFile.openForAppend(output), true, ByteText.CHARSET);
            } catch (IOException e) {
                err.println("dtrace: failed to open output file '" + Printable.of(output.toString()) + "': "
                        + Printable.of(e.getMessage() != null ? e.getMessage() : e.toString()));
                return 1;
            }
        }

        Process child = null;
        Long target = pids.isEmpty() ? null : pids.get(0);
        for (long pid : pids) {
            String problem = ungrabbable(pid);
            if (problem != null) {
                err.println("dtrace: failed to grab pid " + pid + ": " + problem); // libdtrace's words
                return 1;
            }
        }
        if (command != null && !compileOnly && !list) {
            String program = command.trim().split("\\s+")[0];
            String problem = unrunnable(program);
            if (problem != null) {
                err.println("dtrace: failed to execute " + program + ": " + problem); // libdtrace's words
                return 1;
            }
            // The command waits, stopped, until every probe is attached.
            child = new ProcessBuilder("/bin/sh", "-c", "kill -STOP $$; exec " + command).inheritIO().start();
            waitUntilStopped(child.pid());
            target = child.pid();
        }

        Map<String, String> pragmas = new LinkedHashMap<>();
        List<Compiler.Source> sources = new ArrayList<>();
        for (Program program : programs) {
            String text = program.text();
            String name = program.text();
            if (program.kind().equals("script")) {
                try {
                    text = ByteText.of(Files.readAllBytes(Path.of(program.text())));
                    if (preprocess) {
                        text = Preprocessor.run(text, program.text(), definitions, undefinitions, includes);
                    }
                } catch (Preprocessor.Failure e) {
                    err.println("dtrace: failed to preprocess " + program.text() + ": " + e.getMessage());
                    stop(child);
                    return 1;
                } catch (IOException e) {
                    err.println("dtrace: failed to open " + program.text() + ": " + (Files.exists(Path.of(program.text()))
                            ? e.getMessage() : "No such file or directory"));
                    stop(child);
                    return 1;
                }
            } else {
                text = ByteText.of(text);
                int body = indexOfAny(text, "/{");
                name = body < 0 ? text : text.substring(0, body);
            }
            boolean defaultArguments = xOptions.containsKey("defaultargs") || text.contains("option defaultargs");
            String scriptName = program.kind().equals("script") ? program.text() : "dtrace";
            Parser.Macros macros = new Parser.Macros(target, scriptName, arguments.stream().map(ByteText::of).toList(),
                    defaultArguments);
            try {
                Ast.Program parsed = Parser.parse(text, macros);
                pragmas.putAll(parsed.options());
                sources.add(new Compiler.Source(program.kind().equals("script") ? "script" : "description", name, parsed));
            } catch (CompileError e) {
                compileFailed(program, e);
                stop(child);
                return 1;
            }
        }
        boolean withJvm = sources.isEmpty() || wantsJvmProbes(sources);
        ProbeCatalog catalog = ProbeCatalog.ofRunningProcesses(withJvm);
        if (child != null) {
            // A build's first run has no extracted library yet: put its libraries where its JVM
            // will look, so that the probes it fires while it starts are seen too.
            List<Path> directories = libraryDirectories(command);
            List<String> problems = new ArrayList<>();
            for (Path entry : classPath(command)) {
                Extraction.placeLibraries(entry, directories.get(0), problems);
            }
            problems.forEach(problem -> err.println("dtrace: could not prepare " + problem));
            for (Path directory : directories) {
                catalog.addLibrariesIn(directory, child.pid());
            }
            Path jvm = jvmLibrary(command);
            if (withJvm && jvm != null) {
                catalog.addLibrary(jvm, child.pid());
            }
            Path program = program(command);
            if (program != null) {
                catalog.addProgram(program, child.pid()); // python$target: the program's own probes, before it runs
            }
        }

        for (Compiler.Source source : sources) {
            for (Ast.Clause clause : source.program().clauses()) {
                for (Ast.Description description : clause.descriptions()) {
                    catalog.addOtherProviders(ProbeDescription.parse(description.text()));
                }
            }
        }
        List<ProbeDescription> described = new ArrayList<>();
        for (Compiler.Source source : sources) {
            for (Ast.Clause clause : source.program().clauses()) {
                for (Ast.Description description : clause.descriptions()) {
                    described.add(ProbeDescription.parse(description.text()));
                }
            }
        }
        for (String warning : catalog.warningsFor(described)) {
            err.println("dtrace: " + warning);
        }
        if (list && programs.isEmpty()) {
            return listProbes(catalog.all(), trace);
        }
        Map<String, String> options = new LinkedHashMap<>(pragmas);
        options.putAll(xOptions);
        for (String name : pragmas.keySet()) {
            String refusal = Options.refusal(name);
            if (refusal != null) {
                err.println("dtrace: failed to compile script: failed to set option " + name + ": " + refusal);
                stop(child);
                return 1;
            }
        }
        boolean quietOutput = quiet || options.containsKey("quiet");

        if (list) {
            List<ProbeSite> matched = new ArrayList<>();
            for (Compiler.Source source : sources) {
                for (Ast.Clause clause : source.program().clauses()) {
                    for (Ast.Description description : clause.descriptions()) {
                        List<ProbeSite> found = catalog.match(ProbeDescription.parse(description.text()));
                        if (found.isEmpty() && !zeroMatches) {
                            err.println("dtrace: failed to match " + ProbeDescription.parse(description.text())
                                    + ": No probe matches description");
                            return 1;
                        }
                        for (ProbeSite probe : found) {
                            if (!matched.contains(probe)) {
                                matched.add(probe);
                            }
                        }
                    }
                }
            }
            return listProbes(matched, trace);
        }

        if (withJvm) {
            catalog.addInstalledJvms(ProbeCatalog.installedJvms()); // not listed: they are no process's yet
        }
        long wallClockOffset = System.currentTimeMillis() * 1_000_000L - System.nanoTime();
        int stringSize;
        try {
            stringSize = Compiler.Settings.stringSize(options.get("strsize"));
        } catch (NumberFormatException e) {
            err.println("dtrace: failed to set -x strsize: Invalid value for specified option");
            stop(child);
            return 2;
        }
        long stackFrames;
        try {
            stackFrames = options.get("ustackframes") == null ? Compiler.Settings.DEFAULT_STACK_FRAMES
                    : Long.parseLong(options.get("ustackframes").trim());
        } catch (NumberFormatException e) {
            err.println("dtrace: failed to set -x ustackframes: Invalid value for specified option");
            stop(child);
            return 2;
        }
        Compiler.Settings settings = new Compiler.Settings(quietOutput, zeroMatches, wallClockOffset,
                Files.exists(Path.of("/sys/kernel/btf/vmlinux")), stringSize, ProcessHandle.current().pid(), stackFrames);
        CompiledProgram compiled;
        try {
            compiled = Compiler.compile(sources, catalog, settings);
        } catch (CompileError e) {
            compileFailed(programs.get(Math.max(0, e.source())), e);
            stop(child);
            return 1;
        }
        for (String warning : compiled.warnings()) {
            err.println("dtrace: " + ByteText.toUnicode(warning));
        }
        if (showProgram) {
            err.print(compiled.bpftrace());
        }
        if (compileOnly) {
            return 0;
        }

        Map<String, String> environment = new LinkedHashMap<>();
        if (stringSize != Compiler.Settings.DEFAULT_STRING_SIZE) {
            environment.put("BPFTRACE_STRLEN", Integer.toString(stringSize));
        }
        int mapKeys;
        try {
            mapKeys = options.get("mapkeys") == null ? MAP_KEYS : Integer.parseInt(options.get("mapkeys").trim());
        } catch (NumberFormatException e) {
            err.println("dtrace: failed to set -x mapkeys: Invalid value for specified option");
            stop(child);
            return 2;
        }
        if (mapKeys > MAX_MAP_KEYS || mapKeys < 1) {
            mapKeys = Math.max(1, Math.min(mapKeys, MAX_MAP_KEYS));
            err.println("dtrace: mapkeys lowered to " + mapKeys);
        }
        environment.put("BPFTRACE_MAP_KEYS_MAX", Integer.toString(mapKeys));
        long bufferSize;
        try {
            bufferSize = options.get("bufsize") == null ? BUFFER_SIZE : size(options.get("bufsize"));
        } catch (NumberFormatException e) {
            err.println("dtrace: failed to set -x bufsize: Invalid value for specified option");
            stop(child);
            return 2;
        }
        long largest = largestBufferSize();
        if (bufferSize > largest) {
            // as dtrace's bufresize=auto does with a buffer it cannot have: smaller, and said
            bufferSize = largest;
            err.println("dtrace: buffer size lowered to " + (largest >> 20) + "m");
        }
        environment.put("BPFTRACE_PERF_RB_PAGES", Long.toString(ringBufferPages(bufferSize)));
        // bpftrace 0.17 stops at 512 probes and 512 programs: syscall:::entry, syscall:::return
        // or hotspot*::: across JVMs is more. A probe of several sites is several, hence the margin.
        String probeLimit = Long.toString(Math.max(512, 8L * compiled.probes().size() + 64));
        environment.put("BPFTRACE_MAX_PROBES", probeLimit);
        environment.put("BPFTRACE_MAX_BPF_PROGS", probeLimit);
        Session session = new Session(compiled, quietOutput, trace, err, environment, Options.sorting(options));
        installSignalHandlers(session);
        Process started = child;
        if (started != null) {
            boolean namesTarget = namesProcess(sources, started.pid());
            Thread watcher = new Thread(() -> {
                try {
                    Set<Long> told = new java.util.HashSet<>();
                    while (!started.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                        if (namesTarget) {
                            tellOfChildrenWithProviders(started, told);
                        }
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (!quiet) {
                    err.println("dtrace: pid " + started.pid() + " has exited");
                }
                session.commandEnded();
            }, "command watcher");
            watcher.setDaemon(true);
            watcher.start();
        }
        if (!pids.isEmpty() && !list && !compileOnly) {
            // As dtrace: each grabbed process that exits is said, and tracing ends with the last
            java.util.concurrent.atomic.AtomicInteger live = new java.util.concurrent.atomic.AtomicInteger(pids.size());
            for (long pid : new java.util.LinkedHashSet<>(pids)) {
                ProcessHandle.of(pid).ifPresentOrElse(process -> process.onExit().thenRun(() -> {
                    if (!quiet) {
                        err.println("dtrace: pid " + pid + " has exited");
                    }
                    if (live.decrementAndGet() == 0) {
                        session.commandEnded();
                    }
                }), live::decrementAndGet);
            }
        }
        // A library removed since we looked (a JVM's temporary directory cleaned away as it
        // ended) makes bpftrace refuse the whole program: trace the rest, as DTrace goes on
        // without a process that is gone.
        Session.Retry leaveOutRemovedLibraries = failed -> {
            Set<String> attached = new java.util.HashSet<>();
            for (ProbeSite probe : failed.probes()) {
                if (probe.usdt() != null) {
                    attached.add(probe.usdt().library());
                }
            }
            List<ProbeCatalog.RemovedLibrary> named = new ArrayList<>(); // those the program attaches to
            for (ProbeCatalog.RemovedLibrary library : catalog.leaveOutRemovedLibraries()) {
                if (attached.contains(library.path())) {
                    named.add(library);
                }
            }
            if (named.isEmpty()) {
                return null; // bpftrace failed for another reason
            }
            if (named.size() > 3) { // processes of someone else's that come and go: one line, not one each
                err.println("dtrace: " + named.size() + " libraries were removed, or their processes ended, before their"
                        + " probes could be enabled; they are not traced");
            } else {
                for (ProbeCatalog.RemovedLibrary library : named) {
                    err.println("dtrace: " + (library.pid() == ProbeSite.NO_PROCESS ? "" : "pid " + library.pid() + ": ")
                            + Printable.of(library.path()) + " was removed before its probes could be enabled; they are not traced");
                }
            }
            try {
                // Every description matched at the first compile: one that matches nothing now lost
                // its processes since, and the others are traced (as dtrace goes on without them).
                Compiler.Settings again = new Compiler.Settings(settings.quiet(), true, settings.wallClockOffset(),
                        settings.kernelTypes(), settings.stringSize(), settings.tracerPid(), settings.stackFrames());
                return Compiler.compile(sources, catalog, again);
            } catch (CompileError e) {
                compileFailed(programs.get(Math.max(0, e.source())), e);
                return null;
            }
        };
        io.github.usdt4j.dtrace.run.HeldProcesses held = new io.github.usdt4j.dtrace.run.HeldProcesses(pids, err);
        int status = session.run(new Session.Listener() {
            @Override
            public void attaching(CompiledProgram program) {
                held.hold(); // as dtrace holds a grabbed process while it enables
            }

            @Override
            public void attached(CompiledProgram attachedProgram) {
                held.release();
                if (!quiet) {
                    for (CompiledProgram.Match match : attachedProgram.matches()) {
                        err.println("dtrace: " + match.kind() + " '" + ByteText.toUnicode(match.name()) + "' matched "
                                + match.probes() + " probe" + (match.probes() == 1 ? "" : "s"));
                    }
                }
                if (started != null) {
                    Signals.send(started.pid(), "CONT");
                }
            }

            @Override
            public void attemptEnded() {
                held.release();
            }
        }, leaveOutRemovedLibraries);
        if (started != null && started.isAlive()) {
            stop(started);
        }
        trace.flush();
        return status;
    }

    /** Why process {@code pid} cannot be traced, as dtrace says it, or null. */
    static String ungrabbable(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid));
        if (!Files.isDirectory(proc)) {
            return "No such process";
        }
        try {
            int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            int owner = (Integer) Files.getAttribute(proc, "unix:uid");
            return self != 0 && owner != self ? "Permission denied" : null;
        } catch (IOException | RuntimeException e) {
            return Files.isDirectory(proc) ? null : "No such process";
        }
    }

    /** Why {@code program}, -c's first word, cannot be run, as dtrace says it, or null (a shell word is left to the shell). */
    static String unrunnable(String program) {
        if (program.contains("=") || SHELL_WORDS.contains(program)) {
            return null; // FOO=bar java …, exec java …
        }
        Path found = program(program);
        if (found != null) {
            return null;
        }
        Path named = Path.of(program);
        return program.contains("/") && Files.exists(named) ? "Permission denied" : "No such file or directory";
    }

    private static final Set<String> SHELL_WORDS = Set.of("exec", "cd", ".", "eval", "export", "ulimit", "umask",
            "command", "set", "{", "(");

    /** Whether a description names the process {@code pid} ({@code libmtev$target}): one of its children is not traced by it. */
    private static boolean namesProcess(List<Compiler.Source> sources, long pid) {
        for (Compiler.Source source : sources) {
            for (Ast.Clause clause : source.program().clauses()) {
                for (Ast.Description description : clause.descriptions()) {
                    String provider = ProbeDescription.parse(description.text()).provider();
                    if (provider.endsWith(Long.toString(pid)) && !provider.equals(Long.toString(pid))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * A command that starts its JVM as a child (a wrapper script that does not exec java)
     * leaves $target the script's: descriptions naming $target never see the JVM's probes. So
     * each child that maps usdt4j libraries is said once, with how to trace it.
     */
    private void tellOfChildrenWithProviders(Process command, Set<Long> told) {
        command.descendants().filter(p -> !told.contains(p.pid())).forEach(child -> {
            try {
                List<io.github.usdt4j.tool.LibraryMappings.Mapping> libraries =
                        io.github.usdt4j.tool.LibraryMappings.ofProcess(child.pid());
                if (libraries.isEmpty()) {
                    return;
                }
                told.add(child.pid());
                Set<String> providers = new java.util.TreeSet<>();
                for (io.github.usdt4j.tool.LibraryMappings.Mapping library : libraries) {
                    providers.add(io.github.usdt4j.catalogue.GeneratedLayout.providerOfLibrary(library.path()));
                }
                String names = providers.stream().map(p -> Printable.of(p) + "*").collect(java.util.stream.Collectors.joining(", "));
                err.println("dtrace: pid " + child.pid() + ", started by the command (pid " + command.pid()
                        + "), has providers (" + names + "); $target is pid " + command.pid()
                        + ", so descriptions naming $target do not trace it: name the provider with * (" + names
                        + ") or trace it with -p " + child.pid());
            } catch (IOException | RuntimeException e) {
                // ended as we looked
            }
        });
    }

    /**
     * Whether a description could name the JVM's own providers ({@code hotspot1234},
     * {@code hotspot*}, {@code *}): only then is each JVM's 20-odd-megabyte libjvm.so read.
     */
    private static boolean wantsJvmProbes(List<Compiler.Source> sources) {
        for (Compiler.Source source : sources) {
            for (Ast.Clause clause : source.program().clauses()) {
                for (Ast.Description description : clause.descriptions()) {
                    String provider = ProbeDescription.parse(description.text()).provider().replaceAll("\\d+$", "");
                    for (String jvm : List.of("hotspot", "hotspot_jni", "hs_private")) {
                        if (ProbeDescription.providerMatches(provider, jvm)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /**
     * Where the command's JVM extracts usdt4j libraries: {@code -Dusdt4j.dir=} when the command
     * line sets it (the last one first: the JVM takes it), else the runtime's default for our user.
     */
    static List<Path> libraryDirectories(String command) {
        List<Path> directories = new ArrayList<>();
        java.util.regex.Matcher configured = java.util.regex.Pattern.compile("-Dusdt4j\\.dir=(\\S+)").matcher(command);
        while (configured.find()) {
            directories.add(0, Path.of(configured.group(1).replaceAll("^[\"']|[\"']$", "")).toAbsolutePath());
        }
        directories.add(Extraction.defaultDirectory());
        return directories;
    }

    /**
     * The class path of a java command line: {@code -cp}, {@code -classpath},
     * {@code --class-path} (a {@code dir/*} is every jar in it) or {@code -jar}'s jar.
     */
    static List<Path> classPath(String command) {
        List<Path> entries = new ArrayList<>();
        String[] words = command.trim().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String value = null;
            if (List.of("-cp", "-classpath", "--class-path", "-jar").contains(words[i]) && i + 1 < words.length) {
                value = words[++i];
            } else if (words[i].startsWith("--class-path=")) {
                value = words[i].substring("--class-path=".length());
            }
            for (String entry : value == null ? new String[0] : value.replaceAll("^[\"']|[\"']$", "").split(":")) {
                if (entry.endsWith("/*")) {
                    try (var jars = Files.list(Path.of(entry.substring(0, entry.length() - 2)))) {
                        jars.filter(jar -> jar.toString().endsWith(".jar")).sorted().forEach(entries::add);
                    } catch (IOException | RuntimeException e) {
                        // no such directory: the JVM will say so
                    }
                } else if (!entry.isEmpty()) {
                    entries.add(Path.of(entry).toAbsolutePath());
                }
            }
        }
        return entries;
    }

    /** The libjvm.so of the java that starts {@code command}, when its first word is one. */
    static Path jvmLibrary(String command) {
        Path program = program(command);
        if (program == null || !program.getFileName().toString().equals("java")) {
            return null;
        }
        Path library = program.getParent().getParent().resolve("lib/server/libjvm.so");
        return Files.isRegularFile(library) ? library : null;
    }

    /** The program {@code command} runs, its first word found as the shell finds it, links resolved; or null. */
    static Path program(String command) {
        String first = command.trim().split("\\s+")[0];
        List<Path> candidates = new ArrayList<>();
        if (first.contains("/")) {
            candidates.add(Path.of(first));
        } else {
            for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
                candidates.add(Path.of(directory, first));
            }
        }
        for (Path candidate : candidates) {
            try {
                Path real = candidate.toRealPath();
                if (Files.isRegularFile(real) && Files.isExecutable(real)) {
                    return real;
                }
            } catch (IOException | RuntimeException e) {
                // not there: try the next
            }
        }
        return null;
    }

    private void compileFailed(Program program, CompileError e) {
        String message = ByteText.toUnicode(e.describe()); // it may quote the script's byte text
        if (program.kind().equals("script")) {
            err.println("dtrace: failed to compile script " + program.text() + ": " + message);
        } else {
            err.println("dtrace: invalid probe specifier " + program.text() + ": " + message);
        }
    }

    /** dtrace -l: {@code ID PROVIDER MODULE FUNCTION NAME}, and with -v each probe's argument types. */
    private int listProbes(List<ProbeSite> probes, PrintStream trace) {
        trace.printf("%5s %10s %17s %33s %s%n", "ID", "PROVIDER", "MODULE", "FUNCTION", "NAME");
        for (ProbeSite probe : probes) {
            // the module and function come from files anyone may write: shown as cat -v shows them
            trace.printf("%5d %10s %17s %33s %s%n", probe.id(), shown(probe.provider()), shown(probe.module()),
                    shown(probe.function()), shown(probe.name()));
            if (verbose) {
                trace.println();
                trace.println("\tArgument Types");
                List<String> types = probe.usdt() == null ? List.of() : probe.usdt().argumentTypes();
                if (probe.usdt() != null && types.isEmpty()) {
                    for (int i = 0; i < probe.usdt().operands().size(); i++) {
                        trace.println("\t\targs[" + i + "]: int64_t");
                    }
                } else if (types.isEmpty()) {
                    trace.println("\t\tNone");
                }
                for (int i = 0; i < types.size(); i++) {
                    trace.println("\t\targs[" + i + "]: " + shown(types.get(i)));
                }
                trace.println();
            }
        }
        trace.flush();
        return 0;
    }

    /** A name from a file, as the trace output's byte text: control characters shown as cat -v shows them. */
    private static String shown(String name) {
        return ByteText.of(Printable.of(name));
    }

    private static int indexOfAny(String text, String characters) {
        for (int i = 0; i < text.length(); i++) {
            if (characters.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /**
     * SIGINT and SIGTERM end tracing the way dtrace's do; so does SIGHUP (the terminal closed),
     * so that what a run with -o has gathered is written before the end.
     */
    private static void installSignalHandlers(Session session) {
        // without sun.misc.Signal the default handling ends the JVM, and bpftrace with it (Session's hook)
        Signals.handle(List.of("INT", "TERM", "HUP"), session::interrupt);
    }

    private static void waitUntilStopped(long pid) throws IOException, InterruptedException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        for (int i = 0; i < 500; i++) {
            if (!Files.exists(status)) {
                throw new IOException("the command ended before it could be traced");
            }
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("State:") && line.contains("T")) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new IOException("the command did not start");
    }

    private static void stop(Process child) {
        if (child != null && child.isAlive()) {
            Signals.send(child.pid(), "CONT");
            child.destroy();
        }
    }
}
