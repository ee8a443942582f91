/*
 * Input shaping for targets: Input, InputPath and InputTransformer.
 */
#include "transform.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jgen.h"
#include "jsonpath.h"

enum shape {
	SHAPE_EVENT,		/* the event as received */
	SHAPE_INPUT,		/* constant text */
	SHAPE_PATH,		/* InputPath */
	SHAPE_TEMPLATE		/* InputTransformer */
};

enum tmpl {
	TMPL_JSON,
	TMPL_STRING,
	TMPL_TEXT
};

/* Where a segment's text comes from. */
enum src {
	SRC_TEXT,		/* the template itself */
	SRC_VAR,		/* an InputPathsMap entry */
	SRC_RULE_ARN,
	SRC_RULE_NAME,
	SRC_INGESTION,
	SRC_EVENT,
	SRC_EVENT_JSON
};

/* Where a placeholder stands. */
enum place {
	PLACE_BARE,		/* a JSON template, outside strings */
	PLACE_IN_STRING,	/* a JSON template, inside a string */
	PLACE_TEXT		/* a string or free-text template */
};

struct seg {
	enum src	 src;
	enum place	 place;
	size_t		 off;	/* text, or "<name>" with its brackets */
	size_t		 len;
	size_t		 var;	/* for SRC_VAR */
};

struct var {
	char			*name;
	size_t			 nlen;
	struct evb_jsonpath	*path;
};

struct evb_transform {
	enum shape		 shape;
	enum tmpl		 tmpl;
	bool			 strict;
	char			*text;	/* Input or InputTemplate */
	size_t			 len;
	struct evb_jsonpath	*path;
	struct var		*vars;
	size_t			 nvars;
	struct seg		*segs;
	size_t			 nsegs;
};

static const struct {
	const char	*name;
	enum src	 src;
} predefined[] = {
	{ "aws.events.rule-arn", SRC_RULE_ARN },
	{ "aws.events.rule-name", SRC_RULE_NAME },
	{ "aws.events.event.ingestion-time", SRC_INGESTION },
	{ "aws.events.event", SRC_EVENT },
	{ "aws.events.event.json", SRC_EVENT_JSON },
};

/* aws.events.event: these envelope members, renamed, in this order. */
static const struct {
	const char	*from;
	const char	*to;
} event_members[] = {
	{ "id", "id" },
	{ "account", "account" },
	{ "detail-type", "detailType" },
	{ "time", "time" },
	{ "source", "source" },
	{ "region", "region" },
	{ "resources", "resources" },
	{ "version", "version" },
};

#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

/* Characters as AWS counts them: UTF-8 sequences, not bytes. */
static size_t
nchars(const char *p, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)p[i] & 0xc0) != 0x80)
			c++;
	return c;
}

static bool
is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static bool
is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

void
evb_transform_free(struct evb_transform *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->nvars; i++) {
		free(t->vars[i].name);
		evb_jsonpath_free(t->vars[i].path);
	}
	free(t->vars);
	free(t->segs);
	evb_jsonpath_free(t->path);
	free(t->text);
	free(t);
}

/* "Only one of ..." applies to any two of the three. */
static int
check_exclusive(const struct evb_transform_spec *spec, struct evb_err *err)
{
	int given = (spec->input.p != NULL) + (spec->input_path.p != NULL) +
	    spec->transformer;

	if (given <= 1)
		return 0;
	evb_err_set(err, "Only one of Input, InputPath, or InputTransformer "
	    "must be provided for target %s.", spec->id);
	return -1;
}

static int
compile_input(struct evb_transform *t, const struct evb_transform_spec *spec,
    struct evb_err *err)
{
	struct evb_err e;

	if (nchars(spec->input.p, spec->input.n) > EVB_TRANSFORM_INPUT_MAX) {
		evb_err_set(err, "Input for target %s is longer than %d "
		    "characters.", spec->id, EVB_TRANSFORM_INPUT_MAX);
		return -1;
	}
	evb_err_clear(&e);
	if (evb_json_check(spec->input.p, spec->input.n, 0, &e) < 0) {
		evb_err_set(err, "Input for target %s is not valid JSON: %s "
		    "(column %zu).", spec->id, e.msg, e.col);
		return -1;
	}
	t->shape = SHAPE_INPUT;
	t->text = xstrndup(spec->input.p, spec->input.n);
	t->len = spec->input.n;
	return 0;
}

