/*
 * Portable random numbers for the benchmark corpus.  Every function here
 * uses integer arithmetic or IEEE 754 +, -, * and / only, so the results do
 * not depend on the C library.
 */
#include "rng.h"

#include <string.h>

#define LN2_HI	6.93147180369123816490e-01	/* low 32 bits zero */
#define LN2_LO	1.90821492927058770002e-10
#define INV_LN2	1.44269504088896338700e+00
#define SQRT2	1.41421356237309514547e+00
#define EXP_MAX	700.0

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void
rng_seed(struct rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
	r->have_spare = false;
	r->spare = 0;
}

/* Lemire's multiply-and-reject: unbiased, and rarely divides. */
uint32_t
rng_below(struct rng *r, uint32_t n)
{
	uint64_t m = (rng_next(r) >> 32) * (uint64_t)n;
	uint32_t low = (uint32_t)m;

	if (low < n) {
		uint32_t t = (uint32_t)-n % n;

		while (low < t) {
			m = (rng_next(r) >> 32) * (uint64_t)n;
			low = (uint32_t)m;
		}
	}
	return (uint32_t)(m >> 32);
}

long
rng_int(struct rng *r, long lo, long hi)
{
	return lo + (long)rng_below(r, (uint32_t)(hi - lo + 1));
}

double
rng_double(struct rng *r)
{
	return (double)(rng_next(r) >> 11) * 0x1.0p-53;
}

double
rng_uniform(struct rng *r, double a, double b)
{
	return a + (b - a) * rng_double(r);
}

double
rng_normal(struct rng *r, double mu, double sigma)
{
	double u, v, s, m;

	if (r->have_spare) {
		r->have_spare = false;
		return mu + sigma * r->spare;
	}
	do {
		u = 2 * rng_double(r) - 1;
		v = 2 * rng_double(r) - 1;
		s = u * u + v * v;
	} while (s >= 1 || s == 0);
	m = det_sqrt(-2 * det_log(s) / s);
	r->spare = v * m;
	r->have_spare = true;
	return mu + sigma * (u * m);
}

double
rng_lognormal(struct rng *r, double mu, double sigma)
{
	return det_exp(rng_normal(r, mu, sigma));
}

void
rng_shuffle(struct rng *r, int *v, int n)
{
	for (int i = n - 1; i > 0; i--) {
		int j = (int)rng_below(r, (uint32_t)i + 1), t = v[i];

		v[i] = v[j];
		v[j] = t;
	}
}

static double
from_bits(uint64_t u)
{
	double d;

	memcpy(&d, &u, sizeof(d));
	return d;
}

static uint64_t
to_bits(double d)
{
	uint64_t u;

	memcpy(&u, &d, sizeof(u));
	return u;
}

/*
 * exp(x) = 2^k exp(r) with |r| <= ln2/2; k * LN2_HI is exact, so the
 * reduction loses nothing, and 17 Taylor terms reach full precision.
 */
double
det_exp(double x)
{
	double r, p;
	long k;

	if (x > EXP_MAX)
		x = EXP_MAX;
	if (x < -EXP_MAX)
		return 0;
	k = (long)(x * INV_LN2 + (x < 0 ? -0.5 : 0.5));
	r = (x - (double)k * LN2_HI) - (double)k * LN2_LO;
	p = 1;
	for (int i = 17; i > 0; i--)
		p = 1 + r * p / i;
	return p * from_bits((uint64_t)(k + 1023) << 52);
}

/*
 * log(x) = e ln2 + log(m) with m in [sqrt(1/2), sqrt(2)), and log(m) =
 * 2 atanh(s), s = (m - 1) / (m + 1), whose series converges fast there.
 * x must be a positive normal number; anything else gives a large negative.
 */
double
det_log(double x)
{
	uint64_t u = to_bits(x);
	double m, s, s2, p;
	int e;

	if (!(x > 0) || (u >> 52) == 0)
		return -1e300;
	e = (int)((u >> 52) & 0x7ff) - 1023;
	m = from_bits((u & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL);
	if (m > SQRT2) {
		m *= 0.5;
		e++;
	}
	s = (m - 1) / (m + 1);
	s2 = s * s;
	p = 0;
	for (int j = 23; j >= 1; j -= 2)
		p = 1.0 / j + s2 * p;
	return e * LN2_HI + (e * LN2_LO + 2 * s * p);
}

/* Newton's iteration from a guess that halves the exponent. */
double
det_sqrt(double x)
{
	double y;

	if (!(x > 0))
		return 0;
	y = from_bits((to_bits(x) >> 1) + (0x3ff0000000000000ULL >> 1));
	for (int i = 0; i < 6; i++)
		y = 0.5 * (y + x / y);
	return y;
}

double
det_pow(double x, double y)
{
	return det_exp(y * det_log(x));
}

long long
det_round(double x)
{
	return (long long)(x < 0 ? x - 0.5 : x + 0.5);
}
