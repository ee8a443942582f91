/*
 * What a target receives: EventBridge's input shaping (the Input, InputPath
 * and InputTransformer fields of a Target), compiled once and rendered for
 * every event the target gets.
 *
 * At most one of the three may be given.  What the target receives:
 *
 *	none		the event as received, byte for byte
 *	Input		that JSON text, verbatim
 *	InputPath	the selected value as compact JSON (a string keeps its
 *			quotes: "baz"); a path that selects nothing fails
 *			with INVALID_PARAMETER, where AWS's behaviour is not
 *			recorded, so that the event is dead-lettered
 *	InputTransformer
 *			InputTemplate with every <name> replaced by the
 *			value InputPathsMap's path "name" selects, or by a
 *			predefined variable (below)
 *
 * Templates come in three kinds, by their first character after leading
 * white space, and a value is placed according to the kind and to where
 * the placeholder stands (these are AWS's rules, recorded on AWS):
 *
 *		   JSON template,     JSON template,        string or
 *		   bare <v>	      inside "...<v>..."    free text
 *	string	   "s" (unescaped)    s			    s
 *	number,	   its text	      its text		    its text
 *	boolean,
 *	null
 *	object,	   compact JSON	      compact JSON (which   compact JSON
 *	array			      makes invalid JSON)   minus every '"'
 *	missing	   ""		      nothing		    nothing
 *
 * String templates (starting with '"'; the output keeps the quotes) and
 * free text (anything else) are delivered unchecked.  The output of a
 * JSON template must be valid JSON, else rendering fails with INVALID_JSON
 * (AWS silently drops such an event).  Values are never escaped, so a
 * string holding a '"' breaks a JSON template too.  A '<' that does not
 * start a "<name>" with a name of [A-Za-z0-9_.-] characters is literal
 * text; a placeholder that is neither an InputPathsMap key nor predefined
 * is refused when compiling, as AWS refuses it.
 *
 * Predefined variables: aws.events.rule-arn, aws.events.rule-name and
 * aws.events.event.ingestion-time are strings the caller supplies;
 * aws.events.event is the envelope without detail, with detail-type
 * renamed detailType, members in the order id, account, detailType, time,
 * source, region, resources, version (those present); aws.events.event.json
 * is the event as received.  The last two may only stand as bare values in
 * a JSON template: anywhere else compiling fails (evbus's rule; AWS's
 * reaction is not recorded).
 *
 * Strict mode (spec.strict) is evbus's own and differs from AWS thus:
 *  - string values (and the predefined strings) are JSON-escaped in JSON
 *    templates, bare or inside a string, and in string templates;
 *  - a missing value in a bare JSON position renders as null, not "";
 *  - a missing value anywhere else (inside a JSON string, in a string or
 *    free-text template) fails with INVALID_PARAMETER instead of vanishing;
 *  - an object or array inside a JSON string fails with INVALID_JSON and a
 *    reason naming the placeholder, and one in a string or free-text
 *    template fails with INVALID_PARAMETER instead of losing its quotes;
 *  - the output of a string template must be one JSON string (INVALID_JSON);
 *  - compiling checks that a JSON or string template is valid JSON once its
 *    placeholders are filled in (bare ones with null, others with nothing).
 */
#ifndef EVB_TRANSFORM_H
#define EVB_TRANSFORM_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "event.h"
#include "json.h"
#include "util.h"

/* Failure codes of evb_transform_render(), as dead-letter records carry. */
#define EVB_TRANSFORM_INVALID_JSON	"INVALID_JSON"
#define EVB_TRANSFORM_INVALID_PARAMETER	"INVALID_PARAMETER"

/* AWS's limits, in characters (UTF-8 sequences). */
#define EVB_TRANSFORM_INPUT_MAX		8192
#define EVB_TRANSFORM_TEMPLATE_MAX	8192
#define EVB_TRANSFORM_VARS_MAX		100
#define EVB_TRANSFORM_KEY_MAX		256

/* One InputPathsMap entry: a key and its path. */
struct evb_transform_var {
	struct evb_str	 name;
	struct evb_str	 path;
};

/*
 * A target's input fields as PutTargets takes them.  Everything is
 * borrowed, and a field whose p is NULL is absent.  With duplicate keys in
 * vars the last one counts, as in a JSON object.
 */
struct evb_transform_spec {
	const char	*id;		/* the target's Id, for messages */
	struct evb_str	 input;		/* Input */
	struct evb_str	 input_path;	/* InputPath */
	bool		 transformer;	/* InputTransformer given */
	const struct evb_transform_var *vars;	/* its InputPathsMap */
	size_t		 nvars;
	struct evb_str	 input_template;	/* its InputTemplate */
	bool		 strict;	/* evbus's strict mode, see above */
};

/* One event to render, and what the predefined variables hold. */
struct evb_transform_event {
	const char	*raw;		/* the event as received */
	size_t		 rawlen;
	const struct evb_jv *root;	/* raw, parsed */
	const char	*rule_name;	/* NUL-terminated; NULL: missing */
	const char	*rule_arn;
	const char	*ingestion_time;	/* e.g. 2025-10-08T11:10:00Z */
};

struct evb_transform;

/*
 * Compile spec; nothing in it is kept.  Returns a transform the caller
 * frees with evb_transform_free(), or NULL with err->msg set.  Where AWS has
 * a message for the fault, err->msg is exactly that message, e.g. "Only one
 * of Input, InputPath, or InputTransformer must be provided for target
 * notify." or "InputTemplate for target notify contains invalid
 * placeholder x."
 */
struct evb_transform *evb_transform_compile(const struct evb_transform_spec *,
	    struct evb_err *);

/*
 * The same from an AWS Target object as PutTargets takes it: its Id,
 * Input, InputPath and InputTransformer {InputPathsMap, InputTemplate}
 * members (other members are ignored).  target is borrowed.
 */
struct evb_transform *evb_transform_compile_json(const struct evb_jv *, bool,
	    struct evb_err *);

void	evb_transform_free(struct evb_transform *);

/*
 * Append what the target receives for ev to out.  Scratch memory comes
 * from arena (the event's).  Returns 0, or -1 with out as it was, *code set
 * to EVB_TRANSFORM_INVALID_JSON or EVB_TRANSFORM_INVALID_PARAMETER and
 * err->msg saying why; for INVALID_JSON err->col is the 1-based byte of
 * the rendered output (not counting what out held) where it stopped being
 * JSON.
 */
int	evb_transform_render(const struct evb_transform *,
	    const struct evb_transform_event *, struct evb_arena *,
	    struct evb_buf *, const char **, struct evb_err *);

#endif
