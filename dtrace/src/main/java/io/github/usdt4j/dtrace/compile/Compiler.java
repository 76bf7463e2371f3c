package io.github.usdt4j.dtrace.compile;

import io.github.usdt4j.catalogue.ProbeNames;
import io.github.usdt4j.dtrace.compile.CompiledProgram.Aggregation;
import io.github.usdt4j.dtrace.compile.CompiledProgram.Event;
import io.github.usdt4j.dtrace.compile.CompiledProgram.Function;
import io.github.usdt4j.dtrace.compile.CompiledProgram.Record;
import io.github.usdt4j.dtrace.lang.Ast;
import io.github.usdt4j.dtrace.lang.Ast.AggregationAssign;
import io.github.usdt4j.dtrace.lang.Ast.AggregationRef;
import io.github.usdt4j.dtrace.lang.Ast.Assign;
import io.github.usdt4j.dtrace.lang.Ast.Call;
import io.github.usdt4j.dtrace.lang.Ast.Clause;
import io.github.usdt4j.dtrace.lang.Ast.Expr;
import io.github.usdt4j.dtrace.lang.Ast.If;
import io.github.usdt4j.dtrace.lang.Ast.Index;
import io.github.usdt4j.dtrace.lang.Ast.IntLit;
import io.github.usdt4j.dtrace.lang.Ast.Scope;
import io.github.usdt4j.dtrace.lang.Ast.Step;
import io.github.usdt4j.dtrace.lang.Ast.StrLit;
import io.github.usdt4j.dtrace.lang.Ast.Var;
import io.github.usdt4j.dtrace.lang.CompileError;
import io.github.usdt4j.dtrace.output.PrintfFormat;
import io.github.usdt4j.dtrace.probes.KernelProbes;
import io.github.usdt4j.dtrace.probes.ProbeCatalog;
import io.github.usdt4j.dtrace.probes.ProbeDescription;
import io.github.usdt4j.dtrace.probes.ProbeSite;
import io.github.usdt4j.dtrace.probes.TracerText;
import io.github.usdt4j.tool.Printable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Lowers D programs to one bpftrace program. Descriptions are resolved against the probe
 * catalogue, so every bpftrace probe is concrete ({@code usdt:LIBRARY:PROVIDER:PROBE}); all the
 * clauses that fire on one probe become one bpftrace block, in program order, each under its
 * predicate (D runs them in that order and shares {@code this->} between them). Output actions
 * become {@code printf} records that the runner formats the way dtrace does; aggregations stay
 * bpftrace maps, printed by the runner from bpftrace's JSON.
 */
public final class Compiler {
    /** A program and how dtrace names it in {@code matched N probes}. */
    public record Source(String kind, String name, Ast.Program program) {}

    /**
     * What changes the lowering: {@code quiet} (no {@code CPU ID FUNCTION:NAME} lines),
     * {@code zeroMatches} ({@code -Z}), the offset from bpftrace's monotonic clock to the wall
     * clock for {@code walltimestamp}, and whether the kernel describes its types (BTF), which
     * {@code execname} (the process's name, not the thread's) and {@code ppid} need.
     */
    /**
     * What compiling needs from the command line and the machine. {@code stringSize} is
     * bpftrace's string size in bytes, terminator included (its BPFTRACE_STRLEN);
     * {@code tracerPid} this front-end's own process, a JVM whose probes fire too (0: none).
     */
    public record Settings(boolean quiet, boolean zeroMatches, long wallClockOffset, boolean kernelTypes, int stringSize,
            long tracerPid, long stackFrames) {
        /** dtrace's default ustackframes: how many frames a ustack() without an argument records. */
        public static final long DEFAULT_STACK_FRAMES = 100;

        public Settings(boolean quiet, boolean zeroMatches, long wallClockOffset, boolean kernelTypes, int stringSize,
                long tracerPid) {
            this(quiet, zeroMatches, wallClockOffset, kernelTypes, stringSize, tracerPid, DEFAULT_STACK_FRAMES);
        }

        /** bpftrace's own string size, and the most it allows: strings live on the 512-byte BPF stack. */
        public static final int DEFAULT_STRING_SIZE = 64;
        public static final int MAX_STRING_SIZE = 200;

        /** The string size for dtrace's strsize option (null when not set). */
        public static int stringSize(String strsize) {
            return strsize == null ? DEFAULT_STRING_SIZE : Math.max(2, Math.min(MAX_STRING_SIZE, Integer.parseInt(strsize.trim())));
        }
    }

    private static final Set<String> KERNEL_PROVIDERS = Set.of("syscall", "fbt", "proc", "sched", "io", "sdt",
            "lockstat", "vminfo", "sysinfo", "mib", "ip", "tcp", "udp", "fsinfo", "pid", "plockstat", "cpc", "fasttrap");

    private final ProbeCatalog catalog;
    private final Settings settings;
    private final Variables vars = new Variables();
    private final Expressions expressions;
    /** The most strings a strjoin key of an aggregation joins, by aggregation and key position. */
    private final Map<String, Map<Integer, Integer>> joinedKeyFields = new HashMap<>();
    private final Map<String, Aggregation> aggregations = new LinkedHashMap<>();
    private final Map<Integer, Event> events = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();
    /** Set during the first lowering, which only finds the aggregations. */
    private boolean discovering;

    private Compiler(ProbeCatalog catalog, Settings settings) {
        this.catalog = catalog;
        this.settings = settings;
        this.expressions = new Expressions(settings, vars);
    }

    public static CompiledProgram compile(List<Source> sources, ProbeCatalog catalog, Settings settings) throws CompileError {
        return new Compiler(catalog, settings).run(sources);
    }

    /** One clause with the probes it matched, in program order, and the index of its program. */
    private record Enabling(Clause clause, List<ProbeSite> probes, int source) {}

