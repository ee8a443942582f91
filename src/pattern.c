/*
 * Compiling event patterns.  The checks follow EventBridge's compiler: in
 * document order, so the first problem in the text is the one reported,
 * with its messages word for word.
 */
#include "pattern.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "casefold.h"
#include "number.h"

#define REASON	"Event pattern is not valid. Reason: "

/* One sub-rule being built: field path -> alternatives, last write wins. */
struct field {
	const char	*path;
	size_t		 plen;
	struct evb_alt	*alts;
	size_t		 nalts;
};

struct draft {
	struct field	*f;
	size_t		 n, cap;
};

struct drafts {
	struct draft	*d;
	size_t		 n, cap;
};

struct compiler {
	struct evb_arena	*a;
	const char		*text;
	struct evb_err		*err;
	bool			 failed;
	struct drafts		 rules;
	size_t			 depth;	/* of nested objects */
	char			 msg[160];
};

static int
fail(struct compiler *c, const struct evb_jv *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
fail(struct compiler *c, const struct evb_jv *at, const char *fmt, ...)
{
	char reason[400];
	va_list ap;

	if (c->failed)
		return -1;
	c->failed = true;
	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	evb_err_set(c->err, REASON "%s", reason);
	if (c->err != NULL && at != NULL)
		c->err->col = at->start + 1;
	return -1;
}

/* What Jackson's getText() shows for a token, in messages. */
static const char *
token_text(const struct evb_jv *v)
{
	switch (v->type) {
	case EVB_JOBJECT:
		return "{";
	case EVB_JARRAY:
		return "[";
	case EVB_JNULL:
		return "null";
	case EVB_JTRUE:
		return "true";
	case EVB_JFALSE:
		return "false";
	default:
		return v->u.str;
	}
}

static bool
is_key(const struct evb_jmember *m, const char *k)
{
	return m->klen == strlen(k) && memcmp(m->key, k, m->klen) == 0;
}

/* Drafts */

static void
draft_put(struct compiler *c, struct draft *d, const char *path, size_t plen,
    struct evb_alt *alts, size_t nalts)
{
	(void)c;
	for (size_t i = 0; i < d->n; i++)
		if (d->f[i].plen == plen && memcmp(d->f[i].path, path, plen) == 0) {
			d->f[i].alts = alts;
			d->f[i].nalts = nalts;
			return;
		}
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->f = xreallocarray(d->f, d->cap, sizeof(*d->f));
	}
	d->f[d->n].path = path;
	d->f[d->n].plen = plen;
	d->f[d->n].alts = alts;
	d->f[d->n].nalts = nalts;
	d->n++;
}

static void
drafts_add(struct drafts *ds, const struct draft *src)
{
	struct draft *d;

	if (ds->n == ds->cap) {
		ds->cap = ds->cap ? ds->cap * 2 : 4;
		ds->d = xreallocarray(ds->d, ds->cap, sizeof(*ds->d));
	}
	d = &ds->d[ds->n++];
	d->n = d->cap = src != NULL ? src->n : 0;
	d->f = d->n ? xmemdup(src->f, d->n * sizeof(*d->f)) : NULL;
}

static void
drafts_free(struct drafts *ds)
{
	for (size_t i = 0; i < ds->n; i++)
		free(ds->d[i].f);
	free(ds->d);
	memset(ds, 0, sizeof(*ds));
}

static void
drafts_copy(struct drafts *dst, const struct drafts *src)
{
	memset(dst, 0, sizeof(*dst));
	for (size_t i = 0; i < src->n; i++)
		drafts_add(dst, &src->d[i]);
}

/* Alternatives */

static struct evb_alt *
new_alt(struct compiler *c, const struct evb_jv *src, enum evb_op op)
{
	struct evb_alt *a = evb_arena_calloc(c->a, 1, sizeof(*a));

	a->op = op;
	a->src = c->text + src->start;
	a->srclen = src->end - src->start;
	return a;
}

