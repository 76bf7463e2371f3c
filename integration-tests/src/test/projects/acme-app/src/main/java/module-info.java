/** A modular application: all it does for usdt4j is require the runtime. Exports nothing. */
module acme.app {
    requires io.github.usdt4j;
}
