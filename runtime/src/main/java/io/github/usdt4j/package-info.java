/**
 * The public API of usdt4j: the annotations that declare a provider ({@link
 * io.github.usdt4j.Provider}, {@link io.github.usdt4j.Probe}, {@link io.github.usdt4j.DType},
 * {@link io.github.usdt4j.Enabled}) and {@link io.github.usdt4j.Providers}, which returns the
 * generated implementation.
 */
package io.github.usdt4j;
