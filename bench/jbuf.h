/*
 * A growable output buffer with the JSON pieces the corpus generators write:
 * escaped strings, integers and fixed-point decimals.  No printf on the hot
 * path, since evgen writes hundreds of megabytes.
 */
#ifndef BENCH_JBUF_H
#define BENCH_JBUF_H

#include <stddef.h>
#include <string.h>

struct jbuf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};

#define JBUF_INIT	{ NULL, 0, 0 }

/* Make room for n more bytes; exits 2 when out of memory. */
void	jb_grow(struct jbuf *, size_t);
void	jb_free(struct jbuf *);

/* Room for n more bytes, to be filled and then counted by the caller. */
static inline char *
jb_room(struct jbuf *b, size_t n)
{
	if (b->cap - b->len < n)
		jb_grow(b, n);
	return b->p + b->len;
}

static inline void
jb_put(struct jbuf *b, const char *s, size_t n)
{
	memcpy(jb_room(b, n), s, n);
	b->len += n;
}

static inline void
jb_putc(struct jbuf *b, char c)
{
	*jb_room(b, 1) = c;
	b->len++;
}

/* A string literal, length known at compile time. */
#define JB_LIT(b, s)	jb_put((b), (s), sizeof(s) - 1)

void	jb_cstr(struct jbuf *, const char *);	/* raw, no quotes */
void	jb_uint(struct jbuf *, unsigned long long);
void	jb_int(struct jbuf *, long long);
void	jb_bool(struct jbuf *, int);
/* v in lower-case hex without leading zeros, as printf's %llx. */
void	jb_xint(struct jbuf *, unsigned long long);
/* v zero-padded to at least width digits, as printf's %0*llu. */
void	jb_upad(struct jbuf *, unsigned long long, int);
/*
 * v / 10^decimals written as Python writes a float rounded to that many
 * decimals: trailing zeros dropped, but at least one digit after the point
 * ("12.5", "40.0").
 */
void	jb_fixed(struct jbuf *, long long, int);
/* A quoted JSON string: raw UTF-8, escapes only for " \ and controls. */
void	jb_str(struct jbuf *, const char *, size_t);
/* The inside of such a string, without the quotes. */
void	jb_esc(struct jbuf *, const char *, size_t);
/* The same for a NUL-terminated string. */
void	jb_qstr(struct jbuf *, const char *);

/* Write the buffer to fd and empty it; -1 with errno on failure. */
int	jb_flush(struct jbuf *, int);

#endif
