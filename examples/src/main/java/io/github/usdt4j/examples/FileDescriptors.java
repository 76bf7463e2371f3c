package io.github.usdt4j.examples;

import java.nio.channels.Channel;

/**
 * The file descriptor number behind a channel, for the {@code fd} arguments of libmtev's
 * probes. The JDK does not expose it; {@code toString()} of a socket channel does not either,
 * so each channel gets a stable small number instead when the real one cannot be read.
 */
final class FileDescriptors {
    private static final java.util.Map<Channel, Integer> NUMBERS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
    private static int next = 1000;

    private FileDescriptors() {}

    static int of(Channel channel) {
        synchronized (NUMBERS) {
            return NUMBERS.computeIfAbsent(channel, c -> next++);
        }
    }
}
