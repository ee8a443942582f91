/*
 * The compiled matcher.
 */
#include "matcher.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "evbus.h"
#include "flat.h"
#include "hmap.h"
#include "pathtab.h"
#include "substr.h"
#include "value.h"
#include "vindex.h"
#include "walk.h"

/* Per-condition state during one event. */
enum {
	ST_SAT = 1,		/* some value satisfies a positive alternative */
	ST_PLAIN = 2,		/* ... and one of them is in no array element */
	ST_ABSENT = 4,		/* no value at the path at all */
	ST_MAYBE_ABSENT = 8,	/* values only inside array elements */
	ST_CHECKED = 16		/* selecting: evaluated on demand */
};

#define STATE_BITS	5
#define EPOCH_MAX	(1u << (32 - STATE_BITS))	/* epochs share a word */
#define MAX_PREFILTER	8	/* literals; beyond, scanning costs too much */
#define SLOW_BUDGET	1000000	/* steps for one array-consistency check */
#define SKIP_TRIAL	4096	/* lines before judging the literal scan */
#define MULTI		0x80000000u	/* in anchor records: several sub-rules */
#define SAMPLE		63	/* count conditions held in 1 event of 64 */

struct ivec {
	uint32_t	*v;
	size_t		 n, cap;
};

struct cond {
	uint32_t	 path;
	bool		 absent;	/* has exists: false */
	unsigned	 cost;		/* how often it likely holds */
	uint32_t	 fired;		/* events it held in */
};

struct sub {
	uint32_t	 rule;
	uint32_t	*conds;		/* sorted by path */
	uint32_t	 n;
	uint32_t	 anchor;
};

/* A value kept for evaluating its path later. */
struct sval {
	uint32_t	off, len;	/* bytes in vbytes */
	uint32_t	memoff, nmem;	/* membership in the pool */
	int32_t		next;		/* the path's previous value */
	uint8_t		type;
};

/* A value inside array elements: its membership in the pool. */
struct rec {
	uint32_t	off;
	uint32_t	len;		/* pairs */
	int32_t		next;
};

struct evb_matcher {
	struct evb_pathtab	 tab;
	struct evb_vindex	*vix;
	struct evb_walk		 walk;
	size_t			 max_depth;
	/* Conditions, sub-rules, anchors. */
	struct evb_hmap		 condmap;
	struct cond		*conds;
	const struct evb_cond	**csrc;
	size_t			 nconds, capconds;
	struct sub		*subs;
	size_t			 nsubs, capsubs;
	uint32_t		*anch_off;	/* records waiting on each condition */
	uint32_t		*anch;
	uint32_t		 nrules;
	struct ivec		*absent;	/* per path: conditions with exists: false */
	size_t			 nabsent;	/* paths absent[] covers */
	struct ivec		 absent_paths;	/* paths with such conditions */
	/* Skipping lines. */
	struct evb_buf		 litbuf;
	size_t			 litoff[MAX_PREFILTER], litlen[MAX_PREFILTER];
	size_t			 nlits;
	bool			 prefilter;
	uint64_t		 tried, skipped;
	/* Per-event state. */
	uint32_t		 epoch;
	uint64_t		 events;
	uint64_t		 next_reanchor;
	uint32_t		*cword;		/* epoch << 5 | state, per condition */
	int32_t			*crecs;
	struct ivec		 touched;
	uint32_t		*pepoch;
	uint32_t		*pvalues;
	uint32_t		*pplain;
	int32_t			*precs;
	uint32_t		*repoch;
	uint64_t		*rbits;		/* for sorting matched rules */
	struct rec		*recs;
	size_t			 nrecs, caprecs;
	struct ivec		 pool;		/* memberships of recorded values */
	struct ivec		 matched;
	struct ivec		 bind;
	size_t			 budget;
	bool			 undecided;	/* a check ran out of budget */
	/*
	 * Selecting (EVB_MATCH_ANY), only anchors are evaluated as the event
	 * streams by, from their own small index; the event's values are kept
	 * so that a path is evaluated in full only when a candidate needs it.
	 */
	struct evb_vindex	*eager;
	uint8_t			*is_anchor;
	bool			 lazy;		/* this event */
	struct sval		*vals;
	size_t			 nvals, capvals;
	struct evb_buf		 vbytes;
	int32_t			*phead;		/* stored values per path */
	/* The value being evaluated. */
	const uint32_t		*mem;
	size_t			 nmem;
	uint32_t		 memoff;
	struct evb_buf		 fold;
	struct evb_buf		 keybuf;
};

