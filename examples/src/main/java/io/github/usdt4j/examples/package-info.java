/** libmtev's provider and an HTTP event loop that fires it: the example of usdt4j. */
package io.github.usdt4j.examples;
