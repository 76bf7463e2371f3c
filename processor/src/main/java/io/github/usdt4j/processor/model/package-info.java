/**
 * The provider model: small immutable descriptors read from the annotated interface, checked
 * by the validator and handed to the writers.
 */
package io.github.usdt4j.processor.model;
