package io.github.usdt4j.it;

import io.github.usdt4j.Probe;
import io.github.usdt4j.Provider;

/** An application's own probes beside the JVM's: the queries a D script joins with GC pauses. */
@Provider("queries")
public interface Queries {
    @Probe
    void start(int id);

    @Probe
    void finish(int id);
}
