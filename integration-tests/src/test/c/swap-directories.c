/*
 * The attacker of ExtractionAttackTest: swaps two directories with renameat2(RENAME_EXCHANGE)
 * as fast as it can until SIGTERM, hoping to swap in her own library between the victim's
 * check of a file and its System.load. On SIGTERM it says how many swaps succeeded.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

static volatile sig_atomic_t stop;

static void on_term(int number) {
    (void) number;
    stop = 1;
}

int main(int argc, char **argv) {
    long swapped = 0;

    if (argc != 3) {
        fprintf(stderr, "usage: swap-directories DIR1 DIR2\n");
        return 2;
    }
    signal(SIGTERM, on_term);
    while (!stop) {
        if (syscall(SYS_renameat2, AT_FDCWD, argv[1], AT_FDCWD, argv[2], RENAME_EXCHANGE) == 0) {
            swapped++;
        }
    }
    printf("swapped %ld times\n", swapped);
    return 0;
}