static void
ivec_push(struct ivec *a, uint32_t x)
{
	if (a->n == a->cap) {
		a->cap = a->cap ? a->cap * 2 : 8;
		a->v = xreallocarray(a->v, a->cap, sizeof(*a->v));
	}
	a->v[a->n++] = x;
}

static void
ivec_free(struct ivec *a)
{
	free(a->v);
	memset(a, 0, sizeof(*a));
}

/* A rough guess of how often an alternative holds, to pick anchors. */
static unsigned
alt_cost(enum evb_op op)
{
	switch (op) {
	case EVB_OP_STRING:
	case EVB_OP_NUMBER:
	case EVB_OP_TRUE:
	case EVB_OP_FALSE:
	case EVB_OP_NULL:
	case EVB_OP_IP:
	case EVB_OP_EIC:
		return 1;
	case EVB_OP_EXISTS:
		return 20;
	case EVB_OP_ABSENT:
		return 50;
	case EVB_OP_AB_STRINGS:
	case EVB_OP_AB_NUMBERS:
	case EVB_OP_AB_PREFIX:
	case EVB_OP_AB_SUFFIX:
	case EVB_OP_AB_EIC:
	case EVB_OP_AB_WILDCARD:
		return 30;
	default:
		return 3;
	}
}

static int
cmp_span(const void *x, const void *y)
{
	const struct evb_alt *const *a = x, *const *b = y;
	size_t n = (*a)->srclen < (*b)->srclen ? (*a)->srclen : (*b)->srclen;
	int r = memcmp((*a)->src, (*b)->src, n);

	return r ? r : (*a)->srclen < (*b)->srclen ? -1 :
	    (*a)->srclen > (*b)->srclen;
}

/* Building */

struct evb_matcher *
evb_matcher_new(void)
{
	struct evb_matcher *m = xcalloc(1, sizeof(*m));

	evb_pathtab_init(&m->tab);
	m->vix = evb_vindex_new();
	m->max_depth = EVB_MAX_DEPTH_DEFAULT;
	return m;
}

void
evb_matcher_set_max_depth(struct evb_matcher *m, size_t depth)
{
	m->max_depth = depth ? depth : EVB_MAX_DEPTH_DEFAULT;
}

static void
note_absent(struct evb_matcher *m, uint32_t pid, uint32_t cid)
{
	if (pid >= m->nabsent) {
		size_t n = pid + 16;

		m->absent = xreallocarray(m->absent, n, sizeof(*m->absent));
		memset(m->absent + m->nabsent, 0, (n - m->nabsent) *
		    sizeof(*m->absent));
		m->nabsent = n;
	}
	if (m->absent[pid].n == 0)
		ivec_push(&m->absent_paths, pid);
	ivec_push(&m->absent[pid], cid);
	m->conds[cid].absent = true;
}

