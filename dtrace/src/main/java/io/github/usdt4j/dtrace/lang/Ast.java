package io.github.usdt4j.dtrace.lang;

import java.util.List;
import java.util.Map;

/** The syntax tree of a D program: the parser's output, the compiler's input. */
public final class Ast {
    private Ast() {}

    /** A program: its clauses in order, its {@code #pragma D option}s, its {@code inline} constants. */
    public record Program(List<Clause> clauses, Map<String, String> options, Map<String, Expr> inlines) {}

    /**
     * {@code descriptions /predicate/ { statements }}; a null predicate when there is none. A
     * clause without a body (possible with {@code -n}) has an empty statement list and
     * {@code defaultAction} set: DTrace then traces the probe's firing.
     */
    public record Clause(List<Description> descriptions, Expr predicate, List<Expr> statements, boolean defaultAction) {}

    /** A probe description as written, with the line it is on. */
    public record Description(String text, int line) {}

    /** Every expression (and statement: D's statements are expressions) knows its line. */
    public sealed interface Expr permits IntLit, StrLit, Var, Index, Call, AggregationRef, Unary, Binary,
            Ternary, Assign, Step, Cast, AggregationAssign, If {
        int line();
    }

    public record IntLit(long value, int line) implements Expr {}

    public record StrLit(String value, int line) implements Expr {}

    /** A variable or built-in; {@code scope} says which kind. */
    public record Var(Scope scope, String name, int line) implements Expr {}

    public enum Scope { GLOBAL, SELF, THIS }

    /** {@code a[k1, k2]}, {@code self->a[k]}, {@code args[1]}. */
    public record Index(Var array, List<Expr> keys, int line) implements Expr {}

    public record Call(String function, List<Expr> arguments, int line) implements Expr {}

    /** {@code @name} as an argument (of printa, clear, trunc…); {@code ""} for {@code @}. */
    public record AggregationRef(String name, int line) implements Expr {}

    public record Unary(String operator, Expr operand, int line) implements Expr {}

    public record Binary(String operator, Expr left, Expr right, int line) implements Expr {}

    public record Ternary(Expr condition, Expr ifTrue, Expr ifFalse, int line) implements Expr {}

    /** {@code target op value} with op one of {@code = += -= …}. */
    public record Assign(String operator, Expr target, Expr value, int line) implements Expr {}

    /** {@code ++x}, {@code x--}: {@code delta} is +1 or -1. */
    public record Step(Expr target, int delta, boolean prefix, int line) implements Expr {}

    /** {@code if (condition) { … } else { … }}, a statement; {@code otherwise} is empty without an else. */
    public record If(Expr condition, List<Expr> then, List<Expr> otherwise, int line) implements Expr {
        public If {
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }
    }

    /** {@code (type) operand}. */
    public record Cast(TypeName type, Expr operand, int line) implements Expr {}

    /** {@code @name[keys] = function(arguments)}. */
    public record AggregationAssign(String name, List<Expr> keys, Call function, int line) implements Expr {}

    /** A type as written in a cast or declaration: its words, and how many {@code *}. */
    public record TypeName(String name, int pointers) {
        @Override
        public String toString() {
            return pointers == 0 ? name : name + " " + "*".repeat(pointers);
        }
    }

    /** The expressions directly inside {@code expr}, in order: what a walk over the tree visits next. */
    public static List<Expr> children(Expr expr) {
        if (expr instanceof Unary unary) {
            return List.of(unary.operand());
        }
        if (expr instanceof Binary binary) {
            return List.of(binary.left(), binary.right());
        }
        if (expr instanceof Ternary ternary) {
            return List.of(ternary.condition(), ternary.ifTrue(), ternary.ifFalse());
        }
        if (expr instanceof Cast cast) {
            return List.of(cast.operand());
        }
        if (expr instanceof Assign assign) {
            return List.of(assign.target(), assign.value());
        }
        if (expr instanceof Step step) {
            return List.of(step.target());
        }
        if (expr instanceof Call call) {
            return call.arguments();
        }
        if (expr instanceof Index index) {
            return index.keys();
        }
        if (expr instanceof AggregationAssign aggregation) {
            List<Expr> all = new java.util.ArrayList<>(aggregation.keys());
            all.add(aggregation.function());
            return all;
        }
        return List.of();
    }
}