    private CompiledProgram run(List<Source> sources) throws CompileError {
        List<Enabling> enablings = new ArrayList<>();
        List<CompiledProgram.Match> matches = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        for (int index = 0; index < sources.size(); index++) {
            Source source = sources.get(index);
            options.putAll(source.program().options());
            int matched = 0;
            for (Clause clause : source.program().clauses()) {
                List<ProbeSite> probes;
                try {
                    probes = resolve(clause);
                } catch (CompileError e) {
                    throw e.inSource(index);
                }
                matched += probes.size();
                enablings.add(new Enabling(clause, probes, index));
            }
            matches.add(new CompiledProgram.Match(source.kind(), source.name(), matched));
        }
        for (int pass = 0; pass < 3; pass++) { // a variable may be assigned from another declared later
            for (Enabling enabling : enablings) {
                inferTypes(enabling.clause());
            }
        }

        // Group the clauses by the bpftrace probe they run on, keeping program order.
        Map<String, List<Enabling>> blocks = new LinkedHashMap<>();
        blocks.put("BEGIN", new ArrayList<>());
        for (Enabling enabling : enablings) {
            Map<String, List<ProbeSite>> byBlock = new LinkedHashMap<>();
            for (ProbeSite probe : enabling.probes()) {
                byBlock.computeIfAbsent(blockName(probe), k -> new ArrayList<>()).add(probe);
            }
            for (Map.Entry<String, List<ProbeSite>> entry : byBlock.entrySet()) {
                blocks.computeIfAbsent(entry.getKey(), k -> new ArrayList<>())
                        .add(new Enabling(enabling.clause(), entry.getValue(), enabling.source()));
            }
        }
        blocks.computeIfAbsent("END", k -> new ArrayList<>());

        discovering = true;
        for (Map.Entry<String, List<Enabling>> block : blocks.entrySet()) {
            block(block.getKey(), block.getValue());
        }
        discovering = false;
        events.clear();
        vars.internalMaps.clear();
        if (expressions.readsThreadClock) {
            vars.internalMaps.addAll(ThreadClock.MAPS);
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<Enabling>> block : blocks.entrySet()) {
            if (block.getKey().equals("END") && expressions.readsThreadClock) {
                out.append(ThreadClock.BLOCK);
            }
            out.append(block(block.getKey(), block.getValue()));
        }
        List<ProbeSite> probes = new ArrayList<>();
        for (Enabling enabling : enablings) {
            for (ProbeSite probe : enabling.probes()) {
                if (!probes.contains(probe)) {
                    probes.add(probe);
                }
            }
        }
        return new CompiledProgram(out.toString(), matches, events, new ArrayList<>(aggregations.values()), options, probes,
                List.copyOf(warnings));
    }

    private List<ProbeSite> resolve(Clause clause) throws CompileError {
        List<ProbeSite> probes = new ArrayList<>();
        for (Ast.Description description : clause.descriptions()) {
            ProbeDescription parsed = ProbeDescription.parse(description.text());
            List<ProbeSite> matched = catalog.match(parsed);
            if (matched.isEmpty() && !settings.zeroMatches()) {
                throw new CompileError(description.line(), "probe description " + parsed
                        + " does not match any probes" + hint(parsed));
            }
            if (matched.isEmpty() && KERNEL_PROVIDERS.contains(parsed.provider())
                    && !KernelProbes.PROVIDERS.contains(parsed.provider())) {
                warnings.add("description '" + parsed + "' matched no probes: kernel provider " + parsed.provider()
                        + " has no Linux counterpart here");
            }
            for (ProbeSite probe : matched) {
                if (probe.kind() == ProbeSite.Kind.ERROR) {
                    throw new CompileError(description.line(), "the dtrace:::ERROR probe is not supported by this front-end");
                }
                if (!probes.contains(probe)) {
                    probes.add(probe);
                }
            }
        }
        return probes;
    }

    private static String hint(ProbeDescription description) {
        if (KernelProbes.PROVIDERS.contains(description.provider())) {
            return " (of the kernel's probes, " + KernelProbes.TRACED + " are traced here, through Linux tracepoints)";
        }
        if (KERNEL_PROVIDERS.contains(description.provider())) {
            return " (kernel provider " + description.provider() + " has no Linux counterpart here: of the kernel's"
                    + " probes, " + KernelProbes.TRACED + " are traced, through tracepoints; -Z allows it)";
        }
        if (description.provider().matches("[A-Za-z_][A-Za-z0-9_]*[A-Za-z_]")) {
            return " (a USDT provider carries its process id: " + description.provider() + "PID, "
                    + description.provider() + "$target, or " + description.provider() + "* for every process)";
        }
        if (description.name().contains("__")) {
            return " (DTrace spells probe names with dashes: " + ProbeNames.probeName(description.name()) + ")";
        }
        return "";
    }

    private static String blockName(ProbeSite probe) {
        switch (probe.kind()) {
            case BEGIN:
                return "BEGIN";
            case END:
                return "END";
            case TICK:
            case PROFILE:
                return timer(probe);
            case TRACEPOINT:
                return "tracepoint:" + probe.tracepoint().category() + ":" + probe.tracepoint().event();
            default:
                ProbeSite.Usdt usdt = probe.usdt();
                if (!TracerText.isPath(usdt.attachPath()) || !TracerText.isName(usdt.providerName())
                        || !TracerText.isName(usdt.elfName())) {
                    // the catalogue refuses such files: reaching here would be our bug, never her clause in the program
                    throw new IllegalStateException("refusing to write the attach point of a probe whose path or names"
                            + " are not plain: " + Printable.of(usdt.attachPath()));
                }
                return "usdt:" + usdt.attachPath() + ":" + usdt.providerName() + ":" + usdt.elfName();
        }
    }

    /** {@code tick-1sec} is {@code interval:s:1}; {@code profile-997} is {@code profile:hz:997}. */
    private static String timer(ProbeSite probe) {
        Matcher m = ProbeSite.TIMER.matcher(probe.name());
        if (!m.matches()) {
            throw new IllegalStateException(probe.name());
        }
        String kind = m.group(1).equals("tick") ? "interval" : "profile";
        long n = Long.parseLong(m.group(2));
        switch (m.group(3) == null ? "hz" : m.group(3)) {
            case "hz": return kind + ":hz:" + n;
            case "ns": case "nsec": return kind + ":us:" + Math.max(1, n / 1000);
            case "us": case "usec": return kind + ":us:" + n;
            case "ms": case "msec": return kind + ":ms:" + n;
            case "s": case "sec": return kind + ":s:" + n;
            case "m": case "min": return kind + ":s:" + n * 60;
            case "h": case "hour": return kind + ":s:" + n * 3600;
            case "d": case "day": return kind + ":s:" + n * 86400;
            default:
                throw new IllegalStateException(probe.name()); // ProbeSite.TIMER admits no other unit
        }
    }

