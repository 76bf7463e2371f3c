package io.github.usdt4j.benchmarks;

import io.github.usdt4j.Enabled;
import io.github.usdt4j.Probe;
import io.github.usdt4j.Provider;

/** The provider the benchmarks fire: one probe per argument kind. */
@Provider("bench")
public interface BenchProbes {
    @Probe
    void intValue(int value);

    @Probe
    void stringValue(String value);

    @Probe
    void objectValue(Object value);

    @Enabled("int-value")
    boolean intValueEnabled();
}
