/*
 * An event flattened into its leaf values, as EventBridge sees it: each
 * leaf has its path (keys joined with '.') and its array membership, the
 * element index of every enclosing array element that is an object or an
 * array.  Two values can serve one rule only if they agree on every array
 * they share.  Empty arrays and objects have no leaves.
 */
#ifndef EVB_FLAT_H
#define EVB_FLAT_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "json.h"
#include "util.h"
#include "value.h"

struct evb_leaf {
	const char	*path;
	size_t		 plen;
	enum evb_jtype	 type;
	const char	*s;		/* decoded string, or number text */
	size_t		 n;
	const uint32_t	*mem;		/* (array id, index) pairs */
	size_t		 nmem;
};

struct evb_flat {
	struct evb_jv	*root;
	struct evb_leaf	*leaves;	/* sorted by path, stable */
	size_t		 n;
};

/*
 * Parse an event line and flatten it.  The event must be a JSON object.
 * Returns 0, or -1 with err set.
 */
int	evb_flat_parse(struct evb_arena *, const char *, size_t, size_t,
	    struct evb_flat *, struct evb_err *);

/* Flatten an already parsed object. */
void	evb_flat_build(struct evb_arena *, struct evb_jv *, struct evb_flat *);

/* The leaves at path: returns how many, *first is the index of the first. */
size_t	evb_flat_find(const struct evb_flat *, const char *, size_t,
	    size_t *);

/* True when two memberships agree on every array they share. */
bool	evb_mem_consistent(const uint32_t *, size_t, const uint32_t *, size_t);

#endif
