/*
 * The value index.
 */
#include "vindex.h"

#include <float.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "hmap.h"
#include "number.h"
#include "trie.h"

/*
 * Keys are (path, tag, bytes).  Lists under a key hold condition numbers,
 * except for the tags marked "groups", whose lists hold indexes into the
 * path's anything-but or wildcard groups.
 */
enum {
	TAG_STRING = 'S',
	TAG_NUMTEXT = 'N',	/* a number by its text */
	TAG_NUMVAL = 'D',	/* a comparable number by its value */
	TAG_TRUE = 'T',
	TAG_FALSE = 'F',
	TAG_NULL = 'Z',
	TAG_IP = 'I',
	TAG_PREFIX = 'P',
	TAG_SUFFIX = 'X',
	TAG_EIC = 'E',
	TAG_PREFIX_EIC = 'p',
	TAG_SUFFIX_EIC = 'x',
	TAG_GROUP = 'G',	/* a group of equal alternatives, by meaning */
	TAG_AB_STRING = 'a',	/* groups: anything-but excluding a string */
	TAG_AB_NUMBER = 'n',	/* groups: ... a number */
	TAG_AB_EIC = 'e',	/* groups: ... a folded string */
	TAG_AB_PREFIX = 'b',	/* groups: ... a prefix */
	TAG_AB_SUFFIX = 'c',	/* groups: ... a suffix */
	TAG_WC_PREFIX = 'w',	/* groups: wildcards by their literal prefix */
	TAG_WC_SUFFIX = 'v'	/* groups: ... by their literal suffix */
};

struct ivec {
	uint32_t	*v;
	size_t		 n, cap;
};

/* A group: an alternative and the list of conditions having it. */
struct group {
	const struct evb_alt	*alt;
	uint32_t		 list;
};

struct range {
	double		lo, hi;
	bool		lo_open, hi_open;
	uint32_t	list;
};

/* The tries of a path, one per kind of affix. */
enum {
	T_PREFIX,
	T_SUFFIX,
	T_PREFIX_EIC,
	T_SUFFIX_EIC,
	T_AB_PREFIX,	/* anything-but exclusions, to groups */
	T_AB_SUFFIX,
	T_WC_PREFIX,	/* wildcards by literal prefix or suffix, to groups */
	T_WC_SUFFIX,
	NTRIES
};

struct vpath {
	struct evb_trie	 trie[NTRIES];
	bool		 num, ip, fold, ab_fold;
	uint64_t	 tags;		/* tags with keys here, as bits */
	int64_t		 exists;	/* list of "exists": true, or -1 */
	struct group	*ab;		/* anything-but groups */
	size_t		 nab;
	struct group	*wc;		/* wildcard groups */
	size_t		 nwc;
	struct ivec	 wc_plain;	/* wildcards with no literal end */
	struct group	*cidr;
	size_t		 ncidr;
	struct range	*ranges;
	size_t		 nranges;
	double		*ends;		/* range ends, sorted, distinct */
	size_t		 nends;
	uint32_t	*slot_off;	/* lists per elementary interval */
	uint32_t	*slot_lists;
};

struct evb_vindex {
	struct vpath	*paths;
	size_t		 npaths;
	struct evb_hmap	 map;
	struct ivec	*lists;		/* while building */
	size_t		 nlists;
	uint32_t	*listoff;
	uint32_t	*post;
	uint32_t	*mark;		/* anything-but groups excluded ... */
	uint32_t	 stamp;		/* ... for the value with this stamp */
	size_t		 maxab;
	struct evb_buf	 key;
};

static void
ivec_push(struct ivec *a, uint32_t x)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 4;
		a->v = xreallocarray(a->v, a->cap, sizeof(*a->v));
	}
	a->v[a->n++] = x;
}

struct evb_vindex *
evb_vindex_new(void)
{
	return xcalloc(1, sizeof(struct evb_vindex));
}

static struct vpath *
vpath(struct evb_vindex *ix, uint32_t path)
{
	if (path >= ix->npaths) {
		ix->paths = xreallocarray(ix->paths, path + 1,
		    sizeof(*ix->paths));
		for (size_t i = ix->npaths; i <= path; i++) {
			memset(&ix->paths[i], 0, sizeof(ix->paths[0]));
			ix->paths[i].exists = -1;
			for (size_t k = 0; k < NTRIES; k++)
				evb_trie_init(&ix->paths[i].trie[k]);
		}
		ix->npaths = path + 1;
	}
	return &ix->paths[path];
}

