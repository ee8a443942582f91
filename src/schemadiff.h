/*
 * What changed between two versions of a schema, field by field.
 *
 * Fields are named by JSON pointers into the event ("/detail/total"); the
 * items of an array are named by the token "*" after the array's pointer.
 */
#ifndef EVB_SCHEMADIFF_H
#define EVB_SCHEMADIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "schema.h"

enum evb_schange_kind {
	EVB_SCH_ADDED,		/* a field only the newer version has */
	EVB_SCH_REMOVED,	/* a field only the older version has */
	EVB_SCH_OPTIONAL,	/* required, then optional */
	EVB_SCH_REQUIRED,	/* optional, then required */
	EVB_SCH_TYPE		/* other types (or date-time format) */
};

struct evb_schange {
	enum evb_schange_kind	 kind;
	char			*ptr;
	unsigned		 from, to;	/* types */
	bool			 from_dt, to_dt;
	bool			 required;	/* of an added or removed field */
};

struct evb_sdiff {
	struct evb_schange	*v;
	size_t			 n;
};

/* Fill d (zeroed by the caller) with the changes from a to b. */
void	evb_sdiff_make(struct evb_sdiff *, const struct evb_schema *,
	    const struct evb_schema *);
void	evb_sdiff_fini(struct evb_sdiff *);

/*
 * Append the changes as text, one a line:
 *	+ /detail/coupon: string, optional
 *	- /detail/legacy: integer, required
 *	~ /detail/customer: required -> optional
 *	~ /detail/total: integer -> number
 */
void	evb_sdiff_text(struct evb_buf *, const struct evb_sdiff *);
/* Append one JSON object (and a newline) naming the schema and versions. */
void	evb_sdiff_json(struct evb_buf *, const struct evb_sdiff *,
	    const char *, unsigned long, unsigned long);

#endif
