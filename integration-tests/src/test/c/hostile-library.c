/*
 * The library of RootToolAttackTest's attacker: one ordinary SDT probe, whose note the test
 * then rewrites in place (same length) to carry a hostile provider or probe name: a newline,
 * a brace and a clause of her own, or terminal escape sequences.
 */
#include <sys/sdt.h>

void hostile_fire(long value) {
    DTRACE_PROBE1(hostile, PLACEHOLDER_NAME_OF_SIXTY_CHARACTERS_XXXXXXXXXXXXXXXXXXXXXXXXX, value);
}

#ifdef HOSTILE_CATALOGUE
/*
 * A catalogue that names her probe "log" followed by escape sequences and a clause: root's
 * tools must take a probe's name from its note, never from here.
 */
__attribute__((section(".usdt4j.catalogue"), used))
static const char catalogue[] =
    "# usdt4j probe catalogue\n"
    "provider\thostile\n"
    "probe\tlog\x1b]0;owned\x07\x1b[2J } BEGIN { printf(\"INJECTED\\n\"); }"
    "\tPLACEHOLDER_NAME_OF_SIXTY_CHARACTERS_XXXXXXXXXXXXXXXXXXXXXXXXX\tfire\tlong\x1b[31m|value|long|value\n";
#endif
