/*
 * Schema documents: JSON Schema draft 4 and OpenAPI 3.0, written and read.
 *
 * Documents are built compact by hand, not with yajl_gen: a schema nests
 * about twice as deep as the events it describes, deeper than yajl_gen's
 * limit of 128.  They are then indented for people.
 */
#include "schemafmt.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "jgen.h"
#include "json.h"

#define DEFS_JS		"#/definitions/"
#define DEFS_OA		"#/components/schemas/"
#define READ_DEPTH	1024

void
evb_sdoc_fini(struct evb_sdoc *d)
{
	free(d->source);
	free(d->dtype);
	evb_schema_free(d->event);
	memset(d, 0, sizeof(*d));
}

int
evb_sformat_parse(const char *s)
{
	if (strcmp(s, "jsonschema") == 0)
		return EVB_SFMT_JSONSCHEMA;
	if (strcmp(s, "openapi") == 0)
		return EVB_SFMT_OPENAPI;
	return -1;
}

/* Start an object member, with a comma when it is not the first. */
static void
key(struct evb_buf *b, bool *first, const char *k)
{
	if (!*first)
		evb_buf_addc(b, ',');
	*first = false;
	evb_json_quote(b, k, strlen(k));
	evb_buf_addc(b, ':');
}

static void
keyn(struct evb_buf *b, bool *first, const char *k, size_t n)
{
	if (!*first)
		evb_buf_addc(b, ',');
	*first = false;
	evb_json_quote(b, k, n);
	evb_buf_addc(b, ':');
}

static void
str(struct evb_buf *b, const char *s)
{
	evb_json_quote(b, s, strlen(s));
}

static int
nbits(unsigned x)
{
	int n = 0;

	for (; x != 0; x &= x - 1)
		n++;
	return n;
}

static void
required_list(struct evb_buf *b, bool *first, const struct evb_schema *s)
{
	bool f = true;

	if (s->nrequired == 0)
		return;
	key(b, first, "required");
	evb_buf_addc(b, '[');
	for (size_t i = 0; i < s->nprops; i++) {
		if (!s->props[i].required)
			continue;
		if (!f)
			evb_buf_addc(b, ',');
		f = false;
		evb_json_quote(b, s->props[i].key, s->props[i].klen);
	}
	evb_buf_addc(b, ']');
}

typedef void (*node_fn)(struct evb_buf *, const struct evb_schema *);

/*
 * "properties" (and "required"), with "detail" replaced by a reference to
 * ref when ref is not NULL.
 */
static void
properties(struct evb_buf *b, bool *first, const struct evb_schema *s,
    node_fn node, const char *refbase, const char *ref)
{
	bool f = true;

	key(b, first, "properties");
	evb_buf_addc(b, '{');
	for (size_t i = 0; i < s->nprops; i++) {
		const struct evb_sprop *p = &s->props[i];

		keyn(b, &f, p->key, p->klen);
		if (ref != NULL && p->klen == 6 && memcmp(p->key, "detail",
		    6) == 0) {
			evb_buf_adds(b, "{\"$ref\":");
			evb_buf_addc(b, '"');
			evb_buf_adds(b, refbase);
			evb_buf_adds(b, ref);
			evb_buf_adds(b, "\"}");
		} else
			node(b, p->s);
	}
	evb_buf_addc(b, '}');
	required_list(b, first, s);
}

static void js_node(struct evb_buf *, const struct evb_schema *);

/* The members of a JSON Schema node, without the braces. */
static void
js_members(struct evb_buf *b, bool *first, const struct evb_schema *s,
    const char *ref)
{
	if (s->types != EVB_ST_ANY) {
		key(b, first, "type");
		if (nbits(s->types) > 1)
			evb_buf_addc(b, '[');
		for (int i = 0, f = 1; i < EVB_ST_NTYPES; i++) {
			if (!(s->types & 1u << i))
				continue;
			if (!f)
				evb_buf_addc(b, ',');
			f = 0;
			str(b, evb_schema_type_name(1u << i));
		}
		if (nbits(s->types) > 1)
			evb_buf_addc(b, ']');
	}
	if ((s->types & EVB_ST_STRING) && s->datetime) {
		key(b, first, "format");
		str(b, "date-time");
	}
	if ((s->types & EVB_ST_ARRAY) && s->items != NULL) {
		key(b, first, "items");
		js_node(b, s->items);
	}
	if (s->types & EVB_ST_OBJECT)
		properties(b, first, s, js_node, DEFS_JS, ref);
}