/* A bit per tag, to skip look-ups that cannot find anything. */
static uint64_t
tag_bit(char tag)
{
	return 1ULL << ((unsigned char)tag & 63);	/* distinct for our tags */
}

/*
 * Append x to the list under key (path, tag, bytes).  Returns the list
 * number; *created says whether the key is new.
 */
static uint32_t
put(struct evb_vindex *ix, uint32_t path, char tag, const void *s, size_t n,
    uint32_t x, bool *created)
{
	char head[5];
	uint32_t *slot;
	struct ivec *l;
	bool fresh;

	memcpy(head, &path, 4);
	head[4] = tag;
	slot = evb_hmap_put(&ix->map, head, sizeof(head), s, n, &fresh);
	if (fresh) {
		ix->lists = xreallocarray(ix->lists, ix->nlists + 1,
		    sizeof(*ix->lists));
		memset(&ix->lists[ix->nlists], 0, sizeof(ix->lists[0]));
		*slot = (uint32_t)ix->nlists++;
	}
	l = &ix->lists[*slot];
	if (l->n == 0 || l->v[l->n - 1] != x)
		ivec_push(l, x);
	if (created != NULL)
		*created = fresh;
	vpath(ix, path)->tags |= tag_bit(tag);
	return *slot;
}

/* Append x to the list of an affix, found through the path's trie. */
static void
put_affix(struct evb_vindex *ix, uint32_t path, int kind, char tag,
    const char *s, size_t n, uint32_t x)
{
	static const int reversed[NTRIES] = { 0, 1, 0, 1, 0, 1, 0, 1 };
	uint32_t list = put(ix, path, tag, s, n, x, NULL);

	*evb_trie_slot(&vpath(ix, path)->trie[kind], s, n, reversed[kind]) =
	    (int32_t)list;
}

static const uint32_t *
get(const struct evb_vindex *ix, uint32_t path, char tag, const void *s,
    size_t n)
{
	char head[5];
	const uint32_t *slot;

	memcpy(head, &path, 4);
	head[4] = tag;
	slot = evb_hmap_get(&ix->map, head, sizeof(head), s, n);
	return slot != NULL ? ix->post + ix->listoff[*slot] : NULL;
}

static int
cmp_item(const void *x, const void *y)
{
	const struct evb_abitem *a = x, *b = y;
	size_t n = a->n < b->n ? a->n : b->n;
	int r = memcmp(a->s, b->s, n);

	return r ? r : a->n < b->n ? -1 : a->n > b->n;
}

/* What an alternative means, as bytes: equal bytes, equal alternatives. */
static void
meaning(struct evb_buf *k, const struct evb_alt *a)
{
	unsigned char op = (unsigned char)a->op;

	evb_buf_reset(k);
	evb_buf_addc(k, (char)op);
	switch (a->op) {
	case EVB_OP_NUMERIC:
		evb_buf_add(k, &a->lo, sizeof(a->lo));
		evb_buf_add(k, &a->hi, sizeof(a->hi));
		evb_buf_addc(k, (char)(a->lo_open | a->hi_open << 1));
		break;
	case EVB_OP_CIDR:
		evb_buf_add(k, &a->range, sizeof(a->range));
		break;
	case EVB_OP_WILDCARD:
		evb_buf_add(k, a->s, a->n);
		break;
	case EVB_OP_AB_NUMBERS: {
		double *v = xcalloc(a->nitems, sizeof(*v));

		for (size_t i = 0; i < a->nitems; i++) {
			uint64_t key = evb_number_key(a->items[i].num);

			memcpy(&v[i], &key, sizeof(key));
		}
		evb_buf_add(k, v, a->nitems * sizeof(*v));
		free(v);
		break;
	}
	default: {
		/* Lists compare as sets. */
		struct evb_abitem *it = xmemdup(a->items, a->nitems *
		    sizeof(*it));

		qsort(it, a->nitems, sizeof(*it), cmp_item);
		/* Each with its length: items may hold NULs. */
		for (size_t i = 0; i < a->nitems; i++) {
			evb_buf_add(k, &it[i].n, sizeof(it[i].n));
			evb_buf_add(k, it[i].s, it[i].n);
		}
		free(it);
		break;
	}
	}
}

