/*
 * A leaf value of an event and the test of one pattern alternative against
 * it: the operator semantics, shared by the compiled matcher and the
 * reference evaluator.
 */
#ifndef EVB_VALUE_H
#define EVB_VALUE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "ip.h"
#include "json.h"
#include "pattern.h"

/* What a leaf value is, plus forms derived from it on first use. */
struct evb_value {
	enum evb_jtype	 type;		/* never object or array */
	const char	*s;		/* decoded string, or number text */
	size_t		 n;
	signed char	 num_state;	/* 0 unknown, 1 comparable, -1 not */
	signed char	 ip_state;	/* 0 unknown, 1 address, -1 not */
	bool		 folded_ok;
	double		 num;
	struct evb_ip	 ip;
	struct evb_buf	*fold;		/* scratch for the lowercase form */
	size_t		 fold_off;	/* where it starts in fold */
	size_t		 nfold;
};

/* Describe a value; fold is scratch space the caller owns. */
void	evb_value_init(struct evb_value *, enum evb_jtype, const char *,
	    size_t, struct evb_buf *);

/* The number, when it is one EventBridge can compare. */
bool	evb_value_number(struct evb_value *, double *);
/* The address, when the string is one. */
const struct evb_ip *evb_value_ip(struct evb_value *);
/* The lowercase form of a string. */
const char *evb_value_folded(struct evb_value *, size_t *);

/*
 * Whether the alternative holds for this value.  EVB_OP_ABSENT never does:
 * absence is a property of a path, not of a value.
 */
bool	evb_alt_match(const struct evb_alt *, struct evb_value *);

#endif