static void
js_node(struct evb_buf *b, const struct evb_schema *s)
{
	bool first = true;

	evb_buf_addc(b, '{');
	js_members(b, &first, s, NULL);
	evb_buf_addc(b, '}');
}

static void oa_node(struct evb_buf *, const struct evb_schema *);

/* An OpenAPI schema of one type (bit) of s. */
static void
oa_typed(struct evb_buf *b, bool *first, const struct evb_schema *s,
    unsigned bit, const char *ref)
{
	key(b, first, "type");
	str(b, evb_schema_type_name(bit));
	switch (bit) {
	case EVB_ST_INTEGER:
		key(b, first, "format");
		str(b, "int64");
		break;
	case EVB_ST_NUMBER:
		key(b, first, "format");
		str(b, "double");
		break;
	case EVB_ST_STRING:
		if (s->datetime) {
			key(b, first, "format");
			str(b, "date-time");
		}
		break;
	case EVB_ST_ARRAY:
		if (s->items != NULL) {
			key(b, first, "items");
			oa_node(b, s->items);
		}
		break;
	case EVB_ST_OBJECT:
		properties(b, first, s, oa_node, DEFS_OA, ref);
		break;
	}
}

/*
 * OpenAPI 3.0 has no null type and no type lists: null alone is {} (as
 * EventBridge writes it), null among others is "nullable", several types
 * are a oneOf.
 */
static void
oa_members(struct evb_buf *b, bool *first, const struct evb_schema *s,
    const char *ref)
{
	unsigned rest = s->types & ~(unsigned)EVB_ST_NULL;

	if (s->types == EVB_ST_ANY || rest == 0)
		return;
	if (nbits(rest) == 1)
		oa_typed(b, first, s, rest, ref);
	else {
		bool f = true;

		key(b, first, "oneOf");
		evb_buf_addc(b, '[');
		for (int i = 0; i < EVB_ST_NTYPES; i++) {
			bool ff = true;

			if (!(rest & 1u << i))
				continue;
			if (!f)
				evb_buf_addc(b, ',');
			f = false;
			evb_buf_addc(b, '{');
			oa_typed(b, &ff, s, 1u << i, ref);
			evb_buf_addc(b, '}');
		}
		evb_buf_addc(b, ']');
	}
	if (s->types & EVB_ST_NULL) {
		key(b, first, "nullable");
		evb_buf_adds(b, "true");
	}
}

static void
oa_node(struct evb_buf *b, const struct evb_schema *s)
{
	bool first = true;

	evb_buf_addc(b, '{');
	oa_members(b, &first, s, NULL);
	evb_buf_addc(b, '}');
}

/* The detail's definition name; never AWSEvent, which is the envelope. */
static void
detail_name(struct evb_buf *b, const struct evb_sdoc *d)
{
	evb_schema_pascal(b, d->dtype, d->dlen);
	if (strcmp(evb_buf_cstr(b), "AWSEvent") == 0)
		evb_buf_adds(b, "Detail");
	evb_buf_cstr(b);
}

static void
source_and_type(struct evb_buf *b, bool *first, const struct evb_sdoc *d)
{
	key(b, first, "x-amazon-events-source");
	evb_json_quote(b, d->source, d->slen);
	key(b, first, "x-amazon-events-detail-type");
	evb_json_quote(b, d->dtype, d->dlen);
}

static void
write_jsonschema(struct evb_buf *b, const struct evb_sdoc *d,
    const char *name, const struct evb_sprop *detail)
{
	bool first = true;

	evb_buf_addc(b, '{');
	key(b, &first, "$schema");
	str(b, "http://json-schema.org/draft-04/schema#");
	key(b, &first, "title");
	str(b, "AWSEvent");
	source_and_type(b, &first, d);
	if (detail != NULL) {
		bool f = true;

		key(b, &first, "definitions");
		evb_buf_addc(b, '{');
		keyn(b, &f, name, strlen(name));
		js_node(b, detail->s);
		evb_buf_addc(b, '}');
	}
	js_members(b, &first, d->event, detail ? name : NULL);
	evb_buf_addc(b, '}');
}

