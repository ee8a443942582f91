/*
 * Writing JSON through yajl_gen into an evb_buf.
 *
 * Numbers are written from their original text, never through a double, and
 * JSON text that is already valid (a line passed through, a detail) is
 * embedded as it is, never re-serialized.
 */
#ifndef EVB_JGEN_H
#define EVB_JGEN_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "json.h"

struct evb_jgen;

/* A generator appending compact JSON to out (borrowed). */
struct evb_jgen *evb_jgen_new(struct evb_buf *);
void	evb_jgen_free(struct evb_jgen *);
/* Start a new top-level value; the buffer is left as it is. */
void	evb_jgen_reset(struct evb_jgen *);
/* Write into another buffer from now on. */
void	evb_jgen_retarget(struct evb_jgen *, struct evb_buf *);

void	evb_jgen_open_object(struct evb_jgen *);
void	evb_jgen_close_object(struct evb_jgen *);
void	evb_jgen_open_array(struct evb_jgen *);
void	evb_jgen_close_array(struct evb_jgen *);
/* An object key, NUL-terminated or counted. */
void	evb_jgen_key(struct evb_jgen *, const char *);
void	evb_jgen_keyn(struct evb_jgen *, const char *, size_t);
void	evb_jgen_str(struct evb_jgen *, const char *);
void	evb_jgen_strn(struct evb_jgen *, const char *, size_t);
void	evb_jgen_int(struct evb_jgen *, long long);
void	evb_jgen_bool(struct evb_jgen *, int);
void	evb_jgen_null(struct evb_jgen *);
/* A value given as valid JSON text, written byte for byte. */
void	evb_jgen_raw(struct evb_jgen *, const char *, size_t);
/* A parsed value, compact, numbers as written. */
void	evb_jgen_value(struct evb_jgen *, const struct evb_jv *);

/*
 * True when a call failed since the last reset: a value nested deeper than
 * yajl_gen allows, or a call out of order (a bug).
 */
bool	evb_jgen_failed(const struct evb_jgen *);

/* Append v to out as compact JSON. */
void	evb_json_write(struct evb_buf *, const struct evb_jv *);
/* Append the n bytes at s to out as a quoted JSON string. */
void	evb_json_quote(struct evb_buf *, const char *, size_t);

#endif