static const char *
folded(struct compiler *c, const char *s, size_t n, size_t *outlen)
{
	struct evb_buf b = EVB_BUF_INIT;
	char *r;

	evb_casefold(&b, s, n);
	*outlen = b.len;
	r = evb_arena_strndup(c->a, b.p ? b.p : "", b.len);
	evb_buf_fini(&b);
	return r;
}

static int
set_string(struct compiler *c, struct evb_alt *a, const struct evb_jv *v,
    bool fold)
{
	if (fold)
		a->s = folded(c, v->u.str, v->n, &a->n);
	else {
		a->s = v->u.str;
		a->n = v->n;
	}
	return 0;
}

static int
wildcard(struct compiler *c, struct evb_wildcard *wc, const struct evb_jv *v)
{
	char buf[96];
	const char *why = evb_wildcard_parse(c->a, v->u.str, v->n, wc, buf,
	    sizeof(buf));

	return why != NULL ? fail(c, v, "%s", why) : 0;
}

/* The only member of a one-member match expression, or an error. */
static int
only_key(struct compiler *c, const struct evb_jv *expr, const char *msg)
{
	if (expr->n > 1)
		return fail(c, expr->u.members[1].val, "%s", msg);
	return 0;
}

#define ONE_KEY	"Only one key allowed in match expression"
#define TOO_MANY "Too many elements in numeric expression"

/* prefix / suffix, plain or {"equals-ignore-case": ...} */
static struct evb_alt *
affix(struct compiler *c, const struct evb_jv *expr, const struct evb_jv *v,
    bool prefix)
{
	const char *what = prefix ? "prefix" : "suffix";
	struct evb_alt *a;

	if (v->type == EVB_JOBJECT) {
		const struct evb_jmember *m;

		if (v->n == 0) {
			fail(c, v, "%s expression name not found", prefix ?
			    "Prefix" : "Suffix");
			return NULL;
		}
		m = &v->u.members[0];
		if (!is_key(m, "equals-ignore-case")) {
			fail(c, m->val, "Unsupported %s pattern: %s", what, m->key);
			return NULL;
		}
		if (m->val->type != EVB_JSTRING) {
			fail(c, m->val, "equals-ignore-case match pattern must "
			    "be a string");
			return NULL;
		}
		if (only_key(c, v, ONE_KEY) == -1)
			return NULL;
		a = new_alt(c, expr, prefix ? EVB_OP_PREFIX_EIC :
		    EVB_OP_SUFFIX_EIC);
		set_string(c, a, m->val, true);
		return a;
	}
	if (v->type != EVB_JSTRING) {
		fail(c, v, "%s match pattern must be a string", what);
		return NULL;
	}
	a = new_alt(c, expr, prefix ? EVB_OP_PREFIX : EVB_OP_SUFFIX);
	set_string(c, a, v, false);
	return a;
}

/* A number operand of "numeric": it must be one EventBridge can compare. */
static int
numeric_value(struct compiler *c, const struct evb_jv *v, const char *op)
{
	if (v == NULL || v->type != EVB_JNUMBER)
		return fail(c, v, "Value of %s must be numeric",
		    strcmp(op, "=") == 0 ? "equals" : op);
	return 0;
}

static int
comparable(struct compiler *c, const struct evb_jv *v, double *out)
{
	if (!evb_number_comparable(v->u.str, v->n, out))
		return fail(c, v, "Cannot compare number : %s", v->u.str);
	return 0;
}

