/*
 * The schema model: inference, merging, acceptance and validation.
 */
#include "schema.h"

#include <stdlib.h>
#include <string.h>

static const char *const type_names[EVB_ST_NTYPES] = {
	"null", "boolean", "integer", "number", "string", "array", "object"
};

const char *
evb_schema_type_name(unsigned bit)
{
	for (int i = 0; i < EVB_ST_NTYPES; i++)
		if (bit == 1u << i)
			return type_names[i];
	return "any";
}

unsigned
evb_schema_type_bit(const char *p, size_t n)
{
	for (int i = 0; i < EVB_ST_NTYPES; i++)
		if (strlen(type_names[i]) == n && memcmp(type_names[i], p, n) == 0)
			return 1u << i;
	return 0;
}

void
evb_schema_types_str(struct evb_buf *b, unsigned types, bool datetime)
{
	bool first = true;

	if (types == EVB_ST_ANY) {
		evb_buf_adds(b, "any");
		return;
	}
	for (int i = 0; i < EVB_ST_NTYPES; i++) {
		if (!(types & 1u << i))
			continue;
		if (!first)
			evb_buf_addc(b, '|');
		evb_buf_adds(b, type_names[i]);
		if ((1u << i) == EVB_ST_STRING && datetime)
			evb_buf_adds(b, "(date-time)");
		first = false;
	}
}

/* Integers are numbers without a fraction or an exponent. */
static unsigned
number_bit(const char *p, size_t n)
{
	return memchr(p, '.', n) || memchr(p, 'e', n) || memchr(p, 'E', n) ?
	    EVB_ST_NUMBER : EVB_ST_INTEGER;
}

static unsigned
value_bit(const struct evb_jv *v)
{
	switch (v->type) {
	case EVB_JNULL:
		return EVB_ST_NULL;
	case EVB_JFALSE:
	case EVB_JTRUE:
		return EVB_ST_BOOLEAN;
	case EVB_JNUMBER:
		return number_bit(v->u.str, v->n);
	case EVB_JSTRING:
		return EVB_ST_STRING;
	case EVB_JARRAY:
		return EVB_ST_ARRAY;
	default:
		return EVB_ST_OBJECT;
	}
}

static bool
digits(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return true;
}

static int
num2(const char *p)
{
	return (p[0] - '0') * 10 + (p[1] - '0');
}

/* RFC 3339 section 5.6: 2026-11-26T21:15:00(.123)?(Z|+01:00). */
bool
evb_schema_is_datetime(const char *p, size_t n)
{
	size_t i = 19;

	if (n < 20 || !digits(p, 4) || p[4] != '-' || !digits(p + 5, 2) ||
	    p[7] != '-' || !digits(p + 8, 2) || (p[10] != 'T' &&
	    p[10] != 't') || !digits(p + 11, 2) || p[13] != ':' ||
	    !digits(p + 14, 2) || p[16] != ':' || !digits(p + 17, 2))
		return false;
	if (num2(p + 5) < 1 || num2(p + 5) > 12 || num2(p + 8) < 1 ||
	    num2(p + 8) > 31 || num2(p + 11) > 23 || num2(p + 14) > 59 ||
	    num2(p + 17) > 60)
		return false;
	if (p[i] == '.') {
		size_t j = ++i;

		while (i < n && p[i] >= '0' && p[i] <= '9')
			i++;
		if (i == j)
			return false;
	}
	if (i + 1 == n && (p[i] == 'Z' || p[i] == 'z'))
		return true;
	return i + 6 == n && (p[i] == '+' || p[i] == '-') &&
	    digits(p + i + 1, 2) && p[i + 3] == ':' && digits(p + i + 4, 2) &&
	    num2(p + i + 1) <= 23 && num2(p + i + 4) <= 59;
}

struct evb_schema *
evb_schema_new(unsigned types)
{
	struct evb_schema *s = xcalloc(1, sizeof(*s));

	s->types = types;
	return s;
}

void
evb_schema_free(struct evb_schema *s)
{
	if (s == NULL)
		return;
	evb_schema_free(s->items);
	for (size_t i = 0; i < s->nprops; i++) {
		free(s->props[i].key);
		evb_schema_free(s->props[i].s);
	}
	free(s->props);
	free(s);
}

