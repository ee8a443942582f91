/*
 * Dead-letter files.  A delivery that fails for good is appended to its
 * target's dead-letter file as one JSON line holding the original event and
 * EventBridge's dead-letter attributes:
 *
 *	{"event":<the event as read>,
 *	 "attributes":{"RULE_ARN":"arn:aws:events:...:rule/bus/orders",
 *	   "TARGET_ARN":"exec:./send-email.sh","ERROR_CODE":"ERROR_FROM_TARGET",
 *	   "ERROR_MESSAGE":"exited 3","EXHAUSTED_RETRY_CONDITION":
 *	   "MaximumRetryAttempts","RETRY_ATTEMPTS":"2"},
 *	 "rule":"orders","target":"email",
 *	 "firstAttempt":"...Z","lastAttempt":"...Z","deadLettered":"...Z"}
 *
 * Appends take an exclusive flock(2) on the file, the lock evdlq takes when
 * it rewrites the file, so that a redrive never loses a concurrent append.
 */
#ifndef EVB_DLQ_H
#define EVB_DLQ_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "util.h"

struct evb_dlq_record {
	const char	*event;		/* the event, as read */
	size_t		 nevent;
	const char	*rule_arn;
	const char	*target_arn;	/* the target's address */
	const char	*rule;
	const char	*target;
	const char	*code;		/* ERROR_CODE */
	const char	*message;	/* ERROR_MESSAGE */
	const char	*exhausted;	/* EXHAUSTED_RETRY_CONDITION, or NULL */
	unsigned	 retries;	/* RETRY_ATTEMPTS */
	time_t		 first, last, now;
};

/* Append the record as one line (with its newline) to out. */
void	evb_dlq_format(struct evb_buf *, const struct evb_dlq_record *);

/*
 * Open path with flags (O_CREAT: created with mode 0600 when missing)
 * under a lock: shared for O_RDONLY, else exclusive.  The lock follows the
 * file when a rewrite has replaced it.  Returns the descriptor, or -1 with
 * errno set.
 */
int	evb_dlq_lock(const char *, int);

/*
 * Append n bytes (whole lines) to path under the lock, in one write(2),
 * then fsync(2).  A file that ends in the middle of a line, as one left by
 * a writer that crashed, gets a newline first, so that the broken line
 * stays alone.  Returns 0, or -1 with errno set; a short write is undone.
 */
int	evb_dlq_append(const char *, const char *, size_t);

/* A dead-letter record as read back; strings point into the arena. */
struct evb_dlq_entry {
	const char	*event;		/* the event's JSON text */
	size_t		 nevent;
	const char	*rule_arn, *target_arn, *rule, *target;
	const char	*code, *message, *exhausted;
	unsigned	 retries;
	time_t		 first, last, dead;
};

/*
 * Read one record.  Returns 0, or -1 with err set when the line is not a
 * dead-letter record (bad JSON, a missing event or attributes, bad times).
 */
int	evb_dlq_parse(struct evb_arena *, const char *, size_t,
	    struct evb_dlq_entry *, struct evb_err *);

#endif
