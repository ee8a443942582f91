/*
 * Named rules, as evmatch -r and evfan -c load them.  A rules file is any
 * of the shapes people keep rules in:
 *
 *	{"name": pattern, ...}				a JSON object
 *	{"name": "...", "pattern": pattern}		one per line (NDJSON)
 *	{"Name": "...", "EventPattern": "..."}		AWS CLI put-rule JSON
 *	[ rule, ... ]  or  {"Rules": [ rule, ... ]}	lists of the above
 *
 * A pattern may be an object or a string holding one, as AWS keeps it.
 * Rules whose "State" is "DISABLED" are loaded but never match.
 */
#ifndef EVB_RULESET_H
#define EVB_RULESET_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "hmap.h"
#include "json.h"
#include "pattern.h"
#include "util.h"

#define EVB_RULE_NAME_MAX	64
/* The default and the largest --max-rules. */
#define EVB_MAX_RULES_DEFAULT	100000
#define EVB_MAX_RULES_LIMIT	100000000

struct evb_rule {
	const char		*name;
	struct evb_pattern	 pattern;
	const struct evb_jv	*obj;		/* the rule object, or NULL */
	unsigned long long	 line;		/* where it starts, when known */
	bool			 disabled;
};

struct evb_ruleset {
	struct evb_arena	 arena;
	struct evb_rule		*rules;
	size_t			 n, cap;
	struct evb_hmap		 names;		/* name -> index + 1 */
	size_t			 max_rules;	/* 0: no limit */
	struct evb_pattern_limits limits;	/* EventBridge's by default */
};

void	evb_ruleset_init(struct evb_ruleset *);
void	evb_ruleset_fini(struct evb_ruleset *);

/*
 * Add one pattern under name (copied).  Returns 0, or -1 with err set to a
 * message naming the rule.
 */
int	evb_ruleset_add(struct evb_ruleset *, const char *, const char *,
	    size_t, struct evb_err *);

/*
 * Load every rule of a rules file ("-" is standard input).  Returns 0, or -1
 * with err set; err->line is the line of a bad NDJSON rule.
 */
int	evb_ruleset_load(struct evb_ruleset *, const char *, struct evb_err *);

/* Load rules from a parsed document (the text it was parsed from is text). */
int	evb_ruleset_load_jv(struct evb_ruleset *, const struct evb_jv *,
	    const char *, struct evb_err *);

const struct evb_rule *evb_ruleset_find(const struct evb_ruleset *,
	    const char *);

/* AWS's rule (and target) names: 1 to 64 of [.-_A-Za-z0-9]. */
bool	evb_name_valid(const char *, size_t, size_t);

#endif
