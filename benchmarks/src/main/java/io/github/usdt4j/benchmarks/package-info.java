/** JMH benchmarks of disabled and enabled probes, and the C side they are compared with. */
package io.github.usdt4j.benchmarks;
