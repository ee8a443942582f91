/*
 * Shared by the libFuzzer harnesses: the entry point's prototype, and the
 * input as a file, for the loaders that take a path.
 */
#ifndef EVB_FUZZ_H
#define EVB_FUZZ_H

#include <sys/mman.h>

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * The n bytes at p in an anonymous file, positioned at its start; path
 * (at least 32 bytes) names it for open(2).  Returns the descriptor.
 */
static inline int
fuzz_file(const uint8_t *p, size_t n, char *path)
{
	int fd = memfd_create("fuzz", MFD_CLOEXEC);

	if (fd == -1 || (n > 0 && write(fd, p, n) != (ssize_t)n) ||
	    lseek(fd, 0, SEEK_SET) == -1)
		abort();
	snprintf(path, 32, "/proc/self/fd/%d", fd);
	return fd;
}

/* The next line of [*p, end) without its newline, or NULL at the end. */
static inline const char *
fuzz_line(const char **p, const char *end, size_t *n)
{
	const char *s = *p, *nl;

	if (s >= end)
		return NULL;
	if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
		nl = end;
	*n = (size_t)(nl - s);
	*p = nl < end ? nl + 1 : end;
	return s;
}

#endif
