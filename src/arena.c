/*
 * Bump allocator in chunks that double in size.
 */
#include "arena.h"

#include <stdalign.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct evb_arena_chunk {
	struct evb_arena_chunk	*next;
	size_t			 size;
	alignas(max_align_t) char data[];
};

#define ALIGN	alignof(max_align_t)
#define FIRST	(16 * 1024)

static void
new_chunk(struct evb_arena *a, size_t need)
{
	size_t size = a->head ? a->head->size * 2 : FIRST;
	struct evb_arena_chunk *c;

	while (size < need)
		size = evb_size_mul(size, 2);
	c = xmalloc(evb_size_add(sizeof(*c), size));
	c->next = a->head;
	c->size = size;
	a->head = c;
	a->used = 0;
}

void *
evb_arena_alloc(struct evb_arena *a, size_t n)
{
	void *p;

	n = evb_size_add(n, ALIGN - 1) & ~(ALIGN - 1);
	if (a->head == NULL || a->head->size - a->used < n)
		new_chunk(a, n);
	p = a->head->data + a->used;
	a->used += n;
	return p;
}

void *
evb_arena_calloc(struct evb_arena *a, size_t n, size_t size)
{
	size_t total = evb_size_mul(n, size);
	void *p = evb_arena_alloc(a, total);

	memset(p, 0, total);
	return p;
}

char *
evb_arena_strndup(struct evb_arena *a, const char *s, size_t n)
{
	char *p = evb_arena_alloc(a, evb_size_add(n, 1));

	if (n > 0)
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
evb_arena_reset(struct evb_arena *a)
{
	struct evb_arena_chunk *c, *next;

	if (a->head == NULL)
		return;
	/* The head is the largest chunk: keep it, free the rest. */
	for (c = a->head->next; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head->next = NULL;
	a->used = 0;
}

void
evb_arena_fini(struct evb_arena *a)
{
	evb_arena_reset(a);
	free(a->head);
	a->head = NULL;
	a->used = 0;
}
