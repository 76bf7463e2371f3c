package io.github.usdt4j.dtrace.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** dirname and basename as DTrace's dirname(3C)-like rules give them. */
class PathPartsTest {
    @Test
    void pathsTakenApart() {
        String[][] cases = {
            // path, dirname, basename
            {"java/lang/String", "java/lang", "String"},
            {"String", ".", "String"},
            {"/usr/lib/", "/usr", "lib"},
            {"/usr", "/", "usr"},
            {"a//b", "a", "b"},
            {"///", "/", "/"},
            {"", ".", "."},
        };
        for (String[] c : cases) {
            assertEquals(c[1], PathParts.of(c[0], true), "dirname(" + c[0] + ")");
            assertEquals(c[2], PathParts.of(c[0], false), "basename(" + c[0] + ")");
        }
    }
}
