/*
 * Aiming at a selectivity: choose values of a weight table, numeric bounds
 * from a sampled distribution, or CIDR blocks, whose share of events comes
 * close to a target.  Each returns its own estimate of that share.
 */
#ifndef BENCH_SEL_H
#define BENCH_SEL_H

#include <stdbool.h>
#include <stdint.h>

#include "corpus.h"
#include "jw.h"
#include "rng.h"
#include "sample.h"

/* Some entries of a table (bit i = entry i) and their share of weight. */
struct subset {
	uint32_t	mask;
	double		s;
};

/*
 * Random entries of t whose share is close to target (0..1]: the entries
 * are taken in random order while they fit under 1.15 * target, then the
 * best single addition is made if that fell short of 0.6 * target.
 */
struct subset	subset_for(struct rng *, struct corpus_table *, double);

/* The entries to exclude so that what remains has a share close to target. */
struct subset	complement_for(struct rng *, struct corpus_table *,
		    double);

/* A random factor of c: c^u with u uniform in [0.3, 0.7]. */
double		split(struct rng *, double);

/* The number of entries in a mask. */
int		mask_count(uint32_t);

/* Write the values of a subset as a JSON array (strings or numbers). */
void		jw_values(struct jw *, const struct corpus_table *,
		    uint32_t);

/*
 * Write a numeric condition's operand list ([">=", lo, "<", hi] and its
 * forms) selecting about fraction c of d, and return its estimate.  Bounds
 * are integers when is_int, else rounded to hundredths.
 */
double		numeric_cond(struct rng *, struct jw *, const struct dist *,
		    double, bool);

/* P(at least one of k items matches), k drawn from corpus_item_counts. */
double		any_of_k(double);

/* The per-item probability that makes any_of_k equal c. */
double		elem_target(double);

/* Of n shares, one whose f is close to target, among the best three. */
const struct share *pick_close(struct rng *, const struct share *, size_t,
		    double);

/* s with its case changed at random: upper, lower or mixed. */
void		flip_case(struct rng *, const char *, char *, size_t);

/*
 * Up to 11 CIDR blocks in the corpus's ip pools covering about fraction c of
 * addresses; blocks[i] holds at least 32 bytes.  Returns the estimate.
 */
double		cidr_for(struct rng *, double, char (*)[32], int *);

#endif
