/*
 * JSON documents through yajl.
 */
#include "json.h"

#include <stdlib.h>
#include <string.h>

#include <yajl/yajl_parse.h>

#include "evbus.h"

/* One open array or object while parsing. */
struct frame {
	struct evb_jv	*node;
	size_t		 first;		/* its first child in the child stack */
	const char	*key;		/* pending key of an object */
	size_t		 klen;
};

struct builder {
	struct evb_arena	*arena;
	/* Streaming: items of a top-level array, handed out one by one. */
	evb_jstream_fn		 item_fn;
	void			*item_ctx;
	struct evb_arena	 root_arena;	/* the array node itself */
	bool			 not_array;
	bool			 stopped;
	unsigned long long	 line;		/* line at line_off in text */
	size_t			 line_off;
	size_t			 line_col;	/* bytes of it in earlier chunks */
	unsigned long long	 item_line;
	yajl_handle		 h;
	const char		*text;
	size_t			 textlen;
	size_t			 last_end;	/* end of the previous token */
	size_t			 max_depth;
	bool			 too_deep;
	struct frame		*frames;
	size_t			 nframes, capframes;
	struct evb_jmember	*kids;		/* children of open frames */
	size_t			 nkids, capkids;
	struct evb_jv		*root;
};

/*
 * yajl reports the offset just past the current token.  Its start is the
 * first byte after the previous token that is not white space or a
 * separator, which lets every value carry its span in the source text.
 */
static size_t
token_start(struct builder *b)
{
	size_t i = b->last_end;

	while (i < b->textlen && (b->text[i] == ' ' || b->text[i] == '\t' ||
	    b->text[i] == '\n' || b->text[i] == '\r' || b->text[i] == ',' ||
	    b->text[i] == ':'))
		i++;
	return i;
}

static size_t
token_end(struct builder *b)
{
	size_t end = yajl_get_bytes_consumed(b->h);

	/* The final token is lexed from yajl's own " " in complete_parse. */
	return end > b->textlen || end < b->last_end ||
	    (end == 0 && b->item_fn == NULL) ? b->textlen : end;
}

/* The line number of byte off of the current chunk (streaming only). */
static unsigned long long
line_of(struct builder *b, size_t off)
{
	if (off > b->textlen)
		off = b->textlen;
	for (; b->line_off < off; b->line_off++)
		if (b->text[b->line_off] == '\n')
			b->line++;
	return b->line;
}

static struct evb_jv *
new_node(struct builder *b, enum evb_jtype type)
{
	struct evb_arena *a = b->item_fn != NULL && b->nframes == 0 ?
	    &b->root_arena : b->arena;
	struct evb_jv *v = evb_arena_calloc(a, 1, sizeof(*v));

	v->type = type;
	v->start = token_start(b);
	v->end = b->last_end = token_end(b);
	/* A token begun in an earlier chunk starts before this one. */
	if (v->start > v->end)
		v->start = v->end;
	if (b->item_fn != NULL && b->nframes == 1)
		b->item_line = line_of(b, v->start);
	return v;
}

/* Streaming: hand a finished item out and forget it. */
static int
emit(struct builder *b, struct evb_jv *v)
{
	int ok = b->item_fn(b->item_ctx, v, b->item_line) == 0;

	evb_arena_reset(b->arena);
	if (!ok)
		b->stopped = true;
	return ok;
}

/* Attach a finished value to the open container, or make it the root. */
static int
attach(struct builder *b, struct evb_jv *v)
{
	struct frame *f;
	struct evb_jmember *m;

	if (b->nframes == 0) {
		if (b->item_fn != NULL && v->type != EVB_JARRAY) {
			b->not_array = true;
			return 0;
		}
		b->root = v;
		return 1;
	}
	if (b->item_fn != NULL && b->nframes == 1)
		return emit(b, v);
	f = &b->frames[b->nframes - 1];
	if (b->nkids == b->capkids) {
		b->capkids = b->capkids ? b->capkids * 2 : 64;
		b->kids = xreallocarray(b->kids, b->capkids, sizeof(*b->kids));
	}
	m = &b->kids[b->nkids++];
	m->key = f->key;
	m->klen = f->klen;
	m->val = v;
	f->key = NULL;
	return 1;
}

static int
on_null(void *ctx)
{
	struct builder *b = ctx;

	return attach(b, new_node(b, EVB_JNULL));
}

static int
on_bool(void *ctx, int t)
{
	struct builder *b = ctx;

	return attach(b, new_node(b, t ? EVB_JTRUE : EVB_JFALSE));
}

