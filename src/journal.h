/*
 * The delivery journal (evfan --journal): each event is written to it, with
 * the targets it goes to, before any delivery starts, and each delivery is
 * marked when it settles (delivered or dead-lettered).  After a crash, even
 * a SIGKILL, the next start redelivers what had not settled: at least
 * once, so a target may see an event twice.
 *
 *	{"seq":12,"targets":["orders/email","orders/ship"],"event":<event>}
 *	{"settled":12,"target":"orders/ship"}
 *
 * Records reach the kernel before dispatch; they survive the process, not
 * the machine (no fsync).
 */
#ifndef EVB_JOURNAL_H
#define EVB_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct evb_journal;

/* An event that had not settled when the journal was last written. */
typedef void (*evb_journal_fn)(void *, const char *, size_t,
	    const char *const *, size_t);

/*
 * Open path, creating it, and hand every unsettled event with its
 * unsettled targets to fn before truncating the journal.  Returns NULL
 * with err set.
 */
struct evb_journal *evb_journal_open(const char *, evb_journal_fn, void *,
	    struct evb_err *);
void	evb_journal_close(struct evb_journal *);

/* Record an event and its targets.  Returns 0, or -1 with errno set. */
int	evb_journal_event(struct evb_journal *, uint64_t, const char *, size_t,
	    const char *const *, size_t);
/* Record that the event's delivery to target settled. */
int	evb_journal_settled(struct evb_journal *, uint64_t, const char *);
/*
 * Nothing is pending: start the journal afresh, when it has grown large or
 * when force is set.
 */
int	evb_journal_reset(struct evb_journal *, bool);

#endif
