package io.github.usdt4j.dtrace.lang;

import io.github.usdt4j.catalogue.IntegerTypes;
import io.github.usdt4j.dtrace.lang.Ast.AggregationAssign;
import io.github.usdt4j.dtrace.lang.Ast.AggregationRef;
import io.github.usdt4j.dtrace.lang.Ast.Assign;
import io.github.usdt4j.dtrace.lang.Ast.Binary;
import io.github.usdt4j.dtrace.lang.Ast.Call;
import io.github.usdt4j.dtrace.lang.Ast.Cast;
import io.github.usdt4j.dtrace.lang.Ast.Clause;
import io.github.usdt4j.dtrace.lang.Ast.Description;
import io.github.usdt4j.dtrace.lang.Ast.Expr;
import io.github.usdt4j.dtrace.lang.Ast.Index;
import io.github.usdt4j.dtrace.lang.Ast.IntLit;
import io.github.usdt4j.dtrace.lang.Ast.Scope;
import io.github.usdt4j.dtrace.lang.Ast.Step;
import io.github.usdt4j.dtrace.lang.Ast.StrLit;
import io.github.usdt4j.dtrace.lang.Ast.Ternary;
import io.github.usdt4j.dtrace.lang.Ast.TypeName;
import io.github.usdt4j.dtrace.lang.Ast.Unary;
import io.github.usdt4j.dtrace.lang.Ast.Var;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A recursive-descent parser for the D language as USDT scripts use it: clauses, predicates,
 * expressions with C's precedence, aggregations, {@code inline} constants and declarations.
 * Macro variables ({@code $1}, {@code $$1}, {@code $target}) are replaced while parsing, as
 * dtrace does.
 */
public final class Parser {
    /** Words that start a type in a cast or a declaration: every word of an integer type's name ({@link IntegerTypes}), and D's others. */
    static final Set<String> TYPE_WORDS = typeWords();

    private static Set<String> typeWords() {
        Set<String> words = new java.util.HashSet<>(List.of("string", "void", "float", "double", "struct", "union", "enum",
                "const", "volatile"));
        for (IntegerTypes.IntegerType type : IntegerTypes.all()) {
            words.addAll(List.of(type.name().split(" ")));
        }
        return Set.copyOf(words);
    }

    /**
     * The values of {@code $target} (the {@code -c} or {@code -p} process, or null),
     * {@code $0} (the script's name), {@code $1}… (the operands after the options), and whether
     * undefined ones default to 0 and "" (the {@code defaultargs} option).
     */
    public record Macros(Long target, String scriptName, List<String> arguments, boolean defaultArguments) {
        /** Macro argument {@code n}; null when not given. */
        String argument(int n) {
            return n == 0 ? scriptName : n <= arguments.size() ? arguments.get(n - 1) : null;
        }
    }

    private final Lexer lexer;
    private final Macros macros;
    private final Map<String, Expr> inlines = new LinkedHashMap<>();
    /** Set while parsing a predicate's top level, where {@code /} ends the predicate. */
    private boolean inPredicate;

    private Parser(String source, Macros macros) {
        this.lexer = new Lexer(source);
        this.macros = macros;
    }

    /** Parses a whole program ({@code -s} file or {@code -n} text). */
    public static Ast.Program parse(String source, Macros macros) throws CompileError {
        return new Parser(source, macros).program();
    }

    private Ast.Program program() throws CompileError {
        List<Clause> clauses = new ArrayList<>();
        while (!lexer.atEnd()) {
            if (declarationAhead()) {
                declaration();
            } else {
                clauses.add(clause());
            }
        }
        Map<String, String> options = new LinkedHashMap<>();
        for (String[] pragma : lexer.pragmas()) {
            options.put(pragma[0], pragma[1]);
        }
        return new Ast.Program(clauses, options, inlines);
    }

