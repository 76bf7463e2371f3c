/*
 * The attacker's library of ExtractionAttackTest: if a victim ever loads it, its constructor
 * appends the victim's pid to PLANTED_MARKER, a path given when it is compiled.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

__attribute__((constructor)) static void planted(void) {
    char line[32];
    int fd = open(PLANTED_MARKER, O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
        snprintf(line, sizeof line, "%ld\n", (long) getpid());
        write(fd, line, strlen(line));
        close(fd);
    }
}
