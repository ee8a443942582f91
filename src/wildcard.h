/*
 * The wildcard operator: '*' matches any run of bytes, the empty one too;
 * "\*" is a literal star and "\\" a literal backslash.  The whole value must
 * match.
 */
#ifndef EVB_WILDCARD_H
#define EVB_WILDCARD_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* The literal runs between the stars: seg[0] * seg[1] * ... * seg[nseg-1]. */
struct evb_wildcard {
	char	*lit;		/* all runs, unescaped, back to back */
	size_t	*off;
	size_t	*len;
	size_t	 nseg;		/* stars + 1 */
};

/*
 * Parse the n bytes at s into w, allocated in the arena.  Returns NULL, or
 * AWS's reason for refusing the pattern, written into buf.
 */
const char *evb_wildcard_parse(struct evb_arena *, const char *, size_t,
	    struct evb_wildcard *, char *, size_t);

bool	evb_wildcard_match(const struct evb_wildcard *, const char *, size_t);

/* The longest literal run, for skipping lines that cannot match. */
void	evb_wildcard_longest(const struct evb_wildcard *, const char **,
	    size_t *);

/*
 * EventBridge's complexity of the wildcard patterns on one field: the
 * largest number of (state, pattern) pairs live at once for a worst-case
 * value.  pats[i] are raw pattern texts; patterns with equal ident[i] count
 * as one (an anything-but wildcard list is one pattern).  Stops counting at
 * limit.  EventBridge refuses a rule over 10.
 */
int	evb_wildcard_complexity(const char *const *, const size_t *,
	    const int *, size_t, int);

#define EVB_WILDCARD_MAX_COMPLEXITY	10

#endif
