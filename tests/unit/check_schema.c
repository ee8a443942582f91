/*
 * schema, schemafmt, schemadiff, registry, catalog: inference, merging,
 * acceptance, validation, documents, versions on disk.
 */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "arena.h"
#include "buf.h"
#include "catalog.h"
#include "json.h"
#include "registry.h"
#include "schema.h"
#include "schemadiff.h"
#include "schemafmt.h"
#include "unit.h"

Suite	*schema_suite(void);

static struct evb_arena arena = EVB_ARENA_INIT;

static struct evb_jv *
parse(const char *text)
{
	struct evb_err e;
	struct evb_jv *v = evb_json_parse(&arena, text, strlen(text), 0, &e);

	ck_assert_msg(v != NULL, "%s: %s", text, e.msg);
	return v;
}

/* The schema of events given one per string, merged in order. */
static struct evb_schema *
learn(const char *const *events, size_t n)
{
	struct evb_schema *s = NULL;

	for (size_t i = 0; i < n; i++) {
		struct evb_schema *t = evb_schema_infer(parse(events[i]));

		if (s == NULL)
			s = t;
		else {
			evb_schema_merge(s, t);
			evb_schema_free(t);
		}
	}
	return s;
}

#define LEARN(...) learn((const char *const []){ __VA_ARGS__ },		\
	sizeof((const char *const []){ __VA_ARGS__ }) / sizeof(char *))

/* A compact description: types, date-time, items and properties. */
static void
describe(struct evb_buf *b, const struct evb_schema *s)
{
	evb_schema_types_str(b, s->types, s->datetime);
	if (s->items != NULL) {
		evb_buf_adds(b, "[");
		describe(b, s->items);
		evb_buf_adds(b, "]");
	}
	if (s->types & EVB_ST_OBJECT) {
		evb_buf_addc(b, '{');
		for (size_t i = 0; i < s->nprops; i++) {
			if (i > 0)
				evb_buf_addc(b, ',');
			evb_buf_add(b, s->props[i].key, s->props[i].klen);
			evb_buf_adds(b, s->props[i].required ? ":" : "?:");
			describe(b, s->props[i].s);
		}
		evb_buf_addc(b, '}');
	}
}

static void
assert_shape(struct evb_schema *s, const char *want)
{
	struct evb_buf b = EVB_BUF_INIT;

	describe(&b, s);
	ck_assert_str_eq(evb_buf_cstr(&b), want);
	evb_buf_fini(&b);
	evb_schema_free(s);
}

static const struct {
	const char	*events[3];
	const char	*shape;
} shapes[] = {
	{ { "null" }, "null" },
	{ { "true", "false" }, "boolean" },
	{ { "1", "-0", "12345678901234567890" }, "integer" },
	{ { "1.5" }, "number" },
	{ { "1e3" }, "number" },
	{ { "1", "2.0" }, "number" },
	{ { "2.5", "7" }, "number" },
	{ { "\"x\"" }, "string" },
	{ { "\"2026-11-26T10:00:00Z\"", "\"2026-01-01T00:00:00.5+01:00\"" },
	    "string(date-time)" },
	{ { "\"2026-11-26T10:00:00Z\"", "\"soon\"" }, "string" },
	{ { "\"x\"", "null" }, "null|string" },
	{ { "1", "\"x\"", "true" }, "boolean|integer|string" },
	{ { "[]" }, "array" },
	{ { "[]", "[1]" }, "array[integer]" },
	{ { "[1, \"a\", null]" }, "array[null|integer|string]" },
	{ { "[[1], [2.5], []]" }, "array[array[number]]" },
	{ { "{}" }, "object{}" },
	{ { "{\"a\":1,\"b\":2}", "{\"a\":3}" }, "object{a:integer,b?:integer}" },
	{ { "{\"a\":1}", "{\"b\":\"x\"}", "{\"a\":2,\"b\":\"y\"}" },
	    "object{a?:integer,b?:string}" },
	{ { "{\"a\":1}", "{\"a\":\"x\"}", "{\"a\":null}" },
	    "object{a:null|integer|string}" },
	{ { "[{\"a\":1},{\"a\":2,\"b\":\"x\"}]" },
	    "array[object{a:integer,b?:string}]" },
	{ { "[{\"a\":{\"b\":[1]}}]", "[{\"a\":{\"b\":[],\"c\":true}}]" },
	    "array[object{a:object{b:array[integer],c?:boolean}}]" },
	{ { "{\"a\":\"x\"}", "{\"a\":{\"b\":1}}" },
	    "object{a:string|object{b:integer}}" },
	{ { "{\"a\":{\"b\":1}}", "{\"a\":\"x\"}", "{\"a\":{\"c\":1}}" },
	    "object{a:string|object{b?:integer,c?:integer}}" },
	{ { "{\"a\":1,\"a\":\"x\"}" }, "object{a:integer|string}" },
};

