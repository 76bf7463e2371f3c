package io.github.usdt4j.benchmarks;

/** The baseline: the same interface with empty methods, a call without a probe. */
final class EmptyProbes implements BenchProbes {
    @Override
    public void intValue(int value) {}

    @Override
    public void stringValue(String value) {}

    @Override
    public void objectValue(Object value) {}

    @Override
    public boolean intValueEnabled() {
        return false;
    }
}