    private boolean declarationAhead() throws CompileError {
        for (String word : List.of("inline", "self", "this", "typedef", "translator", "provider")) {
            if (lexer.lookingAtWord(word)) {
                return true;
            }
        }
        for (String word : TYPE_WORDS) {
            if (lexer.lookingAtWord(word)) {
                return true;
            }
        }
        return false;
    }

    private static CompileError tooDeep(int line) {
        return new CompileError(line, "expression nested more than " + MAX_NESTING + " levels deep");
    }

    /** {@code expr}, with its integer constants folded, if its tree is at most {@link #MAX_NESTING} deep. */
    private static Expr shallow(Expr expr) throws CompileError {
        Expr folded = ConstantFolding.fold(expr);
        if (depth(folded, new java.util.IdentityHashMap<>()) > MAX_NESTING) {
            throw tooDeep(expr.line());
        }
        return folded;
    }

    /** The depth of {@code expr}'s tree, each shared node (an inline used twice) counted once. */
    private static int depth(Expr expr, java.util.Map<Expr, Integer> depths) {
        Integer known = depths.get(expr);
        if (known != null) {
            return known;
        }
        int deepest = 0;
        for (Expr child : Ast.children(expr)) {
            deepest = Math.max(deepest, depth(child, depths));
        }
        depths.put(expr, deepest + 1);
        return deepest + 1;
    }

    /** The most terms an inline's expression may stand for once the inlines it uses are put in. */
    static final long MAX_INLINE_TERMS = 10_000;

    /**
     * How many terms {@code expr} stands for, each use of a shared subexpression (an inline
     * used twice) counted again, as the compiler will write it; counted once per node, so an
     * inline that doubles the one before costs a step, not a doubling.
     */
    private static long expandedSize(Expr expr, java.util.Map<Expr, Long> sizes) {
        Long known = sizes.get(expr);
        if (known != null) {
            return known;
        }
        long size = 1;
        for (Expr child : Ast.children(expr)) {
            size = Math.min(size + expandedSize(child, sizes), Long.MAX_VALUE / 4); // saturate: only "more than the bound" matters
        }
        sizes.put(expr, size);
        return size;
    }

    /** {@code inline int N = 5;} defines a constant; {@code self int x;} and the like only declare. */
    private void declaration() throws CompileError {
        Token first = lexer.next();
        if (first.isWord("translator") || first.isWord("provider") || first.isWord("typedef")) {
            throw new CompileError(first.line(), first.text() + " definitions are not supported by this front-end");
        }
        if (first.isWord("inline")) {
            typeName(lexer.next());
            Token name = expect(Token.Kind.IDENTIFIER, "a name for the inline");
            expectPunct("=");
            Expr value = ConstantFolding.fold(expression());
            if (expandedSize(value, new java.util.IdentityHashMap<>()) > MAX_INLINE_TERMS) {
                throw new CompileError(name.line(), "inline " + name.text() + " expands to more than " + MAX_INLINE_TERMS
                        + " terms: every use of an inline is its whole expression");
            }
            inlines.put(name.text(), value);
            expectPunct(";");
            return;
        }
        if (!first.isWord("self") && !first.isWord("this")) {
            typeName(first);
        } else {
            typeName(lexer.next());
        }
        expect(Token.Kind.IDENTIFIER, "a variable name");
        if (lexer.peek().is("[")) {
            while (!lexer.next().is("]")) {
                if (lexer.peek().kind() == Token.Kind.END) {
                    throw new CompileError(first.line(), "syntax error: unterminated declaration");
                }
            }
        }
        expectPunct(";");
    }