    // ---- types -------------------------------------------------------------------------------

    private void inferTypes(Clause clause) {
        for (Expr statement : clause.statements()) {
            inferTypes(statement);
        }
    }

    private void inferTypes(Expr expr) {
        if (expr instanceof Assign) {
            Assign assign = (Assign) expr;
            inferTypes(assign.value());
            Var target = assign.target() instanceof Index ? ((Index) assign.target()).array() : (Var) assign.target();
            String key = Variables.key(target.scope(), target.name());
            if (!isFreeing(assign)) {
                vars.stored.add(key);
            }
            Expr copied = stringOfBuffer(assign);
            if (copied != null) {
                vars.types.put(key, DType.BUFFER); // read as its string: Expressions.variableValue
                vars.stringBuffers.add(key);
                return;
            }
            DType type = assign.operator().equals("=") ? quietType(assign.value()) : DType.INT64;
            DType known = vars.types.get(key);
            if (known == null && type != null) {
                vars.types.put(key, type);
            } else if (known != null && type != null && known.string() && type.string() && type.fields() > known.fields()) {
                vars.types.put(key, type); // a clause-local holds the longest strjoin assigned to it; shorter ones are padded
            }
            boolean buffer = vars.types.containsKey(key) && vars.types.get(key).isBuffer(); // this->b[n] = '\0' cuts it
            if (assign.target() instanceof Index && !buffer && !vars.arrayKeys.containsKey(key)) {
                List<DType> keys = new ArrayList<>();
                for (Expr k : ((Index) assign.target()).keys()) {
                    DType keyType = quietType(k);
                    if (keyType == null) {
                        return;
                    }
                    keys.add(keyType);
                }
                vars.arrayKeys.put(key, keys);
            }
        } else if (expr instanceof AggregationAssign) {
            AggregationAssign assign = (AggregationAssign) expr;
            for (int i = 0; i < assign.keys().size(); i++) {
                DType type = quietType(assign.keys().get(i));
                if (type != null && type.string() && type.fields() > 1) {
                    joinedKeyFields.computeIfAbsent(assign.name(), k -> new HashMap<>()).merge(i, type.fields(), Math::max);
                }
            }
        } else if (expr instanceof Step) {
            Expr target = ((Step) expr).target();
            Var var = target instanceof Index ? ((Index) target).array() : (Var) target;
            vars.types.putIfAbsent(Variables.key(var.scope(), var.name()), DType.INT64);
            vars.stored.add(Variables.key(var.scope(), var.name()));
        } else if (expr instanceof If) {
            for (Expr statement : ((If) expr).then()) {
                inferTypes(statement);
            }
            for (Expr statement : ((If) expr).otherwise()) {
                inferTypes(statement);
            }
        }
    }

    /**
     * The copyin buffer in {@code this->s = stringof(copyin(a, n))} (or {@code (string)}), or
     * null when the assignment is no such thing.
     */
    private Expr stringOfBuffer(Assign assign) {
        if (!(assign.target() instanceof Var) || ((Var) assign.target()).scope() != Scope.THIS || !assign.operator().equals("=")) {
            return null;
        }
        Expr inner = Expressions.stringOfOperand(assign.value());
        DType type = inner == null ? null : quietType(inner);
        return type != null && type.isBuffer() ? inner : null;
    }

    /** {@code x = 0} on a global or thread-local: D frees the variable. */
    private static boolean isFreeing(Assign assign) {
        Var var = assign.target() instanceof Index ? ((Index) assign.target()).array() : (Var) assign.target();
        return var.scope() != Scope.THIS && assign.operator().equals("=") && assign.value() instanceof IntLit
                && ((IntLit) assign.value()).value() == 0;
    }

    /** The type of an expression, or null while a variable it reads has no type yet. */
    private DType quietType(Expr expr) {
        try {
            return expressions.genAny(expr, Context.TYPES).type();
        } catch (CompileError | RuntimeException e) {
            return null;
        }
    }

    // ---- blocks ------------------------------------------------------------------------------

    private String block(String name, List<Enabling> enablings) throws CompileError {
        StringBuilder body = new StringBuilder();
        if (name.equals("BEGIN")) {
            body.append("\tprintf(\"").append(Expressions.escape(record(CompiledProgram.ATTACHED))).append("\\n\");\n");
        }
        Set<String> thisVariables = new LinkedHashSet<>();
        for (Enabling enabling : enablings) {
            Context context = new Context(enabling.probes(), thisVariables);
            try {
                body.append(clause(enabling.clause(), context));
            } catch (CompileError e) {
                throw e.inSource(enabling.source());
            }
        }
        if (name.equals("END")) {
            for (String map : vars.internalMaps) {
                body.append("\tclear(").append(map).append(");\n");
            }
            body.append("\tprintf(\"").append(Expressions.escape(record(CompiledProgram.ENDED))).append("\\n\");\n");
        }
        StringBuilder out = new StringBuilder(name).append("\n{\n");
        if (body.indexOf(Expressions.NOW) >= 0) {
            out.append('\t').append(Expressions.NOW).append(" = nsecs;\n"); // one time for the whole firing
        }
        for (String variable : thisVariables) {
            DType type = vars.types.get(Variables.key(Scope.THIS, variable));
            for (int i = 0; type != null && !type.string() && i < type.fields(); i++) {
                out.append('\t').append(Variables.piece("$this_" + variable, i)).append(" = (int64)0;\n");
            }
        }
        return out.append(body).append("}\n\n").toString();
    }

    private static String record(String id) {
        return CompiledProgram.RECORD + id;
    }

