/*
 * Growable byte buffer.
 */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void
evb_buf_fini(struct evb_buf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

void
evb_buf_reset(struct evb_buf *b)
{
	b->len = 0;
}

char *
evb_buf_reserve(struct evb_buf *b, size_t n)
{
	size_t need;

	if (n < b->cap - b->len)	/* room for n bytes and a NUL */
		return b->p + b->len;
	need = evb_size_add(evb_size_add(b->len, n), 1);

	if (need > b->cap) {
		size_t cap = b->cap ? b->cap : 256;

		while (cap < need)
			cap = evb_size_mul(cap, 2);
		b->p = xreallocarray(b->p, cap, 1);
		b->cap = cap;
	}
	return b->p + b->len;
}

void
evb_buf_add(struct evb_buf *b, const void *p, size_t n)
{
	if (n == 0)
		return;
	memcpy(evb_buf_reserve(b, n), p, n);
	b->len += n;
}

void
evb_buf_addc(struct evb_buf *b, char c)
{
	*evb_buf_reserve(b, 1) = c;
	b->len++;
}

void
evb_buf_adds(struct evb_buf *b, const char *s)
{
	evb_buf_add(b, s, strlen(s));
}

void
evb_buf_printf(struct evb_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	va_start(ap, fmt);
	vsnprintf(evb_buf_reserve(b, (size_t)n), (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *
evb_buf_cstr(struct evb_buf *b)
{
	evb_buf_reserve(b, 0);
	b->p[b->len] = '\0';
	return b->p;
}

char *
evb_buf_take(struct evb_buf *b, size_t *len)
{
	char *p = evb_buf_cstr(b);

	if (len != NULL)
		*len = b->len;
	b->p = NULL;
	b->len = b->cap = 0;
	return p;
}
