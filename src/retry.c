/*
 * Retry policies.
 */
#include "retry.h"

#include <sys/random.h>
#include <stddef.h>
#include <stdint.h>

void
evb_retry_default(struct evb_retry *r)
{
	r->max_attempts = EVB_RETRY_ATTEMPTS_MAX;
	r->max_age = EVB_RETRY_AGE_MAX;
	r->base = 1;
	r->cap = 300;
}

/* A jitter source needs no strength: xorshift seeded once from the kernel. */
static double
uniform(void)
{
	static uint64_t s;

	if (s == 0 && (getrandom(&s, sizeof(s), 0) != sizeof(s) || s == 0))
		s = 0x9e3779b97f4a7c15ULL;
	s ^= s << 13;
	s ^= s >> 7;
	s ^= s << 17;
	return (double)(s >> 11) / 9007199254740992.0;
}

double
evb_retry_delay(const struct evb_retry *r, unsigned n)
{
	double d = r->base;

	while (n-- > 1 && d < r->cap)
		d *= 2;
	if (d > r->cap)
		d = r->cap;
	/* Full jitter: anywhere in [d/2, d], never a herd, never zero. */
	return d / 2 + uniform() * d / 2;
}

const char *
evb_retry_exhausted(const struct evb_retry *r, unsigned n, double age)
{
	if (n >= r->max_attempts)
		return "MaximumRetryAttempts";
	if (age >= r->max_age)
		return "MaximumEventAgeInSeconds";
	return NULL;
}
