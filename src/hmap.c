/*
 * Open-addressing hash map with linear probing.
 */
#include "hmap.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct evb_hslot {
	uint64_t	hash;	/* 0: empty */
	uint32_t	off;	/* key in keys */
	uint32_t	len;
	uint32_t	val;
};

/* A final mix so that every input bit reaches the low bits (MurmurHash3). */
static uint64_t
mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

/* Absorb n bytes, eight at a time, without the final mix. */
static uint64_t
absorb(uint64_t h, const unsigned char *s, size_t n)
{
	uint64_t w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 29;
	}
	w = 0;
	if (n > 0)
		memcpy(&w, s, n);
	return (h ^ w) * 0x100000001b3ULL;
}

uint64_t
evb_hash(const void *p, size_t n)
{
	return mix(absorb(0x9e3779b97f4a7c15ULL ^ n, p, n));
}

uint64_t
evb_hash_combine(uint64_t h, uint64_t x)
{
	return mix(h ^ (x + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2)));
}

static uint64_t
key_hash(const void *a, size_t na, const void *b, size_t nb)
{
	uint64_t h = absorb(0x9e3779b97f4a7c15ULL ^ (na << 32 ^ nb), a, na);

	h = mix(absorb(h, b, nb));
	return h ? h : 1;
}

void
evb_hmap_fini(struct evb_hmap *m)
{
	free(m->slots);
	evb_buf_fini(&m->keys);
	m->slots = NULL;
	m->cap = m->n = 0;
}

static bool
slot_is(const struct evb_hmap *m, const struct evb_hslot *s, uint64_t h,
    const void *a, size_t na, const void *b, size_t nb)
{
	return s->hash == h && s->len == na + nb &&
	    memcmp(m->keys.p + s->off, a, na) == 0 &&
	    (nb == 0 || memcmp(m->keys.p + s->off + na, b, nb) == 0);
}

static void
grow(struct evb_hmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	struct evb_hslot *slots = xcalloc(cap, sizeof(*slots));

	for (size_t i = 0; i < m->cap; i++) {
		struct evb_hslot *s = &m->slots[i];
		size_t j;

		if (s->hash == 0)
			continue;
		for (j = s->hash & (cap - 1); slots[j].hash != 0;
		    j = (j + 1) & (cap - 1))
			;
		slots[j] = *s;
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
}

uint32_t *
evb_hmap_put(struct evb_hmap *m, const void *a, size_t na, const void *b,
    size_t nb, bool *created)
{
	uint64_t h = key_hash(a, na, b, nb);
	size_t i;

	if ((m->n + 1) * 4 > m->cap * 3)
		grow(m);
	for (i = h & (m->cap - 1); m->slots[i].hash != 0; i = (i + 1) &
	    (m->cap - 1))
		if (slot_is(m, &m->slots[i], h, a, na, b, nb)) {
			if (created != NULL)
				*created = false;
			return &m->slots[i].val;
		}
	m->slots[i].hash = h;
	m->slots[i].off = (uint32_t)m->keys.len;
	m->slots[i].len = (uint32_t)(na + nb);
	m->slots[i].val = 0;
	evb_buf_add(&m->keys, a, na);
	evb_buf_add(&m->keys, b, nb);
	m->n++;
	if (created != NULL)
		*created = true;
	return &m->slots[i].val;
}

const uint32_t *
evb_hmap_get(const struct evb_hmap *m, const void *a, size_t na, const void *b,
    size_t nb)
{
	uint64_t h;

	if (m->n == 0)
		return NULL;
	h = key_hash(a, na, b, nb);
	for (size_t i = h & (m->cap - 1); m->slots[i].hash != 0; i = (i + 1) &
	    (m->cap - 1))
		if (slot_is(m, &m->slots[i], h, a, na, b, nb))
			return &m->slots[i].val;
	return NULL;
}