static struct evb_alt *
numeric(struct compiler *c, const struct evb_jv *expr, const struct evb_jv *v)
{
	struct evb_jv *const *it = v->u.items;
	struct evb_alt *a;
	const char *op, *op2;
	const struct evb_jv *lo = NULL, *hi = NULL;

	if (v->type != EVB_JARRAY) {
		fail(c, v, "Value of numeric must be an array.");
		return NULL;
	}
	if (v->n == 0 || it[0]->type != EVB_JSTRING) {
		fail(c, v->n ? it[0] : v, "Invalid member in numeric match: %s",
		    v->n ? token_text(it[0]) : "]");
		return NULL;
	}
	a = new_alt(c, expr, EVB_OP_NUMERIC);
	a->lo = -1.7976931348623157e308;
	a->hi = 1.7976931348623157e308;
	op = it[0]->u.str;
	if (strcmp(op, "=") == 0 || strcmp(op, "<") == 0 ||
	    strcmp(op, "<=") == 0) {
		if (numeric_value(c, v->n > 1 ? it[1] : NULL, op) == -1)
			return NULL;
		if (v->n > 2) {
			fail(c, it[2], TOO_MANY);
			return NULL;
		}
		hi = it[1];
		if (comparable(c, hi, &a->hi) == -1)
			return NULL;
		if (op[0] == '=')
			a->lo = a->hi;
		a->hi_open = strcmp(op, "<") == 0;
		return a;
	}
	if (strcmp(op, ">") != 0 && strcmp(op, ">=") != 0) {
		fail(c, it[0], "Unrecognized numeric range operator: %s", op);
		return NULL;
	}
	if (numeric_value(c, v->n > 1 ? it[1] : NULL, op) == -1)
		return NULL;
	lo = it[1];
	a->lo_open = op[1] == '\0';
	if (v->n > 2) {
		if (it[2]->type != EVB_JSTRING) {
			fail(c, it[2], "Bad value in numeric range: %s",
			    token_text(it[2]));
			return NULL;
		}
		op2 = it[2]->u.str;
		if (strcmp(op2, "<") != 0 && strcmp(op2, "<=") != 0) {
			fail(c, it[2], "Bad numeric range operator: %s", op2);
			return NULL;
		}
		if (numeric_value(c, v->n > 3 ? it[3] : NULL, op2) == -1)
			return NULL;
		if (v->n > 4) {
			fail(c, it[4], "Too many terms in numeric range "
			    "expression");
			return NULL;
		}
		hi = it[3];
		a->hi_open = op2[1] == '\0';
	}
	if (comparable(c, lo, &a->lo) == -1 ||
	    (hi != NULL && comparable(c, hi, &a->hi) == -1))
		return NULL;
	if (hi != NULL && !(a->lo < a->hi)) {
		fail(c, hi, "Bottom must be less than top");
		return NULL;
	}
	return a;
}

/* anything-but {"prefix"|"suffix"|"equals-ignore-case"|"wildcard": ...} */
static struct evb_alt *
anything_but_sub(struct compiler *c, const struct evb_jv *expr,
    const struct evb_jv *v)
{
	static const struct {
		const char	*name;
		enum evb_op	 op;
		const char	*bad;
	} subs[] = {
		{ "equals-ignore-case", EVB_OP_AB_EIC, "Inside anything-but/"
		    "equals-ignore-case list, number|start|null|boolean is not "
		    "supported." },
		{ "prefix", EVB_OP_AB_PREFIX, "prefix/suffix match pattern must "
		    "be a string" },
		{ "suffix", EVB_OP_AB_SUFFIX, "prefix/suffix match pattern must "
		    "be a string" },
		{ "wildcard", EVB_OP_AB_WILDCARD, "wildcard match pattern must "
		    "be a string" },
	};
	const struct evb_jmember *m;
	const struct evb_jv *val, *const *items;
	struct evb_alt *a;
	size_t k, n;

	if (v->n == 0) {
		fail(c, v, "Anything-But expression name not found");
		return NULL;
	}
	m = &v->u.members[0];
	for (k = 0; k < sizeof(subs) / sizeof(subs[0]); k++)
		if (is_key(m, subs[k].name))
			break;
	if (k == sizeof(subs) / sizeof(subs[0])) {
		fail(c, m->val, "Unsupported anything-but pattern: %s", m->key);
		return NULL;
	}
	val = m->val;
	if (val->type != EVB_JARRAY && val->type != EVB_JSTRING &&
	    val->type != EVB_JNUMBER) {
		fail(c, val, "Value of anything-but must be an array or single "
		    "string/number value.");
		return NULL;
	}
	items = val->type == EVB_JARRAY ? (const struct evb_jv *const *)
	    val->u.items : &val;
	n = val->type == EVB_JARRAY ? val->n : 1;
	a = new_alt(c, expr, subs[k].op);
	a->items = evb_arena_calloc(c->a, n, sizeof(*a->items));
	for (size_t i = 0; i < n; i++) {
		const struct evb_jv *e = items[i];
		struct evb_abitem *it = &a->items[i];

		if (e->type != EVB_JSTRING) {
			fail(c, e, "%s", subs[k].bad);
			return NULL;
		}
		if ((subs[k].op == EVB_OP_AB_PREFIX ||
		    subs[k].op == EVB_OP_AB_SUFFIX) && e->n == 0) {
			fail(c, e, "Null prefix/suffix not allowed");
			return NULL;
		}
		if (subs[k].op == EVB_OP_AB_EIC)
			it->s = folded(c, e->u.str, e->n, &it->n);
		else {
			it->s = e->u.str;
			it->n = e->n;
		}
		if (subs[k].op == EVB_OP_AB_WILDCARD &&
		    wildcard(c, &it->wc, e) == -1)
			return NULL;
	}
	a->nitems = n;
	if (v->n > 1) {
		fail(c, v->u.members[1].val, TOO_MANY);
		return NULL;
	}
	return a;
}