    /** One clause inside its probe's block: the predicate (and the process, where one was named) guards it. */
    private String clause(Clause clause, Context context) throws CompileError {
        List<String> conditions = new ArrayList<>();
        if (context.probe() != null && context.probe().kind() == ProbeSite.Kind.USDT) {
            Set<Long> pids = new LinkedHashSet<>();
            boolean everyProcess = false;
            for (Ast.Description description : clause.descriptions()) {
                ProbeDescription parsed = ProbeDescription.parse(description.text());
                if (parsed.provider().isEmpty() || parsed.provider().matches(".*[*?\\[].*")) {
                    everyProcess = true; // libmtev* also covers processes that start later
                }
            }
            for (ProbeSite probe : context.probes) {
                pids.add(probe.usdt().pid());
            }
            boolean jvmProbes = context.probes.stream().anyMatch(p -> p.usdt().library().endsWith("/libjvm.so"));
            if (everyProcess && jvmProbes && settings.tracerPid() != 0) {
                conditions.add("pid != " + settings.tracerPid()); // hotspot* is not this front-end's own JVM
            }
            if (!everyProcess) {
                List<String> alternatives = new ArrayList<>();
                for (long pid : pids) {
                    alternatives.add("pid == " + pid);
                }
                conditions.add(alternatives.size() == 1 ? alternatives.get(0) : "(" + String.join(" || ", alternatives) + ")");
            }
        }
        String predicatePrelude = "";
        if (context.probe() != null && context.probe().kind() == ProbeSite.Kind.TRACEPOINT
                && context.probe().tracepoint().condition() != null) {
            conditions.add(context.probe().tracepoint().condition());
        }
        if (clause.predicate() != null) {
            Code predicate = expressions.gen(clause.predicate(), context);
            conditions.add(Expressions.truth(predicate, clause.predicate().line()));
            predicatePrelude = context.takePrelude();
        }
        List<List<Object>> groups = groupStatements(clause.statements());
        StringBuilder body = new StringBuilder();
        int eventCount = (int) groups.stream().filter(g -> g.get(0) instanceof EventGroup).count();
        if (clause.defaultAction()) {
            eventCount = 1;
        }
        int eventIndex = 0;
        if (clause.defaultAction() && !settings.quiet()) {
            body.append(event(List.of(), context, true, true));
        }
        for (List<Object> group : groups) {
            if (group.get(0) instanceof EventGroup) {
                EventGroup events = (EventGroup) group.get(0);
                body.append(eventStatements(events, context, eventIndex == 0, eventIndex == eventCount - 1));
                eventIndex++;
            } else {
                for (Object statement : group) {
                    body.append(statement((Expr) statement, context));
                }
            }
        }
        if (conditions.isEmpty()) {
            return predicatePrelude + body;
        }
        return predicatePrelude + "\tif (" + String.join(" && ", conditions) + ") {\n"
                + body.toString().replaceAll("(?m)^", "\t") + "\t}\n";
    }

    /** Consecutive output actions, printed as one event; printa, exit, normalize and trunc with a count stand alone. */
    private static final class EventGroup {
        final List<Call> actions = new ArrayList<>();
    }

    private static final Set<String> RECORDING = Set.of("printf", "trace", "ustack");
    private static final Set<String> STANDALONE = Set.of("printa", "exit", "normalize", "denormalize");

    private List<List<Object>> groupStatements(List<Expr> statements) {
        List<List<Object>> groups = new ArrayList<>();
        for (Expr statement : statements) {
            String function = statement instanceof Call ? ((Call) statement).function() : null;
            if (function != null && RECORDING.contains(function)) {
                List<Object> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
                if (last != null && last.get(0) instanceof EventGroup
                        && RECORDING.contains(((EventGroup) last.get(0)).actions.get(0).function())) {
                    ((EventGroup) last.get(0)).actions.add((Call) statement);
                    continue;
                }
                EventGroup group = new EventGroup();
                group.actions.add((Call) statement);
                groups.add(new ArrayList<>(List.of(group)));
            } else if (function != null && (STANDALONE.contains(function)
                    || function.equals("trunc") && ((Call) statement).arguments().size() == 2)) {
                EventGroup group = new EventGroup();
                group.actions.add((Call) statement);
                groups.add(new ArrayList<>(List.of(group)));
            } else {
                List<Object> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
                if (last != null && !(last.get(0) instanceof EventGroup)) {
                    last.add(statement);
                } else {
                    groups.add(new ArrayList<>(List.of(statement)));
                }
            }
        }
        return groups;
    }

    /** The bpftrace statements of one event: its printf record, then printa's prints or exit. */
    private String eventStatements(EventGroup group, Context context, boolean first, boolean last) throws CompileError {
        List<Record> records = new ArrayList<>();
        List<String> values = new ArrayList<>();
        StringBuilder after = new StringBuilder();
        for (Call action : group.actions) {
            switch (action.function()) {
                case "printf": {
                    if (action.arguments().isEmpty() || !(action.arguments().get(0) instanceof StrLit)) {
                        throw new CompileError(action.line(), "printf( ) prototype mismatch: the first argument must be a format string");
                    }
                    PrintfFormat format = format(((StrLit) action.arguments().get(0)).value(), action.line(), false);
                    List<Expr> arguments = action.arguments().subList(1, action.arguments().size());
                    List<Code> codes = new ArrayList<>();
                    for (Expr argument : arguments) {
                        codes.add(expressions.printable(argument, context));
                    }
                    List<DType> types = checkArguments(format, codes, action.line(), "printf");
                    for (Code code : codes) {
                        values.addAll(values(code));
                    }
                    records.add(new CompiledProgram.Printf(format, types));
                    break;
                }
                case "trace": {
                    if (action.arguments().size() != 1) {
                        throw new CompileError(action.line(), "trace( ) prototype mismatch: 1 argument required");
                    }
                    Code code = expressions.printable(action.arguments().get(0), context);
                    values.addAll(values(code));
                    records.add(new CompiledProgram.Trace(code.type()));
                    break;
                }
                case "ustack": {
                    values.add("s:" + Expressions.ustack(action, settings.stackFrames()));
                    records.add(new CompiledProgram.Stack());
                    break;
                }
                case "printa":
                    records.add(printa(action, after));
                    break;
                case "exit": {
                    if (action.arguments().size() != 1) {
                        throw new CompileError(action.line(), "exit( ) prototype mismatch: 1 argument required");
                    }
                    values.add(value(expressions.gen(action.arguments().get(0), context)));
                    records.add(new CompiledProgram.Exit());
                    after.append("\texit();\n");
                    break;
                }
                case "normalize": {
                    Aggregation aggregation = aggregationArgument(action, 2);
                    values.add(value(expressions.gen(action.arguments().get(1), context)));
                    records.add(new CompiledProgram.Normalize(aggregation.name()));
                    break;
                }
                case "denormalize": {
                    Aggregation aggregation = aggregationArgument(action, 1);
                    records.add(new CompiledProgram.Denormalize(aggregation.name()));
                    break;
                }
                case "trunc": {
                    // bpftrace cannot remove chosen keys from a map: the front-end keeps the n
                    // largest (or smallest) when it next prints the aggregation
                    Aggregation aggregation = aggregationArgument(action, 2);
                    values.add(value(expressions.gen(action.arguments().get(1), context)));
                    records.add(new CompiledProgram.Truncate(aggregation.name()));
                    break;
                }
                default:
                    throw new IllegalStateException(action.function());
            }
        }
        String event = event(records, values, context, first, last);
        return context.takePrelude() + event + after;
    }

