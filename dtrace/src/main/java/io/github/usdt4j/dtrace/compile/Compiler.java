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
import io.github.usdt4j.dtrace.lang.Ast.Binary;
import io.github.usdt4j.dtrace.lang.Ast.Call;
import io.github.usdt4j.dtrace.lang.Ast.Cast;
import io.github.usdt4j.dtrace.lang.Ast.Clause;
import io.github.usdt4j.dtrace.lang.Ast.Expr;
import io.github.usdt4j.dtrace.lang.Ast.If;
import io.github.usdt4j.dtrace.lang.Ast.Index;
import io.github.usdt4j.dtrace.lang.Ast.IntLit;
import io.github.usdt4j.dtrace.lang.Ast.Scope;
import io.github.usdt4j.dtrace.lang.Ast.Step;
import io.github.usdt4j.dtrace.lang.Ast.StrLit;
import io.github.usdt4j.dtrace.lang.Ast.Ternary;
import io.github.usdt4j.dtrace.lang.Ast.Unary;
import io.github.usdt4j.dtrace.lang.Ast.Var;
import io.github.usdt4j.dtrace.lang.CompileError;
import io.github.usdt4j.dtrace.output.PrintfFormat;
import io.github.usdt4j.dtrace.probes.KernelProbes;
import io.github.usdt4j.dtrace.probes.ProbeCatalog;
import io.github.usdt4j.dtrace.probes.ProbeDescription;
import io.github.usdt4j.dtrace.probes.ProbeSite;
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
            long tracerPid) {
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
    private final Map<String, DType> variables = new HashMap<>();
    private final Map<String, List<DType>> arrayKeys = new HashMap<>();
    /** The most strings a strjoin key of an aggregation joins, by aggregation and key position. */
    private final Map<String, Map<Integer, Integer>> joinedKeyFields = new HashMap<>();
    private final Map<String, Aggregation> aggregations = new LinkedHashMap<>();
    private final Map<Integer, Event> events = new LinkedHashMap<>();
    private final Set<String> internalMaps = new LinkedHashSet<>();
    private final List<String> warnings = new ArrayList<>();
    /** Set during the first lowering, which only finds the aggregations. */
    private boolean discovering;

    private Compiler(ProbeCatalog catalog, Settings settings) {
        this.catalog = catalog;
        this.settings = settings;
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
        internalMaps.clear();
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, List<Enabling>> block : blocks.entrySet()) {
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
                return "usdt:" + usdt.library() + ":" + usdt.providerName() + ":" + usdt.elfName();
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

    private static String key(Scope scope, String name) {
        return scope + ":" + name;
    }

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
            String key = key(target.scope(), target.name());
            DType type = assign.operator().equals("=") ? quietType(assign.value()) : DType.INT64;
            DType known = variables.get(key);
            if (known == null && type != null) {
                variables.put(key, type);
            } else if (known != null && type != null && known.string() && type.string() && type.fields() > known.fields()) {
                variables.put(key, type); // a clause-local holds the longest strjoin assigned to it; shorter ones are padded
            }
            boolean buffer = variables.containsKey(key) && variables.get(key).isBuffer(); // this->b[n] = '\0' cuts it
            if (assign.target() instanceof Index && !buffer && !arrayKeys.containsKey(key)) {
                List<DType> keys = new ArrayList<>();
                for (Expr k : ((Index) assign.target()).keys()) {
                    DType keyType = quietType(k);
                    if (keyType == null) {
                        return;
                    }
                    keys.add(keyType);
                }
                arrayKeys.put(key, keys);
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
            variables.putIfAbsent(key(var.scope(), var.name()), DType.INT64);
        } else if (expr instanceof If) {
            for (Expr statement : ((If) expr).then()) {
                inferTypes(statement);
            }
            for (Expr statement : ((If) expr).otherwise()) {
                inferTypes(statement);
            }
        }
    }

    /** The type of an expression, or null while a variable it reads has no type yet. */
    private DType quietType(Expr expr) {
        try {
            return genAny(expr, Context.TYPES).type();
        } catch (CompileError | RuntimeException e) {
            return null;
        }
    }

    // ---- blocks ------------------------------------------------------------------------------

    /** What code generation knows about where it is: the probes of the block, and its clause. */
    private static final class Context {
        static final Context TYPES = new Context(List.of(), null);
        final List<ProbeSite> probes;
        final Set<String> thisVariables;
        /** Statements an expression needs run before the statement that holds it (strlen's loop). */
        private final StringBuilder prelude = new StringBuilder();
        private int loops;

        Context(List<ProbeSite> probes, Set<String> thisVariables) {
            this.probes = probes;
            this.thisVariables = thisVariables;
        }

        /** The statements gathered since the last call, to put before the statement being generated. */
        String takePrelude() {
            String statements = prelude.toString();
            prelude.setLength(0);
            loops = 0;
            return statements;
        }

        ProbeSite probe() {
            return probes.isEmpty() ? null : probes.get(0);
        }
    }

    private String block(String name, List<Enabling> enablings) throws CompileError {
        StringBuilder body = new StringBuilder();
        if (name.equals("BEGIN")) {
            body.append("\tprintf(\"").append(escape(record(CompiledProgram.ATTACHED))).append("\\n\");\n");
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
            for (String map : internalMaps) {
                body.append("\tclear(").append(map).append(");\n");
            }
            body.append("\tprintf(\"").append(escape(record(CompiledProgram.ENDED))).append("\\n\");\n");
        }
        StringBuilder out = new StringBuilder(name).append("\n{\n");
        for (String variable : thisVariables) {
            DType type = variables.get(key(Scope.THIS, variable));
            for (int i = 0; type != null && !type.string() && i < type.fields(); i++) {
                out.append('\t').append(piece("$this_" + variable, i)).append(" = (int64)0;\n");
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
            Code predicate = gen(clause.predicate(), context);
            conditions.add(truth(predicate, clause.predicate().line()));
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
    /** dtrace's default ustackframes, and the most frames the kernel gives a BPF program (perf_event_max_stack). */
    private static final long USTACK_FRAMES = 100;
    private static final long MAX_STACK_FRAMES = 127;
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
                        codes.add(printable(argument, context));
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
                    Code code = printable(action.arguments().get(0), context);
                    values.addAll(values(code));
                    records.add(new CompiledProgram.Trace(code.type()));
                    break;
                }
                case "ustack": {
                    values.add("s:" + ustack(action));
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
                    values.add(value(gen(action.arguments().get(0), context)));
                    records.add(new CompiledProgram.Exit());
                    after.append("\texit();\n");
                    break;
                }
                case "normalize": {
                    Aggregation aggregation = aggregationArgument(action, 2);
                    values.add(value(gen(action.arguments().get(1), context)));
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
                    values.add(value(gen(action.arguments().get(1), context)));
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
        StringBuilder format = new StringBuilder(escape(record(Integer.toString(id))));
        StringBuilder arguments = new StringBuilder(", cpu, pid");
        format.append(escape(String.valueOf(CompiledProgram.FIELD))).append("%d");
        format.append(escape(String.valueOf(CompiledProgram.FIELD))).append("%d");
        for (String value : values) {
            format.append(escape(String.valueOf(CompiledProgram.FIELD))).append(value.startsWith("s:") ? "%s" : "%ld");
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
            if (aggregation.squares() != null) {
                after.append("\tprint(").append(aggregation.squares()).append(");\n");
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
                return new Aggregation(name, name.isEmpty() ? "@" : "@" + name, null, Function.COUNT, List.of(), List.of());
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
                if (type.string() != wantsString) {
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
            String condition = truth(gen(branch.condition(), context), branch.line());
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
            gen(call, context); // reports unknown and unsupported functions
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

    private static String squares(Aggregation aggregation, String function) {
        return aggregation.squares() == null ? "" : "\t" + function + "(" + aggregation.squares() + ");\n";
    }

    private String assign(Assign assign, Context context) throws CompileError {
        Var var = assign.target() instanceof Index ? ((Index) assign.target()).array() : (Var) assign.target();
        DType targetType = variables.get(key(var.scope(), var.name()));
        if (targetType != null && targetType.isBuffer() && assign.target() instanceof Index) {
            return cutBuffer(assign, context);
        }
        Code value = genAny(assign.value(), context);
        if (value.type().fields() > 1 || targetType != null && targetType.fields() > 1) {
            return assignPieces(assign, value, targetType, context);
        }
        String target = lvalue(assign.target(), context);
        if (assign.operator().equals("=")) {
            if (targetType != null && targetType.string() != value.type().string()) {
                throw new CompileError(assign.line(), "operands have incompatible types: \"" + targetType + "\" = \""
                        + value.type() + "\"");
            }
            if (var.scope() != Scope.THIS && assign.value() instanceof IntLit && ((IntLit) assign.value()).value() == 0) {
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
            out.append('\t').append(piece(target, i)).append(" = ").append(value.pieces().get(i)).append(";\n");
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

    /** The variable that holds field {@code i} of a clause-local of several fields. */
    private static String piece(String variable, int i) {
        return i == 0 ? variable : variable + "_" + i;
    }

    /** {@code this->b[n] = '\0'} on a copyin buffer: its string ends at n. */
    private String cutBuffer(Assign assign, Context context) throws CompileError {
        Index index = (Index) assign.target();
        if (!assign.operator().equals("=") || !(assign.value() instanceof IntLit) || ((IntLit) assign.value()).value() != 0
                || index.keys().size() != 1) {
            throw new CompileError(assign.line(), "a copyin( ) buffer can only be cut: this->b[n] = '\\0';"
                    + " other stores into it are not supported");
        }
        Code end = gen(index.keys().get(0), context);
        return "\t" + piece(variable(index.array(), List.of(), context), 1) + " = " + end.text() + ";\n";
    }

    private String lvalue(Expr target, Context context) throws CompileError {
        if (target instanceof Var) {
            Var var = (Var) target;
            if (var.scope() == Scope.GLOBAL && (BUILTINS.contains(var.name()) || var.name().matches("arg\\d"))) {
                throw new CompileError(var.line(), "operator = can only be applied to a writable variable: " + var.name()
                        + " is a built-in");
            }
            return variable(var, List.of(), context);
        }
        if (target instanceof Index) {
            Index index = (Index) target;
            List<String> keys = new ArrayList<>();
            for (Expr key : index.keys()) {
                keys.add(gen(key, context).text());
            }
            return variable(index.array(), keys, context);
        }
        throw new CompileError(target.line(), "operator = can only be applied to a variable");
    }

    /** Globals are {@code @NAME}, thread-locals {@code @self_NAME[tid]}, clause-locals {@code $this_NAME}. */
    private String variable(Var var, List<String> keys, Context context) {
        switch (var.scope()) {
            case SELF: {
                String map = "@self_" + var.name();
                internalMaps.add(map);
                List<String> all = new ArrayList<>(List.of("tid"));
                all.addAll(keys);
                return map + "[" + String.join(", ", all) + "]";
            }
            case THIS:
                if (context.thisVariables != null) {
                    context.thisVariables.add(var.name());
                }
                return "$this_" + var.name();
            default: {
                String map = "@g_" + var.name();
                internalMaps.add(map);
                return keys.isEmpty() ? map : map + "[" + String.join(", ", keys) + "]";
            }
        }
    }

    private String aggregate(AggregationAssign assign, Context context) throws CompileError {
        Call call = assign.function();
        List<String> keys = new ArrayList<>();
        List<DType> keyTypes = new ArrayList<>();
        Map<Integer, Integer> joinedFields = joinedKeyFields.getOrDefault(assign.name(), Map.of());
        for (int i = 0; i < assign.keys().size(); i++) {
            Code code = aggregationKey(assign.keys().get(i), context);
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
            long base = constant(arguments.get(1), "lquantize( ) base");
            long limit = constant(arguments.get(2), "lquantize( ) limit");
            long step = arguments.size() == 4 ? constant(arguments.get(3), "lquantize( ) step") : 1;
            if (step <= 0 || limit <= base || (limit - base) / step > 65535) {
                throw new CompileError(call.line(), "lquantize( ) limit (argument #3) must be greater than the base (argument #2)"
                        + " and the step positive, with at most 65535 levels");
            }
            parameters = List.of(base, limit, step);
        } else if (function == Function.LLQUANTIZE) {
            if (arguments.size() != 5) {
                throw new CompileError(call.line(), "llquantize( ) prototype mismatch: (value, factor, low, high, steps) required");
            }
            long factor = constant(arguments.get(1), "llquantize( ) factor");
            long low = constant(arguments.get(2), "llquantize( ) low");
            long high = constant(arguments.get(3), "llquantize( ) high");
            long steps = constant(arguments.get(4), "llquantize( ) steps");
            if (factor < 2 || low < 0 || high < low || steps < factor || steps % factor != 0 || !fits(factor, high + 1)) {
                throw new CompileError(call.line(), "llquantize( ) needs a factor of at least 2, 0 <= low <= high,"
                        + " steps a multiple of the factor, and factor^(high+1) within 64 bits");
            }
            parameters = List.of(factor, low, high, steps);
        }
        String map = assign.name().isEmpty() ? "@" : "@" + assign.name();
        Aggregation aggregation = new Aggregation(assign.name(), map, function == Function.STDDEV ? map + "_squares" : null,
                function, keyTypes, parameters);
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
        Code value = arguments.isEmpty() ? null : gen(arguments.get(0), context);
        if (value != null && value.type().string()) {
            throw new CompileError(call.line(), call.function() + "( ) argument #1 is incompatible with prototype: integer required, "
                    + value.type() + " given");
        }
        switch (function) {
            case COUNT:
                return "\t" + target + " = count();\n";
            case SUM: case MIN: case MAX:
                return "\t" + target + " = " + call.function() + "(" + value.text() + ");\n";
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

    private static long constant(Expr expr, String what) throws CompileError {
        if (expr instanceof IntLit) {
            return ((IntLit) expr).value();
        }
        if (expr instanceof Unary && ((Unary) expr).operator().equals("-") && ((Unary) expr).operand() instanceof IntLit) {
            return -((IntLit) ((Unary) expr).operand()).value();
        }
        throw new CompileError(expr.line(), what + " must be an integer constant");
    }

    // ---- expressions ------------------------------------------------------------------------

    /**
     * An expression in bpftrace: its text, its D type, and whether it is already a condition.
     * A value of several fields (a strjoin, a copyin buffer: see {@link DType#fields()}) has
     * one text per field in {@code pieces}; only the places that can carry it take it.
     */
    record Code(String text, DType type, boolean condition, List<String> pieces) {
        Code(String text, DType type, boolean condition) {
            this(text, type, condition, List.of(text));
        }

        Code(String text, DType type) {
            this(text, type, false);
        }

        /** A string made of strings: adjacent literals become one. */
        static Code joined(List<String> pieces) {
            List<String> merged = new ArrayList<>();
            for (String piece : pieces) {
                int last = merged.size() - 1;
                if (last >= 0 && isLiteral(piece) && isLiteral(merged.get(last))) {
                    String before = merged.get(last);
                    merged.set(last, before.substring(0, before.length() - 1) + piece.substring(1));
                } else {
                    merged.add(piece);
                }
            }
            return new Code(merged.get(0), DType.joined(merged.size()), false, List.copyOf(merged));
        }

        static Code buffer(String address, String size) {
            return new Code(address, DType.BUFFER, false, List.of(address, size));
        }

        private static boolean isLiteral(String piece) {
            return piece.matches("\"([^\"\\\\]|\\\\.)*\"");
        }
    }

    private static final Set<String> BUILTINS = Set.of("timestamp", "walltimestamp", "vtimestamp", "pid", "tid", "ppid",
            "uid", "gid", "execname", "cpu", "probeprov", "probemod", "probefunc", "probename", "arg0", "arg1", "arg2",
            "arg3", "arg4", "arg5", "arg6", "arg7", "arg8", "arg9", "args", "curthread", "errno", "epid", "id",
            "stackdepth", "ustackdepth", "caller", "ucaller", "uregs", "curpsinfo", "curlwpsinfo", "cwd", "root", "ipl");

    /** An expression that is one bpftrace value: what operators, conditions and most places take. */
    Code gen(Expr expr, Context context) throws CompileError {
        Code code = genAny(expr, context);
        if (code.type().isBuffer()) {
            throw new CompileError(expr.line(), "copyin( )'s buffer can only be kept in a this-> variable, cut with"
                    + " this->b[n] = '\\0' and read as a string with stringof( ) or (string)");
        }
        if (code.type().isStack()) {
            throw new CompileError(expr.line(), "ustack( ) as a value can only be an aggregation's key:"
                    + " @[ustack()] = count()");
        }
        if (code.type().fields() > 1) {
            throw new CompileError(expr.line(), "strjoin( )'s result can only be printed, traced, used as an"
                    + " aggregation key or kept in a this-> variable here (bpftrace 0.17 cannot join strings)");
        }
        return code;
    }

    /** An expression that printf, trace and aggregation keys take: any string, strjoin's too. */
    private Code printable(Expr expr, Context context) throws CompileError {
        Code code = genAny(expr, context);
        return code.type().isBuffer() || code.type().isStack() ? gen(expr, context) : code;
    }

    /** An aggregation's key: what printf takes, and a stack. */
    private Code aggregationKey(Expr expr, Context context) throws CompileError {
        Code code = genAny(expr, context);
        return code.type().isStack() ? code : printable(expr, context);
    }

    /** Any expression, of one field or several. */
    private Code genAny(Expr expr, Context context) throws CompileError {
        if (expr instanceof IntLit) {
            long value = ((IntLit) expr).value();
            // as in C, a constant is an int when it fits, else a 64-bit integer
            DType type = value == (int) value ? DType.INT : value < 0 ? DType.UINT64 : DType.INT64;
            return new Code(Long.toString(value), type);
        }
        if (expr instanceof StrLit) {
            return new Code("\"" + escape(((StrLit) expr).value()) + "\"", DType.STRING);
        }
        if (expr instanceof Var) {
            return variableValue((Var) expr, context);
        }
        if (expr instanceof Index) {
            return index((Index) expr, context);
        }
        if (expr instanceof Call) {
            return call((Call) expr, context);
        }
        if (expr instanceof Unary) {
            return unary((Unary) expr, context);
        }
        if (expr instanceof Binary) {
            return binary((Binary) expr, context);
        }
        if (expr instanceof Ternary) {
            Ternary ternary = (Ternary) expr;
            Code condition = gen(ternary.condition(), context);
            Code a = gen(ternary.ifTrue(), context);
            Code b = gen(ternary.ifFalse(), context);
            if (a.type().string() != b.type().string()) {
                throw new CompileError(expr.line(), "operator ?: operands must have compatible types");
            }
            return new Code("(" + truth(condition, expr.line()) + " ? " + a.text() + " : " + b.text() + ")", a.type());
        }
        if (expr instanceof Cast) {
            return cast((Cast) expr, context);
        }
        if (expr instanceof AggregationRef) {
            throw new CompileError(expr.line(), "aggregation @" + ((AggregationRef) expr).name()
                    + " can only be used with printa( ), clear( ), trunc( ) and normalize( )");
        }
        if (expr instanceof Assign || expr instanceof Step) {
            throw new CompileError(expr.line(), "an assignment can only be a statement here, not part of an expression");
        }
        if (expr instanceof AggregationAssign) {
            throw new CompileError(expr.line(), "an aggregation can only be a statement");
        }
        if (expr instanceof If) {
            throw new CompileError(expr.line(), "if can only be a statement");
        }
        throw new CompileError(expr.line(), "unsupported expression");
    }

    private Code variableValue(Var var, Context context) throws CompileError {
        if (var.scope() == Scope.GLOBAL && (BUILTINS.contains(var.name()) || var.name().matches("arg\\d+"))) {
            return builtin(var, context);
        }
        DType type = variables.get(key(var.scope(), var.name()));
        if (type == null) {
            throw new CompileError(var.line(), "failed to resolve " + (var.scope() == Scope.SELF ? "self->"
                    : var.scope() == Scope.THIS ? "this->" : "") + var.name() + ": Unknown variable name");
        }
        if (arrayKeys.containsKey(key(var.scope(), var.name()))) {
            throw new CompileError(var.line(), var.name() + " is an associative array: index it with [ ]");
        }
        String variable = variable(var, List.of(), context);
        if (type.fields() > 1) {
            List<String> pieces = new ArrayList<>();
            for (int i = 0; i < type.fields(); i++) {
                pieces.add(piece(variable, i));
            }
            return new Code(variable, type, false, pieces);
        }
        return new Code(variable, type);
    }

    private Code index(Index index, Context context) throws CompileError {
        Var array = index.array();
        if (array.scope() == Scope.GLOBAL && array.name().equals("args")) {
            if (index.keys().size() != 1 || !(index.keys().get(0) instanceof IntLit)) {
                throw new CompileError(index.line(), "args[ ] takes one integer constant");
            }
            return argument((int) ((IntLit) index.keys().get(0)).value(), true, index.line(), context);
        }
        DType type = variables.get(key(array.scope(), array.name()));
        if (type == null) {
            throw new CompileError(index.line(), "failed to resolve " + array.name() + ": Unknown variable name");
        }
        if (type.isBuffer()) {
            throw new CompileError(index.line(), "reading one byte of a copyin( ) buffer is not supported;"
                    + " read it as a string with stringof( )");
        }
        List<String> keys = new ArrayList<>();
        for (Expr key : index.keys()) {
            keys.add(gen(key, context).text());
        }
        return new Code(variable(array, keys, context), type);
    }

    private Code builtin(Var var, Context context) throws CompileError {
        ProbeSite probe = context.probe();
        switch (var.name()) {
            case "timestamp":
                return new Code("nsecs", DType.UINT64);
            case "walltimestamp":
                return new Code("(nsecs + " + settings.wallClockOffset() + ")", DType.UINT64);
            case "pid":
                return new Code("pid", DType.named("pid_t"));
            case "tid":
                return new Code("tid", DType.named("id_t"));
            case "uid":
                return new Code("uid", DType.named("uid_t"));
            case "gid":
                return new Code("gid", DType.named("uid_t"));
            case "cpu":
                return new Code("cpu", DType.named("processorid_t"));
            case "execname":
                // DTrace's execname is the process's name; bpftrace's comm is the thread's ("C2 CompilerThre")
                if (!settings.kernelTypes()) {
                    throw new CompileError(var.line(), "execname needs the kernel's BTF types (/sys/kernel/btf/vmlinux),"
                            + " which this kernel lacks");
                }
                return new Code("curtask->group_leader->comm", DType.STRING);
            case "ppid":
                if (!settings.kernelTypes()) {
                    throw new CompileError(var.line(), "ppid needs the kernel's BTF types (/sys/kernel/btf/vmlinux),"
                            + " which this kernel lacks");
                }
                return new Code("curtask->real_parent->tgid", DType.named("pid_t"));
            case "probeprov":
                return probeString(ProbeSite::provider, context, var.line(), "probeprov");
            case "probemod":
                return probeString(ProbeSite::module, context, var.line(), "probemod");
            case "probefunc":
                return probeString(ProbeSite::function, context, var.line(), "probefunc");
            case "probename":
                return probeString(ProbeSite::name, context, var.line(), "probename");
            case "epid":
            case "id":
                if (context.probes.size() > 1) {
                    throw new CompileError(var.line(), var.name() + " in a clause that matched several probes is not supported");
                }
                return new Code(Integer.toString(probe == null ? 0 : probe.id()), DType.named("uint32_t"));
            case "args":
                throw new CompileError(var.line(), "args must be indexed: args[0]");
            default:
                if (var.name().matches("arg\\d")) {
                    return argument(Integer.parseInt(var.name().substring(3)), false, var.line(), context);
                }
                throw new CompileError(var.line(), var.name() + " is not supported by this front-end"
                        + (var.name().equals("vtimestamp") ? " (bpftrace has no per-thread CPU clock; use timestamp)" : ""));
        }
    }

    /**
     * A probe's own names are constants in its block. A block serves one probe of one library,
     * but several processes may map it: probeprov ({@code libmtev1234}) then differs.
     */
    private static Code probeString(java.util.function.Function<ProbeSite, String> field, Context context, int line,
            String name) throws CompileError {
        Set<String> values = new LinkedHashSet<>();
        for (ProbeSite probe : context.probes) {
            values.add(field.apply(probe));
        }
        if (values.size() > 1) {
            throw new CompileError(line, name + " differs between the probes this clause matched (" + String.join(", ", values)
                    + "); compare pid, or write one clause per process");
        }
        return new Code("\"" + escape(values.isEmpty() ? "" : values.iterator().next()) + "\"", DType.STRING);
    }

    /** {@code argN} (a 64-bit integer) or {@code args[N]} (typed from the catalogue). */
    private Code argument(int n, boolean typed, int line, Context context) throws CompileError {
        ProbeSite probe = context.probe();
        if (probe != null && probe.kind() == ProbeSite.Kind.TRACEPOINT) {
            // as DTrace types a kernel provider without a translator here: 64-bit integers
            List<String> arguments = probe.tracepoint().arguments();
            return new Code(n < arguments.size() ? "(int64)(" + arguments.get(n) + ")" : "0", DType.INT64);
        }
        if (probe == null || probe.kind() != ProbeSite.Kind.USDT) {
            if (context == Context.TYPES) {
                return new Code("0", DType.INT64);
            }
            if (typed) {
                throw new CompileError(line, "args[ ] is only available in USDT probes");
            }
            return new Code("0", DType.INT64);
        }
        List<String> operands = probe.usdt().operands();
        List<String> types = probe.usdt().argumentTypes();
        if (typed && n >= operands.size()) {
            throw new CompileError(line, "index " + n + " is out of range for " + probe.provider() + ":::" + probe.name()
                    + " args[ ]: it has " + operands.size() + " arguments");
        }
        if (n >= operands.size()) {
            return new Code("0", DType.INT64);
        }
        DType type = DType.INT64;
        if (typed) {
            type = n < types.size() && DType.named(types.get(n)) != null ? DType.named(types.get(n)) : DType.INT64;
        }
        String raw;
        if (n < 6) {
            raw = "arg" + n;
        } else if (!probe.usdt().oneLayout()) {
            throw new CompileError(line, "argument " + n + " of " + probe.usdt().providerName() + ":::" + probe.name()
                    + " cannot be read: its sites keep it in different places, and bpftrace 0.17 reads only arg0 to arg5 itself");
        } else {
            try {
                raw = Operands.toBpftrace(operands.get(n));
            } catch (IllegalArgumentException e) {
                throw new CompileError(line, "argument " + n + " of " + probe.name() + " cannot be read: " + e.getMessage());
            }
        }
        String cast = type.bpftraceCast();
        if (cast.isEmpty() && !type.string() && type.signed()) {
            cast = "(int64)"; // bpftrace's argN is unsigned: D's is int64_t, so arg0 < 0 can hold
        }
        return new Code(cast.isEmpty() ? raw : cast + "(" + raw + ")", type);
    }

    private Code call(Call call, Context context) throws CompileError {
        List<Expr> args = call.arguments();
        switch (call.function()) {
            case "copyinstr": {
                if (args.isEmpty() || args.size() > 2) {
                    throw new CompileError(call.line(), "copyinstr( ) prototype mismatch: (address[, size]) required");
                }
                Code address = gen(args.get(0), context);
                if (address.type().string()) {
                    throw new CompileError(call.line(), "copyinstr( ) argument #1 is incompatible with prototype: an address is required");
                }
                if (args.size() == 2) {
                    return new Code("str(" + address.text() + ", " + gen(args.get(1), context).text() + ")", DType.STRING);
                }
                return new Code("str(" + address.text() + ")", DType.STRING);
            }
            case "stringof": {
                if (args.size() != 1) {
                    throw new CompileError(call.line(), "stringof( ) prototype mismatch: 1 argument required");
                }
                Code any = genAny(args.get(0), context);
                if (any.type().isBuffer()) {
                    return bufferString(any);
                }
                if (any.type().fields() > 1) {
                    return any;
                }
                Code value = gen(args.get(0), context);
                if (!value.type().string()) {
                    throw new CompileError(call.line(), "stringof( ) of " + value.type()
                            + " is not supported: USDT string arguments are user-space pointers; use copyinstr( )");
                }
                return value;
            }
            case "strjoin": {
                if (args.size() != 2) {
                    throw new CompileError(call.line(), "strjoin( ) prototype mismatch: 2 arguments required");
                }
                List<String> pieces = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    Code part = printable(args.get(i), context);
                    if (!part.type().string()) {
                        throw new CompileError(call.line(), "strjoin( ) argument #" + (i + 1) + " is incompatible with"
                                + " prototype: string required, " + part.type() + " given");
                    }
                    pieces.addAll(part.pieces());
                }
                return Code.joined(pieces);
            }
            case "copyin": {
                if (args.size() != 2) {
                    throw new CompileError(call.line(), "copyin( ) prototype mismatch: (address, size) required");
                }
                Code address = gen(args.get(0), context);
                Code size = gen(args.get(1), context);
                if (address.type().string() || size.type().string()) {
                    throw new CompileError(call.line(), "copyin( ) prototype mismatch: (address, size) required");
                }
                return Code.buffer(address.text(), size.text());
            }
            case "strlen": {
                if (args.size() != 1) {
                    throw new CompileError(call.line(), "strlen( ) prototype mismatch: 1 argument required");
                }
                return new Code(length(args.get(0), context), DType.named("size_t"));
            }
            case "substr": case "index": case "rindex": case "strchr": case "strrchr":
            case "strstr": case "strtok": case "lltostr": case "toupper": case "tolower": case "basename": case "dirname":
                throw new CompileError(call.line(), call.function() + "( ) is not supported: bpftrace 0.17 has no such string function");
            case "jstack":
                throw new CompileError(call.line(), "jstack( ) is not supported: Java frames cannot be read from bpftrace");
            case "ustack":
                return new Code(ustack(call), DType.STACK);
            case "stack":
                throw new CompileError(call.line(), "stack( ) is not supported: a USDT probe fires in user space;"
                        + " use ustack( )");
            case "copyinto": case "copyout": case "copyoutstr": case "alloca": case "bcopy":
                throw new CompileError(call.line(), call.function() + "( ) is not supported: only integers and strings are traced");
            case "speculation": case "speculate": case "commit": case "discard":
                throw new CompileError(call.line(), "speculations are not supported by this front-end");
            case "printf": case "trace": case "printa": case "exit": case "normalize": case "denormalize":
            case "clear": case "trunc":
                throw new CompileError(call.line(), call.function() + "( ) can only be a statement");
            case "count": case "sum": case "avg": case "min": case "max": case "stddev": case "quantize":
            case "lquantize": case "llquantize":
                throw new CompileError(call.line(), call.function() + "( ) can only be assigned to an aggregation: @a = "
                        + call.function() + "(…)");
            default:
                throw new CompileError(call.line(), "failed to resolve " + call.function() + ": Unknown function name");
        }
    }

    private Code unary(Unary unary, Context context) throws CompileError {
        Code operand = gen(unary.operand(), context);
        switch (unary.operator()) {
            case "!":
                return new Code("!" + truth(operand, unary.line()), DType.INT, true);
            case "-": case "~": case "+":
                requireInteger(operand, unary.operator(), unary.line());
                return new Code("(" + unary.operator() + operand.text() + ")", operand.type().size() < 4 ? DType.INT : operand.type());
            default:
                throw new CompileError(unary.line(), "operator " + unary.operator()
                        + " is not supported: pointers cannot be followed here (use copyinstr( ) for strings)");
        }
    }

    private Code binary(Binary binary, Context context) throws CompileError {
        Code left = gen(binary.left(), context);
        Code right = gen(binary.right(), context);
        String op = binary.operator();
        switch (op) {
            case "&&": case "||":
                return new Code("(" + truth(left, binary.line()) + " " + op + " " + truth(right, binary.line()) + ")", DType.INT, true);
            case "^^":
                return new Code("(" + truth(left, binary.line()) + " != " + truth(right, binary.line()) + ")", DType.INT, true);
            case "==": case "!=":
                if (left.type().string() != right.type().string()) {
                    throw new CompileError(binary.line(), "operator " + op + " operands have incompatible types: \""
                            + left.type() + "\" " + op + " \"" + right.type() + "\"");
                }
                return new Code("(" + left.text() + " " + op + " " + right.text() + ")", DType.INT, true);
            case "<": case "<=": case ">": case ">=":
                if (left.type().string() || right.type().string()) {
                    throw new CompileError(binary.line(), "operator " + op + " on strings is not supported: bpftrace 0.17 compares strings only with == and !=");
                }
                return new Code("(" + left.text() + " " + op + " " + right.text() + ")", DType.INT, true);
            default:
                requireInteger(left, op, binary.line());
                requireInteger(right, op, binary.line());
                DType type = promote(left.type(), right.type());
                if (type.signed() && (op.equals("/") || op.equals("%"))) {
                    return new Code(signedDivision(left.text(), op, right.text()), type);
                }
                return new Code("(" + left.text() + " " + op + " " + right.text() + ")", type);
        }
    }

    /**
     * C's signed / and % (the quotient rounds toward zero, the remainder takes the dividend's
     * sign), which D has and bpftrace 0.17 has not: its division is unsigned, so -2 / 2 would
     * be 2^63 - 1. Computed on magnitudes, then signed.
     */
    private static String signedDivision(String left, String op, String right) {
        String a = "(" + left + " < 0 ? -" + left + " : " + left + ")";
        String b = "(" + right + " < 0 ? -" + right + " : " + right + ")";
        String magnitude = "(" + a + " " + op + " " + b + ")";
        String negative = op.equals("/") ? "((" + left + " < 0) != (" + right + " < 0))" : "(" + left + " < 0)";
        return "(" + negative + " ? -" + magnitude + " : " + magnitude + ")";
    }

    /** C's usual arithmetic conversions, reduced to what D's integer types need. */
    private static DType promote(DType a, DType b) {
        if (a.size() < 8 && b.size() < 8) {
            return a.signed() && b.signed() ? DType.INT : DType.named("unsigned int");
        }
        return a.signed() && b.signed() ? DType.INT64 : DType.UINT64;
    }

    private Code cast(Cast cast, Context context) throws CompileError {
        String name = cast.type().toString();
        DType type = DType.named(name);
        if (type == null) {
            throw new CompileError(cast.line(), "invalid cast: type " + name + " is not known to this front-end");
        }
        Code any = genAny(cast.operand(), context);
        if (any.type().isBuffer() && (type.string() || type.isPointer())) {
            // (char *)copyin(…) stays a buffer; (string) reads it
            return type.string() ? bufferString(any) : any;
        }
        if (any.type().fields() > 1 && type.string()) {
            return any;
        }
        Code operand = gen(cast.operand(), context);
        if (type.string()) {
            if (!operand.type().string()) {
                throw new CompileError(cast.line(), "invalid cast: (string) of " + operand.type()
                        + " is not supported; read user-space strings with copyinstr( )");
            }
            return operand;
        }
        if (operand.type().string()) {
            throw new CompileError(cast.line(), "invalid cast: a string cannot become " + name);
        }
        String bpftrace = type.bpftraceCast();
        return new Code(bpftrace.isEmpty() ? operand.text() : bpftrace + "(" + operand.text() + ")", type);
    }

    /** bpftrace's stack of ustack() or ustack(n), in perf's layout, which names each frame's object (dtrace's object`symbol). */
    private static String ustack(Call call) throws CompileError {
        if (call.arguments().size() > 1) {
            throw new CompileError(call.line(), "ustack( ) takes at most 1 argument, the number of frames"
                    + " (strsize, the second, is for interpreters' helpers, which Linux has not)");
        }
        long frames = call.arguments().isEmpty() ? USTACK_FRAMES
                : constant(call.arguments().get(0), "ustack( )'s number of frames");
        if (frames < 1 || frames > MAX_STACK_FRAMES) {
            throw new CompileError(call.line(), "ustack( ) can record 1 to " + MAX_STACK_FRAMES
                    + " frames here (the kernel's perf_event_max_stack), not " + frames);
        }
        return "ustack(perf, " + frames + ")";
    }

    /**
     * strlen: bpftrace 0.17 keeps no length with a string and cannot index one, so the length
     * is counted where the string comes from: a literal's is known; a string read from user
     * memory (copyinstr, a copyin buffer) is measured there by a bounded loop, up to what the
     * read would have kept; a strjoin's is the sum of its parts'.
     */
    private String length(Expr string, Context context) throws CompileError {
        if (string instanceof StrLit) {
            return Integer.toString(((StrLit) string).value().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
        int most = settings.stringSize() - 1;
        if (string instanceof Call && ((Call) string).function().equals("copyinstr")) {
            List<Expr> args = ((Call) string).arguments();
            gen(string, context); // checks the arguments
            String address = gen(args.get(0), context).text();
            return measure(address, args.size() == 2 ? gen(args.get(1), context).text() : null, most, context);
        }
        if (string instanceof Call && ((Call) string).function().equals("strjoin") && ((Call) string).arguments().size() == 2) {
            return "(" + length(((Call) string).arguments().get(0), context) + " + "
                    + length(((Call) string).arguments().get(1), context) + ")";
        }
        Expr inner = string instanceof Call && ((Call) string).function().equals("stringof") && ((Call) string).arguments().size() == 1
                ? ((Call) string).arguments().get(0)
                : string instanceof Cast && ((Cast) string).type().toString().equals("string") ? ((Cast) string).operand() : null;
        if (inner != null) {
            Code buffer = genAny(inner, context);
            if (buffer.type().isBuffer()) {
                return measure(buffer.pieces().get(0), buffer.pieces().get(1), most, context);
            }
            return length(inner, context);
        }
        throw new CompileError(string.line(), "strlen( ) can measure a string literal, copyinstr( ), a copyin( ) buffer"
                + " read as a string, or a strjoin( ) of those: bpftrace 0.17 keeps no length with its strings");
    }

    /** A loop before the statement that counts the bytes at {@code address} up to a NUL, {@code limit} or {@code most}. */
    private static String measure(String address, String limit, int most, Context context) {
        if (context.thisVariables == null) {
            return "0"; // inferring types: no statement to put the loop before
        }
        String counter = "$strlen_" + context.loops++; // unique within the statement being built
        String bound = counter + " < " + most + (limit == null ? "" : " && " + counter + " < (int64)(" + limit + ")");
        context.prelude.append('\t').append(counter).append(" = (int64)0;\n")
                .append("\twhile (").append(bound).append(" && *(uint8 *)((int64)(").append(address).append(") + ")
                .append(counter).append(") != 0) {\n\t\t").append(counter).append("++;\n\t}\n");
        return counter;
    }

    /** A copyin buffer read as a string: up to its size, or where it was cut. */
    private static Code bufferString(Code buffer) {
        return new Code("str(" + buffer.pieces().get(0) + ", " + buffer.pieces().get(1) + ")", DType.STRING);
    }

    private static void requireInteger(Code code, String operator, int line) throws CompileError {
        if (code.type().string()) {
            throw new CompileError(line, "operator " + operator + " requires integer operands, not a string");
        }
    }

    /** A condition: integers compare with 0; a string cannot be one. */
    private static String truth(Code code, int line) throws CompileError {
        if (code.type().string()) {
            throw new CompileError(line, "a string cannot be used as a condition; compare it: s != \"\"");
        }
        return code.condition() ? code.text() : "(" + code.text() + " != 0)";
    }

    /** A bpftrace string literal's body. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\': out.append("\\\\"); break;
                case '"': out.append("\\\""); break;
                case '\n': out.append("\\n"); break;
                case '\t': out.append("\\t"); break;
                case '\r': out.append("\\r"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.toString();
    }
}