START_TEST(test_infer_merge)
{
	size_t n = 0;

	while (n < 3 && shapes[_i].events[n] != NULL)
		n++;
	assert_shape(learn(shapes[_i].events, n), shapes[_i].shape);
}
END_TEST

START_TEST(test_deep)
{
	struct evb_buf a = EVB_BUF_INIT, b = EVB_BUF_INIT, p = EVB_BUF_INIT;
	struct evb_schema *s;
	struct evb_err e;
	const int depth = 90;

	for (int i = 0; i < depth; i++) {
		evb_buf_adds(&a, "{\"k\":");
		evb_buf_adds(&b, "{\"k\":");
	}
	evb_buf_adds(&a, "1");
	evb_buf_adds(&b, "\"x\"");
	for (int i = 0; i < depth; i++) {
		evb_buf_addc(&a, '}');
		evb_buf_addc(&b, '}');
	}
	s = evb_schema_infer(parse(evb_buf_cstr(&a)));
	ck_assert(evb_schema_accepts(s, parse(a.p)));
	ck_assert(!evb_schema_accepts(s, parse(evb_buf_cstr(&b))));
	ck_assert_int_eq(evb_schema_validate(s, parse(b.p), &p, &e), -1);
	ck_assert_uint_eq(p.len, 2 * (size_t)depth);
	ck_assert_str_eq(e.msg, "expected integer, found string");
	{
		struct evb_schema *t = evb_schema_infer(parse(b.p));

		evb_schema_merge(s, t);
		evb_schema_free(t);
	}
	ck_assert(evb_schema_accepts(s, parse(a.p)));
	ck_assert(evb_schema_accepts(s, parse(b.p)));
	evb_schema_free(s);
	evb_buf_fini(&a);
	evb_buf_fini(&b);
	evb_buf_fini(&p);
}
END_TEST

/* A random JSON value from a small vocabulary, so that shapes repeat. */
static void
random_json(struct unit_rng *r, struct evb_buf *b, int depth)
{
	static const char *const keys[] = { "a", "b", "c", "d~/" };
	static const char *const scalars[] = {
		"null", "true", "1", "-2", "2.5", "\"s\"",
		"\"2026-11-26T10:00:00Z\""
	};
	size_t k = unit_rng_below(r, depth > 3 ? 7 : 9);

	if (k < 7) {
		evb_buf_adds(b, scalars[k]);
		return;
	}
	if (k == 7) {
		size_t n = unit_rng_below(r, 3);

		evb_buf_addc(b, '[');
		for (size_t i = 0; i < n; i++) {
			if (i > 0)
				evb_buf_addc(b, ',');
			random_json(r, b, depth + 1);
		}
		evb_buf_addc(b, ']');
		return;
	}
	evb_buf_addc(b, '{');
	for (size_t i = 0, first = 1; i < 4; i++) {
		if (!unit_rng_chance(r, 60))
			continue;
		if (!first)
			evb_buf_addc(b, ',');
		first = 0;
		evb_buf_printf(b, "\"%s\":", keys[i]);
		random_json(r, b, depth + 1);
	}
	evb_buf_addc(b, '}');
}

/*
 * The fast check and the merge agree: a value is accepted exactly when
 * merging it would change nothing; merging never loses a value seen.
 */