static int
on_scalar(struct builder *b, enum evb_jtype type, const char *s, size_t n)
{
	struct evb_jv *v = new_node(b, type);

	v->u.str = evb_arena_strndup(b->arena, s, n);
	v->n = n;
	return attach(b, v);
}

static int
on_number(void *ctx, const char *s, size_t n)
{
	return on_scalar(ctx, EVB_JNUMBER, s, n);
}

static int
on_string(void *ctx, const unsigned char *s, size_t n)
{
	return on_scalar(ctx, EVB_JSTRING, (const char *)s, n);
}

static int
on_key(void *ctx, const unsigned char *s, size_t n)
{
	struct builder *b = ctx;
	struct frame *f = &b->frames[b->nframes - 1];

	f->key = evb_arena_strndup(b->arena, (const char *)s, n);
	f->klen = n;
	b->last_end = token_end(b);
	return 1;
}

static int
open_container(struct builder *b, enum evb_jtype type)
{
	struct frame *f;
	struct evb_jv *v;

	if (b->nframes >= b->max_depth) {
		b->too_deep = true;
		return 0;
	}
	if (b->item_fn != NULL && b->nframes == 0 && type != EVB_JARRAY) {
		b->not_array = true;
		return 0;
	}
	v = new_node(b, type);
	if (b->nframes == b->capframes) {
		b->capframes = b->capframes ? b->capframes * 2 : 16;
		b->frames = xreallocarray(b->frames, b->capframes,
		    sizeof(*b->frames));
	}
	f = &b->frames[b->nframes];
	/* The key this container is the value of stays with the parent. */
	f->node = v;
	f->first = b->nkids;
	f->key = NULL;
	b->nframes++;
	return 1;
}

static int
close_container(struct builder *b)
{
	struct frame *f = &b->frames[b->nframes - 1];
	struct evb_jv *v = f->node;
	size_t n = b->nkids - f->first;

	v->n = n;
	if (v->type == EVB_JOBJECT) {
		v->u.members = evb_arena_alloc(b->arena,
		    evb_size_mul(n, sizeof(struct evb_jmember)));
		if (n > 0)
			memcpy(v->u.members, b->kids + f->first,
			    n * sizeof(struct evb_jmember));
	} else {
		v->u.items = evb_arena_alloc(b->arena,
		    evb_size_mul(n, sizeof(struct evb_jv *)));
		for (size_t i = 0; i < n; i++)
			v->u.items[i] = b->kids[f->first + i].val;
	}
	b->nkids = f->first;
	b->nframes--;
	v->end = b->last_end = token_end(b);
	return attach(b, v);
}

static int
on_start_map(void *ctx)
{
	return open_container(ctx, EVB_JOBJECT);
}

static int
on_start_array(void *ctx)
{
	return open_container(ctx, EVB_JARRAY);
}

static int
on_end(void *ctx)
{
	return close_container(ctx);
}

static const yajl_callbacks tree_callbacks = {
	on_null, on_bool, NULL, NULL, on_number, on_string,
	on_start_map, on_key, on_end, on_start_array, on_end
};

/* Turn yajl's "lexical error: invalid char in json text.\n" into a reason. */
/* Why a parse stopped, when it was not yajl's own finding. */
enum stop {
	STOP_SYNTAX,
	STOP_DEPTH,
	STOP_NOT_ARRAY
};

static void
set_parse_error(struct evb_err *err, yajl_handle h, const char *text,
    size_t n, size_t off, enum stop why, size_t max_depth)
{
	unsigned char *msg;
	const char *reason;
	size_t rlen;

	if (off > n)
		off = n;
	if (err == NULL)
		return;
	err->col = off + 1;
	if (why == STOP_NOT_ARRAY) {
		evb_err_set(err, "expected a JSON array");
		return;
	}
	if (why == STOP_DEPTH) {
		evb_err_set(err, "invalid JSON: nesting deeper than %zu levels",
		    max_depth);
		return;
	}
	if (memchr(text, '\0', n) != NULL) {
		const char *z = memchr(text, '\0', n);

		err->col = (size_t)(z - text) + 1;
		evb_err_set(err, "invalid JSON: NUL byte");
		return;
	}
	msg = yajl_get_error(h, 0, (const unsigned char *)text, n);
	reason = msg ? (const char *)msg : "unknown error";
	if (strstr(reason, "UTF8") != NULL) {
		evb_err_set(err, "invalid UTF-8 in a string");
	} else {
		const char *colon = strchr(reason, ':');

		if (colon != NULL)
			reason = colon + 2;
		rlen = strcspn(reason, "\n");
		while (rlen > 0 && reason[rlen - 1] == '.')
			rlen--;
		evb_err_set(err, "invalid JSON: %.*s", (int)rlen, reason);
	}
	if (msg != NULL)
		yajl_free_error(h, msg);
}