    private Clause clause() throws CompileError {
        List<Description> descriptions = new ArrayList<>();
        do {
            int line = lexer.line();
            String text = lexer.probeDescription();
            if (text == null) {
                throw new CompileError(line, "syntax error near " + lexer.peek() + ": a probe description was expected");
            }
            descriptions.add(new Description(expandMacros(text, line), line));
        } while (lexer.peek().is(",") && lexer.next().is(","));
        Expr predicate = null;
        if (lexer.peek().is("/")) {
            lexer.next();
            inPredicate = true;
            predicate = shallow(expression());
            inPredicate = false;
            expectPunct("/");
        }
        if (!lexer.peek().is("{")) {
            if (lexer.atEnd()) {
                return new Clause(descriptions, predicate, List.of(), true);
            }
            throw new CompileError(lexer.line(), "syntax error near " + lexer.peek() + ": a { was expected");
        }
        lexer.next();
        List<Expr> statements = statements("a clause");
        return new Clause(descriptions, predicate, statements, statements.isEmpty());
    }

    /** Statements up to the closing brace, which is read too; the opening one has been. */
    private List<Expr> statements(String where) throws CompileError {
        List<Expr> statements = new ArrayList<>();
        while (!lexer.peek().is("}")) {
            if (lexer.atEnd()) {
                throw new CompileError(lexer.line(), "syntax error: end of input in " + where + "; a } is missing");
            }
            if (lexer.peek().is(";")) {
                lexer.next();
                continue;
            }
            if (lexer.peek().isWord("if")) {
                statements.add(ifStatement());
                continue;
            }
            statements.addAll(unchained(shallow(statement())));
            if (!lexer.peek().is("}")) {
                expectPunct(";");
            }
        }
        lexer.next();
        return statements;
    }

    /**
     * {@code a = b = 0} as the statements it means in C, the innermost first: {@code b = 0;}
     * then {@code a = b;}. The value of an assignment is its target's new value, which reading
     * the target again gives, as long as the target's keys change nothing (an assignment in
     * them stays as it is, and is refused as any assignment inside an expression is).
     */
    private static List<Expr> unchained(Expr statement) {
        if (!(statement instanceof Ast.Assign)) {
            return List.of(statement);
        }
        Ast.Assign assign = (Ast.Assign) statement;
        if (!(assign.value() instanceof Ast.Assign) || !withoutEffects(((Ast.Assign) assign.value()).target())) {
            return List.of(statement);
        }
        Ast.Assign inner = (Ast.Assign) assign.value();
        List<Expr> statements = new ArrayList<>(unchained(inner));
        statements.add(new Ast.Assign(assign.operator(), assign.target(), inner.target(), assign.line()));
        return statements;
    }

    /** A variable, or an array element whose keys are variables and constants. */
    private static boolean withoutEffects(Expr target) {
        if (target instanceof Ast.Index) {
            for (Expr key : ((Ast.Index) target).keys()) {
                if (!(key instanceof Ast.Var || key instanceof Ast.IntLit || key instanceof Ast.StrLit)) {
                    return false;
                }
            }
            return true;
        }
        return target instanceof Ast.Var;
    }

    /** {@code if (condition) body [else body]}, a body being a block or one statement. */
    private Ast.If ifStatement() throws CompileError {
        int line = lexer.next().line(); // if
        expectPunct("(");
        Expr condition = expression();
        expectPunct(")");
        List<Expr> then = branch();
        List<Expr> otherwise = List.of();
        if (lexer.peek().isWord("else")) {
            lexer.next();
            otherwise = lexer.peek().isWord("if") ? List.of(ifStatement()) : branch();
        }
        return new Ast.If(condition, then, otherwise, line);
    }

    private List<Expr> branch() throws CompileError {
        if (lexer.peek().is("{")) {
            lexer.next();
            return statements("an if statement");
        }
        if (lexer.peek().isWord("if")) {
            return List.of(ifStatement());
        }
        Expr statement = shallow(statement());
        if (!lexer.peek().is("}")) {
            expectPunct(";");
        }
        return unchained(statement);
    }

