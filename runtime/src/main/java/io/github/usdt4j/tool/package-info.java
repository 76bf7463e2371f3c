/**
 * The command line of the runtime jar: {@code java -jar usdt4j-runtime.jar list …} lists the
 * providers of a running JVM or a build output.
 */
package io.github.usdt4j.tool;