static void
write_openapi(struct evb_buf *b, const struct evb_sdoc *d, const char *name,
    const struct evb_sprop *detail)
{
	bool first = true;

	evb_buf_adds(b, "{\"openapi\":\"3.0.0\",\"info\":{\"version\":"
	    "\"1.0.0\",\"title\":\"Event\"},\"paths\":{},\"components\":"
	    "{\"schemas\":{\"AWSEvent\":{");
	source_and_type(b, &first, d);
	oa_members(b, &first, d->event, detail ? name : NULL);
	evb_buf_addc(b, '}');
	if (detail != NULL) {
		evb_buf_addc(b, ',');
		evb_json_quote(b, name, strlen(name));
		evb_buf_addc(b, ':');
		oa_node(b, detail->s);
	}
	evb_buf_adds(b, "}}}");
}

static void
indent(struct evb_buf *b, int depth)
{
	evb_buf_addc(b, '\n');
	for (int i = 0; i < depth; i++)
		evb_buf_adds(b, "  ");
}

/* Indent compact JSON text: two spaces a level, empty {} and [] kept. */
static void
pretty(struct evb_buf *out, const char *p, size_t n)
{
	int depth = 0;
	bool in_str = false;

	for (size_t i = 0; i < n; i++) {
		char c = p[i];

		if (in_str) {
			evb_buf_addc(out, c);
			if (c == '\\' && i + 1 < n)
				evb_buf_addc(out, p[++i]);
			else if (c == '"')
				in_str = false;
			continue;
		}
		switch (c) {
		case '"':
			in_str = true;
			evb_buf_addc(out, c);
			break;
		case '{':
		case '[':
			evb_buf_addc(out, c);
			if (i + 1 < n && (p[i + 1] == '}' || p[i + 1] == ']'))
				evb_buf_addc(out, p[++i]);
			else
				indent(out, ++depth);
			break;
		case '}':
		case ']':
			indent(out, --depth);
			evb_buf_addc(out, c);
			break;
		case ',':
			evb_buf_addc(out, c);
			indent(out, depth);
			break;
		case ':':
			evb_buf_adds(out, ": ");
			break;
		default:
			evb_buf_addc(out, c);
		}
	}
	evb_buf_addc(out, '\n');
}

void
evb_sdoc_write(struct evb_buf *out, const struct evb_sdoc *d,
    enum evb_sformat fmt)
{
	struct evb_buf b = EVB_BUF_INIT, name = EVB_BUF_INIT;
	const struct evb_sprop *detail = NULL;

	if (d->event->types & EVB_ST_OBJECT)
		detail = evb_schema_prop(d->event, "detail", 6);
	detail_name(&name, d);
	if (fmt == EVB_SFMT_OPENAPI)
		write_openapi(&b, d, name.p, detail);
	else
		write_jsonschema(&b, d, name.p, detail);
	pretty(out, b.p, b.len);
	evb_buf_fini(&b);
	evb_buf_fini(&name);
}

static struct evb_schema *from_js(const struct evb_jv *,
	    const struct evb_jv *, int, struct evb_err *);

static int
read_types(struct evb_schema *s, const struct evb_jv *t, struct evb_err *e)
{
	if (t == NULL) {
		s->types = EVB_ST_ANY;
		return 0;
	}
	if (t->type == EVB_JSTRING)
		s->types = evb_schema_type_bit(t->u.str, t->n);
	else if (t->type == EVB_JARRAY)
		for (size_t i = 0; i < t->n; i++) {
			const struct evb_jv *x = t->u.items[i];
			unsigned bit = x->type == EVB_JSTRING ?
			    evb_schema_type_bit(x->u.str, x->n) : 0;

			if (bit == 0)
				break;
			s->types |= bit;
		}
	if (s->types == 0 || (t->type == EVB_JARRAY && nbits(s->types) !=
	    (int)t->n)) {
		evb_err_set(e, "bad \"type\"");
		return -1;
	}
	if (s->types & EVB_ST_NUMBER)
		s->types &= ~(unsigned)EVB_ST_INTEGER;
	return 0;
}

