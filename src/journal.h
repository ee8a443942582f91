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
 * the machine (no fsync).  On open, the unsettled events go into a new
 * journal, PATH.tmp, which replaces the old one only once it holds them
 * all, so a crash at any moment leaves one journal or the other whole.
 * The journal is a regular file; a symbolic link to one is followed.
 */
#ifndef EVB_JOURNAL_H
#define EVB_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

#define EVB_JOURNAL_RESET	(1024 * 1024)	/* bytes */

struct evb_journal;

/* An event that had not settled when the journal was last written. */
typedef void (*evb_journal_fn)(void *, const char *, size_t,
	    const char *const *, size_t);

/*
 * Read the journal at path, if there is one, start a new one in path.tmp,
 * and hand every unsettled event with its unsettled targets to fn, which
 * may journal them again.  Records go to the new journal, which takes the
 * place of the old with evb_journal_commit().  Returns NULL with err set.
 */
struct evb_journal *evb_journal_open(const char *, evb_journal_fn, void *,
	    struct evb_err *);
/* Rename the new journal over the old.  Returns 0, or -1 with err set. */
int	evb_journal_commit(struct evb_journal *, struct evb_err *);
/* Close; a new journal never committed is removed, the old one kept. */
void	evb_journal_close(struct evb_journal *);

/* Record an event and its targets.  Returns 0, or -1 with errno set. */
int	evb_journal_event(struct evb_journal *, uint64_t, const char *, size_t,
	    const char *const *, size_t);
/* Record that the event's delivery to target settled. */
int	evb_journal_settled(struct evb_journal *, uint64_t, const char *);
/*
 * Nothing is pending: start the journal afresh, when it has grown past
 * EVB_JOURNAL_RESET or when force is set.  Returns 0, or -1 with errno set.
 */
int	evb_journal_reset(struct evb_journal *, bool);

#endif
