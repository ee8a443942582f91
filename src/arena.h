/*
 * A bump allocator.  Everything allocated for one event (its parsed tree,
 * decoded strings, number texts) lives in one arena and is released together
 * by evb_arena_reset() once the event is routed.
 */
#ifndef EVB_ARENA_H
#define EVB_ARENA_H

#include <stddef.h>

struct evb_arena_chunk;

struct evb_arena {
	struct evb_arena_chunk	*head;	/* current chunk; older ones follow */
	size_t			 used;	/* bytes used in head */
};

#define EVB_ARENA_INIT { NULL, 0 }

/* Memory aligned for any scalar type; never fails (exits on exhaustion). */
void	*evb_arena_alloc(struct evb_arena *, size_t);
void	*evb_arena_calloc(struct evb_arena *, size_t, size_t);
/* A copy of n bytes, followed by a NUL that is not counted. */
char	*evb_arena_strndup(struct evb_arena *, const char *, size_t);
/* Free every allocation but keep the largest chunk for reuse. */
void	 evb_arena_reset(struct evb_arena *);
void	 evb_arena_fini(struct evb_arena *);

#endif
