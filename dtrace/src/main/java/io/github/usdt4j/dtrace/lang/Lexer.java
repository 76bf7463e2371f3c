package io.github.usdt4j.dtrace.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits D source into tokens on demand. Probe descriptions are not tokens of the expression
 * language ({@code libmtev*:::eventer-read-entry} holds dashes and globs), so the parser asks
 * for them with {@link #probeDescription()} where a clause starts.
 */
final class Lexer {
    /** Longest first, so that {@code >>=} is not read as {@code >>} then {@code =}. */
    private static final String[] PUNCTUATION = {
        "<<=", ">>=", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "^^",
        "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=",
        "+", "-", "*", "/", "%", "<", ">", "=", "!", "~", "&", "|", "^", "?", ":", ";", ",",
        "(", ")", "[", "]", "{", "}", ".", "`",
    };

    private final String source;
    private int at;
    private int line = 1;
    private final List<String[]> pragmas = new ArrayList<>();
    private final java.util.ArrayDeque<Token> ahead = new java.util.ArrayDeque<>();

    Lexer(String source) {
        this.source = source;
        if (source.startsWith("#!")) {
            at = source.indexOf('\n') < 0 ? source.length() : source.indexOf('\n'); // interpreter line
        }
    }

    /** {@code #pragma D option name[=value]} lines seen so far, each as {name, value or null, line}. */
    List<String[]> pragmas() {
        return pragmas;
    }

    Token peek() throws CompileError {
        if (ahead.isEmpty()) {
            ahead.add(read());
        }
        return ahead.peekFirst();
    }

    /** The token after {@link #peek()}. */
    Token peekSecond() throws CompileError {
        peek();
        if (ahead.size() < 2) {
            ahead.add(read());
        }
        return ahead.peekLast();
    }

    Token next() throws CompileError {
        Token token = peek();
        ahead.removeFirst();
        return token;
    }

    /** The line of the next token, without reading it (so a probe description may follow). */
    int line() throws CompileError {
        if (!ahead.isEmpty()) {
            return ahead.peekFirst().line();
        }
        skipBlanks();
        return line;
    }

    /** True when only blanks and comments remain. */
    boolean atEnd() throws CompileError {
        if (!ahead.isEmpty()) {
            return ahead.peekFirst().kind() == Token.Kind.END;
        }
        skipBlanks();
        return at >= source.length();
    }

    /**
     * Reads one probe description: everything up to a blank, a comma, a slash or a brace.
     * Returns null when the next thing is not a description.
     */
    String probeDescription() throws CompileError {
        if (!ahead.isEmpty()) {
            throw new IllegalStateException("a token was peeked before a probe description");
        }
        skipBlanks();
        int start = at;
        while (at < source.length() && " \t\r\n,/{".indexOf(source.charAt(at)) < 0) {
            at++;
        }
        return at == start ? null : source.substring(start, at);
    }

    /** Whether the text at the reading position starts with {@code word} and then a non-word character. */
    boolean lookingAtWord(String word) throws CompileError {
        if (!ahead.isEmpty()) {
            return ahead.peekFirst().isWord(word);
        }
        skipBlanks();
        return source.startsWith(word, at)
                && (at + word.length() == source.length() || !isWordChar(source.charAt(at + word.length())));
    }

    private Token read() throws CompileError {
        skipBlanks();
        if (at >= source.length()) {
            return new Token(Token.Kind.END, "", 0, line);
        }
        char c = source.charAt(at);
        int start = at;
        if (Character.isLetter(c) || c == '_') {
            while (at < source.length() && isWordChar(source.charAt(at))) {
                at++;
            }
            return new Token(Token.Kind.IDENTIFIER, source.substring(start, at), 0, line);
        }
        if (c == '.' && at + 1 < source.length() && Character.isDigit(source.charAt(at + 1))) {
            throw new CompileError(line, "floating-point constants are not permitted"); // .5
        }
        if (Character.isDigit(c)) {
            return number();
        }
        if (c == '"') {
            return string();
        }
        if (c == '\'') {
            return character();
        }
        if (c == '@') {
            at++;
            while (at < source.length() && isWordChar(source.charAt(at))) {
                at++;
            }
            return new Token(Token.Kind.AGGREGATION, source.substring(start + 1, at), 0, line);
        }
        if (c == '$') {
            at++;
            if (at < source.length() && source.charAt(at) == '$') {
                at++; // $$1: the macro argument as a string
            }
            while (at < source.length() && isWordChar(source.charAt(at))) {
                at++;
            }
            return new Token(Token.Kind.MACRO, source.substring(start, at), 0, line);
        }
        for (String p : PUNCTUATION) {
            if (source.startsWith(p, at)) {
                at += p.length();
                return new Token(Token.Kind.PUNCT, p, 0, line);
            }
        }
        throw new CompileError(line, "invalid character '" + c + "'");
    }

    private Token number() throws CompileError {
        int start = at;
        int radix = 10;
        if (source.startsWith("0x", at) || source.startsWith("0X", at)) {
            radix = 16;
            at += 2;
        } else if (source.charAt(at) == '0' && at + 1 < source.length() && Character.isDigit(source.charAt(at + 1))) {
            radix = 8;
        }
        int digits = at;
        while (at < source.length() && Character.digit(source.charAt(at), radix) >= 0) {
            at++;
        }
        String text = source.substring(digits, at);
        if (radix != 16 && isFloatingPointTail(at)) {
            throw new CompileError(line, "floating-point constants are not permitted"); // dtrace's words
        }
        while (at < source.length() && "uUlL".indexOf(source.charAt(at)) >= 0) {
            at++; // 10ull: the suffix does not change the value here
        }
        if (at < source.length() && isWordChar(source.charAt(at))) {
            throw new CompileError(line, "invalid integer constant: " + source.substring(start, at + 1));
        }
        try {
            return new Token(Token.Kind.INTEGER, source.substring(start, at), Long.parseUnsignedLong(text, radix), line);
        } catch (NumberFormatException e) {
            throw new CompileError(line, "integer constant " + source.substring(start, at) + " does not fit in 64 bits");
        }
    }

    /** Whether the digits before {@code at} continue as a floating-point constant: {@code 1.5}, {@code 1.}, {@code 2e10}. */
    private boolean isFloatingPointTail(int at) {
        if (at >= source.length()) {
            return false;
        }
        char c = source.charAt(at);
        if (c == '.') {
            return true;
        }
        if (c != 'e' && c != 'E') {
            return false;
        }
        int exponent = at + 1;
        if (exponent < source.length() && (source.charAt(exponent) == '+' || source.charAt(exponent) == '-')) {
            exponent++;
        }
        return exponent < source.length() && Character.isDigit(source.charAt(exponent));
    }

    private Token string() throws CompileError {
        int startLine = line;
        StringBuilder text = new StringBuilder();
        at++;
        while (true) {
            if (at >= source.length() || source.charAt(at) == '\n') {
                throw new CompileError(startLine, "newline encountered in string literal");
            }
            char c = source.charAt(at++);
            if (c == '"') {
                return new Token(Token.Kind.STRING, text.toString(), 0, startLine);
            }
            text.append(c == '\\' ? escape() : c);
        }
    }

    private Token character() throws CompileError {
        at++;
        if (at >= source.length()) {
            throw new CompileError(line, "unterminated character constant");
        }
        char c = source.charAt(at++);
        char value = c == '\\' ? escape() : c;
        if (at >= source.length() || source.charAt(at) != '\'') {
            throw new CompileError(line, "invalid character constant");
        }
        at++;
        return new Token(Token.Kind.INTEGER, "'" + value + "'", value, line);
    }

    /**
     * A C escape sequence after its backslash: the named ones, octal {@code \101} (one to three
     * digits) and hexadecimal {@code \x41}, each a byte (the source is byte text).
     */
    private char escape() throws CompileError {
        if (at >= source.length()) {
            throw new CompileError(line, "incomplete escape sequence");
        }
        char c = source.charAt(at++);
        switch (c) {
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            case 'a': return '\u0007';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'v': return '\u000b';
            case '\\': return '\\';
            case '"': return '"';
            case '\'': return '\'';
            case '?': return '?';
            case 'x': {
                int value = 0;
                int digits = 0;
                while (at < source.length() && Character.digit(source.charAt(at), 16) >= 0) {
                    value = (value * 16 + Character.digit(source.charAt(at++), 16)) & 0xfff;
                    digits++;
                }
                if (digits == 0) {
                    throw new CompileError(line, "invalid escape sequence \\x: hexadecimal digits must follow");
                }
                if (value > 0xff) {
                    throw new CompileError(line, "hexadecimal escape sequence out of range");
                }
                return (char) value;
            }
            default:
                if (c >= '0' && c <= '7') {
                    int value = c - '0';
                    for (int digits = 1; digits < 3 && at < source.length()
                            && source.charAt(at) >= '0' && source.charAt(at) <= '7'; digits++) {
                        value = value * 8 + (source.charAt(at++) - '0');
                    }
                    if (value > 0xff) {
                        throw new CompileError(line, "octal escape sequence out of range");
                    }
                    return (char) value;
                }
                throw new CompileError(line, "invalid escape sequence \\" + c);
        }
    }

    private void skipBlanks() throws CompileError {
        while (at < source.length()) {
            char c = source.charAt(at);
            if (c == '\n') {
                line++;
                at++;
            } else if (Character.isWhitespace(c)) {
                at++;
            } else if (source.startsWith("/*", at)) {
                int end = source.indexOf("*/", at + 2);
                if (end < 0) {
                    throw new CompileError(line, "end of file encountered in comment");
                }
                line += (int) source.substring(at, end).chars().filter(ch -> ch == '\n').count();
                at = end + 2;
            } else if (source.startsWith("//", at)) {
                while (at < source.length() && source.charAt(at) != '\n') {
                    at++;
                }
            } else if (c == '#' && atLineStart()) {
                directive();
            } else {
                return;
            }
        }
    }

    private boolean atLineStart() {
        for (int i = at - 1; i >= 0 && source.charAt(i) != '\n'; i--) {
            if (!Character.isWhitespace(source.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code #pragma D option …} is kept; other directives need the C preprocessor. */
    private void directive() throws CompileError {
        int end = source.indexOf('\n', at);
        String text = source.substring(at, end < 0 ? source.length() : end).trim();
        String[] words = text.substring(1).trim().split("\\s+");
        if (words.length >= 1 && words[0].equals("pragma")) {
            if (words.length == 4 && words[1].equals("D") && words[2].equals("option")) {
                String[] option = words[3].split("=", 2);
                pragmas.add(new String[] {option[0], option.length > 1 ? option[1] : null, Integer.toString(line)});
            } else if (words.length >= 3 && words[1].equals("D") && (words[2].equals("attributes") || words[2].equals("binding")
                    || words[2].equals("depends_on"))) {
                // stability and binding pragmas change nothing in what is traced
            } else {
                throw new CompileError(line, "invalid control directive: " + text);
            }
        } else if (words.length >= 1 && (words[0].equals("line") || words[0].matches("\\d+"))) {
            // a preprocessor's line marker: the next line is the script's line N
            String number = words[0].equals("line") && words.length > 1 ? words[1] : words[0];
            if (number.matches("\\d+")) {
                line = Integer.parseInt(number) - 1;
            }
        } else {
            throw new CompileError(line, "preprocessor directive " + text
                    + " needs the C preprocessor (dtrace -C), which this front-end does not run");
        }
        at = end < 0 ? source.length() : end;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