/* Compile a path for what (e.g. "InputPath"), naming it in errors. */
static struct evb_jsonpath *
compile_path(const struct evb_str *path, const char *what, const char *id,
    struct evb_err *err)
{
	struct evb_jsonpath *jp;
	struct evb_err e;

	if ((jp = evb_jsonpath_compile(path->p, path->n, &e)) != NULL)
		return jp;
	if (e.col > 0)
		evb_err_set(err, "%s for target %s is not a valid path: %s "
		    "(column %zu).", what, id, e.msg, e.col);
	else
		evb_err_set(err, "%s for target %s is not a valid path: %s.",
		    what, id, e.msg);
	return NULL;
}

static int
check_key(const struct evb_str *k, const char *id, struct evb_err *err)
{
	size_t n = k->n;

	if (n == 0 || n > EVB_TRANSFORM_KEY_MAX) {
		evb_err_set(err, "InputPathsMap key for target %s must be 1 to "
		    "%d characters long.", id, EVB_TRANSFORM_KEY_MAX);
		return -1;
	}
	if (n >= 4 && memcmp(k->p, "AWS.", 4) == 0) {
		evb_err_set(err, "InputPathsMap key %.*s for target %s must "
		    "not start with AWS.", (int)n, k->p, id);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		if (!is_key_char(k->p[i])) {
			evb_err_set(err, "InputPathsMap key %.*s for target %s "
			    "must match [A-Za-z0-9_-]+.", (int)n, k->p, id);
			return -1;
		}
	return 0;
}

static int
compile_vars(struct evb_transform *t, const struct evb_transform_spec *spec,
    struct evb_err *err)
{
	if (spec->nvars > EVB_TRANSFORM_VARS_MAX) {
		evb_err_set(err, "InputPathsMap for target %s has more than %d "
		    "entries.", spec->id, EVB_TRANSFORM_VARS_MAX);
		return -1;
	}
	t->vars = xcalloc(spec->nvars ? spec->nvars : 1, sizeof(*t->vars));
	for (size_t i = 0; i < spec->nvars; i++) {
		const struct evb_transform_var *v = &spec->vars[i];
		char what[EVB_TRANSFORM_KEY_MAX + 32];

		if (check_key(&v->name, spec->id, err) == -1)
			return -1;
		snprintf(what, sizeof(what), "InputPathsMap value %.*s",
		    (int)v->name.n, v->name.p);
		if (v->path.p == NULL) {
			evb_err_set(err, "%s for target %s is missing.", what,
			    spec->id);
			return -1;
		}
		t->vars[i].path = compile_path(&v->path, what, spec->id, err);
		t->vars[i].name = xstrndup(v->name.p, v->name.n);
		t->vars[i].nlen = v->name.n;
		t->nvars++;
		if (t->vars[i].path == NULL)
			return -1;
	}
	return 0;
}

/* The kind of a template, by its first character after white space. */
static enum tmpl
template_kind(const char *p, size_t n)
{
	size_t i = 0;

	while (i < n && is_ws(p[i]))
		i++;
	if (i < n && (p[i] == '{' || p[i] == '['))
		return TMPL_JSON;
	if (i < n && p[i] == '"')
		return TMPL_STRING;
	return TMPL_TEXT;
}

/*
 * Resolve the placeholder name into seg.  The last InputPathsMap entry of
 * a name counts.  Returns 0, or -1 for an unknown name.
 */
static int
resolve(const struct evb_transform *t, const char *name, size_t n,
    struct seg *seg)
{
	for (size_t i = t->nvars; i-- > 0;)
		if (t->vars[i].nlen == n && memcmp(t->vars[i].name, name,
		    n) == 0) {
			seg->src = SRC_VAR;
			seg->var = i;
			return 0;
		}
	for (size_t i = 0; i < nitems(predefined); i++)
		if (strlen(predefined[i].name) == n &&
		    memcmp(predefined[i].name, name, n) == 0) {
			seg->src = predefined[i].src;
			return 0;
		}
	return -1;
}

/* The end of a "<name>" starting at i (just past the '>'), or 0. */
static size_t
placeholder_end(const char *p, size_t n, size_t i)
{
	size_t j = i + 1;

	while (j < n && (is_key_char(p[j]) || p[j] == '.'))
		j++;
	if (j == i + 1 || j == n || p[j] != '>')
		return 0;
	return j + 1;
}

static void
add_seg(struct evb_transform *t, const struct seg *s)
{
	if (s->src != SRC_TEXT || s->len > 0)
		t->segs[t->nsegs++] = *s;
}

static void
add_text(struct evb_transform *t, size_t off, size_t len)
{
	struct seg s = { SRC_TEXT, PLACE_TEXT, off, len, 0 };

	add_seg(t, &s);
}

static int
add_placeholder(struct evb_transform *t, size_t off, size_t end,
    bool in_string, const char *id, struct evb_err *err)
{
	const char *name = t->text + off + 1;
	size_t n = end - off - 2;
	struct seg s = { SRC_TEXT, PLACE_TEXT, off, end - off, 0 };

	if (resolve(t, name, n, &s) == -1) {
		evb_err_set(err, "InputTemplate for target %s contains invalid "
		    "placeholder %.*s.", id, (int)n, name);
		return -1;
	}
	s.place = t->tmpl != TMPL_JSON ? PLACE_TEXT : in_string ?
	    PLACE_IN_STRING : PLACE_BARE;
	if ((s.src == SRC_EVENT || s.src == SRC_EVENT_JSON) &&
	    s.place != PLACE_BARE) {
		evb_err_set(err, "InputTemplate for target %s uses <%.*s> "
		    "where only a bare JSON value may stand.", id, (int)n,
		    name);
		return -1;
	}
	add_seg(t, &s);
	return 0;
}

/*
 * Cut the template into text and placeholders.  In a JSON template, track
 * whether each placeholder stands inside a string literal.
 */
static int
segment(struct evb_transform *t, const char *id, struct evb_err *err)
{
	const char *p = t->text;
	size_t n = t->len, lit = 0, end;
	bool in_string = false;

	/* Each placeholder takes three bytes and splits one text in two. */
	t->segs = xreallocarray(NULL, n + 1, sizeof(*t->segs));
	for (size_t i = 0; i < n; i++) {
		if (p[i] == '<' && (end = placeholder_end(p, n, i)) != 0) {
			add_text(t, lit, i - lit);
			if (add_placeholder(t, i, end, in_string, id,
			    err) == -1)
				return -1;
			lit = end;
			i = end - 1;
			continue;
		}
		if (t->tmpl != TMPL_JSON)
			continue;
		if (!in_string)
			in_string = p[i] == '"';
		else if (p[i] == '\\' && i + 1 < n && p[i + 1] != '<')
			i++;
		else if (p[i] == '"')
			in_string = false;
	}
	add_text(t, lit, n - lit);
	return 0;
}

/*
 * Strict mode: fill placeholders in (bare ones with null, others with
 * nothing) and check that the result is JSON.  A string template, which
 * starts with '"', then is one JSON string.
 */
static int
strict_check(const struct evb_transform *t, const char *id,
    struct evb_err *err)
{
	struct evb_buf b = EVB_BUF_INIT;
	struct evb_err e;
	int rc = 0;

	if (t->tmpl == TMPL_TEXT)
		return 0;
	for (size_t i = 0; i < t->nsegs; i++) {
		const struct seg *s = &t->segs[i];

		if (s->src == SRC_TEXT)
			evb_buf_add(&b, t->text + s->off, s->len);
		else if (s->place == PLACE_BARE)
			evb_buf_adds(&b, "null");
	}
	evb_err_clear(&e);
	if (evb_json_check(b.p != NULL ? b.p : "", b.len, SIZE_MAX, &e) < 0) {
		evb_err_set(err, "InputTemplate for target %s is not valid "
		    "JSON (strict mode): %s.", id, e.msg);
		rc = -1;
	}
	evb_buf_fini(&b);
	return rc;
}

static int
compile_template(struct evb_transform *t,
    const struct evb_transform_spec *spec, struct evb_err *err)
{
	const struct evb_str *tp = &spec->input_template;
	size_t nc;

	if (tp->p == NULL) {
		evb_err_set(err, "InputTransformer for target %s has no "
		    "InputTemplate.", spec->id);
		return -1;
	}
	nc = nchars(tp->p, tp->n);
	if (nc == 0 || nc > EVB_TRANSFORM_TEMPLATE_MAX) {
		evb_err_set(err, "InputTemplate for target %s must be 1 to %d "
		    "characters long.", spec->id, EVB_TRANSFORM_TEMPLATE_MAX);
		return -1;
	}
	if (compile_vars(t, spec, err) == -1)
		return -1;
	t->shape = SHAPE_TEMPLATE;
	t->text = xstrndup(tp->p, tp->n);
	t->len = tp->n;
	t->tmpl = template_kind(t->text, t->len);
	if (segment(t, spec->id, err) == -1)
		return -1;
	return t->strict ? strict_check(t, spec->id, err) : 0;
}

struct evb_transform *
evb_transform_compile(const struct evb_transform_spec *spec,
    struct evb_err *err)
{
	struct evb_transform *t;
	int rc = 0;

	evb_err_clear(err);
	if (check_exclusive(spec, err) == -1)
		return NULL;
	t = xcalloc(1, sizeof(*t));
	t->strict = spec->strict;
	if (spec->input.p != NULL)
		rc = compile_input(t, spec, err);
	else if (spec->input_path.p != NULL) {
		t->shape = SHAPE_PATH;
		t->path = compile_path(&spec->input_path, "InputPath",
		    spec->id, err);
		rc = t->path == NULL ? -1 : 0;
	} else if (spec->transformer)
		rc = compile_template(t, spec, err);
	else
		t->shape = SHAPE_EVENT;
	if (rc == -1) {
		evb_transform_free(t);
		return NULL;
	}
	return t;
}

/* A string member of obj as an evb_str; -1 when present but not a string. */
static int
string_member(const struct evb_jv *obj, const char *key, struct evb_str *out,
    const char *id, struct evb_err *err)
{
	const struct evb_jv *v = evb_json_get(obj, key);

	out->p = NULL;
	out->n = 0;
	if (v == NULL)
		return 0;
	if (v->type != EVB_JSTRING) {
		evb_err_set(err, "%s for target %s must be a string, not %s.",
		    key, id, evb_json_type_name(v->type));
		return -1;
	}
	out->p = v->u.str;
	out->n = v->n;
	return 0;
}

/* InputTransformer's members into spec; vars is allocated for the caller. */
static int
json_transformer(const struct evb_jv *xf, struct evb_transform_spec *spec,
    struct evb_transform_var **vars, struct evb_err *err)
{
	const struct evb_jv *map;

	if (xf->type != EVB_JOBJECT) {
		evb_err_set(err, "InputTransformer for target %s must be an "
		    "object.", spec->id);
		return -1;
	}
	spec->transformer = true;
	if (string_member(xf, "InputTemplate", &spec->input_template,
	    spec->id, err) == -1)
		return -1;
	if ((map = evb_json_get(xf, "InputPathsMap")) == NULL)
		return 0;
	if (map->type != EVB_JOBJECT) {
		evb_err_set(err, "InputPathsMap for target %s must be an "
		    "object.", spec->id);
		return -1;
	}
	*vars = xcalloc(map->n ? map->n : 1, sizeof(**vars));
	spec->vars = *vars;
	for (size_t i = 0; i < map->n; i++) {
		const struct evb_jmember *m = &map->u.members[i];

		if (m->val->type != EVB_JSTRING) {
			evb_err_set(err, "InputPathsMap value %.*s for target "
			    "%s must be a string.", (int)m->klen, m->key,
			    spec->id);
			return -1;
		}
		(*vars)[i].name.p = m->key;
		(*vars)[i].name.n = m->klen;
		(*vars)[i].path.p = m->val->u.str;
		(*vars)[i].path.n = m->val->n;
		spec->nvars++;
	}
	return 0;
}

struct evb_transform *
evb_transform_compile_json(const struct evb_jv *target, bool strict,
    struct evb_err *err)
{
	struct evb_transform_spec spec;
	struct evb_transform_var *vars = NULL;
	struct evb_transform *t = NULL;
	const struct evb_jv *id, *xf;

	evb_err_clear(err);
	memset(&spec, 0, sizeof(spec));
	spec.strict = strict;
	if (target == NULL || target->type != EVB_JOBJECT) {
		evb_err_set(err, "a target must be a JSON object");
		return NULL;
	}
	id = evb_json_get(target, "Id");
	spec.id = id != NULL && id->type == EVB_JSTRING ? id->u.str : "";
	if (string_member(target, "Input", &spec.input, spec.id, err) == 0 &&
	    string_member(target, "InputPath", &spec.input_path, spec.id,
	    err) == 0 && ((xf = evb_json_get(target, "InputTransformer")) ==
	    NULL || json_transformer(xf, &spec, &vars, err) == 0))
		t = evb_transform_compile(&spec, err);
	free(vars);
	return t;
}

/* Rendering one event. */
struct render {
	const struct evb_transform *t;
	const struct evb_transform_event *ev;
	struct evb_arena *arena;
	struct evb_buf	*out;
	const char	**code;
	struct evb_err	*err;
	const struct seg *seg;		/* the one being rendered */
	size_t		 base;		/* out->len at the start */
};

/* What a placeholder stands for in this event. */
struct val {
	enum {
		VAL_MISSING,
		VAL_JSON,	/* jv */
		VAL_STRING,	/* s, n: a string the caller gave */
		VAL_EVENT,
		VAL_EVENT_JSON
	}			 kind;
	const struct evb_jv	*jv;
	const char		*s;
	size_t			 n;
};

static int
failf(struct render *r, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
failf(struct render *r, const char *code, const char *fmt, ...)
{
	va_list ap;

	*r->code = code;
	if (r->err != NULL) {
		va_start(ap, fmt);
		vsnprintf(r->err->msg, sizeof(r->err->msg), fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* The placeholder being rendered, "<name>", for messages. */
#define SEGNAME(r)	(int)(r)->seg->len, (r)->t->text + (r)->seg->off

/* Free the generator; a value yajl_gen refused is too deep (> 128). */
static int
gen_done(struct render *r, struct evb_jgen *j)
{
	bool failed = evb_jgen_failed(j);

	evb_jgen_free(j);
	if (failed)
		return failf(r, EVB_TRANSFORM_INVALID_JSON, "a value is nested "
		    "too deeply to be written as JSON");
	return 0;
}

static int
put_compact(struct render *r, const struct evb_jv *v)
{
	struct evb_jgen *j = evb_jgen_new(r->out);

	evb_jgen_value(j, v);
	return gen_done(r, j);
}

/* Write the string as JSON; with quotes false, only what goes inside. */
static void
put_escaped(struct render *r, const char *s, size_t n, bool quotes)
{
	size_t at = r->out->len;

	evb_json_quote(r->out, s, n);
	if (quotes)
		return;
	memmove(r->out->p + at, r->out->p + at + 1, r->out->len - at - 2);
	r->out->len -= 2;
}

/* aws.events.event: a part of the envelope, renamed and reordered. */
static int
put_event(struct render *r)
{
	struct evb_jgen *j = evb_jgen_new(r->out);

	evb_jgen_open_object(j);
	for (size_t i = 0; i < nitems(event_members); i++) {
		const struct evb_jv *v = evb_json_get(r->ev->root,
		    event_members[i].from);

		if (v == NULL)
			continue;
		evb_jgen_key(j, event_members[i].to);
		evb_jgen_value(j, v);
	}
	evb_jgen_close_object(j);
	return gen_done(r, j);
}

static const char *
scalar_text(const struct evb_jv *v, size_t *n)
{
	static const char *const lit[] = { "null", "false", "true" };

	if (v->type == EVB_JNUMBER || v->type == EVB_JSTRING) {
		*n = v->n;
		return v->u.str;
	}
	*n = strlen(lit[v->type]);
	return lit[v->type];
}

static bool
is_container(const struct val *v)
{
	return v->kind == VAL_JSON && (v->jv->type == EVB_JOBJECT ||
	    v->jv->type == EVB_JARRAY);
}

/* The string a value holds, if it is one. */
static bool
string_of(const struct val *v, const char **s, size_t *n)
{
	if (v->kind == VAL_STRING) {
		*s = v->s;
		*n = v->n;
		return true;
	}
	if (v->kind == VAL_JSON && v->jv->type == EVB_JSTRING) {
		*s = v->jv->u.str;
		*n = v->jv->n;
		return true;
	}
	return false;
}

/* A placeholder outside strings in a JSON template. */
static int
put_bare(struct render *r, const struct val *v)
{
	const char *s;
	size_t n;

	if (v->kind == VAL_MISSING)
		evb_buf_adds(r->out, r->t->strict ? "null" : "\"\"");
	else if (v->kind == VAL_EVENT)
		return put_event(r);
	else if (v->kind == VAL_EVENT_JSON)
		evb_buf_add(r->out, r->ev->raw, r->ev->rawlen);
	else if (string_of(v, &s, &n)) {
		if (r->t->strict)
			put_escaped(r, s, n, true);
		else {
			evb_buf_addc(r->out, '"');
			evb_buf_add(r->out, s, n);
			evb_buf_addc(r->out, '"');
		}
	} else if (is_container(v))
		return put_compact(r, v->jv);
	else {
		s = scalar_text(v->jv, &n);
		evb_buf_add(r->out, s, n);
	}
	return 0;
}

/* Remove every '"' from out from byte at on (AWS's string rendering). */
static void
strip_quotes(struct evb_buf *out, size_t at)
{
	size_t w = at;

	for (size_t i = at; i < out->len; i++)
		if (out->p[i] != '"')
			out->p[w++] = out->p[i];
	out->len = w;
}

/*
 * A placeholder inside a JSON string, or in a string or free-text
 * template: text without quotes.
 */
static int
put_inline(struct render *r, const struct val *v)
{
	bool json = r->seg->place == PLACE_IN_STRING || r->t->tmpl ==
	    TMPL_STRING;
	size_t at = r->out->len;
	const char *s;
	size_t n;

	if (v->kind == VAL_MISSING) {
		if (r->t->strict)
			return failf(r, EVB_TRANSFORM_INVALID_PARAMETER,
			    "%.*s selects nothing in the event", SEGNAME(r));
		return 0;
	}
	if (string_of(v, &s, &n)) {
		if (r->t->strict && json)
			put_escaped(r, s, n, false);
		else
			evb_buf_add(r->out, s, n);
		return 0;
	}
	if (!is_container(v)) {
		s = scalar_text(v->jv, &n);
		evb_buf_add(r->out, s, n);
		return 0;
	}
	if (r->t->strict && r->seg->place == PLACE_IN_STRING) {
		r->err->col = at - r->base + 1;
		return failf(r, EVB_TRANSFORM_INVALID_JSON, "%.*s holds an %s, "
		    "which cannot stand inside a JSON string", SEGNAME(r),
		    evb_json_type_name(v->jv->type));
	}
	if (r->t->strict)
		return failf(r, EVB_TRANSFORM_INVALID_PARAMETER, "%.*s holds "
		    "an %s, which would lose its quotes outside a JSON "
		    "template", SEGNAME(r), evb_json_type_name(v->jv->type));
	if (put_compact(r, v->jv) == -1)
		return -1;
	if (r->seg->place == PLACE_TEXT)
		strip_quotes(r->out, at);
	return 0;
}

static void
value_of(struct render *r, struct val *v)
{
	const struct seg *s = r->seg;
	const char *str = NULL;

	memset(v, 0, sizeof(*v));
	switch (s->src) {
	case SRC_VAR:
		v->jv = evb_jsonpath_eval(r->t->vars[s->var].path, r->ev->root,
		    r->arena);
		v->kind = v->jv != NULL ? VAL_JSON : VAL_MISSING;
		return;
	case SRC_EVENT:
		v->kind = VAL_EVENT;
		return;
	case SRC_EVENT_JSON:
		v->kind = VAL_EVENT_JSON;
		return;
	case SRC_RULE_ARN:
		str = r->ev->rule_arn;
		break;
	case SRC_RULE_NAME:
		str = r->ev->rule_name;
		break;
	case SRC_INGESTION:
		str = r->ev->ingestion_time;
		break;
	case SRC_TEXT:
		break;
	}
	if (str != NULL) {
		v->kind = VAL_STRING;
		v->s = str;
		v->n = strlen(str);
	}
}

/* Where a JSON check failed, in terms of the template, for people. */
static int
json_failed(struct render *r, const size_t *starts, const struct evb_err *e)
{
	size_t at = e->col > 0 ? e->col - 1 : 0;
	const char *why = e->msg;

	if (strncmp(why, "invalid JSON: ", 14) == 0)
		why += 14;
	r->err->col = e->col;
	for (size_t i = r->t->nsegs; i-- > 0;) {
		const struct seg *s = &r->t->segs[i];
		size_t end = i + 1 < r->t->nsegs ? starts[i + 1] :
		    r->out->len - r->base;

		if (starts[i] > at)
			continue;
		if (s->src == SRC_TEXT && at > starts[i])
			break;
		if (s->src != SRC_TEXT && at <= end) {
			r->seg = s;
			return failf(r, EVB_TRANSFORM_INVALID_JSON, "the "
			    "rendered InputTemplate is not valid JSON at byte "
			    "%zu (in the value of %.*s): %s", e->col,
			    SEGNAME(r), why);
		}
	}
	return failf(r, EVB_TRANSFORM_INVALID_JSON, "the rendered "
	    "InputTemplate is not valid JSON at byte %zu: %s", e->col, why);
}

static int
render_template(struct render *r)
{
	const struct evb_transform *t = r->t;
	size_t *starts = evb_arena_calloc(r->arena, t->nsegs + 1,
	    sizeof(*starts));
	struct evb_err e;
	struct val v;

	for (size_t i = 0; i < t->nsegs; i++) {
		r->seg = &t->segs[i];
		starts[i] = r->out->len - r->base;
		if (r->seg->src == SRC_TEXT) {
			evb_buf_add(r->out, t->text + r->seg->off, r->seg->len);
			continue;
		}
		value_of(r, &v);
		if ((r->seg->place == PLACE_BARE ? put_bare(r, &v) :
		    put_inline(r, &v)) == -1)
			return -1;
	}
	if (t->tmpl == TMPL_TEXT || (t->tmpl == TMPL_STRING && !t->strict))
		return 0;
	evb_err_clear(&e);
	/* A string template that is JSON is one string: it starts with '"'. */
	if (evb_json_check(r->out->p + r->base, r->out->len - r->base,
	    SIZE_MAX, &e) < 0)
		return json_failed(r, starts, &e);
	return 0;
}

static int
render_path(struct render *r)
{
	const struct evb_jv *v = evb_jsonpath_eval(r->t->path, r->ev->root,
	    r->arena);

	if (v == NULL)
		return failf(r, EVB_TRANSFORM_INVALID_PARAMETER, "InputPath %s "
		    "selects nothing in the event",
		    evb_jsonpath_text(r->t->path));
	return put_compact(r, v);
}

int
evb_transform_render(const struct evb_transform *t,
    const struct evb_transform_event *ev, struct evb_arena *arena,
    struct evb_buf *out, const char **code, struct evb_err *err)
{
	struct evb_err dummy;
	struct render r = { t, ev, arena, out, code, err != NULL ? err : &dummy,
	    NULL, out->len };
	int rc = 0;

	evb_err_clear(r.err);
	*code = NULL;
	switch (t->shape) {
	case SHAPE_EVENT:
		evb_buf_add(out, ev->raw, ev->rawlen);
		break;
	case SHAPE_INPUT:
		evb_buf_add(out, t->text, t->len);
		break;
	case SHAPE_PATH:
		rc = render_path(&r);
		break;
	case SHAPE_TEMPLATE:
		rc = render_template(&r);
		break;
	}
	if (rc == -1)
		out->len = r.base;
	return rc;
}