START_TEST(test_accepts_is_merge_fixpoint)
{
	struct unit_rng r;
	struct evb_schema *s = NULL;
	struct evb_buf seen[200];

	unit_rng_seed(&r, 1000 + (uint64_t)_i);
	for (size_t i = 0; i < nitems(seen); i++) {
		struct evb_schema *t, *m;
		const struct evb_jv *v;

		memset(&seen[i], 0, sizeof(seen[i]));
		random_json(&r, &seen[i], 0);
		v = parse(evb_buf_cstr(&seen[i]));
		t = evb_schema_infer(v);
		if (s == NULL) {
			s = t;
			ck_assert(evb_schema_accepts(s, v));
			continue;
		}
		m = evb_schema_dup(s);
		evb_schema_merge(m, t);
		if (evb_schema_accepts(s, v) != evb_schema_equal(m, s)) {
			struct evb_buf d1 = EVB_BUF_INIT, d2 = EVB_BUF_INIT;

			describe(&d1, s);
			describe(&d2, m);
			ck_abort_msg("%s: %s vs %s", seen[i].p, evb_buf_cstr(&d1),
			    evb_buf_cstr(&d2));
		}
		ck_assert(evb_schema_accepts(m, v));
		evb_schema_free(s);
		evb_schema_free(t);
		s = m;
		for (size_t j = 0; j <= i; j++) {
			struct evb_buf p = EVB_BUF_INIT;
			struct evb_err e;

			ck_assert_msg(evb_schema_accepts(s, parse(seen[j].p)),
			    "%s", seen[j].p);
			ck_assert_int_eq(evb_schema_validate(s, parse(seen[j].p),
			    &p, &e), 0);
			evb_buf_fini(&p);
		}
		evb_arena_reset(&arena);
	}
	evb_schema_free(s);
	for (size_t i = 0; i < nitems(seen); i++)
		evb_buf_fini(&seen[i]);
}
END_TEST

static const struct {
	const char	*learned[2];
	const char	*event;
	const char	*ptr;
	const char	*why;	/* NULL: valid */
} checks[] = {
	{ { "{\"a\":1}" }, "{\"a\":2,\"extra\":true}", "", NULL },
	{ { "{\"a\":1.5}" }, "{\"a\":2}", "", NULL },
	{ { "{\"a\":1}" }, "{\"a\":2.5}", "/a",
	    "expected integer, found number" },
	{ { "{\"a\":1}" }, "{}", "/a",
	    "required property missing (expected integer)" },
	{ { "{\"a\":1}", "{}" }, "{}", "", NULL },
	{ { "{\"a\":\"x\"}", "{\"a\":null}" }, "{\"a\":1}", "/a",
	    "expected null|string, found integer" },
	{ { "{\"l\":[{\"s\":\"x\"}]}" }, "{\"l\":[{\"s\":\"y\"},{\"s\":7}]}",
	    "/l/1/s", "expected string, found integer" },
	{ { "{\"l\":[{\"s\":\"x\"}]}" }, "{\"l\":[{}]}", "/l/0/s",
	    "required property missing (expected string)" },
	{ { "{\"a/b\":{\"c~d\":1}}" }, "{\"a/b\":{\"c~d\":\"x\"}}",
	    "/a~1b/c~0d", "expected integer, found string" },
	{ { "{\"t\":\"2026-11-26T10:00:00Z\"}" }, "{\"t\":\"now\"}", "/t",
	    "expected string(date-time), found a string that is not an RFC "
	    "3339 date-time" },
	{ { "{\"a\":[]}" }, "{\"a\":[1,\"x\"]}", "", NULL },
	{ { "{\"a\":{}}" }, "{\"a\":[]}", "/a", "expected object, found array" },
	{ { "[1]" }, "{}", "", "expected array, found object" },
};

START_TEST(test_validate)
{
	struct evb_schema *s = learn(checks[_i].learned,
	    checks[_i].learned[1] ? 2 : 1);
	struct evb_buf p = EVB_BUF_INIT;
	struct evb_err e;
	int rc = evb_schema_validate(s, parse(checks[_i].event), &p, &e);

	if (checks[_i].why == NULL)
		ck_assert_int_eq(rc, 0);
	else {
		ck_assert_int_eq(rc, -1);
		ck_assert_str_eq(evb_buf_cstr(&p), checks[_i].ptr);
		ck_assert_str_eq(e.msg, checks[_i].why);
	}
	evb_buf_fini(&p);
	evb_schema_free(s);
}
END_TEST

