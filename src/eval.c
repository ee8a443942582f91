/*
 * Reference evaluation.  Conditions are tried in path order, as EventBridge
 * walks them; a value binds the array elements it sits in, later values
 * must agree, and "exists": false asks that no value agreeing with the
 * bindings so far be present.
 */
#include "eval.h"

#include <stdlib.h>
#include <string.h>

struct search {
	const struct evb_subrule	*sub;
	const struct evb_flat		*flat;
	uint32_t			*bind;	/* (array id, index) pairs */
	size_t				 nbind, cap;
	struct evb_buf			 fold;
};

bool
evb_eval_leaf(const struct evb_cond *c, const struct evb_leaf *l,
    struct evb_buf *fold)
{
	struct evb_value v;

	evb_buf_reset(fold);
	evb_value_init(&v, l->type, l->s, l->n, fold);
	for (size_t i = 0; i < c->nalts; i++)
		if (evb_alt_match(&c->alts[i], &v))
			return true;
	return false;
}

static bool
has_absent(const struct evb_cond *c)
{
	for (size_t i = 0; i < c->nalts; i++)
		if (c->alts[i].op == EVB_OP_ABSENT)
			return true;
	return false;
}

static size_t
bind(struct search *s, const struct evb_leaf *l)
{
	size_t saved = s->nbind;

	for (size_t i = 0; i < l->nmem; i++) {
		bool known = false;

		for (size_t j = 0; j < s->nbind / 2; j++)
			known |= s->bind[2 * j] == l->mem[2 * i];
		if (known)
			continue;
		if (s->nbind + 2 > s->cap) {
			s->cap = s->cap ? s->cap * 2 : 16;
			s->bind = xreallocarray(s->bind, s->cap, sizeof(uint32_t));
		}
		s->bind[s->nbind++] = l->mem[2 * i];
		s->bind[s->nbind++] = l->mem[2 * i + 1];
	}
	return saved;
}

static bool
step(struct search *s, size_t k)
{
	const struct evb_cond *c;
	size_t first, n;
	bool agreeing = false;

	if (k == s->sub->nconds)
		return true;
	c = &s->sub->conds[k];
	n = evb_flat_find(s->flat, c->path, c->plen, &first);
	for (size_t i = first; i < first + n; i++) {
		const struct evb_leaf *l = &s->flat->leaves[i];
		size_t saved;

		if (!evb_mem_consistent(s->bind, s->nbind / 2, l->mem, l->nmem))
			continue;
		agreeing = true;
		if (!evb_eval_leaf(c, l, &s->fold))
			continue;
		saved = bind(s, l);
		if (step(s, k + 1))
			return true;
		s->nbind = saved;
	}
	return !agreeing && has_absent(c) && step(s, k + 1);
}

bool
evb_eval_subrule(const struct evb_subrule *sub, const struct evb_flat *flat)
{
	struct search s;
	bool r;

	memset(&s, 0, sizeof(s));
	s.sub = sub;
	s.flat = flat;
	r = step(&s, 0);
	free(s.bind);
	evb_buf_fini(&s.fold);
	return r;
}

bool
evb_eval(const struct evb_pattern *p, const struct evb_flat *flat)
{
	for (size_t i = 0; i < p->nsubs; i++)
		if (evb_eval_subrule(&p->subs[i], flat))
			return true;
	return false;
}
