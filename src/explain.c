/*
 * Explanations, from the reference evaluator's point of view.
 */
#include "explain.h"

#include <stdio.h>
#include <string.h>

#include "eval.h"
#include "flat.h"
#include "jgen.h"

#define SHOW_MAX	60	/* bytes of a value shown */
#define SHOW_VALUES	3	/* values shown per field */

static void
put(struct evb_writer *w, const struct evb_buf *b)
{
	/* An empty buffer has no memory: memcpy(3) must not see NULL. */
	if (b->len > 0)
		(void)evb_writer_write(w, b->p, b->len);
}

/* A leaf as JSON, shortened for people. */
static void
show_leaf(struct evb_buf *b, const struct evb_leaf *l)
{
	struct evb_buf v = EVB_BUF_INIT;

	switch (l->type) {
	case EVB_JSTRING:
		evb_json_quote(&v, l->s, l->n);
		break;
	case EVB_JNUMBER:
		evb_buf_add(&v, l->s, l->n);
		break;
	default:
		evb_buf_adds(&v, l->type == EVB_JNULL ? "null" :
		    l->type == EVB_JTRUE ? "true" : "false");
		break;
	}
	if (v.len > SHOW_MAX) {
		evb_buf_add(b, v.p, SHOW_MAX);
		evb_buf_adds(b, "...");
	} else
		evb_buf_add(b, v.p, v.len);
	evb_buf_fini(&v);
}

static void
show_alts(struct evb_buf *b, const struct evb_cond *c)
{
	evb_buf_addc(b, '[');
	for (size_t i = 0; i < c->nalts; i++) {
		if (i > 0)
			evb_buf_addc(b, ',');
		evb_buf_add(b, c->alts[i].src, c->alts[i].srclen);
	}
	evb_buf_addc(b, ']');
}

static bool
has_op(const struct evb_cond *c, enum evb_op op)
{
	for (size_t i = 0; i < c->nalts; i++)
		if (c->alts[i].op == op)
			return true;
	return false;
}

/* Keys that could be meant: equal ignoring case, or one letter off. */
static bool
near(const char *a, size_t na, const char *b, size_t nb)
{
	size_t i = 0, diff = 0;

	if (na == nb) {
		for (i = 0; i < na; i++)
			if (a[i] != b[i] && (a[i] | 32) != (b[i] | 32))
				diff++;
		return diff <= 1;
	}
	if (na + 1 != nb && nb + 1 != na)
		return false;
	/* One insertion: the shorter one with a byte left out of the longer. */
	if (na > nb) {
		const char *t = a;
		size_t tn = na;

		a = b;
		na = nb;
		b = t;
		nb = tn;
	}
	while (i < na && a[i] == b[i])
		i++;
	return memcmp(a + i, b + i + 1, na - i) == 0;
}

/* The next key after prefix in path p, into [*k, *k + *n). */
static bool
next_key(const char *p, size_t pn, const char *prefix, size_t plen,
    const char **k, size_t *n)
{
	const char *dot;

	if (plen > 0) {
		if (pn <= plen || memcmp(p, prefix, plen) != 0 || p[plen] != '.')
			return false;
		plen++;
	}
	*k = p + plen;
	dot = memchr(*k, '.', pn - plen);
	*n = dot ? (size_t)(dot - *k) : pn - plen;
	return true;
}

/* Whether any leaf path starts with the prefix (a whole key or more). */
static bool
has_prefix(const struct evb_flat *f, const char *p, size_t n)
{
	for (size_t i = 0; i < f->n; i++)
		if (f->leaves[i].plen >= n && memcmp(f->leaves[i].path, p,
		    n) == 0 && (f->leaves[i].plen == n ||
		    f->leaves[i].path[n] == '.'))
			return true;
	return false;
}

/* Why nothing is at the path: what is there instead. */
static void
explain_missing(struct evb_buf *b, const struct evb_cond *c,
    const struct evb_flat *f)
{
	size_t plen = 0, seen = 0, end;
	const char *last = NULL;

	/* The path names an object or array of objects: no leaf there. */
	for (size_t i = 0; i < f->n; i++) {
		const char *k;
		size_t n;

		if (next_key(f->leaves[i].path, f->leaves[i].plen, c->path,
		    c->plen, &k, &n)) {
			evb_buf_adds(b, "holds an object, and exists and values "
			    "apply to leaves only");
			return;
		}
	}
	/* The first key of the path that the event lacks. */
	for (;;) {
		const char *dot = memchr(c->path + plen + (plen > 0), '.',
		    c->plen - plen - (plen > 0));

		end = dot ? (size_t)(dot - c->path) : c->plen;
		if (end == c->plen || !has_prefix(f, c->path, end))
			break;
		plen = end;
	}
	evb_buf_adds(b, "missing");
	if (end < c->plen)
		evb_buf_printf(b, " (no \"%.*s\")", (int)end, c->path);
	for (size_t i = 0; i < f->n; i++) {
		const char *k;
		size_t n;

		if (!next_key(f->leaves[i].path, f->leaves[i].plen, c->path,
		    plen, &k, &n) || (last != NULL && strlen(last) == n &&
		    memcmp(last, k, n) == 0))
			continue;
		if (near(k, n, c->path + (plen ? plen + 1 : 0),
		    end - (plen ? plen + 1 : 0))) {
			evb_buf_adds(b, seen++ ? " or \"" : "; did you mean \"");
			if (plen > 0) {
				evb_buf_add(b, c->path, plen);
				evb_buf_addc(b, '.');
			}
			evb_buf_add(b, k, n);
			evb_buf_add(b, c->path + end, c->plen - end);
			evb_buf_addc(b, '"');
		}
	}
	if (seen)
		evb_buf_addc(b, '?');
}

