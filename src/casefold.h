/*
 * Case-insensitive comparison for equals-ignore-case: both sides are mapped
 * to Unicode's simple lowercase, code point by code point (utf8proc).
 */
#ifndef EVB_CASEFOLD_H
#define EVB_CASEFOLD_H

#include <stddef.h>

#include "buf.h"

/*
 * Append the lowercase form of the n UTF-8 bytes at s to out.  Bytes that
 * are not valid UTF-8 are copied as they are.
 */
void	evb_casefold(struct evb_buf *, const char *, size_t);

#endif
