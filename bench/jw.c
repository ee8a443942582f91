/*
 * Comma placement for the pattern writer.
 */
#include "jw.h"

#include <err.h>
#include <string.h>

void
jw_init(struct jw *w, struct jbuf *b)
{
	memset(w, 0, sizeof(*w));
	w->b = b;
	w->empty[0] = true;
}

/* Whatever must precede a value or a key at the current depth. */
static void
sep(struct jw *w)
{
	if (w->after_key)
		w->after_key = false;
	else if (!w->empty[w->depth])
		jb_putc(w->b, ',');
	w->empty[w->depth] = false;
}

static void
begin(struct jw *w, char open, char close)
{
	sep(w);
	if (w->depth + 1 >= JW_MAXDEPTH)
		errx(2, "pattern nested too deeply");
	jb_putc(w->b, open);
	w->depth++;
	w->empty[w->depth] = true;
	w->close[w->depth] = close;
}

void
jw_obj(struct jw *w)
{
	begin(w, '{', '}');
}

void
jw_arr(struct jw *w)
{
	begin(w, '[', ']');
}

void
jw_end(struct jw *w)
{
	if (w->depth == 0)
		errx(2, "jw_end: nothing open");
	jb_putc(w->b, w->close[w->depth--]);
}

void
jw_key(struct jw *w, const char *k)
{
	sep(w);
	jb_qstr(w->b, k);
	jb_putc(w->b, ':');
	w->after_key = true;
}

void
jw_str(struct jw *w, const char *s)
{
	sep(w);
	jb_qstr(w->b, s);
}

void
jw_str2(struct jw *w, const char *a, const char *b)
{
	sep(w);
	jb_putc(w->b, '"');
	jb_esc(w->b, a, strlen(a));
	jb_esc(w->b, b, strlen(b));
	jb_putc(w->b, '"');
}

void
jw_int(struct jw *w, long long v)
{
	sep(w);
	jb_int(w->b, v);
}

void
jw_fixed(struct jw *w, long long v, int decimals)
{
	sep(w);
	jb_fixed(w->b, v, decimals);
}

void
jw_bool(struct jw *w, bool v)
{
	sep(w);
	jb_bool(w->b, v);
}

void
jw_kobj(struct jw *w, const char *k)
{
	jw_key(w, k);
	jw_obj(w);
}

void
jw_karr(struct jw *w, const char *k)
{
	jw_key(w, k);
	jw_arr(w);
}
