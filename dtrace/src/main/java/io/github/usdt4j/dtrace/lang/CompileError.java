package io.github.usdt4j.dtrace.lang;

/**
 * A D program this front-end cannot compile, with the line it is on; printed the way dtrace
 * prints its compile errors ({@code dtrace: failed to compile script x.d: line 3: …}).
 */
public final class CompileError extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private int source = -1;

    public CompileError(int line, String message) {
        super(message);
        this.line = line;
    }

    /** Which of several programs ({@code -s}, {@code -n}) the error is in, by position; -1 when not known. */
    public int source() {
        return source;
    }

    /** Records the program the error is in, unless it is known already. */
    public CompileError inSource(int index) {
        if (source < 0) {
            source = index;
        }
        return this;
    }

    /** The line in the program, from 1; 0 when the error is not on one line. */
    public int line() {
        return line;
    }

    /** The message after {@code failed to compile …: }. */
    public String describe() {
        return line > 0 ? "line " + line + ": " + getMessage() : getMessage();
    }
}
