/*
 * The attacker's process in RootToolAttackTest: maps each file named on its command line
 * (read-only, from offset 0, as a loader maps a library), says "ready PID", and stays until its
 * standard input ends. The files need not be libraries: a sparse giant, a hard link, a file
 * in a directory she will swap for FIFOs; what /proc/PID/maps then shows is what root's tools read.
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        int fd = open(argv[i], O_RDONLY);
        struct stat st;
        if (fd < 0 || fstat(fd, &st) != 0) {
            perror(argv[i]);
            return 1;
        }
        size_t size = st.st_size < 4096 ? 4096 : (size_t) st.st_size;
        if (mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0) == MAP_FAILED) {
            perror(argv[i]);
            return 1;
        }
        close(fd);
    }
    printf("ready %ld\n", (long) getpid());
    fflush(stdout);
    char buffer[256];
    while (read(0, buffer, sizeof buffer) > 0) {
        /* until the test closes our input */
    }
    return 0;
}
