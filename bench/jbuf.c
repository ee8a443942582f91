/*
 * Output buffer and JSON writing for the corpus generators.
 */
#include "jbuf.h"

#include <err.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

void
jb_grow(struct jbuf *b, size_t n)
{
	size_t cap = b->cap ? b->cap : 4096;
	char *p;

	while (cap - b->len < n) {
		if (cap > SIZE_MAX / 2)
			errx(2, "out of memory");
		cap *= 2;
	}
	if ((p = realloc(b->p, cap)) == NULL)
		errx(2, "out of memory");
	b->p = p;
	b->cap = cap;
}

void
jb_free(struct jbuf *b)
{
	free(b->p);
	b->p = NULL;
	b->len = b->cap = 0;
}

void
jb_cstr(struct jbuf *b, const char *s)
{
	jb_put(b, s, strlen(s));
}

void
jb_uint(struct jbuf *b, unsigned long long v)
{
	jb_upad(b, v, 1);
}

void
jb_int(struct jbuf *b, long long v)
{
	if (v < 0) {
		jb_putc(b, '-');
		jb_uint(b, 0 - (unsigned long long)v);
	} else
		jb_uint(b, (unsigned long long)v);
}

void
jb_upad(struct jbuf *b, unsigned long long v, int width)
{
	char tmp[24], *e = tmp + sizeof(tmp), *p = e;

	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	while (e - p < width && p > tmp)
		*--p = '0';
	jb_put(b, p, (size_t)(e - p));
}

void
jb_fixed(struct jbuf *b, long long v, int decimals)
{
	unsigned long long u, scale = 1;
	int d = decimals;

	for (int i = 0; i < decimals; i++)
		scale *= 10;
	if (v < 0)
		jb_putc(b, '-');
	u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
	jb_uint(b, u / scale);
	jb_putc(b, '.');
	u %= scale;
	/* Drop trailing zeros, keeping one digit. */
	while (d > 1 && u % 10 == 0) {
		u /= 10;
		d--;
	}
	jb_upad(b, u, d);
}

/* Which bytes need an escape: the quote, the backslash and C0 controls. */
static bool
needs_escape(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

static void
put_escape(struct jbuf *b, unsigned char c)
{
	static const char from[] = "\"\\\n\r\t\b\f", to[] = "\"\\nrtbf";
	static const char hex[] = "0123456789abcdef";
	const char *f = memchr(from, c, sizeof(from) - 1);
	char *p;

	if (f != NULL) {
		p = jb_room(b, 2);
		p[0] = '\\';
		p[1] = to[f - from];
		b->len += 2;
		return;
	}
	p = jb_room(b, 6);
	memcpy(p, "\\u00", 4);
	p[4] = hex[c >> 4];
	p[5] = hex[c & 15];
	b->len += 6;
}

void
jb_esc(struct jbuf *b, const char *s, size_t n)
{
	size_t i, run = 0;

	for (i = 0; i < n; i++) {
		if (!needs_escape((unsigned char)s[i]))
			continue;
		jb_put(b, s + run, i - run);
		put_escape(b, (unsigned char)s[i]);
		run = i + 1;
	}
	jb_put(b, s + run, n - run);
}

void
jb_str(struct jbuf *b, const char *s, size_t n)
{
	jb_putc(b, '"');
	jb_esc(b, s, n);
	jb_putc(b, '"');
}

void
jb_qstr(struct jbuf *b, const char *s)
{
	jb_str(b, s, strlen(s));
}

int
jb_flush(struct jbuf *b, int fd)
{
	size_t off = 0;
	ssize_t n;

	while (off < b->len) {
		if ((n = write(fd, b->p + off, b->len - off)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		off += (size_t)n;
	}
	b->len = 0;
	return 0;
}

void
jb_bool(struct jbuf *b, int v)
{
	if (v)
		JB_LIT(b, "true");
	else
		JB_LIT(b, "false");
}

void
jb_xint(struct jbuf *b, unsigned long long v)
{
	static const char hex[] = "0123456789abcdef";
	char tmp[16], *e = tmp + sizeof(tmp), *p = e;

	do {
		*--p = hex[v & 15];
		v >>= 4;
	} while (v != 0);
	jb_put(b, p, (size_t)(e - p));
}
