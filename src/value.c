/*
 * Operator semantics for one value.
 */
#include "value.h"

#include <string.h>

#include "casefold.h"
#include "number.h"

void
evb_value_init(struct evb_value *v, enum evb_jtype type, const char *s,
    size_t n, struct evb_buf *fold)
{
	v->type = type;
	v->s = s;
	v->n = n;
	v->num_state = 0;
	v->ip_state = 0;
	v->folded_ok = false;
	v->fold = fold;
}

bool
evb_value_number(struct evb_value *v, double *out)
{
	if (v->type != EVB_JNUMBER)
		return false;
	if (v->num_state == 0)
		v->num_state = evb_number_comparable(v->s, v->n, &v->num) ?
		    1 : -1;
	*out = v->num;
	return v->num_state > 0;
}

const struct evb_ip *
evb_value_ip(struct evb_value *v)
{
	if (v->type != EVB_JSTRING)
		return NULL;
	if (v->ip_state == 0)
		v->ip_state = evb_ip_parse(v->s, v->n, &v->ip) ? 1 : -1;
	return v->ip_state > 0 ? &v->ip : NULL;
}

const char *
evb_value_folded(struct evb_value *v, size_t *n)
{
	if (!v->folded_ok) {
		v->fold_off = v->fold->len;
		evb_casefold(v->fold, v->s, v->n);
		v->nfold = v->fold->len - v->fold_off;
		v->folded_ok = true;
	}
	*n = v->nfold;
	/* An empty form may have left the buffer unallocated. */
	if (v->fold->p == NULL)
		return "";
	/* The buffer may have moved since: always go through its base. */
	return v->fold->p + v->fold_off;
}

static bool
has_prefix(const char *s, size_t n, const char *p, size_t pn)
{
	return n >= pn && memcmp(s, p, pn) == 0;
}

static bool
has_suffix(const char *s, size_t n, const char *p, size_t pn)
{
	return n >= pn && memcmp(s + n - pn, p, pn) == 0;
}

static bool
same(const char *s, size_t n, const char *p, size_t pn)
{
	return n == pn && memcmp(s, p, n) == 0;
}

/* Whether a string-shaped exclusion list excludes the value. */
static bool
excluded(const struct evb_alt *a, struct evb_value *v)
{
	const char *f = NULL;
	size_t fn = 0;
	double num;

	if (a->op == EVB_OP_AB_NUMBERS) {
		if (!evb_value_number(v, &num))
			return false;
		for (size_t i = 0; i < a->nitems; i++)
			if (a->items[i].num == num)
				return true;
		return false;
	}
	/* Strings only ever exclude strings. */
	if (v->type != EVB_JSTRING)
		return false;
	if (a->op == EVB_OP_AB_EIC)
		f = evb_value_folded(v, &fn);
	for (size_t i = 0; i < a->nitems; i++) {
		const struct evb_abitem *it = &a->items[i];

		switch (a->op) {
		case EVB_OP_AB_STRINGS:
			if (same(v->s, v->n, it->s, it->n))
				return true;
			break;
		case EVB_OP_AB_PREFIX:
			if (has_prefix(v->s, v->n, it->s, it->n))
				return true;
			break;
		case EVB_OP_AB_SUFFIX:
			if (has_suffix(v->s, v->n, it->s, it->n))
				return true;
			break;
		case EVB_OP_AB_EIC:
			if (same(f, fn, it->s, it->n))
				return true;
			break;
		case EVB_OP_AB_WILDCARD:
			if (evb_wildcard_match(&it->wc, v->s, v->n))
				return true;
			break;
		default:
			break;
		}
	}
	return false;
}

static bool
string_match(const struct evb_alt *a, struct evb_value *v)
{
	const char *f;
	size_t fn;

	switch (a->op) {
	case EVB_OP_STRING:
		return same(v->s, v->n, a->s, a->n);
	case EVB_OP_PREFIX:
		return has_prefix(v->s, v->n, a->s, a->n);
	case EVB_OP_SUFFIX:
		return has_suffix(v->s, v->n, a->s, a->n);
	case EVB_OP_WILDCARD:
		return evb_wildcard_match(&a->wc, v->s, v->n);
	case EVB_OP_IP:
	case EVB_OP_CIDR:
		return evb_value_ip(v) != NULL &&
		    evb_iprange_has(&a->range, &v->ip);
	default:
		break;
	}
	f = evb_value_folded(v, &fn);
	switch (a->op) {
	case EVB_OP_EIC:
		return same(f, fn, a->s, a->n);
	case EVB_OP_PREFIX_EIC:
		return has_prefix(f, fn, a->s, a->n);
	case EVB_OP_SUFFIX_EIC:
		return has_suffix(f, fn, a->s, a->n);
	default:
		return false;
	}
}

bool
evb_alt_match(const struct evb_alt *a, struct evb_value *v)
{
	double num;

	switch (a->op) {
	case EVB_OP_EXISTS:
		return true;
	case EVB_OP_ABSENT:
		return false;
	case EVB_OP_TRUE:
		return v->type == EVB_JTRUE;
	case EVB_OP_FALSE:
		return v->type == EVB_JFALSE;
	case EVB_OP_NULL:
		return v->type == EVB_JNULL;
	case EVB_OP_NUMBER:
		if (v->type != EVB_JNUMBER)
			return false;
		if (same(v->s, v->n, a->s, a->n))
			return true;
		return a->comparable && evb_value_number(v, &num) &&
		    num == a->num;
	case EVB_OP_NUMERIC:
		if (!evb_value_number(v, &num))
			return false;
		return (a->lo_open ? num > a->lo : num >= a->lo) &&
		    (a->hi_open ? num < a->hi : num <= a->hi);
	case EVB_OP_AB_STRINGS:
	case EVB_OP_AB_NUMBERS:
	case EVB_OP_AB_PREFIX:
	case EVB_OP_AB_SUFFIX:
	case EVB_OP_AB_EIC:
	case EVB_OP_AB_WILDCARD:
		return !excluded(a, v);
	default:
		return v->type == EVB_JSTRING && string_match(a, v);
	}
}
