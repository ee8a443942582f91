/*
 * A hash map from byte strings to 32-bit values, with open addressing.
 * Keys are copied; a key may be given in two parts (a header and a body) so
 * that callers can look values up without building the key.
 */
#ifndef EVB_HMAP_H
#define EVB_HMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

struct evb_hslot;

struct evb_hmap {
	struct evb_hslot	*slots;
	size_t			 cap;	/* a power of two */
	size_t			 n;
	struct evb_buf		 keys;
};

#define EVB_HMAP_INIT { NULL, 0, 0, EVB_BUF_INIT }

void	 evb_hmap_fini(struct evb_hmap *);

/* A fast hash of n bytes, eight at a time, and a way to chain hashes. */
uint64_t evb_hash(const void *, size_t);
uint64_t evb_hash_combine(uint64_t, uint64_t);

/*
 * The value slot for key a+b (b may be empty), created with value 0 when
 * missing (*created tells).  The pointer is valid until the next put.
 */
uint32_t *evb_hmap_put(struct evb_hmap *, const void *, size_t, const void *,
	    size_t, bool *);
/* The value for key a+b, or NULL. */
const uint32_t *evb_hmap_get(const struct evb_hmap *, const void *, size_t,
	    const void *, size_t);

#endif