/* One id for equal conditions: same path, same alternatives in any order. */
static uint32_t
cond_for(struct evb_matcher *m, const struct evb_cond *c)
{
	const struct evb_alt **alts = xcalloc(c->nalts, sizeof(*alts));
	uint32_t *slot, cid, pid;
	bool created;
	unsigned cost = 0;

	/* The path's length first: a key may hold any byte, NUL too. */
	evb_buf_reset(&m->keybuf);
	evb_buf_add(&m->keybuf, &c->plen, sizeof(c->plen));
	evb_buf_add(&m->keybuf, c->path, c->plen);
	for (size_t i = 0; i < c->nalts; i++)
		alts[i] = &c->alts[i];
	qsort(alts, c->nalts, sizeof(*alts), cmp_span);
	for (size_t i = 0; i < c->nalts; i++) {
		evb_buf_addc(&m->keybuf, '\0');
		evb_buf_add(&m->keybuf, alts[i]->src, alts[i]->srclen);
	}
	free(alts);
	slot = evb_hmap_put(&m->condmap, m->keybuf.p, m->keybuf.len, NULL, 0,
	    &created);
	if (!created)
		return *slot;
	cid = *slot = (uint32_t)m->nconds;
	if (m->nconds == m->capconds) {
		m->capconds = m->capconds ? m->capconds * 2 : 64;
		m->conds = xreallocarray(m->conds, m->capconds,
		    sizeof(*m->conds));
		m->csrc = xreallocarray(m->csrc, m->capconds,
		    sizeof(*m->csrc));
	}
	m->nconds++;
	pid = evb_pathtab_intern(&m->tab, c->path, c->plen);
	memset(&m->conds[cid], 0, sizeof(m->conds[cid]));
	m->conds[cid].path = pid;
	m->csrc[cid] = c;
	for (size_t i = 0; i < c->nalts; i++) {
		unsigned k = alt_cost(c->alts[i].op);

		if (c->alts[i].op == EVB_OP_ABSENT)
			note_absent(m, pid, cid);
		else
			evb_vindex_add(m->vix, pid, &c->alts[i], cid);
		cost = k > cost ? k : cost;
	}
	m->conds[cid].cost = cost * (unsigned)(c->nalts < 8 ? c->nalts : 8);
	return cid;
}

void
evb_matcher_add(struct evb_matcher *m, uint32_t rule,
    const struct evb_pattern *p)
{
	if (rule + 1 > m->nrules)
		m->nrules = rule + 1;
	for (size_t i = 0; i < p->nsubs; i++) {
		const struct evb_subrule *s = &p->subs[i];
		struct sub *d;

		if (m->nsubs == m->capsubs) {
			m->capsubs = m->capsubs ? m->capsubs * 2 : 64;
			m->subs = xreallocarray(m->subs, m->capsubs,
			    sizeof(*m->subs));
		}
		d = &m->subs[m->nsubs++];
		d->rule = rule;
		d->n = (uint32_t)s->nconds;
		d->conds = xcalloc(s->nconds, sizeof(*d->conds));
		for (size_t k = 0; k < s->nconds; k++)
			d->conds[k] = cond_for(m, &s->conds[k]);
	}
}

/* The small index of the anchors' alternatives, for selecting. */
static void
index_anchors(struct evb_matcher *m)
{
	evb_vindex_free(m->eager);
	m->eager = evb_vindex_new();
	free(m->is_anchor);
	m->is_anchor = xcalloc(m->nconds + 1, 1);
	for (size_t i = 0; i < m->nsubs; i++)
		m->is_anchor[m->subs[i].anchor] = 1;
	for (uint32_t c = 0; c < m->nconds; c++) {
		const struct evb_cond *src = m->csrc[c];

		if (!m->is_anchor[c])
			continue;
		for (size_t k = 0; k < src->nalts; k++)
			if (src->alts[k].op != EVB_OP_ABSENT)
				evb_vindex_add(m->eager, m->conds[c].path,
				    &src->alts[k], c);
	}
	evb_vindex_build(m->eager);
}

/*
 * Anchors: each sub-rule waits on the condition that held least often so
 * far (or, before any event, the one that looks rarest).  The sub-rules
 * waiting on one condition are packed one after another, as records of
 * (rule, n, n conditions), so checking them reads memory in order; the
 * rule's top bit says whether it has other sub-rules.
 */
static void
anchor(struct evb_matcher *m)
{
	uint32_t *size = xcalloc(m->nconds + 1, sizeof(*size));
	uint32_t *multi = xcalloc(m->nrules + 1, sizeof(*multi));

	for (size_t i = 0; i < m->nsubs; i++)
		multi[m->subs[i].rule]++;
	for (size_t i = 0; i < m->nsubs; i++) {
		struct sub *s = &m->subs[i];
		uint64_t best = UINT64_MAX;

		for (uint32_t k = 0; k < s->n; k++) {
			const struct cond *c = &m->conds[s->conds[k]];
			uint64_t score = ((uint64_t)c->fired << 8) + c->cost;

			if (score < best) {
				best = score;
				s->anchor = s->conds[k];
			}
		}
		size[s->anchor + 1] += 2 + s->n;
	}
	for (size_t i = 0; i < m->nconds; i++)
		size[i + 1] += size[i];
	free(m->anch_off);
	free(m->anch);
	m->anch_off = xcalloc(m->nconds + 1, sizeof(*m->anch_off));
	memcpy(m->anch_off, size, (m->nconds + 1) * sizeof(*size));
	m->anch = xcalloc(size[m->nconds] + 1, sizeof(*m->anch));
	for (size_t i = 0; i < m->nsubs; i++) {
		const struct sub *s = &m->subs[i];
		uint32_t *rec = m->anch + size[s->anchor];

		rec[0] = s->rule | (multi[s->rule] > 1 ? MULTI : 0);
		rec[1] = s->n;
		memcpy(rec + 2, s->conds, s->n * sizeof(uint32_t));
		size[s->anchor] += 2 + s->n;
	}
	free(size);
	free(multi);
	index_anchors(m);
}