static const struct {
	const char	*s;
	bool		 ok;
} datetimes[] = {
	{ "2026-11-26T10:00:00Z", true },
	{ "2026-11-26t10:00:00z", true },
	{ "2026-11-26T10:00:00.123456Z", true },
	{ "2026-11-26T10:00:00+05:30", true },
	{ "2026-11-26T23:59:60-00:00", true },
	{ "2026-11-26 10:00:00Z", false },
	{ "2026-11-26T10:00:00", false },
	{ "2026-13-26T10:00:00Z", false },
	{ "2026-11-26T24:00:00Z", false },
	{ "2026-11-26T10:00:00.Z", false },
	{ "2026-11-26T10:00:00+0530", false },
	{ "2026-11-26", false },
	{ "", false },
};

START_TEST(test_datetime)
{
	ck_assert(evb_schema_is_datetime(datetimes[_i].s,
	    strlen(datetimes[_i].s)) == datetimes[_i].ok);
}
END_TEST

static const struct {
	const char	*source, *dtype, *name;
} schema_names[] = {
	{ "aws.ec2", "EC2 Instance State-change Notification",
	    "aws.ec2@EC2InstanceStateChangeNotification" },
	{ "mystore", "Review Created", "mystore@ReviewCreated" },
	{ "mystore", "review.created", "mystore@ReviewCreated" },
	{ "aws.states", "Step Functions Execution Status Change",
	    "aws.states@StepFunctionsExecutionStatusChange" },
	{ "a/b", "x_y-z 9", "a-b@XYZ9" },
	{ "s", "!!!", "s@Event" },
	{ "s", "caf\xc3\xa9 au lait", "s@CafAuLait" },
	{ "", "T", "-@T" },
	{ ".hidden", "T", "-hidden@T" },
};

START_TEST(test_name_long)
{
	struct evb_buf b = EVB_BUF_INIT, src = EVB_BUF_INIT;

	for (int i = 0; i < 130; i++)
		evb_buf_adds(&src, "\xc3\xa9");	/* two bytes each */
	evb_schema_name(&b, src.p, src.len, "T", 1);
	ck_assert_uint_eq(b.len, EVB_SCHEMA_NAME_MAX);
	ck_assert(evb_utf8_valid(b.p, b.len));
	/* One byte more in front: the cut falls inside a character. */
	evb_buf_reset(&b);
	evb_buf_reset(&src);
	evb_buf_addc(&src, 'a');
	for (int i = 0; i < 130; i++)
		evb_buf_adds(&src, "\xc3\xa9");
	evb_schema_name(&b, src.p, src.len, "T", 1);
	ck_assert_uint_eq(b.len, EVB_SCHEMA_NAME_MAX - 1);
	ck_assert(evb_utf8_valid(b.p, b.len));
	evb_buf_fini(&b);
	evb_buf_fini(&src);
}
END_TEST

START_TEST(test_name)
{
	struct evb_buf b = EVB_BUF_INIT;

	evb_schema_name(&b, schema_names[_i].source, strlen(schema_names[_i].source),
	    schema_names[_i].dtype, strlen(schema_names[_i].dtype));
	ck_assert_str_eq(evb_buf_cstr(&b), schema_names[_i].name);
	evb_buf_fini(&b);
}
END_TEST

static struct evb_sdoc
doc_of(const char *const *events, size_t n)
{
	struct evb_sdoc d;

	d.source = xstrdup("my.shop");
	d.slen = 7;
	d.dtype = xstrdup("Order Created");
	d.dlen = 13;
	d.event = learn(events, n);
	return d;
}

