/*
 * Choosing pattern values for a target selectivity, after gen_rules.py.
 */
#include "sel.h"

#include <stdio.h>
#include <string.h>

static double
absd(double x)
{
	return x < 0 ? -x : x;
}

static uint32_t
all_of(const struct corpus_table *t)
{
	return (uint32_t)((1ULL << t->n) - 1);
}

/* The entry, not yet in mask, that brings s closest to target. */
static int
closest(struct corpus_table *t, const int *order, uint32_t mask, double s,
    double target)
{
	double d, bestd = 0;
	int best = -1;

	for (size_t i = 0; i < t->n; i++) {
		if (mask & (1u << order[i]))
			continue;
		d = absd(s + corpus_share(t, (size_t)order[i]) - target);
		if (best == -1 || d < bestd) {
			best = order[i];
			bestd = d;
		}
	}
	return best;
}

struct subset
subset_for(struct rng *r, struct corpus_table *t, double target)
{
	struct subset ss = { 0, 0 };
	int order[32], best;
	double w;

	if (target >= 0.999) {
		ss.mask = all_of(t);
		ss.s = 1.0;
		return ss;
	}
	for (size_t i = 0; i < t->n; i++)
		order[i] = (int)i;
	rng_shuffle(r, order, (int)t->n);
	for (size_t i = 0; i < t->n; i++) {
		w = corpus_share(t, (size_t)order[i]);
		if (ss.s + w <= target * 1.15) {
			ss.mask |= 1u << order[i];
			ss.s += w;
		}
	}
	if (ss.mask != 0 && ss.s >= target * 0.6)
		return ss;
	if ((best = closest(t, order, ss.mask, ss.s, target)) == -1)
		return ss;
	w = corpus_share(t, (size_t)best);
	if (ss.mask == 0 || absd(ss.s + w - target) < absd(ss.s - target)) {
		ss.mask |= 1u << best;
		ss.s += w;
	}
	return ss;
}

struct subset
complement_for(struct rng *r, struct corpus_table *t, double target)
{
	struct subset keep = subset_for(r, t, target);

	keep.mask = all_of(t) & ~keep.mask;
	return keep;
}

double
split(struct rng *r, double c)
{
	return det_pow(c, rng_uniform(r, 0.3, 0.7));
}

int
mask_count(uint32_t m)
{
	int n = 0;

	for (; m != 0; m &= m - 1)
		n++;
	return n;
}

void
jw_values(struct jw *w, const struct corpus_table *t, uint32_t mask)
{
	jw_arr(w);
	for (size_t i = 0; i < t->n; i++) {
		if (!(mask & (1u << i)))
			continue;
		if (t->numeric)
			jw_int(w, t->v[i].n);
		else
			jw_str(w, t->v[i].s);
	}
	jw_end(w);
}

/* A bound: an integer, or hundredths. */
static long long
bound(double x, bool is_int)
{
	return is_int ? (long long)x : det_round(x * 100);
}

static double
bound_value(long long v, bool is_int)
{
	return is_int ? (double)v : v / 100.0;
}

static void
jw_bound(struct jw *w, const char *op, long long v, bool is_int)
{
	jw_str(w, op);
	if (is_int)
		jw_int(w, v);
	else
		jw_fixed(w, v, 2);
}

/* A range [lo, hi) or (lo, hi] covering fraction c from a random start. */
static double
numeric_range(struct rng *r, struct jw *w, const struct dist *d, double c,
    bool is_int, bool closed_low)
{
	double q0 = rng_uniform(r, 0, 1 - c);
	long long lo = bound(dist_q(d, q0), is_int);
	long long hi = bound(dist_q(d, q0 + c), is_int);

	if (hi <= lo)
		hi = lo + 1;
	jw_bound(w, closed_low ? ">=" : ">", lo, is_int);
	jw_bound(w, closed_low ? "<" : "<=", hi, is_int);
	return dist_lt(d, bound_value(hi, is_int)) -
	    dist_lt(d, bound_value(lo, is_int));
}

