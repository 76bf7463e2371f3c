package io.github.usdt4j.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Text from other users' files as a terminal is shown it: as {@code cat -v} would, and nothing else changed. */
class PrintableTest {
    @Test
    void controlCharactersAreShownAsCatVShowsThem() {
        assertEquals("^[[2J^[]0;pwned^G", Printable.of("\u001b[2J\u001b]0;pwned\u0007"));
        assertEquals("a^Mb^Jc^Id^?", Printable.of("a\rb\nc\td\u007f"));
        assertEquals("M-^[31m", Printable.of("\u009b31m")); // the one-byte CSI
        assertEquals("^@", Printable.of("\0"));
    }

    @Test
    void invisibleAndReorderingCharactersAreNamed() {
        assertEquals("lib<U+202E>os.txt", Printable.of("lib\u202eos.txt"));
        assertEquals("a<U+2028>b", Printable.of("a\u2028b"));
        assertEquals("<U+FFFD>", Printable.of("\ufffd"));
    }

    @Test
    void plainTextIsUnchanged() {
        String text = "/tmp/usdt4j-root/libusdt4j-libmtev-0123.so été ✓ 𝄞";
        assertSame(text, Printable.of(text));
    }
}
