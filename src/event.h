/*
 * The event envelope: the fields and order in which EventBridge delivers
 * every event (version, id, detail-type, source, account, time, region,
 * [replay-name,] resources, detail).
 */
#ifndef EVB_EVENT_H
#define EVB_EVENT_H

#include <stdbool.h>
#include <stddef.h>

#include "jgen.h"
#include "timefmt.h"
#include "uuid.h"

/* Bytes that may hold NULs; p is NULL when the value is absent. */
struct evb_str {
	const char	*p;
	size_t		 n;
};

struct evb_envelope {
	char		 id[EVB_UUID_LEN + 1];
	struct evb_str	 detail_type;
	struct evb_str	 source;
	struct evb_str	 account;
	char		 time[EVB_TIME_LEN + 1];
	struct evb_str	 region;
	struct evb_str	 replay_name;	/* absent unless replayed */
	const struct evb_str *resources;
	size_t		 nresources;
	struct evb_str	 detail;	/* JSON text of an object, as it is */
};

/*
 * True when the n bytes at p are an event as TestEventPattern accepts one:
 * a JSON object with id, account, source, time, region and detail-type.
 */
bool	evb_event_complete(const char *, size_t);

/* Write the envelope as one compact JSON object (no newline). */
void	evb_envelope_write(struct evb_buf *, const struct evb_envelope *);

#endif
