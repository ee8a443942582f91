/*
 * What changed between two versions of a schema.
 */
#include "schemadiff.h"

#include <stdlib.h>
#include <string.h>

#include "jgen.h"

static void
add(struct evb_sdiff *d, enum evb_schange_kind kind, const struct evb_buf *ptr,
    const struct evb_schema *a, const struct evb_schema *b, bool required)
{
	struct evb_schange *c;

	d->v = xreallocarray(d->v, d->n + 1, sizeof(*d->v));
	c = &d->v[d->n++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->ptr = xstrndup(ptr->p ? ptr->p : "", ptr->len);
	c->required = required;
	if (a != NULL) {
		c->from = a->types;
		c->from_dt = a->datetime;
	}
	if (b != NULL) {
		c->to = b->types;
		c->to_dt = b->datetime;
	}
}

static int
keycmp(const struct evb_sprop *a, const struct evb_sprop *b)
{
	int c = memcmp(a->key, b->key, a->klen < b->klen ? a->klen : b->klen);

	if (c != 0)
		return c;
	return a->klen < b->klen ? -1 : a->klen > b->klen;
}

static void walk(struct evb_sdiff *, struct evb_buf *,
	    const struct evb_schema *, const struct evb_schema *);

static void
walk_props(struct evb_sdiff *d, struct evb_buf *ptr,
    const struct evb_schema *a, const struct evb_schema *b)
{
	size_t i = 0, j = 0, mark = ptr->len;

	while (i < a->nprops || j < b->nprops) {
		const struct evb_sprop *p = i < a->nprops ? &a->props[i] : NULL;
		const struct evb_sprop *q = j < b->nprops ? &b->props[j] : NULL;
		int c = p == NULL ? 1 : q == NULL ? -1 : keycmp(p, q);

		evb_schema_ptr_add(ptr, c <= 0 ? p->key : q->key,
		    c <= 0 ? p->klen : q->klen);
		if (c < 0)
			add(d, EVB_SCH_REMOVED, ptr, p->s, NULL, p->required);
		else if (c > 0)
			add(d, EVB_SCH_ADDED, ptr, NULL, q->s, q->required);
		else {
			if (p->required != q->required)
				add(d, p->required ? EVB_SCH_OPTIONAL :
				    EVB_SCH_REQUIRED, ptr, p->s, q->s, false);
			walk(d, ptr, p->s, q->s);
		}
		i += c <= 0;
		j += c >= 0;
		ptr->len = mark;
	}
}

static void
walk(struct evb_sdiff *d, struct evb_buf *ptr, const struct evb_schema *a,
    const struct evb_schema *b)
{
	size_t mark = ptr->len;
	bool dt = (a->types & b->types & EVB_ST_STRING) &&
	    a->datetime != b->datetime;

	if (a->types != b->types || dt)
		add(d, EVB_SCH_TYPE, ptr, a, b, false);
	if (a->items != NULL || b->items != NULL) {
		evb_buf_adds(ptr, "/*");
		if (a->items == NULL)
			add(d, EVB_SCH_ADDED, ptr, NULL, b->items, false);
		else if (b->items == NULL)
			add(d, EVB_SCH_REMOVED, ptr, a->items, NULL, false);
		else
			walk(d, ptr, a->items, b->items);
		ptr->len = mark;
	}
	walk_props(d, ptr, a, b);
}

void
evb_sdiff_make(struct evb_sdiff *d, const struct evb_schema *a,
    const struct evb_schema *b)
{
	struct evb_buf ptr = EVB_BUF_INIT;

	walk(d, &ptr, a, b);
	evb_buf_fini(&ptr);
}

void
evb_sdiff_fini(struct evb_sdiff *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].ptr);
	free(d->v);
	d->v = NULL;
	d->n = 0;
}

/* Items are neither required nor optional. */
static bool
is_items(const char *ptr)
{
	size_t n = strlen(ptr);

	return n >= 2 && strcmp(ptr + n - 2, "/*") == 0;
}