static const char *const order_events[] = {
	"{\"source\":\"my.shop\",\"detail-type\":\"Order Created\","
	"\"time\":\"2026-11-26T10:00:00Z\",\"resources\":[],"
	"\"detail\":{\"id\":1,\"total\":9.5,\"tags\":[],"
	"\"lines\":[{\"sku\":\"a\",\"qty\":1}],\"note\":null}}",
	"{\"source\":\"my.shop\",\"detail-type\":\"Order Created\","
	"\"time\":\"2026-11-26T10:00:00Z\",\"resources\":[\"arn:x\"],"
	"\"detail\":{\"id\":\"A-2\",\"total\":10,\"tags\":[\"x\",1],"
	"\"lines\":[{\"sku\":\"b\"}],\"note\":\"gift\",\"deep\":{\"a\":[[{}]]}}}",
};

START_TEST(test_roundtrip)
{
	struct evb_sdoc d = doc_of(order_events, _i + 1), back;
	struct evb_buf b = EVB_BUF_INIT;
	struct evb_err e;

	evb_sdoc_write(&b, &d, EVB_SFMT_JSONSCHEMA);
	ck_assert_int_eq(evb_sdoc_read(&back, b.p, b.len, &e), 0);
	ck_assert(evb_schema_equal(d.event, back.event));
	ck_assert_mem_eq(back.source, "my.shop", 8);
	ck_assert_mem_eq(back.dtype, "Order Created", 14);
	ck_assert(strstr(evb_buf_cstr(&b), "\"$schema\": "
	    "\"http://json-schema.org/draft-04/schema#\"") != NULL);
	ck_assert(strstr(b.p, "\"$ref\": \"#/definitions/OrderCreated\"") !=
	    NULL);
	evb_sdoc_fini(&d);
	evb_sdoc_fini(&back);
	evb_buf_fini(&b);
}
END_TEST

START_TEST(test_openapi)
{
	struct evb_sdoc d = doc_of(order_events, 2);
	struct evb_buf b = EVB_BUF_INIT;
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_err e;
	const struct evb_jv *v, *schemas, *det, *id, *note;

	evb_sdoc_write(&b, &d, EVB_SFMT_OPENAPI);
	v = evb_json_parse(&a, b.p, b.len, 1000, &e);
	ck_assert_ptr_nonnull(v);
	ck_assert(evb_json_streq(evb_json_get(v, "openapi"), "3.0.0"));
	ck_assert(evb_json_streq(evb_json_get(evb_json_get(v, "info"),
	    "title"), "Event"));
	schemas = evb_json_get(evb_json_get(v, "components"), "schemas");
	ck_assert(evb_json_streq(evb_json_get(evb_json_get(schemas,
	    "AWSEvent"), "x-amazon-events-source"), "my.shop"));
	det = evb_json_get(evb_json_get(schemas, "OrderCreated"), "properties");
	id = evb_json_get(det, "id");
	ck_assert_uint_eq(evb_json_get(id, "oneOf")->n, 2);
	note = evb_json_get(det, "note");
	ck_assert(evb_json_streq(evb_json_get(note, "type"), "string"));
	ck_assert_int_eq(evb_json_get(note, "nullable")->type, EVB_JTRUE);
	ck_assert(evb_json_streq(evb_json_get(evb_json_get(det, "total"),
	    "format"), "double"));
	evb_arena_fini(&a);
	evb_sdoc_fini(&d);
	evb_buf_fini(&b);
}
END_TEST

START_TEST(test_read_errors)
{
	static const char *const bad[] = {
		"{",
		"{\"type\":\"object\"}",
		"{\"x-amazon-events-source\":\"s\",\"x-amazon-events-detail-type\""
		":\"t\",\"type\":\"thing\"}",
		"{\"x-amazon-events-source\":\"s\",\"x-amazon-events-detail-type\""
		":\"t\",\"properties\":{\"d\":{\"$ref\":\"#/definitions/X\"}}}",
	};
	struct evb_sdoc d;
	struct evb_err e;

	for (size_t i = 0; i < nitems(bad); i++)
		ck_assert_int_eq(evb_sdoc_read(&d, bad[i], strlen(bad[i]), &e),
		    -1);
}
END_TEST

