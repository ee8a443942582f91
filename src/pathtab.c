/*
 * Interned paths.
 */
#include "pathtab.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "hmap.h"
#include "util.h"

void
evb_pathtab_init(struct evb_pathtab *t)
{
	memset(t, 0, sizeof(*t));
	t->cap = 16;
	t->nodes = xcalloc(t->cap, sizeof(*t->nodes));
	t->nodes[0].full = xstrdup("");
	t->nodes[0].hash = 0;
	t->nodes[0].path = -1;
	t->nnodes = 1;
	t->nslots = 64;
	t->slots = xcalloc(t->nslots, sizeof(*t->slots));
	memset(t->slots, 0xff, t->nslots * sizeof(*t->slots));
}

void
evb_pathtab_fini(struct evb_pathtab *t)
{
	for (size_t i = 0; i < t->nnodes; i++)
		free(t->nodes[i].full);
	free(t->nodes);
	free(t->slots);
	memset(t, 0, sizeof(*t));
}

static void
insert(struct evb_pathtab *t, int32_t id)
{
	size_t mask = t->nslots - 1;

	for (size_t i = t->nodes[id].hash & mask;; i = (i + 1) & mask)
		if (t->slots[i] == -1) {
			t->slots[i] = id;
			return;
		}
}

static void
grow(struct evb_pathtab *t)
{
	free(t->slots);
	t->nslots *= 2;
	t->slots = xcalloc(t->nslots, sizeof(*t->slots));
	memset(t->slots, 0xff, t->nslots * sizeof(*t->slots));
	for (size_t i = 1; i < t->nnodes; i++)
		insert(t, (int32_t)i);
}

/*
 * A node's hash chains the hashes of its keys split at every '.', so that
 * "a.b" reached as one key or as "a" then "b" hashes the same.
 */
static uint64_t
extend(uint64_t h, const char *key, size_t klen)
{
	const char *dot;

	while ((dot = memchr(key, '.', klen)) != NULL) {
		h = evb_hash_combine(h, evb_hash(key, (size_t)(dot - key)));
		klen -= (size_t)(dot - key) + 1;
		key = dot + 1;
	}
	return evb_hash_combine(h, evb_hash(key, klen));
}

/* The node of a whole prefix string, created when missing. */
static int32_t
node(struct evb_pathtab *t, const char *full, size_t len)
{
	uint64_t h = extend(0, full, len);
	size_t mask = t->nslots - 1;
	int32_t id;

	for (size_t i = h & mask; t->slots[i] != -1; i = (i + 1) & mask) {
		const struct evb_pathtab_node *n = &t->nodes[t->slots[i]];

		if (n->hash == h && n->len == len &&
		    memcmp(n->full, full, len) == 0)
			return t->slots[i];
	}
	if (t->nnodes == t->cap) {
		t->cap *= 2;
		t->nodes = xreallocarray(t->nodes, t->cap, sizeof(*t->nodes));
	}
	id = (int32_t)t->nnodes++;
	t->nodes[id].full = xstrndup(full, len);
	t->nodes[id].len = (uint32_t)len;
	t->nodes[id].hash = h;
	t->nodes[id].path = -1;
	if (t->nnodes * 2 > t->nslots)
		grow(t);
	else
		insert(t, id);
	return id;
}

uint32_t
evb_pathtab_intern(struct evb_pathtab *t, const char *path, size_t len)
{
	int32_t id;

	/* Every prefix that ends before a '.' can be where an event key ends. */
	for (size_t i = 0; i < len; i++)
		if (path[i] == '.')
			(void)node(t, path, i);
	id = node(t, path, len);
	if (t->nodes[id].path < 0)
		t->nodes[id].path = (int32_t)t->npaths++;
	return (uint32_t)t->nodes[id].path;
}

static bool
is_child(const struct evb_pathtab *t, const struct evb_pathtab_node *n,
    int32_t parent, const char *key, size_t klen)
{
	const struct evb_pathtab_node *p = &t->nodes[parent];

	if (parent == EVB_PATHTAB_ROOT)
		return n->len == klen && memcmp(n->full, key, klen) == 0;
	return n->len == p->len + 1 + klen &&
	    memcmp(n->full + p->len + 1, key, klen) == 0 &&
	    n->full[p->len] == '.' && memcmp(n->full, p->full, p->len) == 0;
}

int32_t
evb_pathtab_child(const struct evb_pathtab *t, int32_t parent, const char *key,
    size_t klen)
{
	uint64_t h = extend(t->nodes[parent].hash, key, klen);
	size_t mask = t->nslots - 1;

	for (size_t i = h & mask; t->slots[i] != -1; i = (i + 1) & mask) {
		const struct evb_pathtab_node *n = &t->nodes[t->slots[i]];

		if (n->hash == h && is_child(t, n, parent, key, klen))
			return t->slots[i];
	}
	return -1;
}

const char *
evb_pathtab_name(const struct evb_pathtab *t, uint32_t path)
{
	for (size_t i = 0; i < t->nnodes; i++)
		if (t->nodes[i].path == (int32_t)path)
			return t->nodes[i].full;
	return "?";
}
