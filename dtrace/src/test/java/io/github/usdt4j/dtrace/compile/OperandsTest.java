package io.github.usdt4j.dtrace.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Note operands as bpftrace reads them; an operand no compiler writes is refused, never emitted. */
class OperandsTest {
    @Test
    void readsRegistersMemoryAndConstants() {
        assertEquals("reg(\"ax\")", Operands.toBpftrace("8@%rax"));
        assertEquals("(int32)reg(\"di\")", Operands.toBpftrace("-4@%edi"));
        assertEquals("*(uint64*)(reg(\"bp\") - 16)", Operands.toBpftrace("8@-16(%rbp)"));
        assertEquals("7", Operands.toBpftrace("4@$7"));
    }

    @Test
    void aSizeNoArgumentHasIsRefused() {
        // 0@%rax became (uint0), and bpftrace refused the whole program
        assertEquals("note operand 0@%rax has a size of 0 bytes: an argument is 1, 2, 4 or 8",
                assertThrows(IllegalArgumentException.class, () -> Operands.toBpftrace("0@%rax")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Operands.toBpftrace("3@%eax"));
        assertThrows(IllegalArgumentException.class, () -> Operands.toBpftrace("99999999999@%eax"));
        assertThrows(IllegalArgumentException.class, () -> Operands.toBpftrace("8@%rax\")}"));
    }
}