    private String event(List<Record> records, Context context, boolean first, boolean last) {
        return event(records, List.of(), context, first, last);
    }

    private String event(List<Record> records, List<String> values, Context context, boolean first, boolean last) {
        int id = events.size() + 1;
        events.put(id, new Event(id, context.probes, first, last, records));
        StringBuilder format = new StringBuilder(Expressions.escape(record(Integer.toString(id))));
        StringBuilder arguments = new StringBuilder(", cpu, pid");
        format.append(Expressions.escape(String.valueOf(CompiledProgram.FIELD))).append("%d");
        format.append(Expressions.escape(String.valueOf(CompiledProgram.FIELD))).append("%d");
        for (String value : values) {
            format.append(Expressions.escape(String.valueOf(CompiledProgram.FIELD))).append(value.startsWith("s:") ? "%s" : "%ld");
            arguments.append(", ").append(value.substring(2));
        }
        return "\tprintf(\"" + format + "\\n\"" + arguments + ");\n";
    }

    /** A value for a record: {@code s:expr} for strings, {@code i:expr} for integers. */
    private static String value(Code code) {
        return (code.type().string() ? "s:" : "i:") + code.text();
    }

    /** The values of a record that carry one D value: a joined string's pieces, each a field. */
    private static List<String> values(Code code) {
        List<String> values = new ArrayList<>();
        for (String piece : code.pieces()) {
            values.add((code.type().string() ? "s:" : "i:") + piece);
        }
        return values;
    }

    private CompiledProgram.Printa printa(Call action, StringBuilder after) throws CompileError {
        List<Expr> arguments = action.arguments();
        PrintfFormat format = null;
        int first = 0;
        if (!arguments.isEmpty() && arguments.get(0) instanceof StrLit) {
            format = format(((StrLit) arguments.get(0)).value(), action.line(), true);
            first = 1;
        }
        List<String> names = new ArrayList<>();
        for (Expr argument : arguments.subList(first, arguments.size())) {
            if (!(argument instanceof AggregationRef)) {
                throw new CompileError(action.line(), "printa( ) argument #" + (names.size() + first + 1)
                        + " is incompatible with prototype: an aggregation was expected");
            }
            Aggregation aggregation = aggregation(((AggregationRef) argument).name(), action.line());
            names.add(aggregation.name());
            after.append("\tprint(").append(aggregation.map()).append(");\n");
            for (String companion : new String[] {aggregation.squares(), aggregation.fired()}) {
                if (companion != null) {
                    after.append("\tprint(").append(companion).append(");\n");
                }
            }
        }
        if (names.isEmpty()) {
            throw new CompileError(action.line(), "printa( ) prototype mismatch: an aggregation is required");
        }
        if (names.size() > 1 && !discovering) {
            List<DType> keys = aggregations.get(names.get(0)).keys();
            for (String name : names) {
                if (!sameKinds(keys, aggregations.get(name).keys())) {
                    throw new CompileError(action.line(), "printa( ) aggregations must have keys of the same types: @"
                            + names.get(0) + " " + keys + ", @" + name + " " + aggregations.get(name).keys());
                }
            }
        }
        if (format != null && !discovering) {
            Aggregation aggregation = aggregations.get(names.get(0));
            long keyConversions = format.conversions().stream().filter(c -> !c.aggregation()).count();
            if (keyConversions > aggregation.keys().size()) {
                throw new CompileError(action.line(), "printa( ) argument #2 is incompatible with conversion #"
                        + (aggregation.keys().size() + 1) + ": @" + aggregation.name() + " has " + aggregation.keys().size()
                        + " keys");
            }
        }
        return new CompiledProgram.Printa(format, names);
    }

    private Aggregation aggregationArgument(Call action, int count) throws CompileError {
        if (action.arguments().size() != count || !(action.arguments().get(0) instanceof AggregationRef)) {
            throw new CompileError(action.line(), action.function() + "( ) prototype mismatch: an aggregation"
                    + (count == 2 ? " and a value are" : " is") + " required");
        }
        return aggregation(((AggregationRef) action.arguments().get(0)).name(), action.line());
    }

    /**
     * An aggregation by name. Aggregations are global in D: one printed in a clause written
     * before the clause that fills it is fine, so the program is lowered twice, the first
     * time only to find every aggregation.
     */
    private Aggregation aggregation(String name, int line) throws CompileError {
        Aggregation aggregation = aggregations.get(name);
        if (aggregation == null) {
            if (discovering) {
                return new Aggregation(name, name.isEmpty() ? "@" : "@" + name, null, null, Function.COUNT, List.of(), List.of());
            }
            throw new CompileError(line, "failed to resolve @" + name + ": no clause assigns this aggregation");
        }
        return aggregation;
    }

