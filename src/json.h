/*
 * JSON through yajl: a small document tree for patterns, configurations and
 * entries, and validation of lines that are passed through untouched.
 * jgen.h writes JSON.
 *
 * The tree keeps what matters for EventBridge semantics and what yajl_tree
 * loses: the exact text of every number, string lengths (a string may hold
 * NUL), object members in order including duplicate keys, and the byte span
 * of every value in the source text.
 */
#ifndef EVB_JSON_H
#define EVB_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "util.h"

enum evb_jtype {
	EVB_JNULL,
	EVB_JFALSE,
	EVB_JTRUE,
	EVB_JNUMBER,
	EVB_JSTRING,
	EVB_JARRAY,
	EVB_JOBJECT
};

struct evb_jv;

struct evb_jmember {
	const char	*key;	/* decoded, NUL-terminated, may hold NULs */
	size_t		 klen;
	struct evb_jv	*val;
};

struct evb_jv {
	enum evb_jtype	 type;
	size_t		 n;	/* string/number length, or item/member count */
	union {
		const char		 *str;		/* string or number text */
		struct evb_jv		**items;	/* array */
		struct evb_jmember	 *members;	/* object */
	} u;
	size_t		 start;	/* byte span [start, end) in the source */
	size_t		 end;
};

/*
 * Parse the n bytes at p as one JSON text into a tree allocated in the arena.
 * Nesting deeper than max_depth (0: EVB_MAX_DEPTH_DEFAULT) is an error.
 * Returns NULL with err set (col is the 1-based byte column).
 */
struct evb_jv *evb_json_parse(struct evb_arena *, const char *, size_t,
	    size_t, struct evb_err *);

/*
 * Streaming a large JSON array (the AWS CLI's entries file) one element at a
 * time: fn gets each element of the top-level array with the line it starts
 * on, and returns 0 to go on or -1 to stop.  The element and everything in
 * it are freed when fn returns.  Spans are not meaningful here.
 */
typedef int (*evb_jstream_fn)(void *, struct evb_jv *, unsigned long long);
struct evb_jstream;

struct evb_jstream *evb_jstream_new(size_t, evb_jstream_fn, void *);
void	evb_jstream_free(struct evb_jstream *);
/*
 * Feed the next n bytes, or signal the end of input.  Returns 0, or -1 on
 * invalid JSON (err has line and column) or when fn stopped (err untouched).
 */
int	evb_jstream_feed(struct evb_jstream *, const char *, size_t,
	    struct evb_err *);
int	evb_jstream_finish(struct evb_jstream *, struct evb_err *);

/*
 * Check that the n bytes at p are one JSON text no deeper than max_depth.
 * Returns the type of the top-level value, or -1 with err set.
 */
int	evb_json_check(const char *, size_t, size_t, struct evb_err *);

/* The value of the last member named key (JSON's "last one wins"), or NULL. */
struct evb_jv *evb_json_get(const struct evb_jv *, const char *);
struct evb_jv *evb_json_getn(const struct evb_jv *, const char *, size_t);

/* True when v is a string equal to the NUL-terminated s. */
bool	evb_json_streq(const struct evb_jv *, const char *);

/* The name of a type, for messages: "object", "string", ... */
const char *evb_json_type_name(enum evb_jtype);

#endif
