/*
 * The JSONPath subset EventBridge accepts in a target's InputPath and in
 * the values of an InputTransformer's InputPathsMap:
 *
 *	$			the whole event
 *	.name			a member; a name is any run of characters
 *				other than '.' and '[' (so $.detail-type works)
 *	['name'] ["name"]	a member with any name; \' \" and \\ escape
 *	[N]			element N of an array, counted from 0
 *	.* [*]			every member of an object or element of an array
 *
 * A path is at most 256 characters.  Recursive descent ("..", "$..name"),
 * filters, slices, unions and negative indexes are refused at compile time.
 *
 * A path without "*" selects at most one value.  A path with "*" selects a
 * list, in document order, that is rendered as a JSON array; it is missing
 * only when the part before its first "*" is, and branches that lack the
 * rest of the path are skipped, so it may be the empty list (Jayway
 * JsonPath, on which EventBridge is believed to be built, does the same).
 * A member name selects the last member of that name when an object holds
 * duplicates (JSON's "last one wins"); "*" visits every member as written.
 */
#ifndef EVB_JSONPATH_H
#define EVB_JSONPATH_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "json.h"
#include "util.h"

#define EVB_JSONPATH_MAX	256	/* characters, as AWS counts them */

struct evb_jsonpath;

/*
 * Compile the n bytes at p.  Returns a path the caller frees with
 * evb_jsonpath_free(), or NULL with err set: msg says why and col is the
 * 1-based byte column of the offending character (0 for the length).
 */
struct evb_jsonpath *evb_jsonpath_compile(const char *, size_t,
	    struct evb_err *);
void	evb_jsonpath_free(struct evb_jsonpath *);

/* The path as it was written (NUL-terminated), for messages. */
const char *evb_jsonpath_text(const struct evb_jsonpath *);

/* True when the path holds a "*" and so selects a list. */
bool	evb_jsonpath_is_list(const struct evb_jsonpath *);

/*
 * Select from root.  Returns the value (a node of root's tree), NULL when
 * the path is missing, or, for a path with "*", an array node allocated in
 * arena whose items are nodes of root's tree.  The result lives as long as
 * both root and arena; its span is not meaningful.
 */
const struct evb_jv *evb_jsonpath_eval(const struct evb_jsonpath *,
	    const struct evb_jv *, struct evb_arena *);

#endif
