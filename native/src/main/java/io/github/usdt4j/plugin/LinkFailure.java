package io.github.usdt4j.plugin;

/** Linking failed; the message says why, in the failing tool's own words where there is one. */
public final class LinkFailure extends Exception {
    private static final long serialVersionUID = 1L;

    LinkFailure(String message) {
        super(message);
    }

    LinkFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