static struct evb_alt *
anything_but(struct compiler *c, const struct evb_jv *expr,
    const struct evb_jv *v)
{
	const struct evb_jv *const *items;
	struct evb_alt *a;
	size_t n, strings = 0;

	if (v->type == EVB_JOBJECT)
		return anything_but_sub(c, expr, v);
	if (v->type != EVB_JARRAY && v->type != EVB_JSTRING &&
	    v->type != EVB_JNUMBER) {
		fail(c, v, "Value of anything-but must be an array or single "
		    "string/number value.");
		return NULL;
	}
	items = v->type == EVB_JARRAY ? (const struct evb_jv *const *)
	    v->u.items : &v;
	n = v->type == EVB_JARRAY ? v->n : 1;
	for (size_t i = 0; i < n; i++) {
		if (items[i]->type != EVB_JSTRING &&
		    items[i]->type != EVB_JNUMBER) {
			fail(c, items[i], "Inside anything but list, "
			    "start|null|boolean is not supported.");
			return NULL;
		}
		strings += items[i]->type == EVB_JSTRING;
	}
	if (n == 0 || (strings != 0 && strings != n)) {
		fail(c, v, "Inside anything but list, either all values are "
		    "number or string, mixed type is not supported");
		return NULL;
	}
	a = new_alt(c, expr, strings ? EVB_OP_AB_STRINGS : EVB_OP_AB_NUMBERS);
	a->items = evb_arena_calloc(c->a, n, sizeof(*a->items));
	a->nitems = n;
	for (size_t i = 0; i < n; i++) {
		a->items[i].s = items[i]->u.str;
		a->items[i].n = items[i]->n;
		if (!strings && comparable(c, items[i], &a->items[i].num) == -1)
			return NULL;
	}
	return a;
}

static struct evb_alt *
cidr(struct compiler *c, const struct evb_jv *expr, const struct evb_jv *v)
{
	char buf[128];
	const char *why;
	struct evb_alt *a;

	/* EventBridge's wording, which names prefix here. */
	if (v->type != EVB_JSTRING) {
		fail(c, v, "prefix match pattern must be a string");
		return NULL;
	}
	a = new_alt(c, expr, EVB_OP_CIDR);
	if ((why = evb_cidr_parse(v->u.str, v->n, &a->range, buf,
	    sizeof(buf))) != NULL) {
		fail(c, v, "%s", why);
		return NULL;
	}
	a->s = v->u.str;
	a->n = v->n;
	return a;
}

