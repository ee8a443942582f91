/*
 * The reference evaluator: a pattern against a flattened event, directly
 * from EventBridge's definition.  It is slow and obviously right; --explain
 * uses it, and the tests compare the compiled matcher with it.
 */
#ifndef EVB_EVAL_H
#define EVB_EVAL_H

#include <stdbool.h>

#include "flat.h"
#include "pattern.h"

bool	evb_eval(const struct evb_pattern *, const struct evb_flat *);
bool	evb_eval_subrule(const struct evb_subrule *, const struct evb_flat *);

/* Whether some alternative of the condition holds for the leaf. */
bool	evb_eval_leaf(const struct evb_cond *, const struct evb_leaf *,
	    struct evb_buf *);

#endif
