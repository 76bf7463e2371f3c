package io.github.usdt4j.dtrace.output;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A D {@code printf} or {@code printa} format: parsed when the program is compiled (so a bad
 * conversion is a compile error), applied to each event's values as C's printf would.
 */
public final class PrintfFormat {
    /** What a conversion needs from its argument. */
    public enum Needs { INTEGER, STRING }

    /**
     * One {@code %} conversion. {@code width} and {@code precision} are -1 when absent and
     * {@code STAR} when given by an argument; {@code aggregation} marks printa's {@code %@}.
     */
    public record Conversion(String flags, int width, int precision, char conversion, boolean aggregation,
            String text) {
        public static final int STAR = -2;

        public Needs needs() {
            switch (conversion) {
                case 's': case 'S': case 'k': // %k: printa's stack key
                    return Needs.STRING;
                default:
                    return Needs.INTEGER;
            }
        }
    }

    private static final String CONVERSIONS = "cdiouxXspYaAS%k";
    private static final DateTimeFormatter WALLTIME = DateTimeFormatter.ofPattern("yyyy MMM ppd HH:mm:ss", Locale.ROOT);

    private final String text;
    private final List<Object> parts = new ArrayList<>(); // String literals and Conversions

    private PrintfFormat(String text) {
        this.text = text;
    }