    private static PrintfFormat format(String text, int line, boolean printa) throws CompileError {
        try {
            PrintfFormat format = PrintfFormat.parse(text);
            for (PrintfFormat.Conversion c : format.conversions()) {
                if (c.aggregation() && !printa) {
                    throw new CompileError(line, "printf( ) format conversion " + c.text() + " is only valid in printa( )");
                }
                if (c.conversion() == 'k') {
                    throw new CompileError(line, "format conversion %k (kernel stacks) is not supported");
                }
            }
            return format;
        } catch (IllegalArgumentException e) {
            throw new CompileError(line, (printa ? "printa" : "printf") + "( ) " + e.getMessage());
        }
    }

    private static List<DType> checkArguments(PrintfFormat format, List<Code> arguments, int line, String function)
            throws CompileError {
        List<DType> types = new ArrayList<>();
        int next = 0;
        int number = 0;
        for (PrintfFormat.Conversion c : format.conversions()) {
            number++;
            int needed = (c.width() == PrintfFormat.Conversion.STAR ? 1 : 0) + (c.precision() == PrintfFormat.Conversion.STAR ? 1 : 0) + 1;
            for (int k = 0; k < needed; k++) {
                if (next >= arguments.size()) {
                    throw new CompileError(line, function + "( ) prototype mismatch: conversion #" + number + " (" + c.text()
                            + ") is missing a corresponding value argument");
                }
                DType type = arguments.get(next).type();
                boolean isValue = k == needed - 1;
                boolean wantsString = isValue && c.needs() == PrintfFormat.Needs.STRING;
                if (type.printsAsString() != wantsString) {
                    throw new CompileError(line, function + "( ) argument #" + (next + 2) + " is incompatible with conversion #"
                            + number + " prototype:\n\tconversion: " + c.text() + "\n\t prototype: "
                            + (wantsString ? "char [] or string" : "integer") + "\n\t  argument: " + type
                            + (type.isStringPointer() ? " (a user-space pointer: read it with copyinstr())" : ""));
                }
                types.add(type);
                next++;
            }
        }
        if (next < arguments.size()) {
            throw new CompileError(line, function + "( ) prototype mismatch: " + (arguments.size() - next)
                    + " extra arguments: format \"" + format.text() + "\" has " + number + " conversions");
        }
        return types;
    }

    // ---- statements -------------------------------------------------------------------------

    private String statement(Expr statement, Context context) throws CompileError {
        String code = statementWithoutPrelude(statement, context);
        return context.takePrelude() + code;
    }

    private String statementWithoutPrelude(Expr statement, Context context) throws CompileError {
        if (statement instanceof If) {
            If branch = (If) statement;
            String condition = Expressions.truth(expressions.gen(branch.condition(), context), branch.line());
            StringBuilder out = new StringBuilder(context.takePrelude() + "\tif (" + condition + ") {\n")
                    .append(indent(branchStatements(branch.then(), context))).append("\t}");
            if (!branch.otherwise().isEmpty()) {
                out.append(" else {\n").append(indent(branchStatements(branch.otherwise(), context))).append("\t}");
            }
            return out.append('\n').toString();
        }
        if (statement instanceof AggregationAssign) {
            return aggregate((AggregationAssign) statement, context);
        }
        if (statement instanceof Assign) {
            return assign((Assign) statement, context);
        }
        if (statement instanceof Step) {
            Step step = (Step) statement;
            String target = lvalue(step.target(), context);
            return "\t" + target + " = " + target + (step.delta() > 0 ? " + 1" : " - 1") + ";\n";
        }
        if (statement instanceof Call) {
            Call call = (Call) statement;
            switch (call.function()) {
                case "clear": // D's clear zeroes the values and keeps the keys, as bpftrace's zero does
                    return "\tzero(" + aggregationArgument(call, 1).map() + ");\n"
                            + squares(aggregationArgument(call, 1), "zero");
                case "trunc": {
                    Aggregation aggregation = aggregationArgument(call, 1);
                    return "\tclear(" + aggregation.map() + ");\n" + squares(aggregation, "clear");
                }
                default:
                    break;
            }
            expressions.gen(call, context); // reports unknown and unsupported functions
            throw new CompileError(call.line(), "the value of " + call.function() + "( ) is not used");
        }
        throw new CompileError(statement.line(), "statement has no effect");
    }

    /**
     * The statements of an if's branch. Output there is known only when the branch runs, so each
     * event of it is a line of its own (dtrace would join it to the clause's other output).
     */
    private String branchStatements(List<Expr> statements, Context context) throws CompileError {
        StringBuilder body = new StringBuilder();
        for (List<Object> group : groupStatements(statements)) {
            if (group.get(0) instanceof EventGroup) {
                body.append(eventStatements((EventGroup) group.get(0), context, true, true));
            } else {
                for (Object statement : group) {
                    body.append(statement((Expr) statement, context));
                }
            }
        }
        return body.toString();
    }

    private static String indent(String code) {
        return code.replaceAll("(?m)^(?=.)", "\t");
    }

    /** A keyless sum's, min's or max's count of firings (see {@link Aggregation}). */
    private static String fired(Aggregation aggregation) {
        return aggregation.fired() == null ? "" : "\t" + aggregation.fired() + " = count();\n";
    }

    private static String squares(Aggregation aggregation, String function) {
        return aggregation.squares() == null ? "" : "\t" + function + "(" + aggregation.squares() + ");\n";
    }

