/*
 * A C program with a USDT provider of its own (sys/sdt.h, no semaphore): software other
 * than Java that the D front-end traces as shop$target. 250 sales of 2 * i each.
 */
#include <sys/sdt.h>

int main(void) {
    for (long i = 0; i < 250; i++) {
        DTRACE_PROBE2(shop, sale, i, 2 * i);
    }
    return 0;
}