void
evb_sdiff_text(struct evb_buf *b, const struct evb_sdiff *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct evb_schange *c = &d->v[i];
		const char *ptr = *c->ptr ? c->ptr : "(event)";

		switch (c->kind) {
		case EVB_SCH_ADDED:
		case EVB_SCH_REMOVED:
			evb_buf_printf(b, "%c %s: ", c->kind == EVB_SCH_ADDED ?
			    '+' : '-', ptr);
			evb_schema_types_str(b, c->kind == EVB_SCH_ADDED ?
			    c->to : c->from, c->kind == EVB_SCH_ADDED ?
			    c->to_dt : c->from_dt);
			if (!is_items(ptr))
				evb_buf_adds(b, c->required ? ", required" :
				    ", optional");
			break;
		case EVB_SCH_OPTIONAL:
		case EVB_SCH_REQUIRED:
			evb_buf_printf(b, "~ %s: %s", ptr,
			    c->kind == EVB_SCH_OPTIONAL ?
			    "required -> optional" : "optional -> required");
			break;
		case EVB_SCH_TYPE:
			evb_buf_printf(b, "~ %s: ", ptr);
			evb_schema_types_str(b, c->from, c->from_dt);
			evb_buf_adds(b, " -> ");
			evb_schema_types_str(b, c->to, c->to_dt);
			break;
		}
		evb_buf_addc(b, '\n');
	}
}

static void
types_json(struct evb_jgen *j, unsigned types, bool dt)
{
	struct evb_buf t = EVB_BUF_INIT;

	evb_jgen_open_array(j);
	for (int i = 0; i < EVB_ST_NTYPES; i++)
		if (types & 1u << i) {
			evb_buf_reset(&t);
			evb_schema_types_str(&t, 1u << i, dt);
			evb_jgen_strn(j, t.p, t.len);
		}
	evb_jgen_close_array(j);
	evb_buf_fini(&t);
}

void
evb_sdiff_json(struct evb_buf *b, const struct evb_sdiff *d, const char *name,
    unsigned long v1, unsigned long v2)
{
	static const char *const kinds[] = {
		"added", "removed", "optional", "required", "type"
	};
	struct evb_jgen *j = evb_jgen_new(b);

	evb_jgen_open_object(j);
	evb_jgen_key(j, "schema");
	evb_jgen_str(j, name);
	evb_jgen_key(j, "from");
	evb_jgen_int(j, (long long)v1);
	evb_jgen_key(j, "to");
	evb_jgen_int(j, (long long)v2);
	evb_jgen_key(j, "changes");
	evb_jgen_open_array(j);
	for (size_t i = 0; i < d->n; i++) {
		const struct evb_schange *c = &d->v[i];

		evb_jgen_open_object(j);
		evb_jgen_key(j, "change");
		evb_jgen_str(j, kinds[c->kind]);
		evb_jgen_key(j, "pointer");
		evb_jgen_str(j, c->ptr);
		if (c->kind != EVB_SCH_ADDED && c->kind != EVB_SCH_REQUIRED &&
		    c->kind != EVB_SCH_OPTIONAL) {
			evb_jgen_key(j, "from");
			types_json(j, c->from, c->from_dt);
		}
		if (c->kind == EVB_SCH_ADDED || c->kind == EVB_SCH_TYPE) {
			evb_jgen_key(j, "to");
			types_json(j, c->to, c->to_dt);
		}
		if (c->kind == EVB_SCH_ADDED || c->kind == EVB_SCH_REMOVED) {
			evb_jgen_key(j, "required");
			evb_jgen_bool(j, c->required);
		}
		evb_jgen_close_object(j);
	}
	evb_jgen_close_array(j);
	evb_jgen_close_object(j);
	evb_jgen_free(j);
	evb_buf_addc(b, '\n');
}