struct evb_schema *
evb_schema_dup(const struct evb_schema *s)
{
	struct evb_schema *d;

	if (s == NULL)
		return NULL;
	d = xmalloc(sizeof(*d));
	*d = *s;
	d->items = evb_schema_dup(s->items);
	if (s->nprops > 0) {
		d->props = xreallocarray(NULL, s->nprops, sizeof(*d->props));
		for (size_t i = 0; i < s->nprops; i++) {
			d->props[i] = s->props[i];
			d->props[i].key = xmemdup(s->props[i].key,
			    s->props[i].klen + 1);
			d->props[i].s = evb_schema_dup(s->props[i].s);
		}
	} else
		d->props = NULL;
	return d;
}

static int
keycmp(const char *a, size_t na, const char *b, size_t nb)
{
	int c = memcmp(a, b, na < nb ? na : nb);

	if (c != 0)
		return c;
	return na < nb ? -1 : na > nb;
}

/* The index of key in s->props, or where it would go (*found false). */
static size_t
find(const struct evb_schema *s, const char *key, size_t klen, bool *found)
{
	size_t lo = 0, hi = s->nprops;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = keycmp(s->props[mid].key, s->props[mid].klen, key, klen);

		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return lo;
}

struct evb_sprop *
evb_schema_prop(const struct evb_schema *s, const char *key, size_t klen)
{
	bool found;
	size_t i = find(s, key, klen, &found);

	return found ? &s->props[i] : NULL;
}

struct evb_sprop *
evb_schema_add_prop(struct evb_schema *s, const char *key, size_t klen,
    bool required, struct evb_schema *ps)
{
	bool found;
	size_t i = find(s, key, klen, &found);
	struct evb_sprop *p;

	if (found) {
		/* A duplicate key: JSON's last one wins, but keep both shapes. */
		p = &s->props[i];
		evb_schema_merge(p->s, ps);
		evb_schema_free(ps);
		return p;
	}
	s->props = xreallocarray(s->props, s->nprops + 1, sizeof(*s->props));
	memmove(&s->props[i + 1], &s->props[i], (s->nprops - i) *
	    sizeof(*s->props));
	s->nprops++;
	p = &s->props[i];
	p->key = xstrndup(key, klen);
	p->klen = klen;
	p->required = required;
	p->s = ps;
	p->mark = 0;
	if (required)
		s->nrequired++;
	return p;
}

static void
normalize(struct evb_schema *s)
{
	if (s->types & EVB_ST_NUMBER)
		s->types &= ~(unsigned)EVB_ST_INTEGER;
}

struct evb_schema *
evb_schema_infer(const struct evb_jv *v)
{
	struct evb_schema *s = evb_schema_new(value_bit(v));

	switch (v->type) {
	case EVB_JSTRING:
		s->datetime = evb_schema_is_datetime(v->u.str, v->n);
		break;
	case EVB_JARRAY:
		for (size_t i = 0; i < v->n; i++) {
			struct evb_schema *it = evb_schema_infer(v->u.items[i]);

			if (s->items == NULL)
				s->items = it;
			else {
				evb_schema_merge(s->items, it);
				evb_schema_free(it);
			}
		}
		break;
	case EVB_JOBJECT:
		for (size_t i = 0; i < v->n; i++) {
			const struct evb_jmember *m = &v->u.members[i];

			evb_schema_add_prop(s, m->key, m->klen, true,
			    evb_schema_infer(m->val));
		}
		break;
	default:
		break;
	}
	return s;
}

static void
merge_props(struct evb_schema *dst, const struct evb_schema *src)
{
	bool dobj = dst->types & EVB_ST_OBJECT, sobj = src->types & EVB_ST_OBJECT;

	/* Only objects seen on both sides make a property optional. */
	if (dobj && sobj)
		for (size_t i = 0; i < dst->nprops; i++) {
			struct evb_sprop *p = &dst->props[i];

			if (p->required && evb_schema_prop(src, p->key,
			    p->klen) == NULL) {
				p->required = false;
				dst->nrequired--;
			}
		}
	for (size_t i = 0; i < src->nprops; i++) {
		const struct evb_sprop *q = &src->props[i];
		struct evb_sprop *p = evb_schema_prop(dst, q->key, q->klen);

		if (p != NULL) {
			evb_schema_merge(p->s, q->s);
			if (p->required && !q->required) {
				p->required = false;
				dst->nrequired--;
			}
		} else
			evb_schema_add_prop(dst, q->key, q->klen,
			    q->required && !dobj, evb_schema_dup(q->s));
	}
}

