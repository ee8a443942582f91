/*
 * PutEvents: turn details or PutEvents entries into event envelopes, with
 * EventBridge's checks, its size limit and an optional claim-check for
 * details over the limit.
 */
#ifndef EVB_PUT_H
#define EVB_PUT_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "claim.h"
#include "entry.h"
#include "jgen.h"

struct evb_put {
	/* Settings, filled by the caller; strings are borrowed. */
	struct evb_str		 source;	/* -s mode */
	struct evb_str		 detail_type;
	struct evb_str		*resources;
	size_t			 nresources;
	bool			 has_time;
	time_t			 time;
	struct evb_str		 account;
	struct evb_str		 region;
	size_t			 max_size;	/* entry size limit */
	size_t			 max_depth;	/* JSON nesting limit */
	bool			 allow_aws;	/* accept "aws." sources */
	struct evb_claimstore	*claims;	/* NULL: no claim-check */
	char			**keep;		/* detail members kept inline */
	size_t			 nkeep;

	/* State. */
	struct evb_arena	 arena;
	struct evb_buf		 scratch;
	struct evb_jgen		*gen;
	struct evb_buf		*out;
	time_t			 now;
	char			 now_text[EVB_TIME_LEN + 1];
};

enum evb_put_result {
	EVB_PUT_OK,		/* an envelope line was appended to out */
	EVB_PUT_REJECTED,	/* refused, rej says why */
	EVB_PUT_FAILED		/* a system error, rej says which */
};

/* Set defaults (limits, account, region) and write envelopes to out. */
void	evb_put_init(struct evb_put *, struct evb_buf *);
void	evb_put_fini(struct evb_put *);

/* Wrap the JSON text of one detail into an envelope. */
enum evb_put_result evb_put_detail(struct evb_put *, const char *, size_t,
	    struct evb_reject *);

/*
 * Turn one PutEvents entry (parsed) into an envelope.  v must not live in
 * p->arena, which is reset for every entry.
 */
enum evb_put_result evb_put_entry(struct evb_put *, const struct evb_jv *,
	    struct evb_reject *);

/*
 * The entries a parsed line holds: the line itself when it is one entry, or
 * the members of its "Entries" array (the AWS CLI's --cli-input-json shape).
 * Returns the count and points *items at them.
 */
size_t	evb_put_entries_of(const struct evb_jv *, struct evb_jv *const **,
	    struct evb_jv **);

#endif