/*
 * The longest run of a value that appears verbatim in any JSON text holding
 * it: no quote, backslash, slash or control character, which JSON may
 * escape.  Other bytes can only be hidden by a \u escape.
 */
static void
plain_run(const char *s, size_t n, const char **run, size_t *rlen)
{
	size_t start = 0;

	*run = s;
	*rlen = 0;
	for (size_t i = 0; i <= n; i++) {
		unsigned char c = i < n ? (unsigned char)s[i] : 0;

		if (i < n && c >= 0x20 && c != '"' && c != '\\' && c != '/')
			continue;
		if (i - start > *rlen) {
			*run = s + start;
			*rlen = i - start;
		}
		start = i + 1;
	}
}

/* A literal every match of the alternative contains, or none (*n = 0). */
static void
alt_literal(const struct evb_alt *a, const char **p, size_t *n)
{
	*n = 0;
	switch (a->op) {
	case EVB_OP_STRING:
	case EVB_OP_PREFIX:
	case EVB_OP_SUFFIX:
		plain_run(a->s, a->n, p, n);
		break;
	case EVB_OP_WILDCARD: {
		const char *w;
		size_t wn;

		evb_wildcard_longest(&a->wc, &w, &wn);
		plain_run(w, wn, p, n);
		break;
	}
	default:
		break;
	}
}

static bool
add_literal(struct evb_matcher *m, const char *p, size_t n)
{
	for (size_t i = 0; i < m->nlits; i++)
		if (m->litlen[i] == n && memcmp(m->litbuf.p + m->litoff[i], p,
		    n) == 0)
			return true;
	if (m->nlits == MAX_PREFILTER)
		return false;
	m->litoff[m->nlits] = m->litbuf.len;
	m->litlen[m->nlits++] = n;
	evb_buf_add(&m->litbuf, p, n);
	return true;
}

/* For each sub-rule, the condition whose literals say most; all or nothing. */
static void
choose_literals(struct evb_matcher *m)
{
	m->prefilter = m->nsubs > 0;
	for (size_t i = 0; i < m->nsubs && m->prefilter; i++) {
		const struct sub *s = &m->subs[i];
		const struct evb_cond *best = NULL;
		size_t bestscore = 0;

		for (uint32_t k = 0; k < s->n; k++) {
			const struct evb_cond *c = m->csrc[s->conds[k]];
			size_t shortest = SIZE_MAX;

			for (size_t j = 0; j < c->nalts && shortest > 0; j++) {
				const char *p;
				size_t n;

				alt_literal(&c->alts[j], &p, &n);
				shortest = n < shortest ? n : shortest;
			}
			if (shortest > 0 && shortest / c->nalts + 1 > bestscore) {
				bestscore = shortest / c->nalts + 1;
				best = c;
			}
		}
		if (best == NULL) {
			m->prefilter = false;
			break;
		}
		for (size_t j = 0; j < best->nalts && m->prefilter; j++) {
			const char *p;
			size_t n;

			alt_literal(&best->alts[j], &p, &n);
			m->prefilter = add_literal(m, p, n);
		}
	}
	if (!m->prefilter)
		m->nlits = 0;
}

static void on_value(void *, uint32_t, enum evb_jtype, const char *, size_t,
	    const uint32_t *, size_t);