    private Expr statement() throws CompileError {
        Token token = lexer.peek();
        if (token.kind() == Token.Kind.AGGREGATION) {
            lexer.next();
            List<Expr> keys = List.of();
            if (lexer.peek().is("[")) {
                lexer.next();
                keys = arguments("]");
            }
            expectPunct("=");
            Expr value = expression();
            if (!(value instanceof Call)) {
                throw new CompileError(token.line(), "@" + token.text() + " must be assigned an aggregating function"
                        + " such as count() or quantize(x)");
            }
            return new AggregationAssign(token.text(), keys, (Call) value, token.line());
        }
        return expression();
    }

    // Expressions, lowest precedence first: assignment, ?:, || ^^ &&, | ^ &, == !=, < <= > >=,
    // << >>, + -, * / %, unary, postfix.

    Expr expression() throws CompileError {
        Expr left = ternary();
        Token op = lexer.peek();
        if (op.kind() == Token.Kind.PUNCT && op.text().endsWith("=") && !op.text().equals("==")
                && !op.text().equals("!=") && !op.text().equals("<=") && !op.text().equals(">=")) {
            lexer.next();
            if (!(left instanceof Var || left instanceof Index)) {
                throw new CompileError(op.line(), "operator " + op.text() + " can only be applied to a variable");
            }
            return new Assign(op.text(), left, expression(), op.line());
        }
        return left;
    }

    private Expr ternary() throws CompileError {
        Expr condition = binary(0);
        if (lexer.peek().is("?")) {
            int line = lexer.next().line();
            Expr ifTrue = ternary();
            expectPunct(":");
            return new Ternary(condition, ifTrue, ternary(), line);
        }
        return condition;
    }

    private static final List<List<String>> LEVELS = List.of(
            List.of("||"), List.of("^^"), List.of("&&"), List.of("|"), List.of("^"), List.of("&"),
            List.of("==", "!="), List.of("<", "<=", ">", ">="), List.of("<<", ">>"), List.of("+", "-"),
            List.of("*", "/", "%"));

    private Expr binary(int level) throws CompileError {
        if (level == LEVELS.size()) {
            return unary();
        }
        Expr left = binary(level + 1);
        while (true) {
            Token op = lexer.peek();
            if (op.kind() != Token.Kind.PUNCT || !LEVELS.get(level).contains(op.text())
                    || (inPredicate && op.text().equals("/"))) {
                return left;
            }
            lexer.next();
            left = new Binary(op.text(), left, binary(level + 1), op.line());
        }
    }

    /**
     * How deeply an expression may nest, as a tree: parentheses, operators and chains alike
     * ({@code 1 + 1 + …} is as deep as it is long). A script nests a few levels; a malformed or
     * hostile one past this would cost every pass of a compiler that recurses its depth.
     */
    static final int MAX_NESTING = 1000;
    private int nesting;

    private Expr unary() throws CompileError {
        if (++nesting > MAX_NESTING) {
            throw tooDeep(lexer.line());
        }
        try {
            return unaryAtThisDepth();
        } finally {
            nesting--;
        }
    }

    private Expr unaryAtThisDepth() throws CompileError {
        Token token = lexer.peek();
        if (token.kind() == Token.Kind.PUNCT) {
            switch (token.text()) {
                case "!": case "~": case "-": case "+": case "*": case "&":
                    lexer.next();
                    return new Unary(token.text(), unary(), token.line());
                case "++": case "--":
                    lexer.next();
                    return new Step(steppable(unary(), token), token.text().equals("++") ? 1 : -1, true, token.line());
                case "(":
                    if (castAhead()) {
                        lexer.next();
                        TypeName type = typeName(lexer.next());
                        expectPunct(")");
                        return new Cast(type, unary(), token.line());
                    }
                    break;
                default:
                    break;
            }
        }
        if (token.isWord("sizeof") || token.isWord("offsetof") || token.isWord("xlate")) {
            throw new CompileError(token.line(), token.text() + " is not supported by this front-end");
        }
        return postfix(primary());
    }