static struct group *
add_group(struct group **g, size_t *n, const struct evb_alt *a, uint32_t list)
{
	*g = xreallocarray(*g, *n + 1, sizeof(**g));
	(*g)[*n].alt = a;
	(*g)[*n].list = list;
	return &(*g)[(*n)++];
}

/* The exclusions of a new anything-but group g, in the hash map. */
static void
index_exclusions(struct evb_vindex *ix, uint32_t path, const struct evb_alt *a,
    uint32_t g)
{
	struct vpath *p = vpath(ix, path);

	for (size_t i = 0; i < a->nitems; i++) {
		const struct evb_abitem *it = &a->items[i];
		uint64_t key;

		switch (a->op) {
		case EVB_OP_AB_STRINGS:
			put(ix, path, TAG_AB_STRING, it->s, it->n, g, NULL);
			break;
		case EVB_OP_AB_NUMBERS:
			key = evb_number_key(it->num);
			put(ix, path, TAG_AB_NUMBER, &key, sizeof(key), g, NULL);
			break;
		case EVB_OP_AB_EIC:
			put(ix, path, TAG_AB_EIC, it->s, it->n, g, NULL);
			p->ab_fold = true;
			break;
		case EVB_OP_AB_PREFIX:
			put_affix(ix, path, T_AB_PREFIX, TAG_AB_PREFIX, it->s,
			    it->n, g);
			break;
		case EVB_OP_AB_SUFFIX:
			put_affix(ix, path, T_AB_SUFFIX, TAG_AB_SUFFIX, it->s,
			    it->n, g);
			break;
		default:	/* wildcards are matched, not looked up */
			break;
		}
	}
}

/* A new wildcard group g: found by its literal prefix, else its suffix. */
static void
index_wildcard(struct evb_vindex *ix, uint32_t path, const struct evb_alt *a,
    uint32_t g)
{
	struct vpath *p = vpath(ix, path);
	const struct evb_wildcard *w = &a->wc;
	size_t last = w->nseg - 1;

	if (w->len[0] > 0)
		put_affix(ix, path, T_WC_PREFIX, TAG_WC_PREFIX,
		    w->lit + w->off[0], w->len[0], g);
	else if (w->len[last] > 0)
		put_affix(ix, path, T_WC_SUFFIX, TAG_WC_SUFFIX,
		    w->lit + w->off[last], w->len[last], g);
	else
		ivec_push(&p->wc_plain, g);
}

/* A new group: remember how to find it. */
static void
new_group(struct evb_vindex *ix, uint32_t path, const struct evb_alt *a,
    uint32_t list)
{
	struct vpath *p = vpath(ix, path);
	struct range *r;

	switch (a->op) {
	case EVB_OP_EXISTS:
		p->exists = list;
		break;
	case EVB_OP_NUMERIC:
		p->ranges = xreallocarray(p->ranges, p->nranges + 1,
		    sizeof(*p->ranges));
		r = &p->ranges[p->nranges++];
		r->lo = a->lo;
		r->hi = a->hi;
		r->lo_open = a->lo_open;
		r->hi_open = a->hi_open;
		r->list = list;
		break;
	case EVB_OP_CIDR:
		add_group(&p->cidr, &p->ncidr, a, list);
		break;
	case EVB_OP_WILDCARD:
		add_group(&p->wc, &p->nwc, a, list);
		index_wildcard(ix, path, a, (uint32_t)p->nwc - 1);
		break;
	default:
		add_group(&p->ab, &p->nab, a, list);
		index_exclusions(ix, path, a, (uint32_t)p->nab - 1);
		break;
	}
}