void
evb_matcher_build(struct evb_matcher *m)
{
	size_t np = m->tab.npaths + 1;

	evb_vindex_build(m->vix);
	anchor(m);
	choose_literals(m);
	m->next_reanchor = 256;
	m->cword = xcalloc(m->nconds + 1, sizeof(*m->cword));
	m->crecs = xcalloc(m->nconds + 1, sizeof(*m->crecs));
	m->pepoch = xcalloc(np, sizeof(*m->pepoch));
	m->pvalues = xcalloc(np, sizeof(*m->pvalues));
	m->pplain = xcalloc(np, sizeof(*m->pplain));
	m->precs = xcalloc(np, sizeof(*m->precs));
	m->phead = xcalloc(np, sizeof(*m->phead));
	m->repoch = xcalloc(m->nrules + 1, sizeof(*m->repoch));
	m->rbits = xcalloc(m->nrules / 64 + 1, sizeof(*m->rbits));
	evb_walk_init(&m->walk, &m->tab, m->max_depth, on_value, m);
}

/* Matching: per-event state */

static void
new_epoch(struct evb_matcher *m)
{
	if (++m->epoch == EPOCH_MAX) {
		/* Wrapped: forget every stale mark. */
		memset(m->cword, 0, (m->nconds + 1) * sizeof(*m->cword));
		memset(m->pepoch, 0, (m->tab.npaths + 1) * sizeof(*m->pepoch));
		memset(m->repoch, 0, (m->nrules + 1) * sizeof(*m->repoch));
		m->epoch = 1;
	}
	m->touched.n = 0;
	m->nrecs = 0;
	m->pool.n = 0;
	m->matched.n = 0;
	m->nvals = 0;
	evb_buf_reset(&m->vbytes);
	evb_buf_reset(&m->fold);
}

static uint8_t
cstate(const struct evb_matcher *m, uint32_t c)
{
	uint32_t w = m->cword[c];

	return w >> STATE_BITS == m->epoch ? w & ((1 << STATE_BITS) - 1) : 0;
}

static void
set_state(struct evb_matcher *m, uint32_t c, uint8_t st)
{
	m->cword[c] |= st;
}

static void
touch(struct evb_matcher *m, uint32_t c)
{
	if (m->cword[c] >> STATE_BITS != m->epoch) {
		m->cword[c] = m->epoch << STATE_BITS;
		m->crecs[c] = -1;
		/* Sampled: an estimate is all re-anchoring needs. */
		if ((m->events & SAMPLE) == 0)
			m->conds[c].fired++;
		ivec_push(&m->touched, c);
	}
}

/* Remember the current value's membership, copied once per value. */
static void keep_membership(struct evb_matcher *);

static int32_t
record(struct evb_matcher *m, int32_t next)
{
	struct rec *r;

	keep_membership(m);
	if (m->nrecs == m->caprecs) {
		m->caprecs = m->caprecs ? m->caprecs * 2 : 64;
		m->recs = xreallocarray(m->recs, m->caprecs, sizeof(*m->recs));
	}
	r = &m->recs[m->nrecs];
	r->off = m->memoff;
	r->len = (uint32_t)m->nmem;
	r->next = next;
	return (int32_t)m->nrecs++;
}

static void
satisfy(struct evb_matcher *m, uint32_t c)
{
	touch(m, c);
	set_state(m, c, ST_SAT);
	if (m->nmem == 0)
		set_state(m, c, ST_PLAIN);
	else
		m->crecs[c] = record(m, m->crecs[c]);
}

static void
on_list(void *ctx, const uint32_t *list)
{
	for (uint32_t i = 1; i <= list[0]; i++)
		satisfy(ctx, list[i]);
}

/* Memberships at off in the pool; an empty pool has no array at all. */
static const uint32_t *
pool_at(const struct evb_matcher *m, size_t off)
{
	return m->pool.v != NULL ? m->pool.v + off : NULL;
}

/* Copy the current membership into the pool, once per value. */
static void
keep_membership(struct evb_matcher *m)
{
	if (m->memoff != UINT32_MAX)
		return;
	m->memoff = (uint32_t)m->pool.n;
	for (size_t i = 0; i < 2 * m->nmem; i++)
		ivec_push(&m->pool, m->mem[i]);
}