START_TEST(test_diff)
{
	struct evb_schema *a = LEARN("{\"a\":1,\"b\":\"x\",\"c\":[1],"
	    "\"t\":\"2026-11-26T10:00:00Z\"}");
	struct evb_schema *b = LEARN("{\"a\":1.5,\"c\":[\"y\"],\"d\":true,"
	    "\"t\":\"later\"}", "{\"c\":[],\"t\":\"x\"}");
	struct evb_sdiff d = { NULL, 0 };
	struct evb_buf t = EVB_BUF_INIT;

	evb_sdiff_make(&d, a, b);
	evb_sdiff_text(&t, &d);
	ck_assert_str_eq(evb_buf_cstr(&t),
	    "~ /a: required -> optional\n"
	    "~ /a: integer -> number\n"
	    "- /b: string, required\n"
	    "~ /c/*: integer -> string\n"
	    "+ /d: boolean, optional\n"
	    "~ /t: string(date-time) -> string\n");
	evb_buf_reset(&t);
	evb_sdiff_json(&t, &d, "s@T", 1, 2);
	ck_assert(strstr(evb_buf_cstr(&t), "{\"change\":\"removed\","
	    "\"pointer\":\"/b\",\"from\":[\"string\"],\"required\":true}") !=
	    NULL);
	evb_sdiff_fini(&d);
	evb_sdiff_make(&d, a, a);
	ck_assert_uint_eq(d.n, 0);
	evb_sdiff_fini(&d);
	evb_buf_fini(&t);
	evb_schema_free(a);
	evb_schema_free(b);
}
END_TEST

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path);
}

static void
rmtree(char *dir)
{
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(dir);
}

