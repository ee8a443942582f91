/*
 * The value index: for a value at a path, which conditions of all rules
 * hold.  Equal alternatives of different rules are one group, evaluated
 * once; exact values, prefixes, suffixes, their equals-ignore-case forms and
 * the exclusion lists of anything-but sit in one hash map, with a look-up
 * per distinct prefix or suffix length; numeric ranges are cut into sorted
 * elementary intervals; wildcards are found through their literal prefix
 * or suffix and only then matched.
 */
#ifndef EVB_VINDEX_H
#define EVB_VINDEX_H

#include <stddef.h>
#include <stdint.h>

#include "pattern.h"
#include "value.h"

struct evb_vindex;

/*
 * Called with each list of conditions the value satisfies: list[0] is the
 * count, list[1..] the condition numbers.
 */
typedef void (*evb_vindex_fn)(void *, const uint32_t *);

struct evb_vindex *evb_vindex_new(void);
void	evb_vindex_free(struct evb_vindex *);

/*
 * Index alternative a (borrowed, must outlive the index) of condition cond
 * at path.  "exists": false is not a property of values: not indexed here.
 */
void	evb_vindex_add(struct evb_vindex *, uint32_t, const struct evb_alt *,
	    uint32_t);
void	evb_vindex_build(struct evb_vindex *);

/* Report, through fn, the conditions the value satisfies at path. */
void	evb_vindex_eval(struct evb_vindex *, uint32_t, struct evb_value *,
	    evb_vindex_fn, void *);

/* Keys in the hash map, for statistics. */
size_t	evb_vindex_keys(const struct evb_vindex *);

#endif
