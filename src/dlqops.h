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
#include <time.h>

#include "dlq.h"
#include "util.h"

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
};

/* Read every record of path.  Returns 0, or -1 with err set. */
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

#endif