static struct evb_alt *
string_operand(struct compiler *c, const struct evb_jv *expr,
    const struct evb_jv *v, enum evb_op op, const char *what)
{
	struct evb_alt *a;

	if (v->type != EVB_JSTRING) {
		fail(c, v, "%s match pattern must be a string", what);
		return NULL;
	}
	a = new_alt(c, expr, op);
	set_string(c, a, v, op == EVB_OP_EIC);
	if (op == EVB_OP_WILDCARD && wildcard(c, &a->wc, v) == -1)
		return NULL;
	return a;
}

/* An object in a value list: {"operator": operand}. */
static struct evb_alt *
match_expression(struct compiler *c, const struct evb_jv *expr)
{
	const struct evb_jmember *m;
	const struct evb_jv *v;
	struct evb_alt *a = NULL;

	if (expr->n == 0) {
		fail(c, expr, "Match expression name not found");
		return NULL;
	}
	m = &expr->u.members[0];
	v = m->val;
	if (is_key(m, "prefix") || is_key(m, "suffix"))
		a = affix(c, expr, v, is_key(m, "prefix"));
	else if (is_key(m, "equals-ignore-case"))
		a = string_operand(c, expr, v, EVB_OP_EIC, "equals-ignore-case");
	else if (is_key(m, "wildcard"))
		a = string_operand(c, expr, v, EVB_OP_WILDCARD, "wildcard");
	else if (is_key(m, "cidr"))
		a = cidr(c, expr, v);
	else if (is_key(m, "numeric")) {
		if ((a = numeric(c, expr, v)) != NULL && expr->n > 1) {
			fail(c, expr->u.members[1].val, TOO_MANY);
			return NULL;
		}
		return a;
	} else if (is_key(m, "anything-but")) {
		if ((a = anything_but(c, expr, v)) != NULL && expr->n > 1) {
			fail(c, expr->u.members[1].val, TOO_MANY);
			return NULL;
		}
		return a;
	} else if (is_key(m, "exists")) {
		if (v->type != EVB_JTRUE && v->type != EVB_JFALSE) {
			fail(c, v, "exists match pattern must be either true or "
			    "false.");
			return NULL;
		}
		a = new_alt(c, expr, v->type == EVB_JTRUE ? EVB_OP_EXISTS :
		    EVB_OP_ABSENT);
	} else {
		fail(c, expr, "Unrecognized match type %s", m->key);
		return NULL;
	}
	if (a == NULL || only_key(c, expr, ONE_KEY) == -1)
		return NULL;
	return a;
}

/* A plain value in a value list. */
static struct evb_alt *
exact(struct compiler *c, const struct evb_jv *v)
{
	struct evb_alt *a;
	struct evb_ip ip;

	switch (v->type) {
	case EVB_JSTRING:
		/* An address matches its every spelling. */
		if (evb_ip_parse(v->u.str, v->n, &ip)) {
			a = new_alt(c, v, EVB_OP_IP);
			evb_iprange_single(&a->range, &ip);
		} else
			a = new_alt(c, v, EVB_OP_STRING);
		set_string(c, a, v, false);
		return a;
	case EVB_JNUMBER:
		a = new_alt(c, v, EVB_OP_NUMBER);
		set_string(c, a, v, false);
		a->comparable = evb_number_comparable(v->u.str, v->n, &a->num);
		return a;
	case EVB_JTRUE:
		return new_alt(c, v, EVB_OP_TRUE);
	case EVB_JFALSE:
		return new_alt(c, v, EVB_OP_FALSE);
	case EVB_JNULL:
		return new_alt(c, v, EVB_OP_NULL);
	default:
		fail(c, v, "Match value must be String, number, true, false, or "
		    "null");
		return NULL;
	}
}