/* A hint when the values have another type than the alternatives expect. */
static void
type_hint(struct evb_buf *b, const struct evb_cond *c, const struct evb_leaf *l)
{
	if (has_op(c, EVB_OP_NUMERIC) && l->type == EVB_JSTRING)
		evb_buf_adds(b, " (numeric compares numbers; this is a string)");
	else if ((has_op(c, EVB_OP_STRING) || has_op(c, EVB_OP_PREFIX) ||
	    has_op(c, EVB_OP_SUFFIX) || has_op(c, EVB_OP_EIC) ||
	    has_op(c, EVB_OP_WILDCARD)) && l->type != EVB_JSTRING)
		evb_buf_adds(b, " (string operators only match strings)");
	else if (has_op(c, EVB_OP_NUMBER) && l->type == EVB_JSTRING)
		evb_buf_adds(b, " (a string, not a number)");
}

/* One condition: true when some value (or the absence) satisfies it. */
static bool
explain_cond(struct evb_buf *b, const struct evb_cond *c,
    const struct evb_flat *f, struct evb_buf *fold)
{
	size_t first, n = evb_flat_find(f, c->path, c->plen, &first);
	bool ok = false;

	evb_buf_adds(b, "    ");
	evb_buf_add(b, c->path, c->plen);
	evb_buf_adds(b, ": ");
	for (size_t i = first; i < first + n && !ok; i++)
		if (evb_eval_leaf(c, &f->leaves[i], fold)) {
			ok = true;
			evb_buf_adds(b, "ok, ");
			show_leaf(b, &f->leaves[i]);
			evb_buf_adds(b, " matches ");
			show_alts(b, c);
		}
	if (!ok && n == 0) {
		if (has_op(c, EVB_OP_ABSENT)) {
			ok = true;
			evb_buf_adds(b, "ok, absent as {\"exists\":false} wants");
		} else {
			evb_buf_adds(b, "FAILED, ");
			explain_missing(b, c, f);
		}
	} else if (!ok) {
		evb_buf_adds(b, "FAILED, ");
		for (size_t i = first; i < first + n && i < first + SHOW_VALUES;
		    i++) {
			if (i > first)
				evb_buf_adds(b, ", ");
			show_leaf(b, &f->leaves[i]);
		}
		if (n > SHOW_VALUES)
			evb_buf_printf(b, " and %zu more", n - SHOW_VALUES);
		evb_buf_adds(b, n > 1 ? " match none of " : " matches none of ");
		show_alts(b, c);
		type_hint(b, c, &f->leaves[first]);
	}
	evb_buf_addc(b, '\n');
	return ok;
}

static bool
explain_rule(struct evb_buf *b, const struct evb_rule *r,
    const struct evb_flat *f, const char *file, unsigned long long line,
    struct evb_buf *fold)
{
	const struct evb_pattern *p = &r->pattern;
	bool match = evb_eval(p, f);

	evb_buf_printf(b, "%s:%llu: rule %s: %s\n", file, line, r->name,
	    match ? "match" : "no match");
	for (size_t s = 0; s < p->nsubs; s++) {
		const struct evb_subrule *sub = &p->subs[s];
		bool each = true;

		if (p->nsubs > 1)
			evb_buf_printf(b, "  $or combination %zu of %zu: %s\n",
			    s + 1, p->nsubs, evb_eval_subrule(sub, f) ?
			    "match" : "no match");
		for (size_t k = 0; k < sub->nconds; k++)
			each &= explain_cond(b, &sub->conds[k], f, fold);
		if (each && !evb_eval_subrule(sub, f))
			evb_buf_adds(b, "    every field matches, but not "
			    "within one element of the same array\n");
	}
	return match;
}

int
evb_explain_line(struct evb_writer *w, const struct evb_ruleset *rs,
    const char *only, const char *file, unsigned long long line,
    const char *text, size_t n, size_t max_depth, struct evb_err *err)
{
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_buf b = EVB_BUF_INIT, fold = EVB_BUF_INIT;
	struct evb_flat f;
	int matched = 0;

	if (evb_flat_parse(&a, text, n, max_depth, &f, err) == -1)
		matched = -1;
	else
		for (size_t i = 0; i < rs->n; i++) {
			const struct evb_rule *r = &rs->rules[i];

			if (r->disabled || (only && strcmp(only, r->name) != 0))
				continue;
			matched += explain_rule(&b, r, &f, file, line, &fold);
		}
	put(w, &b);
	evb_buf_fini(&b);
	evb_buf_fini(&fold);
	evb_arena_fini(&a);
	return matched;
}
