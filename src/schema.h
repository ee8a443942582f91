/*
 * The schema model of evschema: the shape of the events of one (source,
 * detail-type), inferred from events and widened by merging.
 *
 * A node is a set of JSON types with what each needs: the properties of an
 * object (each required or optional), the item schema of an array and, for
 * strings, whether every string seen was an RFC 3339 date-time.  Merging is
 * a union: a property seen on one side only becomes optional, types add
 * up, integer and number make number, item schemas merge.  Merging never
 * narrows, so each version of a discovered schema accepts everything the
 * previous one did.
 */
#ifndef EVB_SCHEMA_H
#define EVB_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "json.h"
#include "util.h"

/* JSON Schema's types, as bits of a set, in the order they are written. */
enum {
	EVB_ST_NULL	= 1 << 0,
	EVB_ST_BOOLEAN	= 1 << 1,
	EVB_ST_INTEGER	= 1 << 2,
	EVB_ST_NUMBER	= 1 << 3,	/* any number; never with INTEGER */
	EVB_ST_STRING	= 1 << 4,
	EVB_ST_ARRAY	= 1 << 5,
	EVB_ST_OBJECT	= 1 << 6,
	/* Every type (number covers integer): what "no type" means. */
	EVB_ST_ANY	= ((1 << 7) - 1) & ~EVB_ST_INTEGER
};
#define EVB_ST_NTYPES	7

struct evb_schema;

struct evb_sprop {
	char			*key;	/* NUL-terminated, may hold NULs */
	size_t			 klen;
	bool			 required;
	struct evb_schema	*s;
	unsigned long		 mark;	/* scratch for evb_schema_accepts() */
};

struct evb_schema {
	unsigned		 types;		/* EVB_ST_* bits; ANY: untyped */
	bool			 datetime;	/* every string is a date-time */
	struct evb_schema	*items;		/* NULL: no item seen */
	struct evb_sprop	*props;		/* sorted by key */
	size_t			 nprops;
	size_t			 nrequired;
};

/* The schema of one value, every object property required.  Never fails. */
struct evb_schema *evb_schema_infer(const struct evb_jv *);
/* A schema of the given types and nothing else. */
struct evb_schema *evb_schema_new(unsigned);
struct evb_schema *evb_schema_dup(const struct evb_schema *);
void	evb_schema_free(struct evb_schema *);

/* Widen dst so that it also describes what src describes; src is borrowed. */
void	evb_schema_merge(struct evb_schema *, const struct evb_schema *);

/*
 * True when merging the value's inferred schema into s would change
 * nothing: the fast check discovery makes for every event.  It allocates
 * nothing; s is only used for scratch marks.
 */
bool	evb_schema_accepts(struct evb_schema *, const struct evb_jv *);

bool	evb_schema_equal(const struct evb_schema *, const struct evb_schema *);

/*
 * Validate v against s with JSON Schema's meaning: additional properties
 * are allowed, a missing required property or a value of another type is
 * not.  Returns 0, or -1 with the JSON pointer of the first mismatch in
 * *ptr (appended) and what was expected in err->msg.  As with
 * evb_schema_accepts(), s is only used for scratch marks.
 */
int	evb_schema_validate(struct evb_schema *, const struct evb_jv *,
	    struct evb_buf *, struct evb_err *);

/*
 * Add a property (required or not) to an object schema, keeping the order;
 * s is taken.  Returns the property.  Used when reading a stored schema.
 */
struct evb_sprop *evb_schema_add_prop(struct evb_schema *, const char *,
	    size_t, bool, struct evb_schema *);
/* The property named key, or NULL. */
struct evb_sprop *evb_schema_prop(const struct evb_schema *, const char *,
	    size_t);

/* JSON Schema's name of one type bit: "string", ... */
const char *evb_schema_type_name(unsigned);
/* The bit for a JSON Schema type name, or 0. */
unsigned evb_schema_type_bit(const char *, size_t);
/* Append "integer|string" (or "any") for a set of types. */
void	evb_schema_types_str(struct evb_buf *, unsigned, bool);

/* True when the n bytes at p are an RFC 3339 date-time. */
bool	evb_schema_is_datetime(const char *, size_t);

/* Append a JSON pointer token (RFC 6901: ~ and / escaped) to buf. */
void	evb_schema_ptr_add(struct evb_buf *, const char *, size_t);

/*
 * Append EventBridge's name for the schema of (source, detail-type):
 * source@DetailType, the detail-type made of its alphanumeric words, each
 * capitalised ("Order created" gives OrderCreated).  A detail-type with no
 * letter or digit gives "Event".  Slashes, control characters and a
 * leading dot in the source become '-', and the name is cut to
 * EVB_SCHEMA_NAME_MAX bytes, so that it is a file name.
 */
#define EVB_SCHEMA_NAME_MAX	240
void	evb_schema_name(struct evb_buf *, const char *, size_t, const char *,
	    size_t);
/* The detail-type part alone (the detail's definition name). */
void	evb_schema_pascal(struct evb_buf *, const char *, size_t);

#endif
