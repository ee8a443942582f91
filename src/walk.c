/*
 * The streaming event walk.
 */
#include "walk.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "evbus.h"

struct evb_walk_frame {
	int32_t		node;
	bool		is_array;
	bool		pushed;		/* an element: pushed a membership pair */
	uint32_t	array;
	uint32_t	next;		/* next element index */
};

void
evb_walk_init(struct evb_walk *w, const struct evb_pathtab *tab,
    size_t max_depth, evb_walk_fn fn, void *ctx)
{
	memset(w, 0, sizeof(*w));
	w->tab = tab;
	w->max_depth = max_depth ? max_depth : EVB_MAX_DEPTH_DEFAULT;
	w->fn = fn;
	w->ctx = ctx;
}

void
evb_walk_fini(struct evb_walk *w)
{
	free(w->frames);
	free(w->mem);
	memset(w, 0, sizeof(*w));
}

/* The node of the value about to arrive: the last key's, or its array's. */
static int32_t
value_node(struct evb_walk *w)
{
	struct evb_walk_frame *f = &w->frames[w->depth - 1];

	if (f->is_array) {
		f->next++;
		return f->node;
	}
	return w->pending;
}

static int
on_scalar(struct evb_walk *w, enum evb_jtype type, const char *s, size_t n)
{
	int32_t node;

	if (w->skip > 0)
		return 1;
	if (w->depth == 0) {
		w->not_object = true;
		return 0;
	}
	node = value_node(w);
	if (node >= 0 && w->tab->nodes[node].path >= 0)
		w->fn(w->ctx, (uint32_t)w->tab->nodes[node].path, type, s, n,
		    w->mem, w->nmem / 2);
	return 1;
}

static int
cb_null(void *ctx)
{
	return on_scalar(ctx, EVB_JNULL, "", 0);
}

static int
cb_bool(void *ctx, int b)
{
	return on_scalar(ctx, b ? EVB_JTRUE : EVB_JFALSE, "", 0);
}

static int
cb_number(void *ctx, const char *s, size_t n)
{
	return on_scalar(ctx, EVB_JNUMBER, s, n);
}

static int
cb_string(void *ctx, const unsigned char *s, size_t n)
{
	return on_scalar(ctx, EVB_JSTRING, (const char *)s, n);
}

static int
cb_key(void *ctx, const unsigned char *s, size_t n)
{
	struct evb_walk *w = ctx;

	if (w->skip == 0)
		w->pending = evb_pathtab_child(w->tab,
		    w->frames[w->depth - 1].node, (const char *)s, n);
	return 1;
}

static void
push_mem(struct evb_walk *w, uint32_t array, uint32_t index)
{
	if (w->nmem + 2 > w->capmem) {
		w->capmem = w->capmem ? w->capmem * 2 : 16;
		w->mem = xreallocarray(w->mem, w->capmem, sizeof(*w->mem));
	}
	w->mem[w->nmem++] = array;
	w->mem[w->nmem++] = index;
}

static int
open_container(struct evb_walk *w, bool is_array)
{
	struct evb_walk_frame *f;
	int32_t node = EVB_PATHTAB_ROOT;
	bool element = false;
	uint32_t index = 0;

	if (w->skip > 0) {
		/* Skipped, but the depth limit holds for the whole event. */
		if (w->depth + ++w->skip > w->max_depth) {
			w->too_deep = true;
			return 0;
		}
		return 1;
	}
	if (w->depth == 0 && is_array) {
		w->not_object = true;
		return 0;
	}
	if (w->depth > 0) {
		element = w->frames[w->depth - 1].is_array;
		index = w->frames[w->depth - 1].next;
		node = value_node(w);
	}
	if (node < 0) {
		w->skip = 1;	/* no path goes through here */
		if (w->depth + 1 > w->max_depth) {
			w->too_deep = true;
			return 0;
		}
		return 1;
	}
	if (w->depth >= w->max_depth) {
		w->too_deep = true;
		return 0;
	}
	if (w->depth == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->frames = xreallocarray(w->frames, w->cap, sizeof(*w->frames));
	}
	f = &w->frames[w->depth++];
	f->node = node;
	f->is_array = is_array;
	f->next = 0;
	f->array = is_array ? w->arrays++ : 0;
	/* Only object and array elements tie a rule to one element. */
	f->pushed = element;
	if (element)
		push_mem(w, w->frames[w->depth - 2].array, index);
	return 1;
}

