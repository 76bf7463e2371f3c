/** Providers of every shape and the programs the end-to-end tests run in child JVMs. */
package io.github.usdt4j.it;
