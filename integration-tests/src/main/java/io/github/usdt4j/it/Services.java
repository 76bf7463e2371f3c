package io.github.usdt4j.it;

import io.github.usdt4j.Enabled;
import io.github.usdt4j.Probe;
import io.github.usdt4j.Provider;

/** A second provider of this module, nested and package-private. */
final class Services {
    private Services() {}

    @Provider("services")
    interface Probes {
        @Probe
        void tick(int count, String where);

        @Enabled
        boolean tickEnabled();
    }
}
