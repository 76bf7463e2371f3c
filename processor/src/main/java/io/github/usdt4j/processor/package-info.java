/**
 * The usdt4j annotation processor: {@link io.github.usdt4j.processor.ProviderProcessor} and
 * its reader, validator and messages.
 */
package io.github.usdt4j.processor;
