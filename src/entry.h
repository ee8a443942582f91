/*
 * PutEvents entries: their shape, their size by EventBridge's formula, and
 * the per-entry checks EventBridge applies, with its error codes and
 * messages.
 */
#ifndef EVB_ENTRY_H
#define EVB_ENTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "arena.h"
#include "event.h"
#include "json.h"
#include "reject.h"

#define EVB_DETAIL_TYPE_MAX	128	/* characters */
#define EVB_ENTRY_SIZE_DEFAULT	262144	/* 256 KB; AWS allows 1 MB since 2026 */

struct evb_entry {
	struct evb_str	 source;
	struct evb_str	 detail_type;
	struct evb_str	 detail;	/* JSON text of the detail */
	struct evb_str	*resources;
	size_t		 nresources;
	bool		 has_time;
	time_t		 time;
	struct evb_str	 bus;		/* EventBusName, not used for routing */
};

/*
 * Fill e from an object in AWS's PutEventsRequestEntry shape.  Detail may be
 * a JSON string (AWS's form) or an object; e->detail then holds its text as
 * written, to be checked by evb_entry_check().  Strings point into v.
 * Returns 0, or -1 with rej filled when a member has the wrong type.
 */
int	evb_entry_from_json(struct evb_entry *, const struct evb_jv *,
	    struct evb_arena *, struct evb_reject *);

/* The entry's size by EventBridge's formula (time, source, detail-type, detail, resources). */
size_t	evb_entry_size(const struct evb_entry *);

/*
 * EventBridge's checks before the size limit, in its order: Source,
 * DetailType and Detail present, DetailType length, no "aws." source unless
 * allow_aws.  Returns 0, or -1 with rej filled.
 */
int	evb_entry_check_fields(const struct evb_entry *, bool,
	    struct evb_reject *);

/* Fill rej for an entry over max bytes. */
void	evb_entry_reject_size(struct evb_reject *, size_t, size_t);

/* Fill rej for a detail that is not a JSON object; reason says why. */
void	evb_entry_reject_detail(struct evb_reject *, const char *);

#endif