static void
keep_value(struct evb_matcher *m, uint32_t pid, enum evb_jtype type,
    const char *s, size_t n)
{
	struct sval *v;

	if (m->nvals == m->capvals) {
		m->capvals = m->capvals ? m->capvals * 2 : 64;
		m->vals = xreallocarray(m->vals, m->capvals, sizeof(*m->vals));
	}
	keep_membership(m);
	v = &m->vals[m->nvals];
	v->off = (uint32_t)m->vbytes.len;
	v->len = (uint32_t)n;
	v->memoff = m->memoff;
	v->nmem = (uint32_t)m->nmem;
	v->type = (uint8_t)type;
	v->next = m->phead[pid];
	m->phead[pid] = (int32_t)m->nvals++;
	evb_buf_add(&m->vbytes, s, n);
}

static void
eval_value(struct evb_matcher *m, struct evb_vindex *ix, uint32_t pid,
    enum evb_jtype type, const char *s, size_t n)
{
	struct evb_value v;

	evb_value_init(&v, type, s, n, &m->fold);
	evb_vindex_eval(ix, pid, &v, on_list, m);
}

/* A leaf value at a path some rule names. */
static void
on_value(void *ctx, uint32_t pid, enum evb_jtype type, const char *s,
    size_t n, const uint32_t *mem, size_t nmem)
{
	struct evb_matcher *m = ctx;

	m->mem = mem;
	m->nmem = nmem;
	m->memoff = UINT32_MAX;
	if (m->pepoch[pid] != m->epoch) {
		m->pepoch[pid] = m->epoch;
		m->pvalues[pid] = m->pplain[pid] = 0;
		m->precs[pid] = -1;
		m->phead[pid] = -1;
	}
	m->pvalues[pid]++;
	if (nmem == 0)
		m->pplain[pid]++;
	else if (pid < m->nabsent && m->absent[pid].n > 0)
		m->precs[pid] = record(m, m->precs[pid]);
	if (!m->lazy) {
		eval_value(m, m->vix, pid, type, s, n);
		return;
	}
	keep_value(m, pid, type, s, n);
	eval_value(m, m->eager, pid, type, s, n);
}

/*
 * Selecting: evaluate one condition on demand, from the values kept, once.
 * Only its own alternatives are tried: a candidate or two usually decide
 * the event, and whole paths would cost more.
 */
static void
eval_cond(struct evb_matcher *m, uint32_t c)
{
	const struct evb_cond *src = m->csrc[c];
	uint32_t pid = m->conds[c].path;

	touch(m, c);
	if (cstate(m, c) & ST_CHECKED)
		return;
	set_state(m, c, ST_CHECKED);
	if (m->pepoch[pid] != m->epoch)
		return;		/* no value there */
	for (int32_t i = m->phead[pid]; i >= 0; i = m->vals[i].next) {
		const struct sval *sv = &m->vals[i];
		struct evb_value v;

		evb_value_init(&v, (enum evb_jtype)sv->type,
		    m->vbytes.p + sv->off, sv->len, &m->fold);
		for (size_t k = 0; k < src->nalts; k++)
			if (evb_alt_match(&src->alts[k], &v)) {
				m->memoff = sv->memoff;
				m->nmem = sv->nmem;
				m->mem = pool_at(m, sv->memoff);
				satisfy(m, c);
				break;
			}
	}
}

/* After the event: which "exists": false conditions hold. */
static void
settle_absent(struct evb_matcher *m)
{
	for (size_t i = 0; i < m->absent_paths.n; i++) {
		uint32_t pid = m->absent_paths.v[i];
		const struct ivec *conds = &m->absent[pid];
		bool seen = m->pepoch[pid] == m->epoch;
		uint8_t st;

		if (!seen)
			st = ST_ABSENT;
		else if (m->pplain[pid] == 0)
			st = ST_MAYBE_ABSENT;	/* depends on the elements */
		else
			continue;
		for (size_t k = 0; k < conds->n; k++) {
			touch(m, conds->v[k]);
			set_state(m, conds->v[k], st);
		}
	}
}

static bool
consistent(const struct evb_matcher *m, const struct rec *r)
{
	return evb_mem_consistent(m->bind.v, m->bind.n / 2, pool_at(m, r->off),
	    r->len);
}

