/*
 * The compiled matcher: many rules in one structure, so that matching an
 * event costs little beyond reading it, whatever the number of rules.
 *
 * Field paths are interned; exact values, prefixes, suffixes and
 * equals-ignore-case values of every rule sit in one hash map; identical
 * conditions of different rules are evaluated once.  An event is parsed
 * once, as a stream: keys no rule names are skipped with their subtrees, and
 * each value is looked up once for its path, setting the conditions it
 * satisfies.  Each sub-rule waits on its most selective condition and is
 * checked only when that one holds.  Where arrays of objects make it
 * matter, the candidates are confirmed with EventBridge's array-consistency
 * rule.
 *
 * Lines that contain none of the literals every rule needs can be skipped
 * without parsing (evb_matcher_skip).
 */
#ifndef EVB_MATCHER_H
#define EVB_MATCHER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pattern.h"
#include "util.h"

struct evb_matcher;

enum evb_match_mode {
	EVB_MATCH_ANY,		/* stop at the first rule that matches */
	EVB_MATCH_ALL		/* find every rule that matches */
};

struct evb_matcher *evb_matcher_new(void);
void	evb_matcher_free(struct evb_matcher *);

/* Events nested deeper than this are malformed (0: the default). */
void	evb_matcher_set_max_depth(struct evb_matcher *, size_t);

/*
 * Add pattern p as rule number rule.  p (and the arena it lives in) must
 * outlive the matcher.  Call evb_matcher_build() after the last one.
 */
void	evb_matcher_add(struct evb_matcher *, uint32_t,
	    const struct evb_pattern *);
void	evb_matcher_build(struct evb_matcher *);

/*
 * Match one event (a JSON object).  Returns how many rules match (at most 1
 * for EVB_MATCH_ANY) with their numbers, ascending, in *rules until the next
 * call; or -1 with err set when the line is not a well-formed event.
 */
int	evb_matcher_match(struct evb_matcher *, const char *, size_t,
	    enum evb_match_mode, const uint32_t **, struct evb_err *);

/*
 * True when the line certainly matches no rule: it lacks every literal the
 * rules need and holds no \u escape that could hide one.  The line is not
 * checked for being well-formed.
 */
bool	evb_matcher_skip(struct evb_matcher *, const char *, size_t);

/* Statistics, for people and benchmarks. */
struct evb_matcher_stats {
	size_t	rules, subrules, conditions, paths, keys, literals;
	bool	prefilter;
};
void	evb_matcher_stats(const struct evb_matcher *,
	    struct evb_matcher_stats *);

#endif
