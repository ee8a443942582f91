/*
 * Handing lines on through a descriptor while knowing how much of them the
 * reader has taken: for a pipe, what it has read out of the pipe (the rest
 * dies with the pipe if the reader does); for anything else, what write(2)
 * accepted.  A redrive removes from its dead-letter file only what was
 * taken.
 */
#ifndef EVB_HANDOFF_H
#define EVB_HANDOFF_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

struct evb_handoff {
	int			 fd;
	bool			 pipe;		/* fd is a FIFO */
	unsigned long long	 queued;	/* bytes queued so far */
	unsigned long long	 written;	/* bytes written */
	struct evb_buf		 buf;		/* queued, not yet written */
	int			 error;		/* errno of a failure, sticky */
	int			(*stop)(void);	/* true: give up (a signal) */
};

/* Write to fd (borrowed); stop may be NULL. */
void	evb_handoff_init(struct evb_handoff *, int, int (*)(void));
void	evb_handoff_fini(struct evb_handoff *);

/*
 * Queue the n bytes at p and a newline, writing when enough is queued.
 * *end gets the stream offset just past the newline.  Returns 0, or -1
 * with h->error set (EINTR when stop said so).
 */
int	evb_handoff_line(struct evb_handoff *, const char *, size_t,
	    unsigned long long *);

/* Write what is queued.  Returns 0, or -1 with h->error set. */
int	evb_handoff_flush(struct evb_handoff *);

/*
 * Wait until the reader of a pipe has taken everything written.  Returns 0,
 * or -1 with h->error set: EPIPE when the reader has gone, EINTR when stop
 * said so.  Anything but a pipe is drained at once.
 */
int	evb_handoff_drain(struct evb_handoff *);

/*
 * Give the reader of a drained pipe a moment to show whether it stays for
 * the end of its input, as a filter does, or leaves once it has read what
 * it wanted, as head(1) does.
 */
void	evb_handoff_settle(const struct evb_handoff *);

/* Whether the reader of a pipe has gone; false for anything else. */
bool	evb_handoff_gone(const struct evb_handoff *);

/* How many bytes of the stream the reader has taken, by now. */
unsigned long long evb_handoff_taken(const struct evb_handoff *);

#endif