static size_t
bind_rec(struct evb_matcher *m, const struct rec *r)
{
	size_t saved = m->bind.n;
	const uint32_t *mem = pool_at(m, r->off);

	for (uint32_t i = 0; i < r->len; i++) {
		bool known = false;

		for (size_t j = 0; j < saved / 2 && !known; j++)
			known = m->bind.v[2 * j] == mem[2 * i];
		if (!known) {
			ivec_push(&m->bind, mem[2 * i]);
			ivec_push(&m->bind, mem[2 * i + 1]);
		}
	}
	return saved;
}

/* No value at the path agrees with the bindings so far. */
static bool
absent_here(const struct evb_matcher *m, uint32_t c)
{
	uint32_t pid = m->conds[c].path;

	if (m->pepoch[pid] != m->epoch)
		return true;
	if (m->pplain[pid] > 0)
		return false;
	for (int32_t r = m->precs[pid]; r >= 0; r = m->recs[r].next)
		if (consistent(m, &m->recs[r]))
			return false;
	return true;
}

/*
 * EventBridge's array-consistency rule, as in eval.c but from what the walk
 * recorded: conditions in path order, each value binding the array elements
 * it sits in.
 */
static bool
slow_step(struct evb_matcher *m, const uint32_t *conds, uint32_t n,
    uint32_t k)
{
	uint32_t c;
	uint8_t st;

	if (k == n)
		return true;
	if (m->budget == 0)
		return false;
	m->budget--;
	c = conds[k];
	st = cstate(m, c);
	if ((st & ST_PLAIN) && slow_step(m, conds, n, k + 1))
		return true;
	if (st & ST_SAT)
		for (int32_t r = m->crecs[c]; r >= 0; r = m->recs[r].next) {
			size_t saved;

			if (!consistent(m, &m->recs[r]))
				continue;
			saved = bind_rec(m, &m->recs[r]);
			if (slow_step(m, conds, n, k + 1))
				return true;
			m->bind.n = saved;
		}
	if (m->conds[c].absent && (st & (ST_ABSENT | ST_MAYBE_ABSENT)) &&
	    absent_here(m, c))
		return slow_step(m, conds, n, k + 1);
	return false;
}

/* Does the sub-rule match?  Quick when arrays cannot matter. */
static bool
verify(struct evb_matcher *m, const uint32_t *conds, uint32_t n)
{
	unsigned in_arrays = 0;
	bool slow = false;

	for (uint32_t k = 0; k < n; k++) {
		uint8_t st;

		if (m->lazy && !m->is_anchor[conds[k]])
			eval_cond(m, conds[k]);
		st = cstate(m, conds[k]);
		if ((st & (ST_PLAIN | ST_ABSENT)) != 0)
			continue;
		if (st & ST_SAT)
			in_arrays++;
		else if (st & ST_MAYBE_ABSENT)
			slow = true;
		else
			return false;
	}
	if (!slow && in_arrays < 2)
		return true;
	m->bind.n = 0;
	m->budget = SLOW_BUDGET;
	if (slow_step(m, conds, n, 0))
		return true;
	if (m->budget == 0)
		m->undecided = true;
	return false;
}

/* Rule numbers in ascending order, through a bitmap when there are many. */
static void
sort_rules(struct evb_matcher *m)
{
	struct ivec *r = &m->matched;
	size_t k = 0;

	if (r->n < 32) {
		for (size_t i = 1; i < r->n; i++) {
			uint32_t x = r->v[i];
			size_t j = i;

			for (; j > 0 && r->v[j - 1] > x; j--)
				r->v[j] = r->v[j - 1];
			r->v[j] = x;
		}
		return;
	}
	for (size_t i = 0; i < r->n; i++)
		m->rbits[r->v[i] / 64] |= 1ULL << (r->v[i] % 64);
	for (size_t w = 0; w < (m->nrules + 63) / 64; w++)
		for (uint64_t b = m->rbits[w]; b != 0; b &= b - 1)
			r->v[k++] = (uint32_t)(w * 64) +
			    (uint32_t)__builtin_ctzll(b);
	for (size_t i = 0; i < r->n; i++)
		m->rbits[r->v[i] / 64] = 0;
}

