/*
 * The fixed event sample behind evrules' selectivity estimates.
 */
#include "sample.h"

#include <err.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "corpus.h"
#include "gen.h"
#include "jbuf.h"
#include "rng.h"

/* Candidates; only those that select something are kept. */
static const char *const msg_prefixes[] = {
	"timeout calling", "nullpointerexception", "upstream returned",
	"failed to write", "slow query", "retrying request",
	"cache miss ratio", "cache hit", "user logged in", "processed batch",
	"get ", "post ", "put "
};
static const char *const path_wildcards[] = {
	"/api/v2/orders/*/items", "/api/v2/orders/*",
	"/api/v1/products/SKU-*", "/static/js/app.*.js", "/api/v2/search?q=*",
	"/api/v2/*/capture", "/api/v2/users/*/profile", "*/profile",
	"/api/v2/cart", "/health", "/api/v1/products/SKU-1*",
	"/api/v1/products/SKU-2*", "/api/v2/orders/1*", "/api/v2/orders/2*",
	"/api/v2/orders/9*", "/api/v2/search?q=*e*"
};

#define NPREFIXES	(sizeof(msg_prefixes) / sizeof(msg_prefixes[0]))
#define NWILDCARDS	(sizeof(path_wildcards) / sizeof(path_wildcards[0]))

static void
add(struct dist *d, double x)
{
	/* Every dist has at most SAMPLE_N values: allocate that at once. */
	if (d->v == NULL && (d->v = malloc(SAMPLE_N * sizeof(*d->v))) == NULL)
		errx(2, "out of memory");
	d->v[d->n++] = x;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
sort(struct dist *d)
{
	if (d->n == 0)
		errx(2, "event sample holds no value of a field");
	qsort(d->v, d->n, sizeof(*d->v), cmp_double);
}

/* ASCII case-insensitive prefix test; the prefixes are lower case. */
static bool
has_prefix_ic(const char *s, const char *p)
{
	for (; *p != '\0'; s++, p++) {
		char c = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;

		if (c != *p)
			return false;
	}
	return true;
}

int
wildcard_match(const char *w, const char *s)
{
	const char *star = NULL, *resume = NULL;

	while (*s != '\0') {
		if (*w == '*') {
			star = w++;
			resume = s;
		} else if (*w == *s) {
			w++;
			s++;
		} else if (star != NULL) {
			w = star + 1;
			s = ++resume;
		} else
			return 0;
	}
	while (*w == '*')
		w++;
	return *w == '\0';
}

static void
count_log(const struct gen_facts *f, size_t *pre, size_t *wild)
{
	for (size_t i = 0; i < NPREFIXES; i++)
		if (has_prefix_ic(f->message, msg_prefixes[i]))
			pre[i]++;
	for (size_t i = 0; i < NWILDCARDS; i++)
		if (wildcard_match(path_wildcards[i], f->path))
			wild[i]++;
}

static void
record(struct sample *s, const struct gen_facts *f, size_t *pre,
    size_t *wild)
{
	switch (f->kind) {
	case CORPUS_CHECKOUT:
		add(&s->order_total, f->order_total / 100.0);
		add(&s->max_price, f->max_price / 100.0);
		add(&s->min_price, f->min_price / 100.0);
		break;
	case CORPUS_LOGS:
		add(&s->latency, f->latency / 1000.0);
		add(&s->bytes, (double)f->bytes);
		count_log(f, pre, wild);
		break;
	case CORPUS_S3:
		if (f->s3_size >= 0)
			add(&s->s3_size, (double)f->s3_size);
		break;
	case CORPUS_INVENTORY:
		add(&s->inv_level, (double)f->inv_level);
		add(&s->inv_cost, f->inv_cost / 10000.0);
		add(&s->inv_delta, (double)f->inv_delta);
		break;
	default:
		break;
	}
}

static void
keep_shares(struct sample *s, const size_t *pre, const size_t *wild)
{
	double n = (double)s->latency.n;

	for (size_t i = 0; i < NPREFIXES; i++)
		if (pre[i] > 0)
			s->msg_prefixes[s->nmsg_prefixes++] = (struct share){
			    msg_prefixes[i], pre[i] / n };
	for (size_t i = 0; i < NWILDCARDS; i++)
		if (wild[i] > 0)
			s->path_wildcards[s->npath_wildcards++] =
			    (struct share){ path_wildcards[i], wild[i] / n };
}

void
sample_init(struct sample *s)
{
	struct jbuf scratch = JBUF_INIT;
	size_t pre[NPREFIXES] = { 0 }, wild[NWILDCARDS] = { 0 };
	struct gen g;

	memset(s, 0, sizeof(*s));
	gen_init(&g, SAMPLE_SEED, false);
	for (int i = 0; i < SAMPLE_N; i++) {
		scratch.len = 0;
		gen_event(&g, &corpus_kinds, &scratch);
		record(s, &g.f, pre, wild);
	}
	jb_free(&scratch);
	keep_shares(s, pre, wild);
	sort(&s->order_total);
	sort(&s->max_price);
	sort(&s->min_price);
	sort(&s->latency);
	sort(&s->bytes);
	sort(&s->s3_size);
	sort(&s->inv_level);
	sort(&s->inv_cost);
	sort(&s->inv_delta);
}

void
sample_fini(struct sample *s)
{
	free(s->order_total.v);
	free(s->max_price.v);
	free(s->min_price.v);
	free(s->latency.v);
	free(s->bytes.v);
	free(s->s3_size.v);
	free(s->inv_level.v);
	free(s->inv_cost.v);
	free(s->inv_delta.v);
}

/* bisect_left: the number of values below x. */
static size_t
below(const struct dist *d, double x)
{
	size_t lo = 0, hi = d->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->v[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

double
dist_lt(const struct dist *d, double x)
{
	return (double)below(d, x) / d->n;
}

double
dist_ge(const struct dist *d, double x)
{
	return 1.0 - dist_lt(d, x);
}

double
dist_q(const struct dist *d, double p)
{
	long long i;

	p = p < 0 ? 0 : p > 1 ? 1 : p;
	i = det_round(p * (double)(d->n - 1));
	if (i < 0)
		i = 0;
	if (i > (long long)d->n - 1)
		i = (long long)d->n - 1;
	return d->v[i];
}
