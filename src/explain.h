/*
 * Why a rule matched an event or not, field by field: the answer
 * TestEventPattern never gives.
 */
#ifndef EVB_EXPLAIN_H
#define EVB_EXPLAIN_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "lineio.h"
#include "ruleset.h"

/*
 * Explain every enabled rule of rs (or only the one named only, if not
 * NULL) against one event line, in readable text on out.  Events nested
 * deeper than max_depth are refused.  Returns the number of rules that
 * match, or -1 with err set when the line is not an event.
 */
int	evb_explain_line(struct evb_writer *, const struct evb_ruleset *,
	    const char *, const char *, unsigned long long, const char *,
	    size_t, size_t, struct evb_err *);

#endif