    /** What {@code ++} and {@code --} apply to: a variable or an element ({@code ----1} is no such thing). */
    private static Expr steppable(Expr operand, Token operator) throws CompileError {
        if (operand instanceof Var || operand instanceof Index) {
            return operand;
        }
        throw new CompileError(operator.line(), "operator " + operator.text() + " requires modifiable lvalue as an operand");
    }

    /** After a {@code (}: a type name makes it a cast. */
    private boolean castAhead() throws CompileError {
        Token second = lexer.peekSecond();
        return second.kind() == Token.Kind.IDENTIFIER && TYPE_WORDS.contains(second.text());
    }

    private Expr postfix(Expr expr) throws CompileError {
        while (true) {
            Token token = lexer.peek();
            if (token.is("[") && expr instanceof Var) {
                lexer.next();
                boolean saved = inPredicate;
                inPredicate = false;
                expr = new Index((Var) expr, arguments("]"), token.line());
                inPredicate = saved;
            } else if (token.is("++") || token.is("--")) {
                lexer.next();
                expr = new Step(steppable(expr, token), token.is("++") ? 1 : -1, false, token.line());
            } else if (token.is("->") || token.is(".")) {
                throw new CompileError(token.line(), "structure members (" + token.text()
                        + ") are not supported: USDT arguments are integers and strings here");
            } else {
                return expr;
            }
        }
    }

    private Expr primary() throws CompileError {
        Token token = lexer.next();
        switch (token.kind()) {
            case INTEGER:
                return new IntLit(token.number(), token.line());
            case STRING:
                return new StrLit(token.text(), token.line());
            case MACRO:
                return macro(token);
            case AGGREGATION:
                return new AggregationRef(token.text(), token.line());
            case IDENTIFIER:
                return identifier(token);
            case PUNCT:
                if (token.is("(")) {
                    boolean saved = inPredicate;
                    inPredicate = false;
                    Expr inner = expression();
                    inPredicate = saved;
                    expectPunct(")");
                    return inner;
                }
                if (token.is("`")) {
                    throw new CompileError(token.line(), "kernel symbols (`name) are not supported: only user-level USDT probes are traced");
                }
                break;
            default:
                break;
        }
        throw new CompileError(token.line(), "syntax error near " + token);
    }

    private Expr identifier(Token token) throws CompileError {
        String name = token.text();
        if (name.equals("curpsinfo") && lexer.peek().is("->")) { // the process's psinfo_t: a built-in per member
            lexer.next();
            Token member = expect(Token.Kind.IDENTIFIER, "a member of curpsinfo after curpsinfo->");
            return new Var(Scope.GLOBAL, "curpsinfo->" + member.text(), token.line());
        }
        if ((name.equals("self") || name.equals("this")) && lexer.peek().is("->")) {
            lexer.next();
            Token member = expect(Token.Kind.IDENTIFIER, "a variable name after " + name + "->");
            return new Var(name.equals("self") ? Scope.SELF : Scope.THIS, member.text(), token.line());
        }
        if (lexer.peek().is("(")) {
            lexer.next();
            boolean saved = inPredicate;
            inPredicate = false;
            List<Expr> args = arguments(")");
            inPredicate = saved;
            return new Call(name, args, token.line());
        }
        if (inlines.containsKey(name)) {
            return inlines.get(name);
        }
        return new Var(Scope.GLOBAL, name, token.line());
    }

    private List<Expr> arguments(String close) throws CompileError {
        List<Expr> args = new ArrayList<>();
        if (lexer.peek().is(close)) {
            lexer.next();
            return args;
        }
        while (true) {
            args.add(expression());
            Token token = lexer.next();
            if (token.is(close)) {
                return args;
            }
            if (!token.is(",")) {
                throw new CompileError(token.line(), "syntax error near " + token + ": a , or " + close + " was expected");
            }
        }
    }

