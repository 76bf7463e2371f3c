package io.github.usdt4j.tool;

/**
 * Text from another user's files made safe for a terminal. The listing and the D front-end
 * print paths, provider, probe and symbol names, catalogue fields and reasons that come from
 * files anyone may write; printed as they are, they could move the cursor, rewrite the lines
 * above, retitle the window or forge a line of the listing. Shown as {@code cat -v} shows
 * them instead: control characters as {@code ^X}, DEL as {@code ^?}, the C1 controls as
 * {@code M-^X}; characters that are invisible or reorder text (bidirectional overrides, line
 * and paragraph separators, zero-width marks) as {@code <U+202E>}. Everything else, é and ✓
 * included, is shown unchanged.
 */
public final class Printable {
    private Printable() {}

    /** {@code text} with every character that could act on a terminal written out visibly. */
    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String shown = shown(c);
            if (shown != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (shown != null) {
                    out.append(shown);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** How {@code c} is shown, or null when it is shown as itself. */
    private static String shown(char c) {
        if (c < 0x20) {
            return "^" + (char) (c + '@');
        }
        if (c == 0x7f) {
            return "^?";
        }
        if (c >= 0x80 && c < 0xa0) {
            return "M-^" + (char) (c - 0x80 + '@');
        }
        int type = Character.getType(c);
        if (type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.UNASSIGNED || c == '\ufffd') {
            return String.format("<U+%04X>", (int) c);
        }
        return null;
    }
}
