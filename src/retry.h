/*
 * Retry policies: how often and how long a failed delivery is tried again,
 * as EventBridge's RetryPolicy says, with exponential backoff and full
 * jitter between attempts.
 */
#ifndef EVB_RETRY_H
#define EVB_RETRY_H

#define EVB_RETRY_ATTEMPTS_MAX	185	/* and the default */
#define EVB_RETRY_AGE_MIN	60
#define EVB_RETRY_AGE_MAX	86400	/* and the default */

struct evb_retry {
	unsigned	max_attempts;	/* retries after the first attempt */
	unsigned	max_age;	/* seconds since the event was read */
	double		base;		/* first backoff, seconds */
	double		cap;		/* longest backoff, seconds */
};

/* EventBridge's defaults: 185 retries within 24 hours; backoff 1 s to 300 s. */
void	evb_retry_default(struct evb_retry *);

/* Seconds to wait before retry number n (1 for the first retry). */
double	evb_retry_delay(const struct evb_retry *, unsigned);

/*
 * Why no further retry is allowed after n retries of an event age seconds
 * old: "MaximumRetryAttempts" or "MaximumEventAgeInSeconds"; NULL when one
 * is.
 */
const char *evb_retry_exhausted(const struct evb_retry *, unsigned, double);

#endif
