/** Helpers the test modules share; not published. */
package io.github.usdt4j.testing;
