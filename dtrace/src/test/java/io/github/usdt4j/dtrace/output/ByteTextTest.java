package io.github.usdt4j.dtrace.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** bpftrace 0.17's JSON, as it writes bytes of 0x80 and more, read back as the bytes printed. */
class ByteTextTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What bpftrace 0.17 printed for {@code printf("%s\n", "été ✓")}. */
    @Test
    void signExtendedEscapesBecomeTheirBytes() throws Exception {
        String line = "{\"type\": \"printf\", \"data\": \"\\uffffffc3\\uffffffa9t\\uffffffc3\\uffffffa9 "
                + "\\uffffffe2\\uffffff9c\\uffffff93\\n\"}";
        String text = JSON.readTree(ByteText.repairBpftraceJson(line)).path("data").asText();
        assertEquals("été ✓\n", ByteText.toUnicode(text));
        assertEquals(ByteText.of("été ✓\n"), text);
    }

    @Test
    void escapedBackslashesAreLeftAlone() throws Exception {
        String line = "{\"data\": \"a\\\\uffffffc3 \\\" \\uffffffff\"}"; // a backslash then text; a quote; byte 0xff
        String text = JSON.readTree(ByteText.repairBpftraceJson(line)).path("data").asText();
        assertEquals("a\\uffffffc3 \" \u00ff", text);
    }

    @Test
    void byteTextRoundTrips() {
        assertEquals("\u00c3\u00a9", ByteText.of("é"));
        assertEquals("é", ByteText.toUnicode(ByteText.of("é")));
        assertEquals("\ufffd", ByteText.toUnicode("\u00ff")); // not UTF-8: shown as U+FFFD on standard error
    }
}