    private String assign(Assign assign, Context context) throws CompileError {
        Var var = assign.target() instanceof Index ? ((Index) assign.target()).array() : (Var) assign.target();
        Expr buffer = vars.stringBuffers.contains(Variables.key(var.scope(), var.name())) ? stringOfBuffer(assign) : null;
        if (buffer != null) {
            assign = new Assign(assign.operator(), assign.target(), buffer, assign.line()); // kept as the buffer
        }
        DType targetType = vars.types.get(Variables.key(var.scope(), var.name()));
        if (targetType != null && targetType.isBuffer() && assign.target() instanceof Index) {
            return cutBuffer(assign, context);
        }
        if (isFreeing(assign) && vars.neverStored(var)) {
            return ""; // nothing ever sets it: there is nothing to free, and no map to name
        }
        Code value = expressions.genAny(assign.value(), context);
        if (value.type().fields() > 1 || targetType != null && targetType.fields() > 1) {
            return assignPieces(assign, value, targetType, context);
        }
        String target = lvalue(assign.target(), context);
        if (assign.operator().equals("=")) {
            if (targetType != null && targetType.string() != value.type().string()) {
                throw new CompileError(assign.line(), "operands have incompatible types: \"" + targetType + "\" = \""
                        + value.type() + "\"");
            }
            if (isFreeing(assign)) {
                return "\tdelete(" + target + ");\n"; // D frees a variable set to 0
            }
            return "\t" + target + " = " + value.text() + ";\n";
        }
        if (value.type().string() || (targetType != null && targetType.string())) {
            throw new CompileError(assign.line(), "operator " + assign.operator() + " requires integer operands");
        }
        String operator = assign.operator().substring(0, assign.operator().length() - 1);
        return "\t" + target + " = " + target + " " + operator + " (" + value.text() + ");\n";
    }