/* A value list: the alternatives for one field. */
static int
value_list(struct compiler *c, const struct evb_jv *list, const char *path,
    size_t plen)
{
	struct evb_alt *alts;

	if (list->n == 0)
		return fail(c, list, "Empty arrays are not allowed");
	alts = evb_arena_calloc(c->a, list->n, sizeof(*alts));
	for (size_t i = 0; i < list->n; i++) {
		const struct evb_jv *v = list->u.items[i];
		struct evb_alt *a = v->type == EVB_JOBJECT ?
		    match_expression(c, v) : exact(c, v);

		if (a == NULL)
			return -1;
		alts[i] = *a;
	}
	path = evb_arena_strndup(c->a, path, plen);
	if (c->rules.n == 0)
		drafts_add(&c->rules, NULL);
	for (size_t i = 0; i < c->rules.n; i++)
		draft_put(c, &c->rules.d[i], path, plen, alts, list->n);
	return 0;
}

static const char *const reserved[] = {
	"exactly", "equals-ignore-case", "prefix", "suffix", "anything-but",
	"exists", "wildcard", "numeric", "cidr", "=", "<", "<=", ">", ">=",
	"regex", "not-wildcard", "not-equals-ignore-case", "date-after",
	"date-on-or-after", "date-before", "date-on-or-before",
	"in-date-range", "ip-address-in-range", "ip-address-not-in-range",
	NULL
};

static int object(struct compiler *, const struct evb_jv *, struct evb_buf *,
	    bool);

/* "$or": each branch continues every sub-rule built so far. */
static int
or_branches(struct compiler *c, const struct evb_jv *v, struct evb_buf *path)
{
	struct drafts before, after;
	size_t n = 0;
	int rc = 0;

	if (v->type != EVB_JARRAY)
		return fail(c, v, "It must be an Array followed with $or.");
	before = c->rules;
	memset(&after, 0, sizeof(after));
	for (size_t i = 0; i < v->n && rc == 0; i++) {
		const struct evb_jv *b = v->u.items[i];

		n++;
		if (b->type != EVB_JOBJECT) {
			rc = fail(c, b, "Only JSON object is allowed in array "
			    "of $or relationship.");
			break;
		}
		drafts_copy(&c->rules, &before);
		if (c->rules.n == 0)
			drafts_add(&c->rules, NULL);
		rc = object(c, b, path, true);
		for (size_t k = 0; k < c->rules.n; k++)
			drafts_add(&after, &c->rules.d[k]);
		drafts_free(&c->rules);
		if (after.n > EVB_PATTERN_MAX_OR && rc == 0)
			rc = fail(c, v, "The event pattern has more than %d "
			    "combinations of $or", EVB_PATTERN_MAX_OR);
	}
	if (rc == 0 && n < 2)
		rc = fail(c, v, "There must have at least 2 Objects in $or "
		    "relationship.");
	drafts_free(&before);
	c->rules = after;
	return rc;
}

static int
object(struct compiler *c, const struct evb_jv *obj, struct evb_buf *path,
    bool in_or)
{
	size_t base = path->len;

	if (obj->n == 0)
		return fail(c, obj, "Empty objects are not allowed");
	for (size_t i = 0; i < obj->n; i++) {
		const struct evb_jmember *m = &obj->u.members[i];
		int rc;

		if (is_key(m, "$or")) {
			if (or_branches(c, m->val, path) == -1)
				return -1;
			continue;
		}
		if (in_or)
			for (size_t k = 0; reserved[k] != NULL; k++)
				if (is_key(m, reserved[k]))
					return fail(c, m->val, "%s is Ruler "
					    "reserved fieldName which cannot be "
					    "used inside $or.", m->key);
		path->len = base;
		/*
		 * Ruler's paths: an object below the top adds a step even
		 * after an empty key; a value list adds one to a non-empty path.
		 */
		if (base > 0 || (c->depth > 0 && m->val->type == EVB_JOBJECT))
			evb_buf_addc(path, '.');
		evb_buf_add(path, m->key, m->klen);
		if (m->val->type == EVB_JOBJECT) {
			c->depth++;
			rc = object(c, m->val, path, in_or);
			c->depth--;
		} else if (m->val->type == EVB_JARRAY)
			rc = value_list(c, m->val, path->p, path->len);
		else
			rc = fail(c, m->val, "\"%s\" must be an object or an "
			    "array", m->key);
		path->len = base;
		if (rc == -1)
			return -1;
	}
	return 0;
}

