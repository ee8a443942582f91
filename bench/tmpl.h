/*
 * Rule templates: each writes one pattern aimed at a target share of events
 * and returns its estimate of that share.
 */
#ifndef BENCH_TMPL_H
#define BENCH_TMPL_H

#include <stddef.h>

#include "jw.h"
#include "rng.h"
#include "sample.h"

/* What a template draws from and writes to. */
struct rctx {
	struct rng	 r;
	struct sample	 s;
	struct jw	 w;
};

struct tmpl {
	const char	*name;
	unsigned	 ops;		/* OP_* bits it needs */
	/* Write a pattern; return its estimate, or -1 when it degenerated. */
	double		(*build)(struct rctx *, double);
};

/* The templates of the default mix, in a fixed order. */
extern const struct tmpl tmpl_all[];
extern const size_t tmpl_nall;

/* Rare-match rules on lists of ids (--rare only). */
extern const struct tmpl tmpl_entity;

#endif