static void
collect(struct evb_matcher *m, enum evb_match_mode mode)
{
	for (size_t t = 0; t < m->touched.n; t++) {
		uint32_t c = m->touched.v[t];
		const uint32_t *rec = m->anch + m->anch_off[c];
		const uint32_t *end = m->anch + m->anch_off[c + 1];

		for (; rec < end; rec += 2 + rec[1]) {
			uint32_t rule = rec[0] & ~MULTI;

			/* Only rules with several sub-rules can match twice. */
			if (((rec[0] & MULTI) && m->repoch[rule] == m->epoch) ||
			    !verify(m, rec + 2, rec[1]))
				continue;
			m->repoch[rule] = m->epoch;
			ivec_push(&m->matched, rule);
			if (mode == EVB_MATCH_ANY)
				return;
		}
	}
	sort_rules(m);
}

/* Re-anchor on what the events so far show, at growing intervals. */
static void
maybe_reanchor(struct evb_matcher *m)
{
	if (++m->events < m->next_reanchor)
		return;
	m->next_reanchor = m->events * 16;
	anchor(m);
}

int
evb_matcher_match(struct evb_matcher *m, const char *line, size_t n,
    enum evb_match_mode mode, const uint32_t **rules, struct evb_err *err)
{
	new_epoch(m);
	/* A sample of events is evaluated in full, to count what holds. */
	m->lazy = mode == EVB_MATCH_ANY && (m->events & SAMPLE) != 0;
	if (evb_walk_line(&m->walk, line, n, err) == -1)
		return -1;
	settle_absent(m);
	m->undecided = false;
	collect(m, mode);
	maybe_reanchor(m);
	/* Never a silent "no": say that the event could not be decided. */
	if (m->undecided && (m->matched.n == 0 || mode == EVB_MATCH_ALL)) {
		evb_err_set(err, "too many combinations of array elements to "
		    "check (more than %d)", SLOW_BUDGET);
		return -1;
	}
	*rules = m->matched.v;
	return (int)m->matched.n;
}

/*
 * Scanning for literals pays only when it skips lines: after a trial, it
 * stops if it skipped fewer than one line in eight.
 */
bool
evb_matcher_skip(struct evb_matcher *m, const char *line, size_t n)
{
	bool skip = true;

	if (!m->prefilter)
		return false;
	for (size_t i = 0; i < m->nlits && skip; i++)
		skip = !evb_contains(line, n, m->litbuf.p + m->litoff[i],
		    m->litlen[i]);
	if (skip)
		skip = !evb_contains(line, n, "\\u", 2);
	m->skipped += skip;
	if (++m->tried == SKIP_TRIAL && m->skipped < SKIP_TRIAL / 8)
		m->prefilter = false;
	return skip;
}

void
evb_matcher_stats(const struct evb_matcher *m, struct evb_matcher_stats *st)
{
	st->rules = m->nrules;
	st->subrules = m->nsubs;
	st->conditions = m->nconds;
	st->paths = m->tab.npaths;
	st->keys = evb_vindex_keys(m->vix);
	st->literals = m->nlits;
	st->prefilter = m->prefilter;
}

void
evb_matcher_free(struct evb_matcher *m)
{
	if (m == NULL)
		return;
	evb_pathtab_fini(&m->tab);
	evb_vindex_free(m->vix);
	evb_vindex_free(m->eager);
	free(m->is_anchor);
	free(m->vals);
	evb_buf_fini(&m->vbytes);
	free(m->phead);
	evb_walk_fini(&m->walk);
	evb_hmap_fini(&m->condmap);
	free(m->conds);
	free(m->csrc);
	for (size_t i = 0; i < m->nsubs; i++)
		free(m->subs[i].conds);
	free(m->subs);
	free(m->anch_off);
	free(m->anch);
	for (size_t i = 0; i < m->nabsent; i++)
		ivec_free(&m->absent[i]);
	free(m->absent);
	ivec_free(&m->absent_paths);
	evb_buf_fini(&m->litbuf);
	free(m->cword);
	free(m->crecs);
	ivec_free(&m->touched);
	free(m->pepoch);
	free(m->pvalues);
	free(m->pplain);
	free(m->precs);
	free(m->repoch);
	free(m->rbits);
	free(m->recs);
	ivec_free(&m->pool);
	ivec_free(&m->matched);
	ivec_free(&m->bind);
	evb_buf_fini(&m->fold);
	evb_buf_fini(&m->keybuf);
	free(m);
}