/*
 * The offset of the byte yajl failed on, plus one.  yajl stops just past
 * the token it failed on, but for most lexical errors it backs up to the
 * offending byte first.
 */
static size_t
fail_pos(yajl_handle h, const char *p, size_t n)
{
	size_t off = yajl_get_bytes_consumed(h);
	unsigned char *msg = yajl_get_error(h, 0, (const unsigned char *)p, n);
	bool back = msg == NULL || (strncmp((char *)msg, "lexical", 7) == 0 &&
	    strstr((char *)msg, "invalid char in") == NULL &&
	    strstr((char *)msg, "UTF8") == NULL);

	if (msg != NULL)
		yajl_free_error(h, msg);
	return back || off == 0 ? off + 1 : off;
}

/* Returns 0, or the offset of the failing byte plus one. */
static size_t
run_parser(yajl_handle h, const char *p, size_t n)
{
	if (yajl_parse(h, (const unsigned char *)p, n) != yajl_status_ok)
		return fail_pos(h, p, n);
	/* complete_parse lexes its own " ": a failure there is at the end. */
	if (yajl_complete_parse(h) != yajl_status_ok)
		return n + 1;
	return 0;
}

struct evb_jv *
evb_json_parse(struct evb_arena *arena, const char *p, size_t n,
    size_t max_depth, struct evb_err *err)
{
	struct builder b;
	struct evb_jv *root = NULL;
	size_t fail;

	memset(&b, 0, sizeof(b));
	b.arena = arena;
	b.text = p;
	b.textlen = n;
	b.max_depth = max_depth ? max_depth : EVB_MAX_DEPTH_DEFAULT;
	if ((b.h = yajl_alloc(&tree_callbacks, NULL, &b)) == NULL) {
		evb_err_set(err, "out of memory");
		return NULL;
	}
	if ((fail = run_parser(b.h, p, n)) == 0)
		root = b.root;
	else
		set_parse_error(err, b.h, p, n, fail - 1, b.too_deep ?
		    STOP_DEPTH : STOP_SYNTAX, b.max_depth);
	evb_arena_fini(&b.root_arena);
	yajl_free(b.h);
	free(b.frames);
	free(b.kids);
	return root;
}

struct evb_jstream {
	struct builder		 b;
	struct evb_arena	 arena;
	bool			 failed;
};

struct evb_jstream *
evb_jstream_new(size_t max_depth, evb_jstream_fn fn, void *ctx)
{
	struct evb_jstream *s = xcalloc(1, sizeof(*s));
	struct builder *b = &s->b;

	b->arena = &s->arena;
	b->max_depth = max_depth ? max_depth : EVB_MAX_DEPTH_DEFAULT;
	b->item_fn = fn;
	b->item_ctx = ctx;
	b->line = 1;
	if ((b->h = yajl_alloc(&tree_callbacks, NULL, b)) == NULL)
		evb_oom();
	return s;
}

void
evb_jstream_free(struct evb_jstream *s)
{
	if (s == NULL)
		return;
	yajl_free(s->b.h);
	free(s->b.frames);
	free(s->b.kids);
	evb_arena_fini(&s->arena);
	evb_arena_fini(&s->b.root_arena);
	free(s);
}

static int
stream_status(struct evb_jstream *s, yajl_status st, const char *p, size_t n,
    struct evb_err *err)
{
	struct builder *b = &s->b;

	if (st == yajl_status_ok) {
		size_t i = n;

		line_of(b, n);
		b->line_off = 0;
		/* Remember how much of the last line this chunk held. */
		while (i > 0 && p[i - 1] != '\n')
			i--;
		b->line_col = i > 0 ? n - i : b->line_col + n;
		return 0;
	}
	s->failed = true;
	if (b->stopped)
		return -1;
	set_parse_error(err, b->h, p, n, fail_pos(b->h, p, n) - 1,
	    b->not_array ? STOP_NOT_ARRAY : b->too_deep ? STOP_DEPTH :
	    STOP_SYNTAX, b->max_depth);
	if (err != NULL) {
		size_t off = err->col ? err->col - 1 : 0;

		err->line = line_of(b, off);
		/* The column within that line. */
		while (off > 0 && p[off - 1] != '\n')
			off--;
		err->col = err->col - off + (off == 0 ? b->line_col : 0);
	}
	return -1;
}

