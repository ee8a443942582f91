/*
 * Flattened events.
 */
#include "flat.h"

#include <stdlib.h>
#include <string.h>

struct walker {
	struct evb_arena	*a;
	const struct evb_jv	*root;
	struct evb_buf		 path;
	uint32_t		*mem;	/* the current membership stack */
	size_t			 nmem, capmem;
	uint32_t		 arrays;
	struct evb_leaf		*leaves;
	size_t			 n, cap;
};

static void
add_leaf(struct walker *w, const struct evb_jv *v)
{
	struct evb_leaf *l;

	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 32;
		w->leaves = xreallocarray(w->leaves, w->cap, sizeof(*w->leaves));
	}
	l = &w->leaves[w->n++];
	l->path = evb_arena_strndup(w->a, w->path.p ? w->path.p : "",
	    w->path.len);
	l->plen = w->path.len;
	l->type = v->type;
	l->s = v->type == EVB_JNUMBER || v->type == EVB_JSTRING ? v->u.str : "";
	l->n = v->type == EVB_JNUMBER || v->type == EVB_JSTRING ? v->n : 0;
	l->nmem = w->nmem / 2;
	l->mem = w->nmem ? evb_arena_alloc(w->a, w->nmem * sizeof(uint32_t)) :
	    NULL;
	if (w->nmem)
		memcpy((uint32_t *)l->mem, w->mem, w->nmem * sizeof(uint32_t));
}

static void
push_mem(struct walker *w, uint32_t array, uint32_t index)
{
	if (w->nmem + 2 > w->capmem) {
		w->capmem = w->capmem ? w->capmem * 2 : 16;
		w->mem = xreallocarray(w->mem, w->capmem, sizeof(uint32_t));
	}
	w->mem[w->nmem++] = array;
	w->mem[w->nmem++] = index;
}

static void walk(struct walker *, const struct evb_jv *);

static void
walk_array(struct walker *w, const struct evb_jv *v)
{
	uint32_t id = w->arrays++;

	for (size_t i = 0; i < v->n; i++) {
		const struct evb_jv *e = v->u.items[i];

		/* Only container elements bind a rule to one element. */
		if (e->type == EVB_JOBJECT || e->type == EVB_JARRAY) {
			push_mem(w, id, (uint32_t)i);
			walk(w, e);
			w->nmem -= 2;
		} else
			walk(w, e);
	}
}

static void
walk(struct walker *w, const struct evb_jv *v)
{
	size_t base = w->path.len;

	switch (v->type) {
	case EVB_JOBJECT:
		for (size_t i = 0; i < v->n; i++) {
			const struct evb_jmember *m = &v->u.members[i];

			w->path.len = base;
			/* As in EventBridge, an empty key is a step too. */
			if (v != w->root)
				evb_buf_addc(&w->path, '.');
			evb_buf_add(&w->path, m->key, m->klen);
			walk(w, m->val);
		}
		w->path.len = base;
		break;
	case EVB_JARRAY:
		walk_array(w, v);
		break;
	default:
		add_leaf(w, v);
		break;
	}
}

static int
cmp_leaf(const void *x, const void *y)
{
	const struct evb_leaf *a = x, *b = y;
	size_t n = a->plen < b->plen ? a->plen : b->plen;
	int r = memcmp(a->path, b->path, n);

	if (r != 0)
		return r;
	if (a->plen != b->plen)
		return a->plen < b->plen ? -1 : 1;
	/* Keep document order among equal paths. */
	return a < b ? -1 : a > b;
}

void
evb_flat_build(struct evb_arena *a, struct evb_jv *root, struct evb_flat *f)
{
	struct walker w;

	memset(&w, 0, sizeof(w));
	w.a = a;
	w.root = root;
	walk(&w, root);
	if (w.n > 1)
		qsort(w.leaves, w.n, sizeof(*w.leaves), cmp_leaf);
	f->root = root;
	f->n = w.n;
	f->leaves = w.n ? evb_arena_alloc(a, w.n * sizeof(*w.leaves)) : NULL;
	if (w.n)
		memcpy(f->leaves, w.leaves, w.n * sizeof(*w.leaves));
	free(w.leaves);
	free(w.mem);
	evb_buf_fini(&w.path);
}

int
evb_flat_parse(struct evb_arena *a, const char *line, size_t n,
    size_t max_depth, struct evb_flat *f, struct evb_err *err)
{
	struct evb_jv *root;

	memset(f, 0, sizeof(*f));
	if ((root = evb_json_parse(a, line, n, max_depth, err)) == NULL)
		return -1;
	if (root->type != EVB_JOBJECT) {
		evb_err_set(err, "event is a JSON %s, not an object",
		    evb_json_type_name(root->type));
		return -1;
	}
	evb_flat_build(a, root, f);
	return 0;
}

size_t
evb_flat_find(const struct evb_flat *f, const char *path, size_t plen,
    size_t *first)
{
	size_t lo = 0, hi = f->n, end;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct evb_leaf *l = &f->leaves[mid];
		size_t k = l->plen < plen ? l->plen : plen;
		int r = memcmp(l->path, path, k);

		if (r < 0 || (r == 0 && l->plen < plen))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (end = lo; end < f->n && f->leaves[end].plen == plen &&
	    memcmp(f->leaves[end].path, path, plen) == 0; end++)
		;
	*first = lo;
	return end - lo;
}

bool
evb_mem_consistent(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < nb; j++)
			if (a[2 * i] == b[2 * j] && a[2 * i + 1] != b[2 * j + 1])
				return false;
	return true;
}
