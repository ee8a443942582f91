/*
 * Records of refused input.  Nothing a command refuses disappears: it is
 * reported on standard error and, where the user asks, appended to a file
 * as one JSON line:
 *
 *	{"ErrorCode":"MalformedDetail","ErrorMessage":"Detail is malformed.",
 *	 "reason":"invalid JSON: ...","file":"orders.ndjson","line":12,
 *	 "input":"<the line as a JSON string>"}
 *
 * The input is kept exactly: as "input" when it is UTF-8, else as
 * "input_base64"; a line too long to be buffered is described by
 * "input_bytes" alone.
 */
#ifndef EVB_REJECT_H
#define EVB_REJECT_H

#include <stddef.h>

#include "buf.h"
#include "jgen.h"

/* Why an input was refused: AWS's ErrorCode and ErrorMessage, and ours. */
struct evb_reject {
	const char	*code;
	char		 message[160];
	char		 reason[512];	/* more precise, for people */
};

/* Fill rej with a code, AWS's message and a formatted reason. */
void	evb_reject_set(struct evb_reject *, const char *, const char *,
	    const char *, ...) __attribute__((format(printf, 4, 5)));

/*
 * Append the record (and a newline) to out.  input may be NULL when the
 * input was not kept; input_bytes is then its length.
 */
void	evb_reject_record(struct evb_buf *, const struct evb_reject *,
	    const char *, unsigned long long, const char *, size_t);

/* Append base64 of the n bytes at p. */
void	evb_base64(struct evb_buf *, const void *, size_t);

#endif
