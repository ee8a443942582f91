/*
 * Event times: RFC 3339 in UTC, whole seconds, with a Z.
 */
#ifndef EVB_TIMEFMT_H
#define EVB_TIMEFMT_H

#include <stddef.h>
#include <time.h>

#define EVB_TIME_LEN	20	/* YYYY-MM-DDTHH:MM:SSZ */

/* Write t as YYYY-MM-DDTHH:MM:SSZ and a NUL. */
void	evb_time_format(time_t, char out[EVB_TIME_LEN + 1]);

/*
 * Parse an RFC 3339 date-time (any fraction, Z or a numeric offset) or a
 * number of seconds since the epoch, as the AWS CLI accepts for Time.  The
 * fraction is dropped, as EventBridge does.  Returns 0, or -1 when the n
 * bytes at s are neither.
 */
int	evb_time_parse(const char *, size_t, time_t *);

/* Seconds since the epoch for a UTC calendar time (no range checks). */
long long evb_time_from_civil(int, int, int, int, int, int);

#endif