START_TEST(test_registry)
{
	char *dir = unit_tmpdir(), *text;
	struct evb_buf path = EVB_BUF_INIT;
	struct evb_registry r;
	struct evb_err e;
	unsigned long *v;
	char **names;
	size_t n;

	evb_buf_printf(&path, "%s/reg", dir);
	ck_assert_int_eq(evb_registry_open(&r, path.p, false, &e), -1);
	ck_assert_int_eq(evb_registry_open(&r, path.p, true, &e), 0);
	ck_assert_int_eq(evb_registry_latest(&r, "s@T", &e), 0);
	ck_assert_int_eq(evb_registry_lock(&r, true, &e), 0);
	ck_assert_int_eq(evb_registry_write(&r, "s@T", 1, "one", 3, &e), 0);
	ck_assert_int_eq(evb_registry_write(&r, "s@T", 2, "two", 3, &e), 0);
	ck_assert_int_eq(evb_registry_write(&r, "s@T", 10, "ten", 3, &e), 0);
	ck_assert_int_eq(evb_registry_write(&r, "s@T", 2, "TWO", 3, &e), -1);
	ck_assert_int_eq(evb_registry_write(&r, "a@B", 1, "ab", 2, &e), 0);
	evb_registry_unlock(&r);
	ck_assert_int_eq(evb_registry_versions(&r, "s@T", &v, &n, &e), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert(v[0] == 1 && v[1] == 2 && v[2] == 10);
	free(v);
	ck_assert_int_eq(evb_registry_latest(&r, "s@T", &e), 10);
	ck_assert_int_eq(evb_registry_read(&r, "s@T", 2, &text, &n, &e), 0);
	ck_assert_str_eq(text, "two");
	free(text);
	ck_assert_int_eq(evb_registry_read(&r, "s@T", 3, &text, &n, &e), -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_int_eq(evb_registry_names(&r, &names, &n, &e), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(names[0], "a@B");
	ck_assert_str_eq(names[1], "s@T");
	evb_registry_free_names(names, n);
	evb_registry_close(&r);
	evb_buf_fini(&path);
	rmtree(dir);
}
END_TEST

/* Two catalogs on one registry behave as two processes would. */
START_TEST(test_catalog_two_writers)
{
	char *dir = unit_tmpdir();
	struct evb_registry r1, r2;
	struct evb_catalog c1, c2;
	struct evb_centry *ent;
	struct evb_err e;
	static const char *const ev[] = {
		"{\"source\":\"s\",\"detail-type\":\"T\",\"detail\":{\"a\":1}}",
		"{\"source\":\"s\",\"detail-type\":\"T\",\"detail\":{\"b\":1}}",
		"{\"source\":\"s\",\"detail-type\":\"T\",\"detail\":{\"c\":1}}",
		"{\"source\":\"s\",\"detail-type\":\"t\",\"detail\":{}}",
	};

	ck_assert_int_eq(evb_registry_open(&r1, dir, true, &e), 0);
	ck_assert_int_eq(evb_registry_open(&r2, dir, true, &e), 0);
	evb_catalog_init(&c1, &r1, 0);
	evb_catalog_init(&c2, &r2, 0);
	ck_assert_int_eq(evb_catalog_observe(&c1, parse(ev[0]), &ent, &e), 1);
	ck_assert_uint_eq(ent->version, 1);
	ck_assert_int_eq(evb_catalog_observe(&c1, parse(ev[0]), &ent, &e), 0);
	ck_assert_int_eq(evb_catalog_observe(&c2, parse(ev[1]), &ent, &e), 1);
	ck_assert_uint_eq(ent->version, 2);
	/* c1 still caches version 1: it must start again from version 2. */
	ck_assert_int_eq(evb_catalog_observe(&c1, parse(ev[2]), &ent, &e), 1);
	ck_assert_uint_eq(ent->version, 3);
	for (size_t i = 0; i < 3; i++)
		ck_assert(evb_schema_accepts(ent->doc.event, parse(ev[i])));
	/* c2's version 2 accepts the event: no need to look further. */
	ck_assert_int_eq(evb_catalog_observe(&c2, parse(ev[0]), &ent, &e), 0);
	ck_assert_uint_eq(ent->version, 2);
	/* Another detail-type with the same name goes to s@T-2. */
	ck_assert_int_eq(evb_catalog_observe(&c2, parse(ev[3]), &ent, &e), 1);
	ck_assert_str_eq(ent->name, "s@T-2");
	ck_assert_int_eq(evb_catalog_observe(&c1, parse(ev[3]), &ent, &e), 0);
	ck_assert_str_eq(ent->name, "s@T-2");
	evb_catalog_fini(&c1);
	evb_catalog_fini(&c2);
	/* Validation against a pinned version. */
	evb_catalog_init(&c1, &r1, 1);
	ent = evb_catalog_get(&c1, parse(ev[0]), &e);
	ck_assert_uint_eq(ent->version, 1);
	ck_assert_uint_eq(ent->latest, 3);
	ck_assert(!evb_schema_accepts(ent->doc.event, parse(ev[1])));
	evb_catalog_fini(&c1);
	evb_catalog_init(&c1, &r1, 7);
	ent = evb_catalog_get(&c1, parse(ev[0]), &e);
	ck_assert_uint_eq(ent->version, 0);
	evb_catalog_fini(&c1);
	evb_registry_close(&r1);
	evb_registry_close(&r2);
	rmtree(dir);
}
END_TEST

static void
teardown(void)
{
	evb_arena_fini(&arena);
}

Suite *
schema_suite(void)
{
	Suite *s = suite_create("schema");
	TCase *tc = tcase_create("model");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_loop_test(tc, test_infer_merge, 0, nitems(shapes));
	tcase_add_test(tc, test_deep);
	tcase_add_loop_test(tc, test_accepts_is_merge_fixpoint, 0, 8);
	tcase_add_loop_test(tc, test_validate, 0, nitems(checks));
	tcase_add_loop_test(tc, test_datetime, 0, nitems(datetimes));
	tcase_add_loop_test(tc, test_name, 0, nitems(schema_names));
	tcase_add_test(tc, test_name_long);
	suite_add_tcase(s, tc);
	tc = tcase_create("documents");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_loop_test(tc, test_roundtrip, 0, 2);
	tcase_add_test(tc, test_openapi);
	tcase_add_test(tc, test_read_errors);
	tcase_add_test(tc, test_diff);
	suite_add_tcase(s, tc);
	tc = tcase_create("registry");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_registry);
	tcase_add_test(tc, test_catalog_two_writers);
	suite_add_tcase(s, tc);
	return s;
}
