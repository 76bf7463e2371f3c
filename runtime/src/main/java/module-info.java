/**
 * usdt4j's runtime: the annotations an application declares probes with, {@code Providers},
 * and the loader its generated implementations call. An application needs only
 * {@code requires io.github.usdt4j;}.
 */
@SuppressWarnings("module") // the tools named below are built after this module, and may not be on the module path
module io.github.usdt4j {
    // sun.misc.Unsafe reads semaphores before JDK 22 (UnsafeReader); without the module the
    // runtime falls back to another read, so an image linked without it still runs
    requires static jdk.unsupported;

    exports io.github.usdt4j;
    // called by the implementations the processor generates into the application's module
    exports io.github.usdt4j.spi;
    // the rules and file readers usdt4j's own tools share; not an API for applications
    exports io.github.usdt4j.catalogue to io.github.usdt4j.processor, io.github.usdt4j.plugin, io.github.usdt4j.dtrace;
    exports io.github.usdt4j.tool to io.github.usdt4j.dtrace;
}
