/*
 * Walking an event once, as a stream, through yajl: only the leaf values at
 * interned paths are reported, each with its array membership (see flat.h);
 * the subtree under any key that no path goes through is skipped.
 */
#ifndef EVB_WALK_H
#define EVB_WALK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "json.h"
#include "pathtab.h"
#include "util.h"

/*
 * Called for each leaf value at an interned path.  s is valid only during
 * the call; mem holds nmem (array id, element index) pairs.
 */
typedef void (*evb_walk_fn)(void *, uint32_t, enum evb_jtype, const char *,
	    size_t, const uint32_t *, size_t);

struct evb_walk_frame;

struct evb_walk {
	const struct evb_pathtab	*tab;
	size_t				 max_depth;
	evb_walk_fn			 fn;
	void				*ctx;
	struct evb_walk_frame		*frames;
	size_t				 depth, cap;
	uint32_t			 skip;		/* depth inside a skipped subtree */
	int32_t				 pending;	/* node of the last key */
	uint32_t			*mem;		/* membership pairs */
	size_t				 nmem, capmem;
	uint32_t			 arrays;
	bool				 too_deep, not_object;
	size_t				 used;		/* of pool */
	_Alignas(16) char		 pool[16384];	/* yajl's memory */
};

void	evb_walk_init(struct evb_walk *, const struct evb_pathtab *, size_t,
	    evb_walk_fn, void *);
void	evb_walk_fini(struct evb_walk *);

/*
 * Walk one event.  Returns 0, or -1 with err set when the line is not a
 * well-formed JSON object within the depth limit.
 */
int	evb_walk_line(struct evb_walk *, const char *, size_t,
	    struct evb_err *);

#endif
