/*
 * Views of a schema registry for people and scripts: the list of schemas,
 * one version in a chosen format, and the changes between two versions.
 * Each appends its text to a buffer.
 */
#ifndef EVB_REGVIEW_H
#define EVB_REGVIEW_H

#include <stdbool.h>

#include "buf.h"
#include "registry.h"
#include "schemafmt.h"
#include "util.h"

/*
 * One line per schema, sorted by name: "name latest-version", or with json
 * {"name":...,"source":...,"detail-type":...,"versions":[1,2]}.
 * Returns 0, or -1 with err set.
 */
int	evb_regview_list(struct evb_buf *, const struct evb_registry *, bool,
	    struct evb_err *);

/*
 * Version v (0: the latest) of name, as a document in format fmt.
 * Returns 0, or -1 with err set.
 */
int	evb_regview_show(struct evb_buf *, const struct evb_registry *,
	    const char *, unsigned long, enum evb_sformat, struct evb_err *);

/*
 * The changes from version v1 to v2 of name (see schemadiff.h).  Returns
 * the number of changes, or -1 with err set.
 */
long	evb_regview_diff(struct evb_buf *, const struct evb_registry *,
	    const char *, unsigned long, unsigned long, bool,
	    struct evb_err *);

#endif
