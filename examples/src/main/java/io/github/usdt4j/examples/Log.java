package io.github.usdt4j.examples;

/**
 * Fires libmtev's {@code log} probe with the caller's file and line, like libmtev's C logging
 * macros do. Finding the caller walks the stack, so it happens only while the probe is traced.
 */
final class Log {
    private static final StackWalker WALKER = StackWalker.getInstance();

    private Log() {}

    static void log(String facility, String message) {
        if (!EventLoopServer.PROBES.logEnabled()) {
            return;
        }
        StackWalker.StackFrame caller = WALKER.walk(frames -> frames.skip(1).findFirst()).orElseThrow();
        EventLoopServer.PROBES.log(facility, caller.getFileName(), caller.getLineNumber(), message);
    }
}
