/*
 * A seeded random number generator and the few floating-point functions the
 * benchmark corpus needs, written so that one seed gives the same bytes on
 * every machine: xoshiro256** for the bits, and exp, log and sqrt built from
 * IEEE 754 basic operations only, because libm's results may differ in the
 * last bit between C libraries and versions.  Build with -ffp-contract=off
 * so that no compiler fuses a multiply and an add.
 */
#ifndef BENCH_RNG_H
#define BENCH_RNG_H

#include <stdbool.h>
#include <stdint.h>

struct rng {
	uint64_t	s[4];
	double		spare;		/* the polar method's second deviate */
	bool		have_spare;
};

/* Seed the state from one number through splitmix64. */
void		rng_seed(struct rng *, uint64_t);

/* The next 64 random bits (xoshiro256**); inline, as it is the hot path. */
static inline uint64_t
rng_rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static inline uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t v = rng_rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rng_rotl(s[3], 45);
	return v;
}

/* A uniform integer in [0, n); n must be positive. */
uint32_t	rng_below(struct rng *, uint32_t);

/* A uniform integer in [lo, hi], as Python's randint. */
long		rng_int(struct rng *, long, long);

/* A uniform double in [0, 1), with 53 random bits. */
double		rng_double(struct rng *);

/* A uniform double in [a, b). */
double		rng_uniform(struct rng *, double, double);

/* Normal and log-normal deviates (Marsaglia's polar method). */
double		rng_normal(struct rng *, double, double);
double		rng_lognormal(struct rng *, double, double);

/* Shuffle the n ints at v in place (Fisher-Yates, as Python's shuffle). */
void		rng_shuffle(struct rng *, int *, int);

/*
 * Deterministic replacements for exp, log, sqrt and pow (x > 0), accurate
 * to about one unit in the last place, which is all the corpus needs.
 */
double		det_exp(double);
double		det_log(double);
double		det_sqrt(double);
double		det_pow(double, double);

/* Round half away from zero to an integer, without libm. */
long long	det_round(double);

#endif
