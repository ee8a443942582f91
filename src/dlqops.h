/*
 * Working with dead-letter files: selecting records, reading them, and
 * rewriting a file under its lock so that a concurrent evfan append waits
 * and lands in the new file.  A line that is not a record is reported and
 * always kept, never dropped or redriven.
 */
#ifndef EVB_DLQOPS_H
#define EVB_DLQOPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "dlq.h"
#include "handoff.h"
#include "lineio.h"
#include "util.h"

/*
 * The longest dead-letter record read: a record holds an event that evfan
 * may have read with a --max-line well above the default.
 */
#define EVB_DLQ_MAX_LINE	(64 * 1024 * 1024)

/* Which records: NULL strings and unset times match anything. */
struct evb_dlq_filter {
	const char	*rule;
	const char	*target;
	const char	*code;
	bool		 has_since, has_until, has_before;
	time_t		 since;		/* dead-lettered at or after */
	time_t		 until;		/* dead-lettered before */
	time_t		 before;	/* dead-lettered before (purge's age) */
};

bool	evb_dlq_selects(const struct evb_dlq_filter *,
	    const struct evb_dlq_entry *);

/* What a visitor says about a record. */
enum evb_dlq_verdict {
	EVB_DLQ_KEEP,		/* it stays in the file */
	EVB_DLQ_DROP,		/* it goes (redriven, purged) */
	EVB_DLQ_ABORT		/* stop, and leave the file as it was */
};

struct evb_dlq_visitor {
	void	*ctx;
	/* Each record, with its text and line number. */
	enum evb_dlq_verdict (*record)(void *, const struct evb_dlq_entry *,
		    const char *, size_t, unsigned long long);
	/* A line that is not a record, and why. */
	void	 (*bad)(void *, const char *, unsigned long long, const char *);
	/* Rewriting: last words before the new file replaces the old one;
	 * may append lines to the new file's descriptor; -1 aborts. */
	int	 (*commit)(void *, int);
	/* Scanning: flushed before a read that may block, or NULL. */
	struct evb_writer *flush;
};

/*
 * Read every record of path ("-" is standard input), under a shared lock
 * so that no append is seen half done.  The visitor's verdicts are
 * ignored, but EVB_DLQ_ABORT, or a signal that interrupts a read, stops
 * the scan.  Returns 0, or -1 with err set.
 */
int	evb_dlq_scan(const char *, const struct evb_dlq_visitor *,
	    struct evb_err *);

/*
 * Rewrite path under its lock, keeping the records the visitor keeps and
 * every line that is not a record.  The new file (temporary file, fsync,
 * rename) replaces the old one only if nothing aborted.  Returns 0 when
 * replaced, 1 when aborted (nothing changed), -1 with err set on failure
 * (nothing changed).
 */
int	evb_dlq_rewrite(const char *, const struct evb_dlq_visitor *,
	    struct evb_err *);

/*
 * A redrive in three steps, so that no lock is held while the events are
 * handed on (a reader may itself append to the file): a snapshot of the
 * records to redrive, taken under the lock; the handing on; and a rewrite
 * under the lock that removes exactly the lines of the records taken,
 * wherever they now are, while keeping whatever was appended meanwhile.
 */
struct evb_dlq_pick {
	unsigned long long	 off;	/* of the line in the snapshot */
	size_t			 len;
	unsigned long long	 lineno;
	uint64_t		 hash;		/* of the line */
	bool			 taken;		/* handed on: to be removed */
};

struct evb_dlq_snap {
	const char		*path;		/* borrowed */
	int			 fd;		/* the file as it was read */
	struct evb_dlq_pick	*v;
	size_t			 n;
	struct evb_buf		 line;		/* the line last read back */
	struct evb_arena	 arena;
};

/*
 * Read path under its lock and keep the place of every record for which
 * the visitor says EVB_DLQ_DROP.  Returns 0, or -1 with err set (nothing
 * to finish).
 */
int	evb_dlq_snap_open(struct evb_dlq_snap *, const char *,
	    const struct evb_dlq_visitor *, struct evb_err *);
void	evb_dlq_snap_fini(struct evb_dlq_snap *);

/*
 * Read pick i back, parsed into e, its line in s->line; both stay valid
 * until the next call.  Returns 0, or -1 with err set.
 */
int	evb_dlq_snap_read(struct evb_dlq_snap *, size_t,
	    struct evb_dlq_entry *, struct evb_err *);

/*
 * Hand the events of the picks to h, in order, until all are queued or h
 * fails, then wait for the reader (evb_handoff_drain) and mark as taken the
 * picks whose whole line the reader took.  A reader that has gone before
 * the end of its input gets nothing marked (and h->error is EPIPE): it may
 * have dropped what it read.
 * A record that cannot be read back is not handed on.  Returns 0, or -1
 * with h->error set when h failed or was stopped.
 */
int	evb_dlq_snap_emit(struct evb_dlq_snap *, struct evb_handoff *);

/*
 * Rewrite the file under its lock without one line equal to each taken
 * pick, and with the n bytes of whole lines at extra appended (NULL: none).
 * Returns the number of lines removed, or -1 with err set (nothing
 * changed).
 */
long long evb_dlq_snap_commit(struct evb_dlq_snap *, const char *, size_t,
	    struct evb_err *);

#endif