void
evb_vindex_add(struct evb_vindex *ix, uint32_t path, const struct evb_alt *a,
    uint32_t cond)
{
	struct vpath *p = vpath(ix, path);
	uint64_t key;
	uint32_t list;
	bool created;

	switch (a->op) {
	case EVB_OP_STRING:
		put(ix, path, TAG_STRING, a->s, a->n, cond, NULL);
		return;
	case EVB_OP_NUMBER:
		put(ix, path, TAG_NUMTEXT, a->s, a->n, cond, NULL);
		if (a->comparable) {
			key = evb_number_key(a->num);
			put(ix, path, TAG_NUMVAL, &key, sizeof(key), cond, NULL);
		}
		p->num = true;
		return;
	case EVB_OP_TRUE:
		put(ix, path, TAG_TRUE, "", 0, cond, NULL);
		return;
	case EVB_OP_FALSE:
		put(ix, path, TAG_FALSE, "", 0, cond, NULL);
		return;
	case EVB_OP_NULL:
		put(ix, path, TAG_NULL, "", 0, cond, NULL);
		return;
	case EVB_OP_IP:
		put(ix, path, TAG_IP, a->range.lo.b, a->range.lo.len, cond,
		    NULL);
		p->ip = true;
		return;
	case EVB_OP_PREFIX:
		put_affix(ix, path, T_PREFIX, TAG_PREFIX, a->s, a->n, cond);
		return;
	case EVB_OP_SUFFIX:
		put_affix(ix, path, T_SUFFIX, TAG_SUFFIX, a->s, a->n, cond);
		return;
	case EVB_OP_PREFIX_EIC:
		put_affix(ix, path, T_PREFIX_EIC, TAG_PREFIX_EIC, a->s, a->n,
		    cond);
		p->fold = true;
		return;
	case EVB_OP_SUFFIX_EIC:
		put_affix(ix, path, T_SUFFIX_EIC, TAG_SUFFIX_EIC, a->s, a->n,
		    cond);
		p->fold = true;
		return;
	case EVB_OP_EIC:
		put(ix, path, TAG_EIC, a->s, a->n, cond, NULL);
		p->fold = true;
		return;
	case EVB_OP_ABSENT:
		return;
	default:
		break;
	}
	meaning(&ix->key, a);
	list = put(ix, path, TAG_GROUP, ix->key.p, ix->key.len, cond, &created);
	if (created)
		new_group(ix, path, a, list);
}

static int
cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;

	return a < b ? -1 : a > b;
}

static void
freeze(struct evb_vindex *ix)
{
	size_t total = 0, o = 0;

	for (size_t i = 0; i < ix->nlists; i++)
		total += ix->lists[i].n + 1;
	ix->post = xcalloc(total ? total : 1, sizeof(*ix->post));
	ix->listoff = xcalloc(ix->nlists ? ix->nlists : 1,
	    sizeof(*ix->listoff));
	for (size_t i = 0; i < ix->nlists; i++) {
		struct ivec *l = &ix->lists[i];

		ix->listoff[i] = (uint32_t)o;
		ix->post[o] = (uint32_t)l->n;
		if (l->n > 0)
			memcpy(ix->post + o + 1, l->v, l->n * sizeof(uint32_t));
		o += l->n + 1;
		free(l->v);
	}
	free(ix->lists);
	ix->lists = NULL;
}

/* The elementary interval of x: 2i+1 is ends[i] itself, 2i below it. */
static size_t
slot_of(const struct vpath *p, double x)
{
	size_t lo = 0, hi = p->nends;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (p->ends[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < p->nends && p->ends[lo] == x ? 2 * lo + 1 : 2 * lo;
}

/*
 * Cut the ranges of a path at every end point: each elementary interval
 * gets the lists of the ranges covering it, found by one binary search.
 */
static void
build_ranges(struct vpath *p)
{
	size_t nslots, *count;

	if (p->nranges == 0)
		return;
	p->ends = xcalloc(p->nranges * 2, sizeof(*p->ends));
	for (size_t i = 0; i < p->nranges; i++) {
		p->ends[p->nends++] = p->ranges[i].lo;
		p->ends[p->nends++] = p->ranges[i].hi;
	}
	qsort(p->ends, p->nends, sizeof(*p->ends), cmp_double);
	{
		size_t k = 0;

		for (size_t i = 0; i < p->nends; i++)
			if (k == 0 || p->ends[k - 1] != p->ends[i])
				p->ends[k++] = p->ends[i];
		p->nends = k;
	}
	nslots = 2 * p->nends + 1;
	count = xcalloc(nslots + 1, sizeof(*count));
	p->slot_off = xcalloc(nslots + 1, sizeof(*p->slot_off));
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < p->nranges; i++) {
			const struct range *r = &p->ranges[i];
			size_t a = slot_of(p, r->lo) + r->lo_open;
			size_t b = slot_of(p, r->hi) - r->hi_open;

			for (size_t s = a; s <= b; s++) {
				if (pass == 1)
					p->slot_lists[p->slot_off[s] +
					    count[s]] = r->list;
				count[s]++;
			}
		}
		if (pass == 0) {
			for (size_t s = 0; s < nslots; s++)
				p->slot_off[s + 1] = p->slot_off[s] +
				    (uint32_t)count[s];
			p->slot_lists = xcalloc(p->slot_off[nslots] + 1,
			    sizeof(*p->slot_lists));
			memset(count, 0, (nslots + 1) * sizeof(*count));
		}
	}
	free(count);
}

