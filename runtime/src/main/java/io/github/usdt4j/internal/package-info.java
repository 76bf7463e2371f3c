/**
 * How a provider comes alive or stays silent: finding and extracting the native library
 * ({@link io.github.usdt4j.internal.NativeLibraries}), and the no-op stand-in
 * ({@link io.github.usdt4j.internal.NoopProvider}). Not an API.
 */
package io.github.usdt4j.internal;
