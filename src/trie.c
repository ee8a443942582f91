/*
 * Byte tries.  While building, each node keeps its edges in a growing
 * array; freezing packs all edges, sorted by byte, into one array.
 */
#include "trie.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct evb_trie_node {
	int32_t		 value;		/* -1: no key ends here */
	uint32_t	 first;		/* frozen: first edge in edges[] */
	uint16_t	 nedges;
	uint16_t	 cap;
	uint32_t	*tmp;		/* building: (byte << 24 | child) */
};

void
evb_trie_init(struct evb_trie *t)
{
	memset(t, 0, sizeof(*t));
	t->cap = 16;
	t->nodes = xcalloc(t->cap, sizeof(*t->nodes));
	t->nodes[0].value = -1;
	t->n = 1;
}

void
evb_trie_fini(struct evb_trie *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->nodes[i].tmp);
	free(t->nodes);
	free(t->edges);
	memset(t, 0, sizeof(*t));
}

/* Edges pack the byte in the top 8 bits and the child in the low 24. */
#define EDGE(b, c)	((uint32_t)(b) << 24 | (uint32_t)(c))
#define EBYTE(e)	((unsigned char)((e) >> 24))
#define ECHILD(e)	((e) & 0xffffff)

static uint32_t
child_of(struct evb_trie *t, uint32_t node, unsigned char b)
{
	struct evb_trie_node *n = &t->nodes[node];
	uint32_t c;

	for (uint16_t i = 0; i < n->nedges; i++)
		if (EBYTE(n->tmp[i]) == b)
			return ECHILD(n->tmp[i]);
	if (t->n == t->cap) {
		t->cap *= 2;
		t->nodes = xreallocarray(t->nodes, t->cap, sizeof(*t->nodes));
		n = &t->nodes[node];
	}
	if (t->n > 0xffffff)
		evb_oom();	/* 16M nodes: far beyond any rule set */
	c = (uint32_t)t->n++;
	memset(&t->nodes[c], 0, sizeof(t->nodes[c]));
	t->nodes[c].value = -1;
	n = &t->nodes[node];
	if (n->nedges == n->cap) {
		n->cap = n->cap ? n->cap * 2 : 2;
		n->tmp = xreallocarray(n->tmp, n->cap, sizeof(*n->tmp));
	}
	n->tmp[n->nedges++] = EDGE(b, c);
	return c;
}

int32_t *
evb_trie_slot(struct evb_trie *t, const char *s, size_t n, int rev)
{
	uint32_t node = 0;

	for (size_t i = 0; i < n; i++)
		node = child_of(t, node, (unsigned char)s[rev ? n - 1 - i : i]);
	return &t->nodes[node].value;
}

static int
cmp_edge(const void *x, const void *y)
{
	uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;

	return a < b ? -1 : a > b;
}

void
evb_trie_freeze(struct evb_trie *t)
{
	size_t total = 0, o = 0;

	for (size_t i = 0; i < t->n; i++)
		total += t->nodes[i].nedges;
	t->edges = xcalloc(total + 1, sizeof(*t->edges));
	for (size_t i = 0; i < t->n; i++) {
		struct evb_trie_node *n = &t->nodes[i];

		if (n->nedges > 0)
			memcpy(t->edges + o, n->tmp, n->nedges *
			    sizeof(*n->tmp));
		qsort(t->edges + o, n->nedges, sizeof(*t->edges), cmp_edge);
		n->first = (uint32_t)o;
		o += n->nedges;
		free(n->tmp);
		n->tmp = NULL;
	}
}

static int64_t
step(const struct evb_trie *t, uint32_t node, unsigned char b)
{
	const struct evb_trie_node *n = &t->nodes[node];
	const uint32_t *e = t->edges + n->first;
	size_t lo = 0, hi = n->nedges;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (EBYTE(e[mid]) < b)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n->nedges && EBYTE(e[lo]) == b ? (int64_t)ECHILD(e[lo]) :
	    -1;
}

void
evb_trie_walk(const struct evb_trie *t, const char *s, size_t n, int rev,
    evb_trie_fn fn, void *ctx)
{
	int64_t node = 0;

	/* The empty key is a prefix of everything, even alone in the trie. */
	if (t->nodes[0].value >= 0)
		fn(ctx, t->nodes[0].value);
	if (t->n <= 1)
		return;
	for (size_t i = 0; i < n; i++) {
		node = step(t, (uint32_t)node, (unsigned char)s[rev ?
		    n - 1 - i : i]);
		if (node < 0)
			return;
		if (t->nodes[node].value >= 0)
			fn(ctx, t->nodes[node].value);
	}
}