void
evb_schema_merge(struct evb_schema *dst, const struct evb_schema *src)
{
	if (src->types & EVB_ST_STRING)
		dst->datetime = (dst->types & EVB_ST_STRING) ?
		    dst->datetime && src->datetime : src->datetime;
	if (src->items != NULL) {
		if (dst->items == NULL)
			dst->items = evb_schema_dup(src->items);
		else
			evb_schema_merge(dst->items, src->items);
	}
	merge_props(dst, src);
	dst->types |= src->types;
	normalize(dst);
}

static unsigned long accept_mark;

static bool
accepts_object(struct evb_schema *s, const struct evb_jv *v)
{
	unsigned long mark = ++accept_mark;
	size_t nreq = 0;

	for (size_t i = 0; i < v->n; i++) {
		const struct evb_jmember *m = &v->u.members[i];
		struct evb_sprop *p = evb_schema_prop(s, m->key, m->klen);

		if (p == NULL || !evb_schema_accepts(p->s, m->val))
			return false;
		if (p->required && p->mark != mark) {
			p->mark = mark;
			nreq++;
		}
	}
	return nreq == s->nrequired;
}

bool
evb_schema_accepts(struct evb_schema *s, const struct evb_jv *v)
{
	unsigned bit = value_bit(v);

	if (bit == EVB_ST_INTEGER && (s->types & EVB_ST_NUMBER))
		bit = EVB_ST_NUMBER;
	if (!(s->types & bit))
		return false;
	switch (v->type) {
	case EVB_JSTRING:
		return !s->datetime || evb_schema_is_datetime(v->u.str, v->n);
	case EVB_JARRAY:
		if (v->n > 0 && s->items == NULL)
			return false;
		for (size_t i = 0; i < v->n; i++)
			if (!evb_schema_accepts(s->items, v->u.items[i]))
				return false;
		return true;
	case EVB_JOBJECT:
		return accepts_object(s, v);
	default:
		return true;
	}
}

bool
evb_schema_equal(const struct evb_schema *a, const struct evb_schema *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	if (a->types != b->types || a->nprops != b->nprops ||
	    ((a->types & EVB_ST_STRING) && a->datetime != b->datetime) ||
	    !evb_schema_equal(a->items, b->items))
		return false;
	for (size_t i = 0; i < a->nprops; i++)
		if (keycmp(a->props[i].key, a->props[i].klen, b->props[i].key,
		    b->props[i].klen) != 0 ||
		    a->props[i].required != b->props[i].required ||
		    !evb_schema_equal(a->props[i].s, b->props[i].s))
			return false;
	return true;
}

void
evb_schema_ptr_add(struct evb_buf *b, const char *p, size_t n)
{
	evb_buf_addc(b, '/');
	for (size_t i = 0; i < n; i++)
		if (p[i] == '~')
			evb_buf_adds(b, "~0");
		else if (p[i] == '/')
			evb_buf_adds(b, "~1");
		else
			evb_buf_addc(b, p[i]);
}

static int
mismatch(const struct evb_schema *s, const struct evb_jv *v,
    struct evb_err *e)
{
	struct evb_buf t = EVB_BUF_INIT;

	evb_schema_types_str(&t, s->types, s->datetime);
	if ((s->types & value_bit(v)) || (v->type == EVB_JNUMBER &&
	    (s->types & EVB_ST_NUMBER)))
		evb_err_set(e, "expected %s, found a string that is not an RFC "
		    "3339 date-time", evb_buf_cstr(&t));
	else
		evb_err_set(e, "expected %s, found %s", evb_buf_cstr(&t),
		    evb_schema_type_name(value_bit(v)));
	evb_buf_fini(&t);
	return -1;
}

