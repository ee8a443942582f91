/*
 * Interned field paths and every prefix of them, for walking an event as a
 * stream: from a node and the next key, one hash look-up finds the child,
 * or says that nothing below is of interest.  Paths are keys joined with
 * '.', so a dotted key and nested keys reach the same node.
 */
#ifndef EVB_PATHTAB_H
#define EVB_PATHTAB_H

#include <stddef.h>
#include <stdint.h>

struct evb_pathtab_node {
	char		*full;		/* the prefix, keys joined with '.' */
	uint32_t	 len;
	uint64_t	 hash;
	int32_t		 path;		/* path id, or -1 for a mere prefix */
};

struct evb_pathtab {
	struct evb_pathtab_node	*nodes;		/* nodes[0] is the root */
	size_t			 nnodes, cap;
	int32_t			*slots;
	size_t			 nslots;
	size_t			 npaths;
};

#define EVB_PATHTAB_ROOT	0

void	evb_pathtab_init(struct evb_pathtab *);
void	evb_pathtab_fini(struct evb_pathtab *);

/* The id of a path (0, 1, ...), interning it and its prefixes. */
uint32_t evb_pathtab_intern(struct evb_pathtab *, const char *, size_t);

/* The node below parent for the next key, or -1. */
int32_t	evb_pathtab_child(const struct evb_pathtab *, int32_t, const char *,
	    size_t);

/* The text of a path, for people. */
const char *evb_pathtab_name(const struct evb_pathtab *, uint32_t);

#endif
