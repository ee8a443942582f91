/*
 * The rule generation loop: pick a template, draw a target share, build a
 * pattern, keep it if it is new.
 */
#include "rules.h"

#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jbuf.h"
#include "jw.h"
#include "rng.h"
#include "sample.h"
#include "tmpl.h"

static const struct {
	const char	*name;
	unsigned	 ops;
} names[] = {
	{ "exact", OP_EXACT }, { "prefix", OP_PREFIX }, { "suffix", OP_SUFFIX },
	{ "equals-ignore-case", OP_EIC }, { "prefix-eic", OP_PREFIX_EIC },
	{ "suffix-eic", OP_SUFFIX_EIC }, { "wildcard", OP_WILDCARD },
	{ "anything-but", OP_AB }, { "anything-but-prefix", OP_AB_PREFIX },
	{ "anything-but-suffix", OP_AB_SUFFIX },
	{ "anything-but-eic", OP_AB_EIC },
	{ "anything-but-wildcard", OP_AB_WILDCARD },
	{ "numeric", OP_NUMERIC }, { "cidr", OP_CIDR },
	{ "exists", OP_EXISTS }, { "or", OP_OR },
	{ "array-objects", OP_ARRAY_OBJECTS },
	/* Presets. */
	{ "all", OP_ALL },
	{ "core", OP_EXACT | OP_PREFIX | OP_AB | OP_NUMERIC | OP_EXISTS |
	    OP_CIDR },
	{ "jq", OP_ALL & ~(OP_CIDR | OP_ARRAY_OBJECTS) }
};

const char rules_op_names[] = "exact prefix suffix equals-ignore-case "
    "prefix-eic suffix-eic wildcard anything-but anything-but-prefix "
    "anything-but-suffix anything-but-eic anything-but-wildcard numeric "
    "cidr exists or array-objects; presets: all core jq";

int
rules_parse_ops(const char *spec, unsigned *ops)
{
	const char *p = spec, *e;
	size_t n, i;

	*ops = 0;
	for (; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		e = p + strcspn(p, ",");
		if ((n = (size_t)(e - p)) == 0)
			continue;
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strlen(names[i].name) == n &&
			    memcmp(names[i].name, p, n) == 0)
				break;
		if (i == sizeof(names) / sizeof(names[0]))
			return -1;
		*ops |= names[i].ops;
	}
	return 0;
}

/* Patterns seen so far: an open-addressing set of rule indexes. */
struct seen {
	size_t	*slot;		/* index + 1, 0 when empty */
	size_t	 cap;
};

/* FNV-1a. */
static size_t
hash(const char *s)
{
	uint64_t h = 14695981039346656037ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

/* True when no rule of rs has pattern p yet (it is then reserved as rs->n). */
static bool
seen_add(struct seen *set, const struct ruleset *rs, const char *p)
{
	size_t i = hash(p) & (set->cap - 1);

	for (; set->slot[i] != 0; i = (i + 1) & (set->cap - 1))
		if (strcmp(rs->v[set->slot[i] - 1].pattern, p) == 0)
			return false;
	set->slot[i] = rs->n + 1;
	return true;
}

static void
seen_init(struct seen *set, size_t count)
{
	for (set->cap = 64; set->cap < count * 2; set->cap *= 2)
		continue;
	if ((set->slot = calloc(set->cap, sizeof(*set->slot))) == NULL)
		errx(2, "out of memory");
}

/* The templates allowed by o, the rare ones four times over. */
static size_t
allowed(const struct rules_opts *o, const struct tmpl **v)
{
	size_t n = 0;

	for (size_t i = 0; i < tmpl_nall; i++)
		if ((tmpl_all[i].ops & ~o->ops) == 0)
			v[n++] = &tmpl_all[i];
	for (int i = 0; o->rare && i < 4; i++)
		if ((tmpl_entity.ops & ~o->ops) == 0)
			v[n++] = &tmpl_entity;
	return n;
}

static void
keep(struct ruleset *rs, const struct tmpl *t, const struct jbuf *b,
    double est)
{
	struct rule *r = &rs->v[rs->n++];

	snprintf(r->name, sizeof(r->name), "r%05zu_%s", rs->n, t->name);
	if ((r->pattern = malloc(b->len + 1)) == NULL)
		errx(2, "out of memory");
	memcpy(r->pattern, b->p, b->len);
	r->pattern[b->len] = '\0';
	r->est = est;
}

/*
 * One attempt: a template (cycling through them half the time, so that
 * every one appears), a target share, and a pattern in b.  Returns the
 * estimate, or -1 when the template degenerated.
 */
static double
attempt(struct rctx *c, const struct rules_opts *o, const struct tmpl **v,
    size_t nv, size_t kept, struct jbuf *b, const struct tmpl **used)
{
	double lmin = det_log(o->min_sel), lmax = det_log(o->max_sel), est;
	size_t i;

	if (o->count >= nv && rng_double(&c->r) < 0.5)
		i = kept % nv;
	else
		i = rng_below(&c->r, (uint32_t)nv);
	*used = v[i];
	b->len = 0;
	jw_init(&c->w, b);
	est = v[i]->build(c, det_exp(rng_uniform(&c->r, lmin, lmax)));
	while (c->w.depth > 0)
		jw_end(&c->w);
	return est;
}

int
rules_generate(struct ruleset *rs, const struct rules_opts *o,
    const char **why)
{
	const struct tmpl *v[64], *t;
	struct jbuf b = JBUF_INIT;
	struct seen set;
	struct rctx *c;
	size_t nv, tries = 0;
	double est;

	rs->n = 0;
	if ((nv = allowed(o, v)) == 0) {
		*why = "no rule template uses only the operators given";
		return -1;
	}
	if ((c = malloc(sizeof(*c))) == NULL ||
	    (rs->v = calloc(o->count ? o->count : 1, sizeof(*rs->v))) == NULL)
		errx(2, "out of memory");
	sample_init(&c->s);
	rng_seed(&c->r, o->seed);
	seen_init(&set, o->count);
	while (rs->n < o->count) {
		if (++tries > o->count * 50 + 1000) {
			*why = "could not generate that many distinct rules "
			    "with the operators given";
			break;
		}
		est = attempt(c, o, v, nv, rs->n, &b, &t);
		/* Too common for --rare, or a degenerate pattern. */
		if (est < 0 || (o->rare && est > 3 * o->max_sel))
			continue;
		jb_putc(&b, '\0');
		if (seen_add(&set, rs, b.p)) {
			b.len--;
			keep(rs, t, &b, est);
		}
	}
	free(set.slot);
	jb_free(&b);
	sample_fini(&c->s);
	free(c);
	return rs->n < o->count ? -1 : 0;
}

void
rules_free(struct ruleset *rs)
{
	for (size_t i = 0; i < rs->n; i++)
		free(rs->v[i].pattern);
	free(rs->v);
	rs->v = NULL;
	rs->n = 0;
}