/* Required properties first (in schema order), then the members. */
static int
validate_object(struct evb_schema *s, const struct evb_jv *v,
    struct evb_buf *ptr, struct evb_err *e)
{
	unsigned long mark = ++accept_mark;
	size_t mark_len = ptr->len, nreq = 0;

	for (size_t i = 0; i < v->n; i++) {
		const struct evb_jmember *m = &v->u.members[i];
		struct evb_sprop *p = evb_schema_prop(s, m->key, m->klen);

		if (p != NULL && p->required && p->mark != mark) {
			p->mark = mark;
			nreq++;
		}
	}
	for (size_t i = 0; nreq < s->nrequired && i < s->nprops; i++) {
		const struct evb_sprop *p = &s->props[i];
		struct evb_buf t = EVB_BUF_INIT;

		if (!p->required || p->mark == mark)
			continue;
		evb_schema_ptr_add(ptr, p->key, p->klen);
		evb_schema_types_str(&t, p->s->types, p->s->datetime);
		evb_err_set(e, "required property missing (expected %s)",
		    evb_buf_cstr(&t));
		evb_buf_fini(&t);
		return -1;
	}
	for (size_t i = 0; i < v->n; i++) {
		const struct evb_jmember *m = &v->u.members[i];
		struct evb_sprop *p = evb_schema_prop(s, m->key, m->klen);

		if (p == NULL)
			continue;
		evb_schema_ptr_add(ptr, m->key, m->klen);
		if (evb_schema_validate(p->s, m->val, ptr, e) == -1)
			return -1;
		ptr->len = mark_len;
	}
	return 0;
}

int
evb_schema_validate(struct evb_schema *s, const struct evb_jv *v,
    struct evb_buf *ptr, struct evb_err *e)
{
	unsigned bit = value_bit(v);
	size_t mark = ptr->len;

	if (bit == EVB_ST_INTEGER && (s->types & EVB_ST_NUMBER))
		bit = EVB_ST_NUMBER;
	if (!(s->types & bit))
		return mismatch(s, v, e);
	switch (v->type) {
	case EVB_JSTRING:
		if (s->datetime && !evb_schema_is_datetime(v->u.str, v->n))
			return mismatch(s, v, e);
		return 0;
	case EVB_JARRAY:
		if (s->items == NULL)
			return 0;
		for (size_t i = 0; i < v->n; i++) {
			evb_buf_printf(ptr, "/%zu", i);
			if (evb_schema_validate(s->items, v->u.items[i], ptr,
			    e) == -1)
				return -1;
			ptr->len = mark;
		}
		return 0;
	case EVB_JOBJECT:
		return validate_object(s, v, ptr, e);
	default:
		return 0;
	}
}

static bool
isalnum_ascii(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

void
evb_schema_pascal(struct evb_buf *b, const char *p, size_t n)
{
	size_t start = b->len;
	bool word = false;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];

		if (!isalnum_ascii(c)) {
			word = false;
			continue;
		}
		if (!word && c >= 'a' && c <= 'z')
			c = (unsigned char)(c - 'a' + 'A');
		evb_buf_addc(b, (char)c);
		word = true;
	}
	if (b->len == start)
		evb_buf_adds(b, "Event");
}

void
evb_schema_name(struct evb_buf *b, const char *src, size_t slen,
    const char *dt, size_t dlen)
{
	size_t start = b->len;

	for (size_t i = 0; i < slen; i++) {
		unsigned char c = (unsigned char)src[i];

		evb_buf_addc(b, c == '/' || c < 0x20 || c == 0x7f ||
		    (i == 0 && c == '.') ? '-' : (char)c);
	}
	if (slen == 0)
		evb_buf_addc(b, '-');
	evb_buf_addc(b, '@');
	evb_schema_pascal(b, dt, dlen);
	/* A file name, with room for a "-N" suffix; cut between characters. */
	if (b->len - start > EVB_SCHEMA_NAME_MAX) {
		b->len = start + EVB_SCHEMA_NAME_MAX;
		while (b->len > start && ((unsigned char)b->p[b->len] & 0xc0) ==
		    0x80)
			b->len--;
	}
}
