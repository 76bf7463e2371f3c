package io.github.usdt4j.dtrace.lang;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.usdt4j.dtrace.lang.Ast.Binary;
import io.github.usdt4j.dtrace.lang.Ast.Clause;
import io.github.usdt4j.dtrace.lang.Ast.IntLit;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserTest {
    private static Ast.Program parse(String source) throws CompileError {
        return Parser.parse(source, new Parser.Macros(1234L, "test.d", List.of("7", "word"), false));
    }

    @Test
    void clausesWithSeveralDescriptionsPredicatesAndPragmas() throws CompileError {
        Ast.Program program = parse("#!/usr/sbin/dtrace -qs\n#pragma D option quiet\n"
                + "libmtev$target:::eventer-read-entry,\nlibmtev*:::log\n/arg0 > $1 && self->ts/\n{\n\t@[probename] = count();\n}\n"
                + "tick-1sec { exit(0); }\n");
        assertEquals(2, program.clauses().size());
        Clause first = program.clauses().get(0);
        assertEquals(List.of("libmtev1234:::eventer-read-entry", "libmtev*:::log"),
                first.descriptions().stream().map(Ast.Description::text).toList());
        assertEquals(3, first.descriptions().get(0).line());
        assertEquals("&&", ((Binary) first.predicate()).operator());
        assertEquals(7L, ((IntLit) ((Binary) ((Binary) first.predicate()).left()).right()).value());
        assertTrue(program.options().containsKey("quiet"));
    }

    @Test
    void ifWithBlocksSingleStatementsAndElseIfChains() throws CompileError {
        List<Ast.Expr> statements = parse("BEGIN {\n if (x > 1) { a = 1; b = 2; } else if (x) c = 3; else { }\n"
                + " if (y) trace(y);\n d = 4;\n}").clauses().get(0).statements();
        assertEquals(3, statements.size());
        Ast.If first = (Ast.If) statements.get(0);
        assertEquals(2, first.line());
        assertEquals(2, first.then().size());
        Ast.If elseIf = (Ast.If) first.otherwise().get(0);
        assertEquals(1, elseIf.then().size());
        assertEquals(List.of(), elseIf.otherwise());
        Ast.If second = (Ast.If) statements.get(1);
        assertEquals("trace", ((Ast.Call) second.then().get(0)).function());
        assertEquals(List.of(), second.otherwise());
        assertEquals("d", ((Ast.Var) ((Ast.Assign) statements.get(2)).target()).name());
    }

    @Test
    void anUnclosedIfSaysWhereTheBraceIsMissing() {
        CompileError error = assertThrows(CompileError.class,
                () -> parse("BEGIN { if (x) { a = 1; "));
        assertTrue(error.getMessage().contains("end of input in an if statement; a } is missing"), error.getMessage());
    }

    @Test
    void precedenceIsCs() throws CompileError {
        Ast.Assign assign = (Ast.Assign) parse("BEGIN { x = 1 + 2 * 3 << 1; }").clauses().get(0).statements().get(0);
        Binary sum = (Binary) assign.value();
        assertEquals("<<", sum.operator());
        assertEquals("+", ((Binary) sum.left()).operator());
        assertEquals("*", ((Binary) ((Binary) sum.left()).right()).operator());
    }

    @Test
    void aPredicateEndsAtItsSlashButDivisionInParenthesesIsKept() throws CompileError {
        Clause clause = parse("BEGIN /(x / 2) > 1/ { }").clauses().get(0);
        assertEquals(">", ((Binary) clause.predicate()).operator());
        assertEquals("/", ((Binary) ((Binary) clause.predicate()).left()).operator());
    }

    @Test
    void inlinesAndDeclarations() throws CompileError {
        Ast.Program program = parse("inline int LIMIT = 10;\nself int depth;\nint counts[int];\nBEGIN /LIMIT/ { }");
        assertEquals(10L, ((IntLit) program.clauses().get(0).predicate()).value());
    }

    @Test
    void errorsNameTheirLine() {
        CompileError error = assertThrows(CompileError.class, () -> parse("BEGIN\n{\n\tx = ;\n}"));
        assertEquals("line 3: syntax error near \";\"", error.describe());
        assertEquals("line 1: macro argument $3 is not defined",
                assertThrows(CompileError.class, () -> parse("BEGIN { x = $3; }")).describe());
        assertEquals("line 1: macro argument $2 (\"word\") is not a number; use $$2 for a string",
                assertThrows(CompileError.class, () -> parse("BEGIN { x = $2; }")).describe());
        assertTrue(assertThrows(CompileError.class, () -> parse("#define X 1\nBEGIN { }")).describe()
                .contains("needs the C preprocessor"));
        assertEquals("line 2: syntax error: end of input in a clause; a } is missing",
                assertThrows(CompileError.class, () -> parse("BEGIN {\n x = 1;")).describe());
    }

    /** C's escapes in strings and character constants: named, octal (1 to 3 digits) and hexadecimal, each a byte. */
    @Test
    void octalAndHexadecimalEscapesAreBytes() throws CompileError {
        Ast.Call printf = (Ast.Call) parse("BEGIN { printf(\"\\101\\0102\\x41\\033[1m\\xff\\7\"); }").clauses().get(0).statements().get(0);
        assertEquals("A\u00082A\u001b[1m\u00ff\u0007", ((Ast.StrLit) printf.arguments().get(0)).value());
        Ast.Binary sum = (Ast.Binary) ((Ast.Call) parse("BEGIN { trace('\\x41' + '\\101'); }").clauses().get(0).statements().get(0))
                .arguments().get(0);
        assertEquals(List.of(65L, 65L), List.of(((IntLit) sum.left()).value(), ((IntLit) sum.right()).value()));
        assertEquals("line 1: octal escape sequence out of range",
                assertThrows(CompileError.class, () -> parse("BEGIN { printf(\"\\777\"); }")).describe());
        assertEquals("line 1: invalid escape sequence \\x: hexadecimal digits must follow",
                assertThrows(CompileError.class, () -> parse("BEGIN { printf(\"\\xg\"); }")).describe());
    }
}
