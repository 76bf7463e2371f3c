/**
 * What generated provider implementations call: the loader and the semaphore reads of the hot
 * path. Public only because generated code lives in the user's packages; applications do not
 * use it, and it may change in any release.
 */
package io.github.usdt4j.spi;