void
evb_vindex_build(struct evb_vindex *ix)
{
	freeze(ix);
	for (size_t i = 0; i < ix->npaths; i++) {
		struct vpath *p = &ix->paths[i];

		for (size_t k = 0; k < NTRIES; k++)
			evb_trie_freeze(&p->trie[k]);
		build_ranges(p);
		if (p->nab > ix->maxab)
			ix->maxab = p->nab;
	}
	ix->mark = xcalloc(ix->maxab + 1, sizeof(*ix->mark));
}

size_t
evb_vindex_keys(const struct evb_vindex *ix)
{
	return ix->map.n;
}

void
evb_vindex_free(struct evb_vindex *ix)
{
	if (ix == NULL)
		return;
	for (size_t i = 0; i < ix->npaths; i++) {
		struct vpath *p = &ix->paths[i];

		for (size_t k = 0; k < NTRIES; k++)
			evb_trie_fini(&p->trie[k]);
		free(p->ab);
		free(p->wc);
		free(p->wc_plain.v);
		free(p->cidr);
		free(p->ranges);
		free(p->ends);
		free(p->slot_off);
		free(p->slot_lists);
	}
	free(ix->paths);
	for (size_t i = 0; ix->lists != NULL && i < ix->nlists; i++)
		free(ix->lists[i].v);
	free(ix->lists);
	free(ix->listoff);
	free(ix->post);
	free(ix->mark);
	evb_hmap_fini(&ix->map);
	evb_buf_fini(&ix->key);
	free(ix);
}

/* Evaluation */

struct ctx {
	struct evb_vindex	*ix;
	uint32_t		 path;
	evb_vindex_fn		 fn;
	void			*arg;
};

static void
emit_key(struct ctx *c, char tag, const void *s, size_t n)
{
	const uint32_t *l;

	if ((c->ix->paths[c->path].tags & tag_bit(tag)) == 0)
		return;
	l = get(c->ix, c->path, tag, s, n);

	if (l != NULL)
		c->fn(c->arg, l);
}

static void
emit_list(struct ctx *c, uint32_t list)
{
	c->fn(c->arg, c->ix->post + c->ix->listoff[list]);
}

static void
on_affix(void *arg, int32_t list)
{
	emit_list(arg, (uint32_t)list);
}

/* Every condition list of a prefix (or suffix) of s, through the trie. */
static void
emit_affixes(struct ctx *c, const struct vpath *p, int kind, const char *s,
    size_t n)
{
	evb_trie_walk(&p->trie[kind], s, n, kind % 2, on_affix, c);
}

static void
exclude_list(struct ctx *c, const uint32_t *g)
{
	for (uint32_t j = 1; g != NULL && j <= g[0]; j++)
		c->ix->mark[g[j]] = c->ix->stamp;
}

static void
exclude(struct ctx *c, char tag, const void *s, size_t n)
{
	if (c->ix->paths[c->path].tags & tag_bit(tag))
		exclude_list(c, get(c->ix, c->path, tag, s, n));
}

static void
on_exclusion(void *arg, int32_t list)
{
	struct ctx *c = arg;

	exclude_list(c, c->ix->post + c->ix->listoff[list]);
}

struct wcctx {
	struct ctx		*c;
	const struct vpath	*p;
	struct evb_value	*v;
};

static void
on_wildcards(void *arg, int32_t list)
{
	struct wcctx *w = arg;
	const uint32_t *g = w->c->ix->post + w->c->ix->listoff[list];

	for (uint32_t j = 1; j <= g[0]; j++)
		if (evb_alt_match(w->p->wc[g[j]].alt, w->v))
			emit_list(w->c, w->p->wc[g[j]].list);
}

/* Wildcards: candidates by literal prefix or suffix, then matched. */
static void
eval_wildcards(struct ctx *c, const struct vpath *p, struct evb_value *v)
{
	struct wcctx w = { c, p, v };

	evb_trie_walk(&p->trie[T_WC_PREFIX], v->s, v->n, 0, on_wildcards, &w);
	evb_trie_walk(&p->trie[T_WC_SUFFIX], v->s, v->n, 1, on_wildcards, &w);
	for (size_t i = 0; i < p->wc_plain.n; i++)
		if (evb_alt_match(p->wc[p->wc_plain.v[i]].alt, v))
			emit_list(c, p->wc[p->wc_plain.v[i]].list);
}

