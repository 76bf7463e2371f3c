package io.github.usdt4j.dtrace.lang;

import io.github.usdt4j.dtrace.lang.Ast.Binary;
import io.github.usdt4j.dtrace.lang.Ast.Expr;
import io.github.usdt4j.dtrace.lang.Ast.IntLit;
import io.github.usdt4j.dtrace.lang.Ast.Ternary;
import io.github.usdt4j.dtrace.lang.Ast.Unary;

/**
 * Integer constant expressions computed where they are written, with the front-end's 64-bit
 * arithmetic: an inline that doubles the one before ({@code inline int b = a + a;}) is one
 * number, not a tree that doubles with every line (26 such lines made a 400 MB program).
 */
final class ConstantFolding {
    private ConstantFolding() {}

    /** {@code expr} with every integer constant subexpression replaced by its value. */
    static Expr fold(Expr expr) throws CompileError {
        if (expr instanceof Unary unary) {
            Expr operand = fold(unary.operand());
            if (operand instanceof IntLit value) {
                switch (unary.operator()) {
                    case "-": return new IntLit(-value.value(), unary.line());
                    case "+": return value;
                    case "~": return new IntLit(~value.value(), unary.line());
                    case "!": return new IntLit(value.value() == 0 ? 1 : 0, unary.line());
                    default: break;
                }
            }
            return operand == unary.operand() ? unary : new Unary(unary.operator(), operand, unary.line());
        }
        if (expr instanceof Binary binary) {
            Expr left = fold(binary.left());
            Expr right = fold(binary.right());
            if (left instanceof IntLit a && right instanceof IntLit b) {
                Long value = compute(binary.operator(), a.value(), b.value(), binary.line());
                if (value != null) {
                    return new IntLit(value, binary.line());
                }
            }
            return left == binary.left() && right == binary.right() ? binary
                    : new Binary(binary.operator(), left, right, binary.line());
        }
        if (expr instanceof Ternary ternary) {
            Expr condition = fold(ternary.condition());
            if (condition instanceof IntLit value) {
                return fold(value.value() != 0 ? ternary.ifTrue() : ternary.ifFalse());
            }
            return new Ternary(condition, fold(ternary.ifTrue()), fold(ternary.ifFalse()), ternary.line());
        }
        return expr;
    }

    /** {@code a op b} as the front-end computes it (C's signed division and remainder), or null for an operator it leaves. */
    private static Long compute(String operator, long a, long b, int line) throws CompileError {
        switch (operator) {
            case "+": return a + b;
            case "-": return a - b;
            case "*": return a * b;
            case "/": case "%":
                if (b == 0) {
                    throw new CompileError(line, "expression contains division by zero"); // dtrace's words
                }
                return operator.equals("/") ? a / b : a % b;
            case "<<": return b < 0 || b > 63 ? null : a << b;
            case ">>": return b < 0 || b > 63 ? null : a >> b;
            case "&": return a & b;
            case "|": return a | b;
            case "^": return a ^ b;
            case "&&": return a != 0 && b != 0 ? 1L : 0L;
            case "||": return a != 0 || b != 0 ? 1L : 0L;
            case "^^": return (a != 0) != (b != 0) ? 1L : 0L;
            case "==": return a == b ? 1L : 0L;
            case "!=": return a != b ? 1L : 0L;
            case "<": return a < b ? 1L : 0L;
            case "<=": return a <= b ? 1L : 0L;
            case ">": return a > b ? 1L : 0L;
            case ">=": return a >= b ? 1L : 0L;
            default: return null;
        }
    }
}
