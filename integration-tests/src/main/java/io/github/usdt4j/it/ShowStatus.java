package io.github.usdt4j.it;

import io.github.usdt4j.ProviderStatus;
import io.github.usdt4j.Providers;

/**
 * Loads the conformance provider, prints its status ({@code status active} or
 * {@code status no-op: <reason>}), fires every probe, and prints {@code fired}. With
 * {@code usdt4j.failFast} set, prints {@code exception: <message>} if {@code get} throws.
 */
public final class ShowStatus {
    private ShowStatus() {}

    public static void main(String[] args) {
        Conformance probes;
        try {
            probes = Providers.get(Conformance.class);
        } catch (IllegalStateException e) {
            System.out.println("exception: " + e.getMessage());
            return;
        }
        ProviderStatus status = Providers.status(Conformance.class);
        System.out.println(status.active() ? "status active " + status.library().orElseThrow()
                : "status no-op: " + status.reason());
        probes.integers(true, (byte) 1, (short) 2, 'c', 4, 5L);
        probes.strings("a", null, "c");
        probes.objects(Conformance.Color.RED, new Object(), 1L, 2L);
        probes.wide(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        probes.done(0);
        System.out.println("fired " + probes.doneEnabled());
    }
}
