/*
 * Substring search for skipping lines: faster than memmem(3) for the
 * literals of event patterns, by testing the first and last byte of the
 * needle at sixteen places at once (SSE2 where the machine has it).
 */
#ifndef EVB_SUBSTR_H
#define EVB_SUBSTR_H

#include <stdbool.h>
#include <stddef.h>

/* True when the k bytes at needle occur in the n bytes at hay. */
bool	evb_contains(const char *, size_t, const char *, size_t);

#endif