    /** Parses {@code text}; {@link IllegalArgumentException} says what is wrong with a conversion. */
    public static PrintfFormat parse(String text) {
        PrintfFormat format = new PrintfFormat(text);
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '%') {
                literal.append(c);
                i++;
                continue;
            }
            int start = i++;
            StringBuilder flags = new StringBuilder();
            int width = -1;
            int precision = -1;
            boolean aggregation = false;
            while (i < text.length() && "-+ #0'@".indexOf(text.charAt(i)) >= 0) {
                if (text.charAt(i) == '@') {
                    aggregation = true;
                } else {
                    flags.append(text.charAt(i));
                }
                i++;
            }
            if (i < text.length() && text.charAt(i) == '*') {
                width = Conversion.STAR;
                i++;
            } else {
                int digits = i;
                while (i < text.length() && Character.isDigit(text.charAt(i))) {
                    i++;
                }
                width = i > digits ? Integer.parseInt(text.substring(digits, i)) : -1;
            }
            if (i < text.length() && text.charAt(i) == '@') { // %8@d as well as %@8d
                aggregation = true;
                i++;
            }
            if (i < text.length() && text.charAt(i) == '.') {
                i++;
                if (i < text.length() && text.charAt(i) == '*') {
                    precision = Conversion.STAR;
                    i++;
                } else {
                    int digits = i;
                    while (i < text.length() && Character.isDigit(text.charAt(i))) {
                        i++;
                    }
                    precision = i > digits ? Integer.parseInt(text.substring(digits, i)) : 0;
                }
            }
            while (i < text.length() && "hlLqjzt".indexOf(text.charAt(i)) >= 0) {
                i++; // length modifiers: the argument's own type decides
            }
            if (i >= text.length()) {
                throw new IllegalArgumentException("format conversion #" + (format.conversions().size() + 1)
                        + " is incomplete: \"" + text.substring(start) + "\"");
            }
            char conversion = text.charAt(i++);
            if ("eEfgG".indexOf(conversion) >= 0) {
                throw new IllegalArgumentException("floating-point conversion %" + conversion
                        + " is not supported: D values here are integers and strings");
            }
            if (CONVERSIONS.indexOf(conversion) < 0) {
                throw new IllegalArgumentException("format conversion #" + (format.conversions().size() + 1)
                        + " is undefined: %" + conversion);
            }
            if (conversion == '%') {
                literal.append('%');
                continue;
            }
            if (literal.length() > 0) {
                format.parts.add(literal.toString());
                literal.setLength(0);
            }
            format.parts.add(new Conversion(flags.toString(), width, precision, conversion, aggregation,
                    text.substring(start, i)));
        }
        if (literal.length() > 0) {
            format.parts.add(literal.toString());
        }
        return format;
    }

    public String text() {
        return text;
    }

    public List<Conversion> conversions() {
        List<Conversion> conversions = new ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Conversion) {
                conversions.add((Conversion) part);
            }
        }
        return conversions;
    }

    /** One argument: a string, or an integer with the type it came from. */
    public record Value(String text, long number, int size, boolean signed) {
        public static Value of(String text) {
            return new Value(text, 0, 0, false);
        }

        public static Value of(long number, int size, boolean signed) {
            return new Value(null, number, size, signed);
        }

        boolean isString() {
            return text != null;
        }
    }

    /**
     * Formats {@code values}, one per conversion (and one per {@code *}), in order; an
     * aggregation conversion takes {@code aggregation}'s rendering when given.
     */
    public String format(List<Value> values, java.util.function.Function<Conversion, String> aggregation) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (Object part : parts) {
            if (part instanceof String) {
                out.append((String) part);
                continue;
            }
            Conversion c = (Conversion) part;
            int width = c.width();
            if (width == Conversion.STAR) {
                width = next < values.size() ? (int) values.get(next++).number() : 0;
            }
            int precision = c.precision();
            if (precision == Conversion.STAR) {
                precision = next < values.size() ? (int) values.get(next++).number() : -1;
            }
            String flags = c.flags();
            if (width < 0 && width != -1) { // a negative * width left-justifies, as in C
                flags += "-";
                width = -width;
            }
            if (c.aggregation() && aggregation != null) {
                out.append(pad(aggregation.apply(c), width, flags.contains("-")));
                continue;
            }
            Value value = next < values.size() ? values.get(next++) : Value.of(0, 8, true);
            out.append(convert(c.conversion(), flags, width, precision, value));
        }
        return out.toString();
    }

    private static String convert(char conversion, String flags, int width, int precision, Value value) {
        boolean left = flags.contains("-");
        boolean zero = flags.contains("0") && !left;
        long bits = value.number();
        long unsigned = value.size() == 8 || value.size() == 0 ? bits : bits & ((1L << (value.size() * 8)) - 1);
        switch (conversion) {
            case 's': {
                String s = value.isString() ? value.text() : Long.toString(bits);
                if (precision >= 0 && precision < s.length()) {
                    s = s.substring(0, precision);
                }
                return pad(s, width, left);
            }
            case 'k':
                return value.isString() ? value.text() : Long.toString(bits); // a stack, printed as dtrace prints one
            case 'S':
                return pad(escape(value.isString() ? value.text() : Long.toString(bits)), width, left);
            case 'c':
                return pad(String.valueOf((char) (bits & 0xff)), width, left);
            case 'd': case 'i': {
                String digits = Long.toString(Math.abs(bits));
                if (bits == Long.MIN_VALUE) {
                    digits = "9223372036854775808";
                }
                String sign = bits < 0 ? "-" : flags.contains("+") ? "+" : flags.contains(" ") ? " " : "";
                return number(sign, digits, width, precision, left, zero);
            }
            case 'u':
                return number("", Long.toUnsignedString(unsigned), width, precision, left, zero);
            case 'x': case 'X': case 'p': case 'a': case 'A': {
                String digits = Long.toHexString(conversion == 'x' || conversion == 'X' ? unsigned : bits);
                if (conversion == 'X') {
                    digits = digits.toUpperCase(Locale.ROOT);
                }
                String prefix = conversion == 'p' || conversion == 'a' || conversion == 'A'
                        || (flags.contains("#") && unsigned != 0) ? (conversion == 'X' ? "0X" : "0x") : "";
                return number(prefix, digits, width, precision, left, zero);
            }
            case 'o': {
                String digits = Long.toOctalString(unsigned);
                return number(flags.contains("#") && unsigned != 0 ? "0" : "", digits, width, precision, left, zero);
            }
            case 'Y':
                return pad(WALLTIME.format(Instant.ofEpochSecond(0, bits).atZone(ZoneId.systemDefault())), width, left);
            default:
                return "";
        }
    }

    private static String number(String prefix, String digits, int width, int precision, boolean left, boolean zero) {
        if (precision >= 0 && digits.length() < precision) {
            digits = "0".repeat(precision - digits.length()) + digits;
        }
        if (zero && precision < 0 && width > prefix.length() + digits.length()) {
            return prefix + "0".repeat(width - prefix.length() - digits.length()) + digits;
        }
        return pad(prefix + digits, width, left);
    }

    static String pad(String s, int width, boolean left) {
        if (width <= s.length()) {
            return s;
        }
        String spaces = " ".repeat(width - s.length());
        return left ? s + spaces : spaces + s;
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\n': out.append("\\n"); break;
                case '\t': out.append("\\t"); break;
                case '\\': out.append("\\\\"); break;
                case '"': out.append("\\\""); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\%03o", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.toString();
    }
}
