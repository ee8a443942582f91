/*
 * The fan-out engine behind evfan: events in, a copy to every target that
 * the event's rules select, all targets at once, in one process.
 *
 * One poll(2) loop watches the input, the pipes to target processes, the
 * standard output, a signal descriptor and the clock.  Each target has a
 * bounded queue, which also counts what was handed to a stream (stdout,
 * pipe:) and not yet taken; when any queue is full the engine stops
 * reading input (back-pressure) rather than grow, and a slow target holds
 * up the others only once its queue is full.  Every delivery ends
 * delivered or dead-lettered: a failed attempt is retried with backoff
 * under the target's RetryPolicy, a permanent failure or an exhausted
 * policy goes to the dead-letter file, and on a stop signal the deliveries
 * still pending after a grace period are dead-lettered too.  Dead letters
 * are written once per turn of the loop, one write per file.
 */
#ifndef EVB_FAN_H
#define EVB_FAN_H

#include <stdbool.h>
#include <stddef.h>

#include "bus.h"
#include "util.h"

#define EVB_FAN_DLQ	"evfan-dlq.ndjson"

struct evb_fan_opts {
	size_t		 queue;		/* jobs per target before back-pressure */
	double		 grace;		/* seconds to finish after a stop signal */
	double		 backoff_base;	/* seconds; 0: the policy's default */
	double		 backoff_cap;
	/* For targets without DeadLetterConfig; NULL: EVB_FAN_DLQ, named in a
	 * warning, since nobody chose it. */
	const char	*default_dlq;
	const char	*journal;	/* NULL: no journal */
	size_t		 max_line;
	size_t		 max_depth;
	bool		 line_buffered;
	int		 sigfd;		/* readable when a signal was caught */
	int		(*caught)(void);	/* the signal caught, or 0 */
	void		(*log)(const char *, ...)
			    __attribute__((format(printf, 1, 2)));
	/* Read no input: deliver only what evb_fan_deliver() queued. */
	bool		 no_input;
	/* Dead letters go to this instead of their files (evdlq keeps them). */
	void		(*dead_letter)(void *, const char *, size_t);
	void		*dead_letter_ctx;
	/* An input line that is not an event (NULL text: not kept). */
	void		(*reject)(const char *, unsigned long long,
			    const char *, const char *, size_t);
};

/*
 * Counters.  events counts every input line that is not blank, malformed
 * ones included, and every event replayed or queued by evb_fan_deliver();
 * a delivery is one event to one target, and ends delivered or dead, so
 * deliveries = delivered + dead once the run is over, in all and for each
 * target.
 */
struct evb_fan_stats {
	unsigned long long	events, unmatched, malformed;
	unsigned long long	deliveries, delivered, failed, dead;
	unsigned long long	dead_unwritten;	/* on stderr, not in a file */
	bool			trouble;	/* input or setup failure */
};

struct evb_fan_tstats {
	const char		*rule, *id;
	unsigned long long	 deliveries, delivered, failed, dead;
};

struct evb_fan;

/* Set up for the bus (borrowed).  Returns NULL with err set. */
struct evb_fan *evb_fan_new(struct evb_bus *, const struct evb_fan_opts *,
	    struct evb_err *);
void	evb_fan_free(struct evb_fan *);

/*
 * Queue one delivery of an event to the target with Id target of the rule
 * named rule, as a redrive does.  Returns 0, or -1 when the bus has no such
 * target.
 */
int	evb_fan_deliver(struct evb_fan *, const char *, size_t, const char *,
	    const char *);

/*
 * Read events from the files ("-" is standard input) and deliver them until
 * every delivery has settled.  Returns the signal that stopped it, or 0.
 */
int	evb_fan_run(struct evb_fan *, char *const *, size_t);

const struct evb_fan_stats *evb_fan_stats(const struct evb_fan *);
/* The counters of each target, in bus order; *n is set to their number. */
const struct evb_fan_tstats *evb_fan_target_stats(const struct evb_fan *,
	    size_t *);

#endif
