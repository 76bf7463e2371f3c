package io.github.usdt4j.dtrace.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.usdt4j.dtrace.output.PrintfFormat.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/** D's printf conversions, as C's printf formats them for the argument's type. */
class PrintfFormatTest {
    private static String format(String format, Value... values) {
        return PrintfFormat.parse(format).format(List.of(values), null);
    }

    @Test
    void integersTakeTheirTypesSizeAndSign() {
        assertEquals("-1 4294967295 ffffffff", format("%d %u %x", Value.of(-1, 4, true), Value.of(-1, 4, true), Value.of(-1, 4, true)));
        assertEquals("18446744073709551615 ffffffffffffffff", format("%u %x", Value.of(-1, 8, true), Value.of(-1, 8, true)));
        assertEquals("-9223372036854775808", format("%lld", Value.of(Long.MIN_VALUE, 8, true)));
        assertEquals("0xdeadbeef 0XFF 017", format("%p %#X %#o", Value.of(0xdeadbeefL, 8, false), Value.of(255, 4, true),
                Value.of(15, 4, true)));
        assertEquals("A", format("%c", Value.of(65, 1, true)));
    }

    @Test
    void widthsFlagsAndPrecisions() {
        assertEquals("[   42][42   ][00042][+42][ 42]", format("[%5d][%-5d][%05d][%+d][% d]", Value.of(42, 4, true),
                Value.of(42, 4, true), Value.of(42, 4, true), Value.of(42, 4, true), Value.of(42, 4, true)));
        assertEquals("[  abc][abc  ][ab]", format("[%5s][%-5s][%.2s]", Value.of("abc"), Value.of("abc"), Value.of("abc")));
        assertEquals("[   ab]", format("[%*.*s]", Value.of(5, 4, true), Value.of(2, 4, true), Value.of("abcdef")));
        assertEquals("100%", format("%d%%", Value.of(100, 4, true)));
    }

    @Test
    void printaConversionsAreMarked() {
        PrintfFormat format = PrintfFormat.parse("%-20s %@8d %8@d\n");
        assertEquals(3, format.conversions().size());
        assertEquals(List.of(false, true, true), format.conversions().stream().map(PrintfFormat.Conversion::aggregation).toList());
        assertEquals(8, format.conversions().get(2).width());
    }

    @Test
    void badConversionsAreRefusedWithTheReason() {
        assertEquals("format conversion #1 is undefined: %y",
                assertThrows(IllegalArgumentException.class, () -> PrintfFormat.parse("%y")).getMessage());
        assertEquals("floating-point conversion %f is not supported: D values here are integers and strings",
                assertThrows(IllegalArgumentException.class, () -> PrintfFormat.parse("%f")).getMessage());
    }
}