static int
read_props(struct evb_schema *s, const struct evb_jv *v,
    const struct evb_jv *defs, int depth, struct evb_err *e)
{
	const struct evb_jv *props = evb_json_get(v, "properties");
	const struct evb_jv *req = evb_json_get(v, "required");

	if (props != NULL && props->type == EVB_JOBJECT)
		for (size_t i = 0; i < props->n; i++) {
			const struct evb_jmember *m = &props->u.members[i];
			struct evb_schema *ps = from_js(m->val, defs, depth + 1,
			    e);

			if (ps == NULL)
				return -1;
			evb_schema_add_prop(s, m->key, m->klen, false, ps);
		}
	if (req != NULL && req->type == EVB_JARRAY)
		for (size_t i = 0; i < req->n; i++) {
			const struct evb_jv *r = req->u.items[i];
			struct evb_sprop *p;

			if (r->type != EVB_JSTRING) {
				evb_err_set(e, "bad \"required\"");
				return -1;
			}
			p = evb_schema_prop(s, r->u.str, r->n);
			if (p == NULL)
				p = evb_schema_add_prop(s, r->u.str, r->n,
				    false, evb_schema_new(EVB_ST_ANY));
			if (!p->required) {
				p->required = true;
				s->nrequired++;
			}
		}
	return 0;
}

static struct evb_schema *
from_js(const struct evb_jv *v, const struct evb_jv *defs, int depth,
    struct evb_err *e)
{
	const struct evb_jv *ref, *fmt, *items;
	struct evb_schema *s;

	if (depth > READ_DEPTH || v->type != EVB_JOBJECT) {
		evb_err_set(e, depth > READ_DEPTH ? "nested too deeply" :
		    "a schema is not an object");
		return NULL;
	}
	if ((ref = evb_json_get(v, "$ref")) != NULL) {
		const struct evb_jv *target = NULL;
		size_t n = strlen(DEFS_JS);

		if (ref->type == EVB_JSTRING && ref->n > n && memcmp(ref->u.str,
		    DEFS_JS, n) == 0 && defs != NULL)
			target = evb_json_getn(defs, ref->u.str + n, ref->n - n);
		if (target == NULL) {
			evb_err_set(e, "unresolved \"$ref\"");
			return NULL;
		}
		return from_js(target, defs, depth + 1, e);
	}
	s = evb_schema_new(0);
	if (read_types(s, evb_json_get(v, "type"), e) == -1)
		goto fail;
	fmt = evb_json_get(v, "format");
	s->datetime = fmt != NULL && evb_json_streq(fmt, "date-time");
	if ((items = evb_json_get(v, "items")) != NULL &&
	    (s->items = from_js(items, defs, depth + 1, e)) == NULL)
		goto fail;
	if (read_props(s, v, defs, depth, e) == -1)
		goto fail;
	return s;
fail:
	evb_schema_free(s);
	return NULL;
}

int
evb_sdoc_read(struct evb_sdoc *d, const char *p, size_t n, struct evb_err *e)
{
	struct evb_arena a = EVB_ARENA_INIT;
	const struct evb_jv *v, *src, *dt;
	int rc = -1;

	memset(d, 0, sizeof(*d));
	if ((v = evb_json_parse(&a, p, n, READ_DEPTH, e)) == NULL)
		goto done;
	src = evb_json_get(v, "x-amazon-events-source");
	dt = evb_json_get(v, "x-amazon-events-detail-type");
	if (src == NULL || src->type != EVB_JSTRING || dt == NULL ||
	    dt->type != EVB_JSTRING) {
		evb_err_set(e, "not a schema document: no "
		    "x-amazon-events-source or x-amazon-events-detail-type");
		goto done;
	}
	if ((d->event = from_js(v, evb_json_get(v, "definitions"), 0,
	    e)) == NULL)
		goto done;
	d->source = xstrndup(src->u.str, src->n);
	d->slen = src->n;
	d->dtype = xstrndup(dt->u.str, dt->n);
	d->dlen = dt->n;
	rc = 0;
done:
	evb_arena_fini(&a);
	return rc;
}
