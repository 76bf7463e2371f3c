/**
 * One writer per generated output. A writer takes a validated
 * {@link io.github.usdt4j.processor.model.ProviderModel} and returns text; it never looks at
 * elements.
 */
package io.github.usdt4j.processor.writer;
