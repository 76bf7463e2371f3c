/**
 * The rules that tie usdt4j's parts together, written once: what the processor calls the
 * files it generates and where it puts them ({@link io.github.usdt4j.catalogue.GeneratedLayout}),
 * how each tool spells a probe ({@link io.github.usdt4j.catalogue.ProbeNames}), and the probe
 * catalogue's format ({@link io.github.usdt4j.catalogue.Catalogue}), which the processor writes
 * and the plugin, {@code list} and the D front-end read. Applications do not need it.
 */
package io.github.usdt4j.catalogue;