static int
cb_start_map(void *ctx)
{
	return open_container(ctx, false);
}

static int
cb_start_array(void *ctx)
{
	return open_container(ctx, true);
}

static int
cb_end(void *ctx)
{
	struct evb_walk *w = ctx;

	if (w->skip > 0) {
		w->skip--;
		return 1;
	}
	if (w->frames[--w->depth].pushed)
		w->nmem -= 2;
	return 1;
}

static const yajl_callbacks callbacks = {
	cb_null, cb_bool, NULL, NULL, cb_number, cb_string,
	cb_start_map, cb_key, cb_end, cb_start_array, cb_end
};

/*
 * yajl allocates a handful of blocks per handle, and the walk needs a handle
 * per line.  They come from a small bump pool, emptied after each line, so
 * that a line costs no trip through malloc(3).
 */
struct pool_block {
	size_t		size;
	max_align_t	align[];
};

static bool
in_pool(const struct evb_walk *w, const void *p)
{
	const char *c = p;

	return c >= w->pool && c < w->pool + sizeof(w->pool);
}

static void *
pool_malloc(void *ctx, size_t n)
{
	struct evb_walk *w = ctx;
	size_t need = sizeof(struct pool_block) + ((n + 15) & ~(size_t)15);
	struct pool_block *b;

	if (need > sizeof(w->pool) - w->used)
		return malloc(n);
	b = (struct pool_block *)(void *)(w->pool + w->used);
	b->size = n;
	w->used += need;
	return b->align;
}

static void
pool_free(void *ctx, void *p)
{
	if (!in_pool(ctx, p))
		free(p);
}

static void *
pool_realloc(void *ctx, void *p, size_t n)
{
	struct pool_block *b;
	void *q;

	if (p == NULL)
		return pool_malloc(ctx, n);
	if (!in_pool(ctx, p))
		return realloc(p, n);
	b = (struct pool_block *)(void *)((char *)p -
	    offsetof(struct pool_block, align));
	if ((q = pool_malloc(ctx, n)) != NULL)
		memcpy(q, p, b->size < n ? b->size : n);
	return q;
}

int
evb_walk_line(struct evb_walk *w, const char *line, size_t n,
    struct evb_err *err)
{
	yajl_alloc_funcs funcs = { pool_malloc, pool_realloc, pool_free, w };
	yajl_handle h;
	bool ok;

	evb_err_clear(err);
	w->depth = 0;
	w->skip = 0;
	w->pending = -1;
	w->nmem = 0;
	w->arrays = 0;
	w->too_deep = w->not_object = false;
	w->used = 0;
	if ((h = yajl_alloc(&callbacks, &funcs, w)) == NULL)
		evb_oom();
	ok = yajl_parse(h, (const unsigned char *)line, n) == yajl_status_ok &&
	    yajl_complete_parse(h) == yajl_status_ok && w->depth == 0;
	yajl_free(h);
	/* yajl checks only the shape of UTF-8: no overlongs, no surrogates. */
	if (ok && evb_utf8_check(line, n) != n) {
		err->col = evb_utf8_check(line, n) + 1;
		evb_err_set(err, "invalid UTF-8");
		return -1;
	}
	if (ok)
		return 0;
	if (w->not_object)
		evb_err_set(err, "event is not a JSON object");
	else if (evb_json_check(line, n, w->max_depth, err) != -1)
		evb_err_set(err, "invalid JSON: nesting deeper than %zu levels",
		    w->max_depth);
	return -1;
}
