package io.github.usdt4j.dtrace.compile;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a USDT argument from its note operand in bpftrace, as bpftrace's own USDT support does
 * for the first six: bpftrace 0.17 stops at {@code arg5}, the notes describe all twelve.
 * x86-64 operands: {@code -4@%edi} (a register), {@code 8@-16(%rbp)} (memory), {@code 4@$7}
 * (a constant).
 */
final class Operands {
    private static final Pattern OPERAND = Pattern.compile("(-?)(\\d{1,2})@(.+)");
    private static final Pattern MEMORY = Pattern.compile("(-?\\d*)\\(%(\\w+)\\)");
    private static final Map<String, String> REGISTERS = Map.ofEntries(
            Map.entry("rax", "ax"), Map.entry("eax", "ax"), Map.entry("ax", "ax"), Map.entry("al", "ax"),
            Map.entry("rbx", "bx"), Map.entry("ebx", "bx"), Map.entry("bx", "bx"), Map.entry("bl", "bx"),
            Map.entry("rcx", "cx"), Map.entry("ecx", "cx"), Map.entry("cx", "cx"), Map.entry("cl", "cx"),
            Map.entry("rdx", "dx"), Map.entry("edx", "dx"), Map.entry("dx", "dx"), Map.entry("dl", "dx"),
            Map.entry("rsi", "si"), Map.entry("esi", "si"), Map.entry("si", "si"), Map.entry("sil", "si"),
            Map.entry("rdi", "di"), Map.entry("edi", "di"), Map.entry("di", "di"), Map.entry("dil", "di"),
            Map.entry("rbp", "bp"), Map.entry("ebp", "bp"), Map.entry("rsp", "sp"), Map.entry("esp", "sp"),
            Map.entry("rip", "ip"));

    private Operands() {}

    /** The bpftrace expression for {@code operand}; {@link IllegalArgumentException} when it cannot be read. */
    static String toBpftrace(String operand) {
        Matcher m = OPERAND.matcher(operand);
        if (!m.matches()) {
            throw new IllegalArgumentException("unknown note operand " + operand);
        }
        boolean signed = !m.group(1).isEmpty();
        int size = Integer.parseInt(m.group(2));
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            // 0@%rax would become bpftrace's (uint0), which refuses the whole program
            throw new IllegalArgumentException("note operand " + operand + " has a size of " + size
                    + " bytes: an argument is 1, 2, 4 or 8");
        }
        String where = m.group(3);
        String type = (signed ? "int" : "uint") + size * 8;
        if (where.startsWith("$")) {
            return Long.toString(Long.parseLong(where.substring(1)));
        }
        if (where.startsWith("%")) {
            String cast = size == 8 ? "" : "(" + type + ")";
            return cast + "reg(\"" + register(where.substring(1)) + "\")";
        }
        Matcher memory = MEMORY.matcher(where);
        if (memory.matches()) {
            String offset = memory.group(1).isEmpty() ? "0" : memory.group(1);
            long value = Long.parseLong(offset);
            String address = "reg(\"" + register(memory.group(2)) + "\")" + (value < 0 ? " - " + -value : " + " + value);
            return "*(" + type + "*)(" + address + ")";
        }
        throw new IllegalArgumentException("unknown note operand " + operand);
    }

    private static String register(String name) {
        String bpftrace = REGISTERS.get(name);
        if (bpftrace != null) {
            return bpftrace;
        }
        Matcher numbered = Pattern.compile("(r\\d+)[dwb]?").matcher(name);
        if (numbered.matches()) {
            return numbered.group(1);
        }
        throw new IllegalArgumentException("unknown register %" + name);
    }
}
