/*
 * EventBridge's number semantics.  A JSON number is "comparable" when the
 * double nearest to it, printed in its shortest round-trip form, has the
 * same decimal value as the text: 300, 300.0 and 3e2 are all 300, and -0 is
 * 0.  Comparable numbers are compared as doubles; the others (1e400, very
 * long integer ids) only ever equal the very same text.
 */
#ifndef EVB_NUMBER_H
#define EVB_NUMBER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * True when the n bytes at s are a JSON number that is comparable; *out is
 * then its value, with -0 made +0.
 */
bool	evb_number_comparable(const char *, size_t, double *);

/* A key equal for equal doubles (and for 0 and -0). */
uint64_t evb_number_key(double);

#endif
