/*
 * Replaying archives: the events of a time window from NDJSON event files
 * (a file: target's output), in time order, each marked with EventBridge's
 * "replay-name" member (placed after "region", as AWS places it), at an
 * optional rate.  Only the positions of the chosen events are held in
 * memory, never their text.
 */
#ifndef EVB_REPLAY_H
#define EVB_REPLAY_H

#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "lineio.h"
#include "util.h"

struct evb_replay {
	time_t		 from;		/* event time at or after */
	time_t		 to;		/* event time before */
	const char	*name;		/* the replay's name */
	double		 rate;		/* events per second, 0: no limit */
	/* A line that is not an event with a time, and why. */
	void		(*bad)(void *, const char *, unsigned long long,
			    const char *);
	/* A file that cannot be read, and errno; the others are replayed. */
	void		(*unreadable)(void *, const char *, int);
	void		*ctx;
	/* Stop when this returns true (a signal). */
	int		(*stop)(void);
};

/*
 * Write the chosen events of the files to out, flushing after each when
 * paced.  Standard input cannot be replayed: it cannot be read twice.
 * Returns the number written, or -1 with err set (a write error, a file
 * that changed).
 */
long long evb_replay_run(const struct evb_replay *, char *const *, size_t,
	    struct evb_writer *, struct evb_err *);

/* Append the event text with replay-name set to name. */
int	evb_replay_mark(struct evb_buf *, const char *, size_t, const char *);

#endif