    /**
     * {@code this->x = strjoin(…)} or {@code copyin(…)}: a clause-local of several fields,
     * {@code $this_x}, {@code $this_x_1}, …; bpftrace keeps nothing of several fields in a map.
     */
    private String assignPieces(Assign assign, Code value, DType targetType, Context context) throws CompileError {
        String what = value.type().isBuffer() ? "copyin( )'s buffer" : "strjoin( )'s result";
        if (!(assign.target() instanceof Var) || ((Var) assign.target()).scope() != Scope.THIS
                || !assign.operator().equals("=")) {
            throw new CompileError(assign.line(), what + " can only be assigned to a this-> variable: this->x = …");
        }
        if (targetType != null && targetType.string() && value.type().string()) {
            value = padded(value, targetType.fields());
        } else if (targetType != null && !targetType.equals(value.type())) {
            throw new CompileError(assign.line(), "operands have incompatible types: \"" + targetType + "\" = \""
                    + value.type() + "\"");
        }
        String target = lvalue(assign.target(), context);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.pieces().size(); i++) {
            out.append('\t').append(Variables.piece(target, i)).append(" = ").append(value.pieces().get(i)).append(";\n");
        }
        return out.toString();
    }

    /** A string as a strjoin of {@code fields} strings, the missing ones empty. */
    private static Code padded(Code string, int fields) {
        List<String> pieces = new ArrayList<>(string.pieces());
        while (pieces.size() < fields) {
            pieces.add("\"\"");
        }
        return new Code(pieces.get(0), DType.joined(pieces.size()), false, List.copyOf(pieces));
    }

    /** {@code this->b[n] = '\0'} on a copyin buffer: its string ends at n. */
    private String cutBuffer(Assign assign, Context context) throws CompileError {
        Index index = (Index) assign.target();
        if (!assign.operator().equals("=") || !(assign.value() instanceof IntLit) || ((IntLit) assign.value()).value() != 0
                || index.keys().size() != 1) {
            throw new CompileError(assign.line(), "a copyin( ) buffer can only be cut: this->b[n] = '\\0';"
                    + " other stores into it are not supported");
        }
        Code end = expressions.gen(index.keys().get(0), context);
        return "\t" + Variables.piece(vars.name(index.array(), List.of(), context), 1) + " = " + end.text() + ";\n";
    }

    private String lvalue(Expr target, Context context) throws CompileError {
        if (target instanceof Var) {
            Var var = (Var) target;
            if (var.scope() == Scope.GLOBAL && (Expressions.BUILTINS.contains(var.name()) || var.name().matches("arg\\d"))) {
                throw new CompileError(var.line(), "operator = can only be applied to a writable variable: " + var.name()
                        + " is a built-in");
            }
            return vars.name(var, List.of(), context);
        }
        if (target instanceof Index) {
            Index index = (Index) target;
            List<String> keys = new ArrayList<>();
            for (Expr key : index.keys()) {
                keys.add(expressions.gen(key, context).text());
            }
            return vars.name(index.array(), keys, context);
        }
        throw new CompileError(target.line(), "operator = can only be applied to a variable");
    }

    private String aggregate(AggregationAssign assign, Context context) throws CompileError {
        Call call = assign.function();
        List<String> keys = new ArrayList<>();
        List<DType> keyTypes = new ArrayList<>();
        Map<Integer, Integer> joinedFields = joinedKeyFields.getOrDefault(assign.name(), Map.of());
        for (int i = 0; i < assign.keys().size(); i++) {
            Code code = expressions.aggregationKey(assign.keys().get(i), context);
            if (code.type().string() && !code.type().isStack() && joinedFields.containsKey(i)) {
                code = padded(code, joinedFields.get(i)); // every key of a map has the same number of fields
            }
            keys.addAll(code.pieces());
            keyTypes.add(code.type());
        }
        Function function;
        try {
            function = Function.valueOf(call.function().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CompileError(call.line(), call.function() + "( ) is not an aggregating function");
        }
        int expected = function == Function.COUNT ? 0 : function == Function.LQUANTIZE || function == Function.LLQUANTIZE ? -1 : 1;
        List<Expr> arguments = call.arguments();
        if (expected >= 0 && arguments.size() != expected) {
            throw new CompileError(call.line(), call.function() + "( ) prototype mismatch: " + expected + " argument"
                    + (expected == 1 ? "" : "s") + " required" + (arguments.size() > expected ? " (the increment argument is not supported)" : ""));
        }
        List<Long> parameters = List.of();
        if (function == Function.LQUANTIZE) {
            if (arguments.size() < 3 || arguments.size() > 4) {
                throw new CompileError(call.line(), "lquantize( ) prototype mismatch: (value, base, limit[, step]) required");
            }
            long base = Expressions.constant(arguments.get(1), "lquantize( ) base");
            long limit = Expressions.constant(arguments.get(2), "lquantize( ) limit");
            long step = arguments.size() == 4 ? Expressions.constant(arguments.get(3), "lquantize( ) step") : 1;
            if (step <= 0 || limit <= base || (limit - base) / step > 65535) {
                throw new CompileError(call.line(), "lquantize( ) limit (argument #3) must be greater than the base (argument #2)"
                        + " and the step positive, with at most 65535 levels");
            }
            parameters = List.of(base, limit, step);
        } else if (function == Function.LLQUANTIZE) {
            if (arguments.size() != 5) {
                throw new CompileError(call.line(), "llquantize( ) prototype mismatch: (value, factor, low, high, steps) required");
            }
            long factor = Expressions.constant(arguments.get(1), "llquantize( ) factor");
            long low = Expressions.constant(arguments.get(2), "llquantize( ) low");
            long high = Expressions.constant(arguments.get(3), "llquantize( ) high");
            long steps = Expressions.constant(arguments.get(4), "llquantize( ) steps");
            if (factor < 2 || low < 0 || high < low || steps < factor || steps % factor != 0 || !fits(factor, high + 1)) {
                throw new CompileError(call.line(), "llquantize( ) needs a factor of at least 2, 0 <= low <= high,"
                        + " steps a multiple of the factor, and factor^(high+1) within 64 bits");
            }
            parameters = List.of(factor, low, high, steps);
        }
        String map = assign.name().isEmpty() ? "@" : "@" + assign.name();
        boolean counted = keyTypes.isEmpty() && (function == Function.SUM || function == Function.MIN || function == Function.MAX);
        Aggregation aggregation = new Aggregation(assign.name(), map, function == Function.STDDEV ? map + "_squares" : null,
                counted ? map + "_fired" : null, function, keyTypes, parameters);
        Aggregation known = aggregations.get(assign.name());
        if (known == null) {
            aggregations.put(assign.name(), aggregation);
        } else if (known.function() != function || !known.parameters().equals(parameters)) {
            throw new CompileError(assign.line(), "@" + assign.name() + ": " + call.function()
                    + "( ) redefined: the aggregation is already " + known.function().name().toLowerCase(java.util.Locale.ROOT) + "( )");
        } else if (!sameKinds(known.keys(), keyTypes)) {
            throw new CompileError(assign.line(), "@" + assign.name() + " is used with keys of other types: " + known.keys()
                    + " and " + keyTypes);
        }
        String target = map + (keys.isEmpty() ? "" : "[" + String.join(", ", keys) + "]");
        Code value = arguments.isEmpty() ? null : expressions.gen(arguments.get(0), context);
        if (value != null && value.type().string()) {
            throw new CompileError(call.line(), call.function() + "( ) argument #1 is incompatible with prototype: integer required, "
                    + value.type() + " given");
        }
        switch (function) {
            case COUNT:
                return "\t" + target + " = count();\n";
            case SUM: case MIN:
                return "\t" + target + " = " + call.function() + "(" + value.text() + ");\n" + fired(aggregation);
            case MAX: // the min of the negated values: bpftrace 0.17 never stores a max of 0 or less
                return "\t" + target + " = min(-(" + value.text() + "));\n" + fired(aggregation);
            case AVG:
                return "\t" + target + " = stats(" + value.text() + ");\n";
            case STDDEV: {
                String squares = aggregation.squares() + (keys.isEmpty() ? "" : "[" + String.join(", ", keys) + "]");
                return "\t$value = " + value.text() + ";\n\t" + target + " = stats($value);\n\t"
                        + squares + " = sum($value * $value);\n";
            }
            case QUANTIZE:
                return "\t" + target + " = hist(" + value.text() + ");\n";
            case LQUANTIZE:
                if (parameters.get(0) < 0) { // lhist takes no negative bound: the values less the base, put back in printing
                    return "\t" + target + " = lhist((" + value.text() + ") - (" + parameters.get(0) + "), 0, "
                            + (parameters.get(1) - parameters.get(0)) + ", " + parameters.get(2) + ");\n";
                }
                return "\t" + target + " = lhist(" + value.text() + ", " + parameters.get(0) + ", " + parameters.get(1) + ", "
                        + parameters.get(2) + ");\n";
            case LLQUANTIZE: {
                // bpftrace has no log-linear histogram: the bucket is computed here and counted as one more key
                List<String> withBucket = new ArrayList<>(keys);
                withBucket.add(logLinearBucket("$value", parameters));
                return "\t$value = " + value.text() + ";\n\t" + map + "[" + String.join(", ", withBucket) + "] = count();\n";
            }
            default:
                throw new IllegalStateException(function.name());
        }
    }

    /**
     * dtrace's llquantize bucket of {@code value} as a chain of comparisons: -1 below
     * factor^low, factor^(high+1) above the last order, else the start of its step.
     */
    static String logLinearBucket(String value, List<Long> parameters) {
        long factor = parameters.get(0);
        long low = parameters.get(1);
        long high = parameters.get(2);
        long steps = parameters.get(3);
        long start = io.github.usdt4j.dtrace.output.AggregationPrinter.power(factor, low);
        StringBuilder chain = new StringBuilder("(" + value + " < " + start + " ? -1 : ");
        int open = 1;
        for (long order = low; order <= high; order++) {
            long next = start * factor;
            long step = next > steps ? next / steps : 1;
            chain.append("(").append(value).append(" < ").append(next).append(" ? ")
                    .append(start).append(" + (").append(value).append(" - ").append(start).append(") / ").append(step)
                    .append(" * ").append(step).append(" : ");
            open++;
            start = next;
        }
        chain.append(start).append(")".repeat(open));
        return chain.toString();
    }

    private static boolean fits(long factor, long exponent) {
        try {
            io.github.usdt4j.dtrace.output.AggregationPrinter.power(factor, exponent);
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private static boolean sameKinds(List<DType> a, List<DType> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i).string() != b.get(i).string() || a.get(i).fields() != b.get(i).fields()) {
                return false;
            }
        }
        return true;
    }


}
