package io.github.usdt4j.it;

import io.github.usdt4j.DType;
import io.github.usdt4j.Enabled;
import io.github.usdt4j.Probe;
import io.github.usdt4j.Provider;

/** A provider with every argument shape usdt4j supports, for the end-to-end tests. */
@Provider("conformance")
public interface Conformance {
    enum Color { RED, GREEN }

    @Probe
    void integers(boolean flag, byte small, short medium, char unit, int number, long big);

    @Probe
    void strings(String first, String second, String third);

    /** Limits small enough that bpftrace's str() shows where the text was cut. */
    @Probe
    void cut(@DType(maxBytes = 10) String euros, @DType(maxBytes = 10) String rockets, @DType(maxBytes = 3) String ascii);

    @Probe
    void objects(Color color, Object thing, @DType("size_t") long size, @DType("void *") long pointer);

    @Probe
    void wide(int a1, long a2, int a3, long a4, int a5, long a6, int a7, long a8, int a9, long a10, int a11, long a12);

    /** Fired from many threads at once by the concurrency test. */
    @Probe
    void counted(int thread, long sequence);

    @Enabled
    boolean countedEnabled();

    /** Fired last, so a tracer knows the run is over. */
    @Probe
    void done(int fired);

    @Enabled
    boolean integersEnabled();

    @Enabled
    boolean stringsEnabled();

    @Enabled
    boolean cutEnabled();

    @Enabled
    boolean objectsEnabled();

    @Enabled
    boolean doneEnabled();

    @Enabled
    boolean wideEnabled();
}