    private Expr macro(Token token) throws CompileError {
        String text = token.text();
        boolean asString = text.startsWith("$$");
        String name = text.substring(asString ? 2 : 1);
        if (name.equals("target")) {
            Long target = macros.target();
            if (target == null) {
                throw new CompileError(token.line(), "$target is only defined with -c or -p");
            }
            return asString ? new StrLit(Long.toString(target), token.line()) : new IntLit(target, token.line());
        }
        if (name.equals("pid") || name.equals("ppid") || name.equals("uid") || name.equals("gid")
                || name.equals("pgid") || name.equals("sid") || name.equals("projid") || name.equals("taskid")) {
            // as dtrace's: the ids of the dtrace process itself
            Long value = SelfIds.of(name);
            if (value == null) {
                throw new CompileError(token.line(), "macro variable $" + name + " is not supported by this front-end"
                        + " (projects and tasks are Solaris's)");
            }
            return asString ? new StrLit(Long.toString(value), token.line()) : new IntLit(value, token.line());
        }
        if (!name.matches("\\d+")) {
            throw new CompileError(token.line(), "undefined macro variable " + text);
        }
        if (name.length() > 9) { // $999999999999999999999
            throw new CompileError(token.line(), "macro argument " + text + " is not defined");
        }
        int n = Integer.parseInt(name);
        String value = macros.argument(n);
        if (value == null) {
            if (!macros.defaultArguments()) {
                throw new CompileError(token.line(), "macro argument " + text + " is not defined");
            }
            return asString ? new StrLit("", token.line()) : new IntLit(0, token.line());
        }
        if (asString) {
            return new StrLit(value, token.line());
        }
        try {
            return new IntLit(value.startsWith("0x") ? Long.parseUnsignedLong(value.substring(2), 16) : Long.parseLong(value),
                    token.line());
        } catch (NumberFormatException e) {
            // dtrace takes a non-numeric $1 as an identifier; a string needs $$1
            throw new CompileError(token.line(), "macro argument " + text + " (\"" + value
                    + "\") is not a number; use $$" + n + " for a string");
        }
    }

    /** {@code libmtev$target:::} or {@code $1} inside a probe description. */
    private String expandMacros(String text, int line) throws CompileError {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '$') {
                out.append(c);
                continue;
            }
            int end = i + 1;
            while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
                end++;
            }
            Expr value = macro(new Token(Token.Kind.MACRO, text.substring(i, end), 0, line));
            out.append(value instanceof IntLit ? Long.toString(((IntLit) value).value()) : ((StrLit) value).value());
            i = end - 1;
        }
        return out.toString();
    }

    /** A type name starting with {@code first}: words, then stars. */
    private TypeName typeName(Token first) throws CompileError {
        if (first.kind() != Token.Kind.IDENTIFIER) {
            throw new CompileError(first.line(), "syntax error near " + first + ": a type was expected");
        }
        StringBuilder name = new StringBuilder(first.text());
        if (first.isWord("struct") || first.isWord("union") || first.isWord("enum")) {
            throw new CompileError(first.line(), first.text() + " types are not supported: USDT arguments are integers and strings here");
        }
        while (lexer.peek().kind() == Token.Kind.IDENTIFIER && TYPE_WORDS.contains(lexer.peek().text())) {
            name.append(' ').append(lexer.next().text());
        }
        int pointers = 0;
        while (lexer.peek().is("*")) {
            lexer.next();
            pointers++;
        }
        return new TypeName(name.toString().replace("const ", "").replace(" const", ""), pointers);
    }

    private Token expect(Token.Kind kind, String what) throws CompileError {
        Token token = lexer.next();
        if (token.kind() != kind) {
            throw new CompileError(token.line(), "syntax error near " + token + ": " + what + " was expected");
        }
        return token;
    }

    private void expectPunct(String punctuation) throws CompileError {
        Token token = lexer.next();
        if (!token.is(punctuation)) {
            throw new CompileError(token.line(), "syntax error near " + token + ": " + punctuation + " was expected");
        }
    }
}