/*
 * anything-but: the value satisfies every group on the path except those
 * whose lists exclude it.  Strings only exclude strings, numbers numbers.
 */
static void
eval_anything_but(struct ctx *c, const struct vpath *p, struct evb_value *v)
{
	struct evb_vindex *ix = c->ix;
	double num;

	if (++ix->stamp == 0) {
		memset(ix->mark, 0, (ix->maxab + 1) * sizeof(*ix->mark));
		ix->stamp = 1;
	}
	if (v->type == EVB_JSTRING) {
		exclude(c, TAG_AB_STRING, v->s, v->n);
		evb_trie_walk(&p->trie[T_AB_PREFIX], v->s, v->n, 0,
		    on_exclusion, c);
		evb_trie_walk(&p->trie[T_AB_SUFFIX], v->s, v->n, 1,
		    on_exclusion, c);
		if (p->ab_fold) {
			size_t fn;
			const char *f = evb_value_folded(v, &fn);

			exclude(c, TAG_AB_EIC, f, fn);
		}
	} else if (evb_value_number(v, &num)) {
		uint64_t key = evb_number_key(num);

		exclude(c, TAG_AB_NUMBER, &key, sizeof(key));
	}
	for (size_t i = 0; i < p->nab; i++) {
		if (ix->mark[i] == ix->stamp)
			continue;
		/* Wildcard lists are matched rather than looked up. */
		if (p->ab[i].alt->op == EVB_OP_AB_WILDCARD &&
		    !evb_alt_match(p->ab[i].alt, v))
			continue;
		emit_list(c, p->ab[i].list);
	}
}

static void
eval_string(struct ctx *c, const struct vpath *p, struct evb_value *v)
{
	emit_key(c, TAG_STRING, v->s, v->n);
	emit_affixes(c, p, T_PREFIX, v->s, v->n);
	emit_affixes(c, p, T_SUFFIX, v->s, v->n);
	if ((p->ip || p->ncidr > 0) && evb_value_ip(v) != NULL) {
		emit_key(c, TAG_IP, v->ip.b, v->ip.len);
		for (size_t i = 0; i < p->ncidr; i++)
			if (evb_iprange_has(&p->cidr[i].alt->range, &v->ip))
				emit_list(c, p->cidr[i].list);
	}
	if (p->fold) {
		size_t fn;
		const char *f = evb_value_folded(v, &fn);

		emit_key(c, TAG_EIC, f, fn);
		emit_affixes(c, p, T_PREFIX_EIC, f, fn);
		emit_affixes(c, p, T_SUFFIX_EIC, f, fn);
	}
	if (p->nwc > 0)
		eval_wildcards(c, p, v);
}

static void
eval_number(struct ctx *c, const struct vpath *p, struct evb_value *v)
{
	double num;

	if (p->num)
		emit_key(c, TAG_NUMTEXT, v->s, v->n);
	if (!evb_value_number(v, &num))
		return;
	if (p->num) {
		uint64_t key = evb_number_key(num);

		emit_key(c, TAG_NUMVAL, &key, sizeof(key));
	}
	if (p->nranges > 0) {
		size_t s = slot_of(p, num);

		for (uint32_t i = p->slot_off[s]; i < p->slot_off[s + 1]; i++)
			emit_list(c, p->slot_lists[i]);
	}
}

void
evb_vindex_eval(struct evb_vindex *ix, uint32_t path, struct evb_value *v,
    evb_vindex_fn fn, void *arg)
{
	const struct vpath *p;
	struct ctx c = { ix, path, fn, arg };

	if (path >= ix->npaths)
		return;
	p = &ix->paths[path];
	if (p->exists >= 0)
		emit_list(&c, (uint32_t)p->exists);
	switch (v->type) {
	case EVB_JSTRING:
		eval_string(&c, p, v);
		break;
	case EVB_JNUMBER:
		eval_number(&c, p, v);
		break;
	case EVB_JTRUE:
		emit_key(&c, TAG_TRUE, "", 0);
		break;
	case EVB_JFALSE:
		emit_key(&c, TAG_FALSE, "", 0);
		break;
	case EVB_JNULL:
		emit_key(&c, TAG_NULL, "", 0);
		break;
	default:
		break;
	}
	if (p->nab > 0)
		eval_anything_but(&c, p, v);
}
