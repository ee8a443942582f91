/*
 * A byte trie for prefixes (and, fed reversed strings, suffixes): one walk
 * over a value finds every stored key that is a prefix of it, stopping as
 * soon as no key can match.
 */
#ifndef EVB_TRIE_H
#define EVB_TRIE_H

#include <stddef.h>
#include <stdint.h>

struct evb_trie_node;

struct evb_trie {
	struct evb_trie_node	*nodes;		/* nodes[0] is the root */
	size_t			 n, cap;
	uint32_t		*edges;		/* after freezing */
};

void	evb_trie_init(struct evb_trie *);
void	evb_trie_fini(struct evb_trie *);

/*
 * The slot for key (reversed when rev), created as -1 when new: the caller
 * stores a value there.  Only before evb_trie_freeze().
 */
int32_t	*evb_trie_slot(struct evb_trie *, const char *, size_t, int);

/* Make the trie compact for walking; no insertions after. */
void	evb_trie_freeze(struct evb_trie *);

/*
 * Call fn with the value of every key that is a prefix of s (or, when rev,
 * a suffix: the key was stored reversed), shortest first.
 */
typedef void (*evb_trie_fn)(void *, int32_t);
void	evb_trie_walk(const struct evb_trie *, const char *, size_t, int,
	    evb_trie_fn, void *);

#endif