double
numeric_cond(struct rng *r, struct jw *w, const struct dist *d, double c,
    bool is_int)
{
	double form = rng_double(r), est;
	long long v;

	if (c > 0.98)
		c = 0.98;
	jw_arr(w);
	if (form < 0.2) {
		v = bound(dist_q(d, c), is_int);
		jw_bound(w, "<", v, is_int);
		est = dist_lt(d, bound_value(v, is_int));
	} else if (form < 0.4) {
		v = bound(dist_q(d, 1 - c), is_int);
		jw_bound(w, ">=", v, is_int);
		est = dist_ge(d, bound_value(v, is_int));
	} else
		est = numeric_range(r, w, d, c, is_int, form < 0.7);
	jw_end(w);
	return est;
}

double
any_of_k(double p)
{
	struct corpus_table *t = &corpus_item_counts;
	double sum = 0;

	for (size_t i = 0; i < t->n; i++) {
		double miss = 1;

		for (long k = 0; k < t->v[i].n; k++)
			miss *= 1 - p;
		sum += corpus_share(t, i) * (1 - miss);
	}
	return sum;
}

double
elem_target(double c)
{
	double lo = 0, hi = 1, mid;

	for (int i = 0; i < 40; i++) {
		mid = (lo + hi) / 2;
		if (any_of_k(mid) < c)
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

static double
distance(const struct share *s, double target)
{
	return absd(det_log((s->f > 1e-9 ? s->f : 1e-9) / target));
}

const struct share *
pick_close(struct rng *r, const struct share *v, size_t n, double target)
{
	size_t rank[32], i, j, k;

	/* A stable insertion sort by distance, as Python's sorted. */
	for (i = 0; i < n; i++) {
		for (j = i; j > 0 && distance(&v[rank[j - 1]], target) >
		    distance(&v[i], target); j--)
			rank[j] = rank[j - 1];
		rank[j] = i;
	}
	k = (size_t)(rng_double(r) * 3);
	return &v[rank[k < n ? k : n - 1]];
}

static char
upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static char
lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

void
flip_case(struct rng *r, const char *s, char *out, size_t size)
{
	double m = rng_double(r);
	size_t i;

	for (i = 0; s[i] != '\0' && i + 1 < size; i++) {
		if (m < 0.4)
			out[i] = upper(s[i]);
		else if (m < 0.7)
			out[i] = lower(s[i]);
		else if (rng_double(r) < 0.5)
			out[i] = upper(s[i]);
		else
			out[i] = lower(s[i]);
	}
	out[i] = '\0';
}

/*
 * Whole pools in random order until 85% of c is covered; a pool bigger than
 * what is still needed is cut to a /17../20 (each bit halves its share).
 */
double
cidr_for(struct rng *r, double c, char (*blocks)[32], int *nblocks)
{
	struct corpus_table *v4 = &corpus_ipv4_pools, *v6 = &corpus_ipv6_pools;
	int order[32], bits;
	double s = 0, w, need;
	uint32_t sub, j;

	*nblocks = 0;
	for (size_t i = 0; i < v4->n; i++)
		order[i] = (int)i;
	rng_shuffle(r, order, (int)v4->n);
	for (size_t i = 0; i < v4->n && s < c * 0.85; i++) {
		w = corpus_share(v4, (size_t)order[i]) * (1 - CORPUS_IPV6_P);
		need = c - s;
		for (bits = 16; bits < 20 && w / 2 >= need * 0.9; bits++)
			w /= 2;
		sub = rng_below(r, 1u << (bits - 16));
		snprintf(blocks[(*nblocks)++], 32, "%s.%u.0/%d",
		    v4->v[order[i]].s, (unsigned)(sub << (24 - bits)), bits);
		s += w;
	}
	if (rng_double(r) < 0.3) {
		j = rng_below(r, (uint32_t)v6->n);
		snprintf(blocks[(*nblocks)++], 32, "%s::/48", v6->v[j].s);
		s += corpus_share(v6, j) * CORPUS_IPV6_P;
	}
	return s;
}
