/*
 * A fixed sample of generated events, and the distributions evrules reads
 * from it where the weight tables alone cannot tell a rule's selectivity:
 * sorted numeric fields, and the share of log messages and http paths that
 * a given prefix or wildcard selects.
 */
#ifndef BENCH_SAMPLE_H
#define BENCH_SAMPLE_H

#include <stddef.h>

#define SAMPLE_SEED	424242
#define SAMPLE_N	4000

/* Sorted values of one field, over the events that have it. */
struct dist {
	double	*v;
	size_t	 n;
};

/* A prefix or wildcard and the share of events of its kind it selects. */
struct share {
	const char	*text;
	double		 f;
};

struct sample {
	struct dist	 order_total;	/* checkout */
	struct dist	 max_price;	/* checkout, highest item price */
	struct dist	 min_price;
	struct dist	 latency;	/* logs */
	struct dist	 bytes;
	struct dist	 s3_size;	/* aws.s3 Object Created */
	struct dist	 inv_level;	/* inventory */
	struct dist	 inv_cost;
	struct dist	 inv_delta;
	/* Lower-case prefixes of log messages, and http.path wildcards. */
	struct share	 msg_prefixes[16];
	size_t		 nmsg_prefixes;
	struct share	 path_wildcards[16];
	size_t		 npath_wildcards;
};

/* Draw the sample (always the same) and fill s. */
void	sample_init(struct sample *);
void	sample_fini(struct sample *);

/* The fraction of d's values below x, and at or above x. */
double	dist_lt(const struct dist *, double);
double	dist_ge(const struct dist *, double);

/* The value at quantile p (clamped to [0, 1]) of d. */
double	dist_q(const struct dist *, double);

/* EventBridge wildcard matching: '*' matches any run, even an empty one. */
int	wildcard_match(const char *, const char *);

#endif
