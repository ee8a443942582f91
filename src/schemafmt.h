/*
 * Schema documents: a discovered schema written as JSON Schema draft 4 (the
 * form EventBridge's ExportSchema gives, and the form the registry stores)
 * or as OpenAPI 3.0 (EventBridge's discovered form), and a stored JSON
 * Schema document read back.
 *
 * The event envelope is the root (AWSEvent); the schema of "detail" is a
 * definition named after the detail-type (OrderCreated), referenced from
 * the envelope.  Nested objects are written inline.
 */
#ifndef EVB_SCHEMAFMT_H
#define EVB_SCHEMAFMT_H

#include <stddef.h>

#include "buf.h"
#include "schema.h"
#include "util.h"

enum evb_sformat {
	EVB_SFMT_JSONSCHEMA,
	EVB_SFMT_OPENAPI
};

/* One version of the schema of a (source, detail-type). */
struct evb_sdoc {
	char			*source;	/* NUL-terminated, may hold NULs */
	size_t			 slen;
	char			*dtype;
	size_t			 dlen;
	struct evb_schema	*event;		/* the whole event */
};

/* Free what the document holds (not the struct itself). */
void	evb_sdoc_fini(struct evb_sdoc *);

/* "jsonschema" or "openapi"; -1 for anything else. */
int	evb_sformat_parse(const char *);

/* Append the document, indented, ending with a newline. */
void	evb_sdoc_write(struct evb_buf *, const struct evb_sdoc *,
	    enum evb_sformat);

/*
 * Read a JSON Schema document written by evb_sdoc_write() (n bytes at p)
 * into doc.  Returns 0, or -1 with err set.
 */
int	evb_sdoc_read(struct evb_sdoc *, const char *, size_t,
	    struct evb_err *);

#endif
