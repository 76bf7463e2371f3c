package io.github.usdt4j.dtrace.compile;

import io.github.usdt4j.dtrace.compile.CompiledProgram.Function;
import io.github.usdt4j.dtrace.lang.Ast.AggregationAssign;
import io.github.usdt4j.dtrace.lang.Ast.AggregationRef;
import io.github.usdt4j.dtrace.lang.Ast.Assign;
import io.github.usdt4j.dtrace.lang.Ast.Binary;
import io.github.usdt4j.dtrace.lang.Ast.Call;
import io.github.usdt4j.dtrace.lang.Ast.Cast;
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
import io.github.usdt4j.dtrace.output.ByteText;
import io.github.usdt4j.dtrace.probes.ProbeSite;
import io.github.usdt4j.tool.Printable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Lowers D expressions to bpftrace expressions: literals, variables, built-ins, arguments,
 * operators with D's integer rules, casts, and the functions that yield values (copyinstr,
 * stringof, strjoin, strlen, copyin, ustack as a key). A value bpftrace cannot hold in one
 * (a strjoin, a copyin buffer) comes as several pieces ({@link Code#pieces()}), and only the
 * places that can carry it take it: {@link #gen} refuses it.
 */
final class Expressions {
    /**
     * The time of this firing: each block reads the clock once, into this variable, as dtrace
     * samples timestamp once per firing. Read again for vtimestamp after a map update, it
     * made a callback that ran on CPU throughout longer on CPU than it took.
     */
    static final String NOW = "$now";

    /** The most frames the kernel gives a BPF program (perf_event_max_stack). */
    static final long MAX_STACK_FRAMES = 127;

    private final Compiler.Settings settings;
    private final Variables variables;
    /** Whether the program reads vtimestamp, so the compiler adds the block that keeps the clock. */
    boolean readsThreadClock;

    Expressions(Compiler.Settings settings, Variables variables) {
        this.settings = settings;
        this.variables = variables;
    }

    static final Set<String> BUILTINS = Set.of("timestamp", "walltimestamp", "vtimestamp", "pid", "tid", "ppid",
            "uid", "gid", "execname", "cpu", "probeprov", "probemod", "probefunc", "probename", "arg0", "arg1", "arg2",
            "arg3", "arg4", "arg5", "arg6", "arg7", "arg8", "arg9", "args", "curthread", "errno", "epid", "id",
            "stackdepth", "ustackdepth", "caller", "ucaller", "uregs", "curpsinfo", "curlwpsinfo", "cwd", "root", "ipl");

    /** An expression that is one bpftrace value: what operators, conditions and most places take. */
    Code gen(Expr expr, Context context) throws CompileError {
        return single(genAny(expr, context), expr);
    }

    /** {@code code}, generated for {@code expr}, if it is one value of one field; else why it cannot be. */
    private static Code single(Code code, Expr expr) throws CompileError {
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
        if (code.type().isRendered()) {
            throw new CompileError(expr.line(), code.type().name().replace(" ", "") + "'s result can only be printed, traced"
                    + " or used as an aggregation key here: bpftrace 0.17 cannot take a string apart, so the front-end"
                    + " does it where it prints");
        }
        return code;
    }

    /** An expression that printf, trace and aggregation keys take: any string, strjoin's and dirname's too. */
    Code printable(Expr expr, Context context) throws CompileError {
        Code code = genAny(expr, context);
        return code.type().isBuffer() || code.type().isStack() ? gen(expr, context) : code;
    }

    /** An aggregation's key: what printf takes, and a stack. */
    Code aggregationKey(Expr expr, Context context) throws CompileError {
        Code code = genAny(expr, context);
        return code.type().isStack() ? code : printable(expr, context);
    }

    /** Any expression, of one field or several. */
    Code genAny(Expr expr, Context context) throws CompileError {
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
        if (var.scope() == Scope.GLOBAL && var.name().startsWith("curpsinfo->")) {
            return processInfo(var);
        }
        if (var.scope() == Scope.GLOBAL && (BUILTINS.contains(var.name()) || var.name().matches("arg\\d+"))) {
            return builtin(var, context);
        }
        DType type = variables.types.get(Variables.key(var.scope(), var.name()));
        if (type == null) {
            throw new CompileError(var.line(), "failed to resolve " + (var.scope() == Scope.SELF ? "self->"
                    : var.scope() == Scope.THIS ? "this->" : "") + var.name() + ": Unknown variable name");
        }
        if (variables.arrayKeys.containsKey(Variables.key(var.scope(), var.name()))) {
            throw new CompileError(var.line(), var.name() + " is an associative array: index it with [ ]");
        }
        if (variables.neverStored(var) && !type.string()) {
            return new Code("0", type); // as D reads a variable nothing has set
        }
        String variable = variables.name(var, List.of(), context);
        if (type.fields() > 1) {
            List<String> pieces = new ArrayList<>();
            for (int i = 0; i < type.fields(); i++) {
                pieces.add(Variables.piece(variable, i));
            }
            Code code = new Code(variable, type, false, pieces);
            // this->s = stringof(copyin(…)): the buffer, cut where the script cut it, read as its string
            return variables.stringBuffers.contains(Variables.key(var.scope(), var.name())) ? bufferString(code) : code;
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
        DType type = variables.types.get(Variables.key(array.scope(), array.name()));
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
        if (variables.neverStored(array) && !type.string()) {
            return new Code("0", type); // as D reads an element nothing has set
        }
        return new Code(variables.name(array, keys, context), type);
    }

    /**
     * The members of {@code curpsinfo} the classic scripts read: the process's arguments
     * ({@link DType#PSARGS}: shown by the front-end), its executable's name, its ids.
     */
    private Code processInfo(Var var) throws CompileError {
        String member = var.name().substring("curpsinfo->".length());
        switch (member) {
            case "pr_psargs":
                return new Code("pid", DType.PSARGS);
            case "pr_pid":
                return new Code("pid", DType.named("pid_t"));
            case "pr_uid":
                return new Code("uid", DType.named("uid_t"));
            case "pr_fname":
            case "pr_ppid":
                if (!settings.kernelTypes()) {
                    throw new CompileError(var.line(), "curpsinfo->" + member + " needs the kernel's BTF types"
                            + " (/sys/kernel/btf/vmlinux), which this kernel lacks");
                }
                return member.equals("pr_fname") ? new Code("curtask->group_leader->comm", DType.STRING)
                        : new Code("curtask->real_parent->tgid", DType.named("pid_t"));
            default:
                throw new CompileError(var.line(), "curpsinfo->" + member + " is not supported by this front-end:"
                        + " pr_psargs, pr_fname, pr_pid, pr_ppid and pr_uid are");
        }
    }

    private Code builtin(Var var, Context context) throws CompileError {
        ProbeSite probe = context.probe();
        switch (var.name()) {
            case "timestamp":
                return new Code(NOW, DType.UINT64);
            case "errno": {
                // a system call's error, known where it returns: the tracepoint's negative return value
                boolean returns = probe != null && probe.kind() == ProbeSite.Kind.TRACEPOINT
                        && probe.tracepoint().event().startsWith("sys_exit_");
                if (!returns) {
                    if (context == Context.TYPES) {
                        return new Code("0", DType.INT);
                    }
                    throw new CompileError(var.line(), "errno is known here only in syscall::…:return probes,"
                            + " where the system call's error is its return value");
                }
                return new Code("(args->ret < 0 ? -args->ret : 0)", DType.INT);
            }
            case "vtimestamp":
                readsThreadClock = true;
                if (context != Context.TYPES && context.prelude.indexOf(ThreadClock.START) < 0) {
                    context.prelude.append(ThreadClock.START);
                }
                return new Code(ThreadClock.VALUE, DType.UINT64);
            case "walltimestamp":
                return new Code("(" + NOW + " + " + settings.wallClockOffset() + ")", DType.UINT64);
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
                throw new CompileError(var.line(), var.name() + " is not supported by this front-end");
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
        // names are read from files as text: D sees their UTF-8 bytes
        return new Code("\"" + escape(ByteText.of(values.isEmpty() ? "" : values.iterator().next())) + "\"", DType.STRING);
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
                throw new CompileError(line, "argument " + n + " of " + probe.name() + " cannot be read: " + Printable.of(e.getMessage()));
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
            case "dirname": case "basename": {
                if (args.size() != 1) {
                    throw new CompileError(call.line(), call.function() + "( ) prototype mismatch: 1 argument required");
                }
                return pathPart(args.get(0), call.function().equals("dirname"), call.line(), context);
            }
            case "toupper": case "tolower": {
                if (args.size() != 1) {
                    throw new CompileError(call.line(), call.function() + "( ) prototype mismatch: 1 argument required");
                }
                if (args.get(0) instanceof StrLit) {
                    DType change = call.function().equals("toupper") ? DType.TOUPPER : DType.TOLOWER;
                    return new Code("\"" + escape(change.rendered(((StrLit) args.get(0)).value())) + "\"", DType.STRING);
                }
                Code string = gen(args.get(0), context);
                if (!string.type().string()) {
                    throw new CompileError(call.line(), call.function() + "( ) argument #1 is incompatible with prototype:"
                            + " string required, " + string.type() + " given");
                }
                return new Code(string.text(), call.function().equals("toupper") ? DType.TOUPPER : DType.TOLOWER);
            }
            case "lltostr": {
                if (args.size() != 1) {
                    throw new CompileError(call.line(), "lltostr( ) prototype mismatch: 1 argument required");
                }
                Code number = gen(args.get(0), context);
                if (number.type().string()) {
                    throw new CompileError(call.line(), "lltostr( ) argument #1 is incompatible with prototype:"
                            + " integer required, string given");
                }
                String value = number.type().bpftraceCast().isEmpty() && number.type().signed() ? "(int64)(" + number.text() + ")"
                        : number.text();
                return new Code(value, DType.LLTOSTR);
            }
            case "substr": case "index": case "rindex": case "strchr": case "strrchr":
            case "strstr": case "strtok":
                throw new CompileError(call.line(), call.function() + "( ) is not supported: bpftrace 0.17 has no such string function");
            case "jstack":
                throw new CompileError(call.line(), "jstack( ) is not supported: Java frames cannot be read from bpftrace");
            case "ustack":
                return new Code(ustack(call, settings.stackFrames()), DType.STACK);
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
        Code operand = single(any, cast.operand()); // generated once: a chain of casts doubled at each
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

    /**
     * bpftrace's stack of ustack() or ustack(n), in perf's layout, which names each frame's
     * object (dtrace's object`symbol); without an argument, {@code defaultFrames} frames (the
     * ustackframes option).
     */
    static String ustack(Call call, long defaultFrames) throws CompileError {
        if (call.arguments().size() > 1) {
            throw new CompileError(call.line(), "ustack( ) takes at most 1 argument, the number of frames"
                    + " (strsize, the second, is for interpreters' helpers, which Linux has not)");
        }
        long frames = call.arguments().isEmpty() ? defaultFrames
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
            return Integer.toString(((StrLit) string).value().length()); // byte text: a char a byte
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
        Expr inner = stringOfOperand(string);
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
        if (context == Context.TYPES) {
            return "0"; // inferring types: no statement to put the loop before
        }
        String counter = "$strlen_" + context.loops++; // unique within the statement being built
        String bound = counter + " < " + most + (limit == null ? "" : " && " + counter + " < (int64)(" + limit + ")");
        context.prelude.append('\t').append(counter).append(" = (int64)0;\n")
                .append("\twhile (").append(bound).append(" && *(uint8 *)((int64)(").append(address).append(") + ")
                .append(counter).append(") != 0) {\n\t\t").append(counter).append("++;\n\t}\n");
        return counter;
    }

    /**
     * {@code dirname(s)} or {@code basename(s)}: of a literal, taken apart here; of any other
     * string, the string itself, typed {@link DType#DIRNAME} or {@link DType#BASENAME} so that
     * the front-end takes it apart where it is printed or shown as a key. Elsewhere (a
     * comparison, a variable) it is refused by {@link #gen}.
     */
    private Code pathPart(Expr path, boolean directory, int line, Context context) throws CompileError {
        if (path instanceof StrLit) {
            return new Code("\"" + escape(PathParts.of(((StrLit) path).value(), directory)) + "\"", DType.STRING);
        }
        Code string = gen(path, context);
        if (!string.type().string()) {
            throw new CompileError(line, (directory ? "dirname" : "basename") + "( ) argument #1 is incompatible with"
                    + " prototype: string required, " + string.type() + " given");
        }
        return new Code(string.text(), directory ? DType.DIRNAME : DType.BASENAME);
    }

    /** What {@code stringof(x)} or {@code (string)x} reads as a string: {@code x}; null for any other expression. */
    static Expr stringOfOperand(Expr expr) {
        if (expr instanceof Call && ((Call) expr).function().equals("stringof") && ((Call) expr).arguments().size() == 1) {
            return ((Call) expr).arguments().get(0);
        }
        return expr instanceof Cast && ((Cast) expr).type().toString().equals("string") ? ((Cast) expr).operand() : null;
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
    static String truth(Code code, int line) throws CompileError {
        if (code.type().string()) {
            throw new CompileError(line, "a string cannot be used as a condition; compare it: s != \"\"");
        }
        return code.condition() ? code.text() : "(" + code.text() + " != 0)";
    }

    /**
     * Byte text ({@link ByteText}) as a bpftrace string literal: every byte outside printable
     * ASCII as {@code \\xNN}, so the program itself is ASCII and bpftrace holds the very bytes.
     */
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
                    if (c > 0xff) {
                        throw new IllegalStateException("text that is not byte text reached a string literal: " + text);
                    }
                    if (c < 0x20 || c >= 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.toString();
    }

    static long constant(Expr expr, String what) throws CompileError {
        if (expr instanceof IntLit) {
            return ((IntLit) expr).value();
        }
        if (expr instanceof Unary && ((Unary) expr).operator().equals("-") && ((Unary) expr).operand() instanceof IntLit) {
            return -((IntLit) ((Unary) expr).operand()).value();
        }
        throw new CompileError(expr.line(), what + " must be an integer constant");
    }
}
