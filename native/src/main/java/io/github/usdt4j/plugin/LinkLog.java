package io.github.usdt4j.plugin;

/** Where the link step reports: Maven's log for the goal, the terminal for the command. */
interface LinkLog {
    void info(String message);

    void warn(String message);

    void debug(String message);
}
