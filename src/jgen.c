/*
 * JSON generation with yajl_gen.
 */
#include "jgen.h"

#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_gen.h>

#include "util.h"

struct evb_jgen {
	yajl_gen	 g;
	struct evb_buf	*out;
	bool		 failed;
};

static void
print_cb(void *ctx, const char *s, size_t n)
{
	struct evb_jgen *j = ctx;

	evb_buf_add(j->out, s, n);
}

struct evb_jgen *
evb_jgen_new(struct evb_buf *out)
{
	struct evb_jgen *j = xcalloc(1, sizeof(*j));

	if ((j->g = yajl_gen_alloc(NULL)) == NULL)
		evb_oom();
	j->out = out;
	yajl_gen_config(j->g, yajl_gen_print_callback, print_cb, j);
	return j;
}

void
evb_jgen_free(struct evb_jgen *j)
{
	if (j == NULL)
		return;
	yajl_gen_free(j->g);
	free(j);
}

void
evb_jgen_reset(struct evb_jgen *j)
{
	yajl_gen_reset(j->g, NULL);
	j->failed = false;
}

void
evb_jgen_retarget(struct evb_jgen *j, struct evb_buf *out)
{
	j->out = out;
}

bool
evb_jgen_failed(const struct evb_jgen *j)
{
	return j->failed;
}

static void
check(struct evb_jgen *j, yajl_gen_status st)
{
	if (st != yajl_gen_status_ok)
		j->failed = true;
}

void
evb_jgen_open_object(struct evb_jgen *j)
{
	check(j, yajl_gen_map_open(j->g));
}

void
evb_jgen_close_object(struct evb_jgen *j)
{
	check(j, yajl_gen_map_close(j->g));
}

void
evb_jgen_open_array(struct evb_jgen *j)
{
	check(j, yajl_gen_array_open(j->g));
}

void
evb_jgen_close_array(struct evb_jgen *j)
{
	check(j, yajl_gen_array_close(j->g));
}

void
evb_jgen_keyn(struct evb_jgen *j, const char *s, size_t n)
{
	check(j, yajl_gen_string(j->g, (const unsigned char *)s, n));
}

void
evb_jgen_key(struct evb_jgen *j, const char *s)
{
	evb_jgen_keyn(j, s, strlen(s));
}

void
evb_jgen_strn(struct evb_jgen *j, const char *s, size_t n)
{
	check(j, yajl_gen_string(j->g, (const unsigned char *)s, n));
}

void
evb_jgen_str(struct evb_jgen *j, const char *s)
{
	evb_jgen_strn(j, s, strlen(s));
}

void
evb_jgen_int(struct evb_jgen *j, long long v)
{
	check(j, yajl_gen_integer(j->g, v));
}

void
evb_jgen_bool(struct evb_jgen *j, int v)
{
	check(j, yajl_gen_bool(j->g, v));
}

void
evb_jgen_null(struct evb_jgen *j)
{
	check(j, yajl_gen_null(j->g));
}

/*
 * yajl_gen_number() writes its text verbatim after the separator its state
 * calls for, which is exactly what embedding ready JSON text needs.
 */
void
evb_jgen_raw(struct evb_jgen *j, const char *s, size_t n)
{
	check(j, yajl_gen_number(j->g, s, n));
}

void
evb_jgen_value(struct evb_jgen *j, const struct evb_jv *v)
{
	switch (v->type) {
	case EVB_JNULL:
		evb_jgen_null(j);
		break;
	case EVB_JFALSE:
	case EVB_JTRUE:
		evb_jgen_bool(j, v->type == EVB_JTRUE);
		break;
	case EVB_JNUMBER:
		evb_jgen_raw(j, v->u.str, v->n);
		break;
	case EVB_JSTRING:
		evb_jgen_strn(j, v->u.str, v->n);
		break;
	case EVB_JARRAY:
		evb_jgen_open_array(j);
		for (size_t i = 0; i < v->n; i++)
			evb_jgen_value(j, v->u.items[i]);
		evb_jgen_close_array(j);
		break;
	case EVB_JOBJECT:
		evb_jgen_open_object(j);
		for (size_t i = 0; i < v->n; i++) {
			evb_jgen_keyn(j, v->u.members[i].key,
			    v->u.members[i].klen);
			evb_jgen_value(j, v->u.members[i].val);
		}
		evb_jgen_close_object(j);
		break;
	}
}

void
evb_json_write(struct evb_buf *out, const struct evb_jv *v)
{
	struct evb_jgen *j = evb_jgen_new(out);

	evb_jgen_value(j, v);
	evb_jgen_free(j);
}

/*
 * The same escapes yajl_gen writes, without a generator: runs of bytes that
 * need none are copied at once.  Hot, as every envelope goes through it.
 */
void
evb_json_quote(struct evb_buf *out, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t run = 0;

	evb_buf_addc(out, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		char esc[7];
		const char *e = esc;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		evb_buf_add(out, s + run, i - run);
		run = i + 1;
		switch (c) {
		case '"':  e = "\\\""; break;
		case '\\': e = "\\\\"; break;
		case '\b': e = "\\b"; break;
		case '\f': e = "\\f"; break;
		case '\n': e = "\\n"; break;
		case '\r': e = "\\r"; break;
		case '\t': e = "\\t"; break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			esc[6] = '\0';
		}
		evb_buf_adds(out, e);
	}
	evb_buf_add(out, s + run, n - run);
	evb_buf_addc(out, '"');
}
