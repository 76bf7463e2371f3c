package io.github.usdt4j.dtrace.output;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * D's strings are bytes, and dtrace prints them unchanged: UTF-8, Latin-1 or anything else.
 * So the front-end carries D text as byte text, one {@code char} per byte (0 to 255, the
 * ISO-8859-1 reading of the bytes): the scripts as read, the values bpftrace reports, and the
 * trace output, which is written back as those very bytes. Widths ({@code %-10s}, a key's 50
 * columns) then count bytes, as C's printf does. Only what goes to standard error (messages
 * that quote a script) is read back as UTF-8.
 */
public final class ByteText {
    /** The charset of byte text: each char is the byte of the same value. */
    public static final Charset CHARSET = StandardCharsets.ISO_8859_1;

    private ByteText() {}

    /** The byte text of {@code text}'s UTF-8 encoding: a Java string (a command-line argument, a name) as D sees it. */
    public static String of(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), CHARSET);
    }

    /** The byte text of {@code bytes}. */
    public static String of(byte[] bytes) {
        return new String(bytes, CHARSET);
    }

    /** Byte text read as UTF-8, for a message on standard error; bytes that are not UTF-8 become U+FFFD. */
    public static String toUnicode(String byteText) {
        return new String(byteText.getBytes(CHARSET), StandardCharsets.UTF_8);
    }

    /**
     * One line of bpftrace 0.17's JSON output with the bytes it mangles restored. It writes a
     * byte of 0x80 or more as a sign-extended {@code \uffffffc3}, which a JSON reader takes as
     * {@code \uffff} and the text {@code ffc3}; here it becomes {@code \u00c3}, so that the
     * parsed string is the byte text of what the program printed.
     */
    public static String repairBpftraceJson(String line) {
        int escape = line.indexOf("\\uffffff");
        if (escape < 0) {
            return line;
        }
        StringBuilder out = new StringBuilder(line.length());
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c != '\\' || i + 1 >= line.length()) {
                out.append(c);
                i++;
            } else if (line.startsWith("uffffff", i + 1) && i + 10 <= line.length()
                    && isHex(line.charAt(i + 8)) && isHex(line.charAt(i + 9))) {
                out.append("\\u00").append(line, i + 8, i + 10);
                i += 10;
            } else {
                out.append(c).append(line.charAt(i + 1)); // \\, \" and the others: kept whole
                i += 2;
            }
        }
        return out.toString();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
