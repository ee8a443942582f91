/*
 * EventBridge event-pattern rules aimed at evgen's events, each selecting a
 * chosen share of them, built from templates over the corpus tables (after
 * the reference gen_rules.py).
 */
#ifndef BENCH_RULES_H
#define BENCH_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Pattern operators a template may use, for --ops. */
enum {
	OP_EXACT = 1 << 0,
	OP_PREFIX = 1 << 1,
	OP_SUFFIX = 1 << 2,
	OP_EIC = 1 << 3,		/* equals-ignore-case */
	OP_PREFIX_EIC = 1 << 4,
	OP_SUFFIX_EIC = 1 << 5,
	OP_WILDCARD = 1 << 6,
	OP_AB = 1 << 7,			/* anything-but */
	OP_AB_PREFIX = 1 << 8,
	OP_AB_SUFFIX = 1 << 9,
	OP_AB_EIC = 1 << 10,
	OP_AB_WILDCARD = 1 << 11,
	OP_NUMERIC = 1 << 12,
	OP_CIDR = 1 << 13,
	OP_EXISTS = 1 << 14,
	OP_OR = 1 << 15,
	OP_ARRAY_OBJECTS = 1 << 16,	/* two fields of one array element */
	OP_ALL = (1 << 17) - 1
};

struct rule {
	char	 name[48];	/* r00001_<template> */
	char	*pattern;	/* compact JSON, NUL-terminated */
	double	 est;		/* estimated share of events */
};

struct ruleset {
	struct rule	*v;
	size_t		 n;
};

struct rules_opts {
	size_t		 count;
	uint64_t	 seed;
	unsigned	 ops;		/* OP_* bits allowed */
	double		 min_sel;	/* targets: log-uniform in here */
	double		 max_sel;
	bool		 rare;		/* id-list templates; drop big */
};

/*
 * Parse a comma list of operator names and presets (all, core, jq) into
 * *ops.  Returns 0, or -1 when a name is unknown.
 */
int	rules_parse_ops(const char *, unsigned *);

/* The operator names and the presets, space separated, for messages. */
extern const char rules_op_names[];

/*
 * Generate o->count distinct rules into *rs (owned by the caller; free with
 * rules_free).  Returns 0, or -1 with *why set when no template fits o->ops
 * or no more distinct rules can be found.
 */
int	rules_generate(struct ruleset *, const struct rules_opts *,
	    const char **);
void	rules_free(struct ruleset *);

#endif
