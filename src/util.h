/*
 * Small helpers every module uses: checked allocation, number parsing,
 * overflow-checked sizes and the error record the library fills in.
 */
#ifndef EVB_UTIL_H
#define EVB_UTIL_H

#include <stdbool.h>
#include <stddef.h>

/*
 * What went wrong, for the caller to print.  line and col are 1-based and 0
 * when unknown.  The library never prints; it fills one of these.
 */
struct evb_err {
	char	msg[512];
	size_t	line;
	size_t	col;
};

void	evb_err_set(struct evb_err *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	evb_err_clear(struct evb_err *);

/* Allocation that cannot fail: on exhaustion, print and exit 2. */
void	evb_oom(void) __attribute__((noreturn));
void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
void	*xmemdup(const void *, size_t);
/* A NUL-terminated copy of the n bytes at p. */
char	*xstrndup(const char *, size_t);

/* a + b and a * b, or exit 2 on overflow. */
size_t	evb_size_add(size_t, size_t);
size_t	evb_size_mul(size_t, size_t);

/*
 * Parse a decimal integer in [min, max] with no trailing junk, as OpenBSD's
 * strtonum(3).  On failure returns 0 and points *errstr at "invalid",
 * "too small" or "too large"; on success *errstr is NULL.
 */
long long evb_strtonum(const char *, long long, long long, const char **);

/*
 * Parse a size such as 262144, 256K, 1M or 1MiB (powers of 1024) into *out.
 * Returns 0, or -1 when the text is not a size.
 */
int	evb_parse_size(const char *, size_t *);

/* Parse a duration such as 30, 30s, 5m, 2h or 7d into seconds. */
int	evb_parse_duration(const char *, long long *);

/*
 * Read a whole (configuration) file into a NUL-terminated buffer the caller
 * frees; "-" is standard input.  Files over max bytes are refused (EFBIG).
 * Returns 0, or -1 with errno set.
 */
int	evb_read_file(const char *, size_t, char **, size_t *);

/* True when the n bytes at p are well-formed UTF-8 (no overlongs, no surrogates). */
bool	evb_utf8_valid(const char *, size_t);

/* The byte offset of the first invalid UTF-8 sequence, or n if none. */
size_t	evb_utf8_check(const char *, size_t);

#endif
