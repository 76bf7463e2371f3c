/**
 * The {@code usdt4j-maven-plugin}: its {@code link} goal turns the sources the annotation
 * processor left in the classes into a shared object per provider.
 */
package io.github.usdt4j.plugin;
