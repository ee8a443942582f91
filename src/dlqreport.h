/*
 * Reports on dead-letter records, for evdlq show and stats: text for
 * people, or JSON for scripts.
 */
#ifndef EVB_DLQREPORT_H
#define EVB_DLQREPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "buf.h"
#include "dlq.h"
#include "hmap.h"

/* One record, readably: when, where, why, and which event. */
void	evb_dlq_describe(struct evb_buf *, const char *, unsigned long long,
	    const struct evb_dlq_entry *);

struct evb_dlq_counts {
	unsigned long long	 records, malformed;
	time_t			 oldest, newest;
	unsigned long long	 age[4];	/* < 1 h, < 1 d, < 7 d, older */
	struct evb_hmap		 keys;		/* "r:rule", "t:target", "e:code" */
	struct evb_buf		 order;		/* keys in first-seen order */
	unsigned long long	*count;
	size_t			 nkeys;
};

void	evb_dlq_counts_init(struct evb_dlq_counts *);
void	evb_dlq_counts_fini(struct evb_dlq_counts *);
void	evb_dlq_count(struct evb_dlq_counts *, const struct evb_dlq_entry *,
	    time_t);
/* The counts as text, or as one JSON object when json is set. */
void	evb_dlq_counts_write(struct evb_buf *, const struct evb_dlq_counts *,
	    bool);

#endif