static int
cmp_cond(const void *x, const void *y)
{
	const struct evb_cond *a = x, *b = y;
	size_t n = a->plen < b->plen ? a->plen : b->plen;
	int r = memcmp(a->path, b->path, n);

	if (r != 0)
		return r;
	return a->plen < b->plen ? -1 : a->plen > b->plen;
}

static int
finish(struct compiler *c, struct evb_pattern *p)
{
	p->nsubs = c->rules.n;
	p->subs = evb_arena_calloc(c->a, p->nsubs, sizeof(*p->subs));
	for (size_t i = 0; i < c->rules.n; i++) {
		struct draft *d = &c->rules.d[i];
		struct evb_subrule *s = &p->subs[i];

		if (d->n > EVB_PATTERN_MAX_FIELDS)
			return fail(c, NULL, "The event pattern names more than "
			    "%d fields", EVB_PATTERN_MAX_FIELDS);
		s->nconds = d->n;
		s->conds = evb_arena_calloc(c->a, d->n, sizeof(*s->conds));
		for (size_t k = 0; k < d->n; k++) {
			s->conds[k].path = d->f[k].path;
			s->conds[k].plen = d->f[k].plen;
			s->conds[k].alts = d->f[k].alts;
			s->conds[k].nalts = d->f[k].nalts;
		}
		qsort(s->conds, s->nconds, sizeof(*s->conds), cmp_cond);
	}
	return 0;
}

/* Wildcard patterns of one path, each counted once (sub-rules share alternatives). */
struct wcset {
	const char	**pats;
	size_t		 *lens;
	int		 *ident;
	const struct evb_alt **seen;
	size_t		  n, cap, nseen;
};

static void
wc_add(struct wcset *w, const char *s, size_t n, int ident)
{
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 8;
		w->pats = xreallocarray(w->pats, w->cap, sizeof(*w->pats));
		w->lens = xreallocarray(w->lens, w->cap, sizeof(*w->lens));
		w->ident = xreallocarray(w->ident, w->cap, sizeof(*w->ident));
	}
	w->pats[w->n] = s;
	w->lens[w->n] = n;
	w->ident[w->n++] = ident;
}

static void
wc_collect(struct wcset *w, const struct evb_cond *cd)
{
	for (size_t i = 0; i < cd->nalts; i++) {
		const struct evb_alt *a = &cd->alts[i];
		size_t k;

		if (a->op != EVB_OP_WILDCARD && a->op != EVB_OP_AB_WILDCARD)
			continue;
		for (k = 0; k < w->nseen && w->seen[k] != a; k++)
			;
		if (k < w->nseen)
			continue;
		w->seen = xreallocarray(w->seen, w->nseen + 1, sizeof(*w->seen));
		w->seen[w->nseen++] = a;
		if (a->op == EVB_OP_WILDCARD)
			wc_add(w, a->s, a->n, (int)w->nseen * 2);
		else
			for (size_t j = 0; j < a->nitems; j++)
				wc_add(w, a->items[j].s, a->items[j].n,
				    (int)w->nseen * 2 + 1);
	}
}

/* Identical texts are one pattern: give them one identity. */
static void
wc_unify(struct wcset *w)
{
	for (size_t i = 0; i < w->n; i++)
		for (size_t j = 0; j < i; j++)
			if (w->ident[j] % 2 == 0 && w->ident[i] % 2 == 0 &&
			    w->lens[i] == w->lens[j] &&
			    memcmp(w->pats[i], w->pats[j], w->lens[i]) == 0) {
				w->ident[i] = w->ident[j];
				break;
			}
}

