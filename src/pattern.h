/*
 * EventBridge event patterns: compiling the JSON into conditions, with
 * EventBridge's validation and messages.
 *
 * A pattern compiles into sub-rules, one per combination of its "$or"
 * branches; an event matches the pattern when it matches any sub-rule.  A
 * sub-rule is a list of conditions, one per field path (keys joined with
 * '.', so dotted keys and nesting are the same path), sorted by path.  A
 * condition holds when any of its alternatives matches a value at its path.
 */
#ifndef EVB_PATTERN_H
#define EVB_PATTERN_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "ip.h"
#include "json.h"
#include "util.h"
#include "wildcard.h"

enum evb_op {
	EVB_OP_STRING,		/* exact string */
	EVB_OP_NUMBER,		/* exact number: by value, or by text */
	EVB_OP_TRUE,
	EVB_OP_FALSE,
	EVB_OP_NULL,
	EVB_OP_IP,		/* an exact string that is an IP address */
	EVB_OP_PREFIX,
	EVB_OP_PREFIX_EIC,	/* prefix, equals-ignore-case */
	EVB_OP_SUFFIX,
	EVB_OP_SUFFIX_EIC,
	EVB_OP_EIC,		/* equals-ignore-case */
	EVB_OP_WILDCARD,
	EVB_OP_NUMERIC,		/* a range */
	EVB_OP_CIDR,
	EVB_OP_EXISTS,		/* exists: true */
	EVB_OP_ABSENT,		/* exists: false */
	EVB_OP_AB_STRINGS,	/* anything-but, strings */
	EVB_OP_AB_NUMBERS,	/* anything-but, numbers */
	EVB_OP_AB_PREFIX,
	EVB_OP_AB_SUFFIX,
	EVB_OP_AB_EIC,
	EVB_OP_AB_WILDCARD
};

/* One entry of an anything-but list. */
struct evb_abitem {
	const char		*s;	/* string (folded for EIC) or number text */
	size_t			 n;
	double			 num;	/* numbers */
	struct evb_wildcard	 wc;	/* wildcards */
};

struct evb_alt {
	enum evb_op		 op;
	const char		*s;	/* operand (folded for *_EIC), number text */
	size_t			 n;
	bool			 comparable;	/* EVB_OP_NUMBER: num is valid */
	double			 num;
	double			 lo, hi;	/* EVB_OP_NUMERIC */
	bool			 lo_open, hi_open;
	struct evb_iprange	 range;		/* EVB_OP_IP, EVB_OP_CIDR */
	struct evb_wildcard	 wc;		/* EVB_OP_WILDCARD */
	struct evb_abitem	*items;		/* EVB_OP_AB_* */
	size_t			 nitems;
	const char		*src;	/* its text in the pattern, for people */
	size_t			 srclen;
};

struct evb_cond {
	const char		*path;
	size_t			 plen;
	struct evb_alt		*alts;
	size_t			 nalts;
};

struct evb_subrule {
	struct evb_cond		*conds;
	size_t			 nconds;
};

struct evb_pattern {
	struct evb_subrule	*subs;
	size_t			 nsubs;
	const char		*text;	/* the pattern as given */
	size_t			 textlen;
};

/* Limits, as EventBridge sets them. */
#define EVB_PATTERN_MAX_CHARS	4096
#define EVB_PATTERN_MAX_OR	1000	/* sub-rules from "$or" */
#define EVB_PATTERN_MAX_FIELDS	256	/* conditions in one sub-rule */

/* The limits a compile applies; NULL means EventBridge's. */
struct evb_pattern_limits {
	size_t	max_chars;		/* 0: none */
	int	max_complexity;		/* of wildcards; 0: none */
};

/*
 * Compile the pattern text into p, allocating in the arena.  Returns 0, or
 * -1 with err->msg set to "Event pattern is not valid. Reason: ..." (AWS's
 * wording) and err->col to the offending place (1-based) when known.
 */
int	evb_pattern_compile(struct evb_arena *, const char *, size_t,
	    const struct evb_pattern_limits *, struct evb_pattern *,
	    struct evb_err *);

/*
 * The same from a parsed object; doc is the text it was parsed from (its
 * spans are offsets into doc).
 */
int	evb_pattern_compile_jv(struct evb_arena *, const struct evb_jv *,
	    const char *, const struct evb_pattern_limits *,
	    struct evb_pattern *, struct evb_err *);

/* A short name for an operator, for people: "prefix", "anything-but", ... */
const char *evb_op_name(enum evb_op);


#endif
