package io.github.usdt4j.benchmarks;

import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/** The JFR alternative: an event nobody records. */
@Name("io.github.usdt4j.benchmarks.BenchEvent")
@Label("usdt4j benchmark event")
final class BenchEvent extends Event {
    @Label("value")
    int value;
}