int
evb_jstream_feed(struct evb_jstream *s, const char *p, size_t n,
    struct evb_err *err)
{
	struct builder *b = &s->b;

	if (s->failed)
		return -1;
	b->text = p;
	b->textlen = n;
	b->last_end = 0;
	b->line_off = 0;
	return stream_status(s, yajl_parse(b->h, (const unsigned char *)p, n),
	    p, n, err);
}

int
evb_jstream_finish(struct evb_jstream *s, struct evb_err *err)
{
	struct builder *b = &s->b;

	if (s->failed)
		return -1;
	b->text = "";
	b->textlen = 0;
	b->last_end = 0;
	b->line_off = 0;
	return stream_status(s, yajl_complete_parse(b->h), "", 0, err);
}

/* Validation only: track depth and the top-level type. */
struct checker {
	size_t	depth;
	size_t	max_depth;
	bool	too_deep;
	int	top;
};

static void
note_top(struct checker *c, int type)
{
	if (c->depth == 0 && c->top < 0)
		c->top = type;
}

static int
chk_null(void *ctx)
{
	note_top(ctx, EVB_JNULL);
	return 1;
}

static int
chk_bool(void *ctx, int t)
{
	note_top(ctx, t ? EVB_JTRUE : EVB_JFALSE);
	return 1;
}

static int
chk_number(void *ctx, const char *s, size_t n)
{
	(void)s;
	(void)n;
	note_top(ctx, EVB_JNUMBER);
	return 1;
}

static int
chk_string(void *ctx, const unsigned char *s, size_t n)
{
	(void)s;
	(void)n;
	note_top(ctx, EVB_JSTRING);
	return 1;
}

static int
chk_open(struct checker *c, int type)
{
	note_top(c, type);
	if (++c->depth > c->max_depth) {
		c->too_deep = true;
		return 0;
	}
	return 1;
}

static int
chk_start_map(void *ctx)
{
	return chk_open(ctx, EVB_JOBJECT);
}

static int
chk_start_array(void *ctx)
{
	return chk_open(ctx, EVB_JARRAY);
}

static int
chk_end(void *ctx)
{
	((struct checker *)ctx)->depth--;
	return 1;
}

static const yajl_callbacks check_callbacks = {
	chk_null, chk_bool, NULL, NULL, chk_number, chk_string,
	chk_start_map, NULL, chk_end, chk_start_array, chk_end
};

int
evb_json_check(const char *p, size_t n, size_t max_depth, struct evb_err *err)
{
	struct checker c = { 0, max_depth ? max_depth : EVB_MAX_DEPTH_DEFAULT,
	    false, -1 };
	yajl_handle h;
	int top = -1;
	size_t fail;

	if ((h = yajl_alloc(&check_callbacks, NULL, &c)) == NULL) {
		evb_err_set(err, "out of memory");
		return -1;
	}
	if ((fail = run_parser(h, p, n)) == 0)
		top = c.top;
	else
		set_parse_error(err, h, p, n, fail - 1, c.too_deep ? STOP_DEPTH :
		    STOP_SYNTAX, c.max_depth);
	yajl_free(h);
	return top;
}

struct evb_jv *
evb_json_getn(const struct evb_jv *v, const char *key, size_t klen)
{
	if (v == NULL || v->type != EVB_JOBJECT)
		return NULL;
	for (size_t i = v->n; i-- > 0;) {
		const struct evb_jmember *m = &v->u.members[i];

		if (m->klen == klen && memcmp(m->key, key, klen) == 0)
			return m->val;
	}
	return NULL;
}

struct evb_jv *
evb_json_get(const struct evb_jv *v, const char *key)
{
	return evb_json_getn(v, key, strlen(key));
}

bool
evb_json_streq(const struct evb_jv *v, const char *s)
{
	size_t n = strlen(s);

	return v != NULL && v->type == EVB_JSTRING && v->n == n &&
	    memcmp(v->u.str, s, n) == 0;
}

const char *
evb_json_type_name(enum evb_jtype t)
{
	switch (t) {
	case EVB_JNULL:
		return "null";
	case EVB_JFALSE:
	case EVB_JTRUE:
		return "boolean";
	case EVB_JNUMBER:
		return "number";
	case EVB_JSTRING:
		return "string";
	case EVB_JARRAY:
		return "array";
	case EVB_JOBJECT:
		return "object";
	}
	return "value";
}