/* EventBridge refuses rules whose wildcards are too costly to match. */
static int
check_complexity(struct compiler *c, const struct evb_pattern *p, int max)
{
	for (size_t i = 0; i < p->nsubs; i++)
		for (size_t k = 0; k < p->subs[i].nconds; k++) {
			const struct evb_cond *cd = &p->subs[i].conds[k];
			struct wcset w;
			int cx;

			memset(&w, 0, sizeof(w));
			/* All the rule's wildcards on this path, in any sub-rule. */
			for (size_t i2 = 0; i2 < p->nsubs; i2++)
				for (size_t k2 = 0; k2 < p->subs[i2].nconds; k2++) {
					const struct evb_cond *o =
					    &p->subs[i2].conds[k2];

					if (o->plen == cd->plen && memcmp(o->path,
					    cd->path, cd->plen) == 0)
						wc_collect(&w, o);
				}
			wc_unify(&w);
			cx = w.n ? evb_wildcard_complexity(w.pats, w.lens,
			    w.ident, w.n, max + 1) : 0;
			free(w.pats);
			free(w.lens);
			free(w.ident);
			free(w.seen);
			if (cx > max)
				return fail(c, NULL, "Rule is too complex - try "
				    "using fewer wildcard characters or fewer "
				    "repeating character sequences after a "
				    "wildcard character");
		}
	return 0;
}

static size_t
utf8_chars(const char *p, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)p[i] & 0xc0) != 0x80;
	return k;
}

static const struct evb_pattern_limits aws_limits = {
	EVB_PATTERN_MAX_CHARS, EVB_WILDCARD_MAX_COMPLEXITY
};

int
evb_pattern_compile_jv(struct evb_arena *a, const struct evb_jv *root,
    const char *doc, const struct evb_pattern_limits *lim,
    struct evb_pattern *p, struct evb_err *err)
{
	struct compiler c;
	struct evb_buf path = EVB_BUF_INIT;
	int rc;

	memset(&c, 0, sizeof(c));
	memset(p, 0, sizeof(*p));
	c.a = a;
	c.text = doc;
	c.err = err;
	evb_err_clear(err);
	p->text = doc + root->start;
	p->textlen = root->end - root->start;
	if (lim == NULL)
		lim = &aws_limits;
	if (lim->max_chars && utf8_chars(p->text, p->textlen) > lim->max_chars)
		return fail(&c, NULL, "The event pattern is longer than %zu "
		    "characters", lim->max_chars);
	if (root->type != EVB_JOBJECT)
		return fail(&c, root, "Filter is not an object");
	drafts_add(&c.rules, NULL);
	rc = object(&c, root, &path, false);
	if (rc == 0)
		rc = finish(&c, p);
	if (rc == 0 && lim->max_complexity > 0)
		rc = check_complexity(&c, p, lim->max_complexity);
	evb_buf_fini(&path);
	drafts_free(&c.rules);
	return rc;
}

int
evb_pattern_compile(struct evb_arena *a, const char *text, size_t n,
    const struct evb_pattern_limits *lim, struct evb_pattern *p,
    struct evb_err *err)
{
	struct evb_jv *root;

	if ((root = evb_json_parse(a, text, n, 0, err)) == NULL) {
		char reason[sizeof(err->msg)];

		snprintf(reason, sizeof(reason), "%s", err->msg);
		evb_err_set(err, REASON "%s", reason);
		return -1;
	}
	return evb_pattern_compile_jv(a, root, text, lim, p, err);
}

const char *
evb_op_name(enum evb_op op)
{
	static const char *const names[] = {
		"string", "number", "true", "false", "null", "address",
		"prefix", "prefix equals-ignore-case", "suffix",
		"suffix equals-ignore-case", "equals-ignore-case", "wildcard",
		"numeric", "cidr", "exists", "exists false", "anything-but",
		"anything-but", "anything-but prefix", "anything-but suffix",
		"anything-but equals-ignore-case", "anything-but wildcard"
	};

	return (size_t)op < sizeof(names) / sizeof(names[0]) ? names[op] : "?";
}
