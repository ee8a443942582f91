/*
 * jsonpath: the InputPath subset, what each form selects, lists from "*",
 * and the paths that are refused with their reasons and columns.
 */
#include <string.h>

#include <check.h>

#include "arena.h"
#include "buf.h"
#include "jgen.h"
#include "json.h"
#include "jsonpath.h"
#include "unit.h"

Suite	*jsonpath_suite(void);

static const char doc[] =
    "{\"version\": \"0\", \"detail-type\": \"t\", \"a.b\": 1, \"x y\": 2,"
    " \"a[0]\": 3, \"\": 4, \"\xc3\xa9\": 5,"
    " \"detail\": {\"n\": [10, {\"k\": \"v\"}, [1, 2]],"
    " \"o\": {\"p\": 1, \"q\": \"s\"}, \"dup\": 1, \"dup\": 2.50,"
    " \"e\": {}, \"ea\": [], \"q'uote\": 6, \"b\\\\s\": 7, \"s\": \"str\","
    " \"z\": null, \"t\": true},"
    " \"resources\": [\"r1\", \"r2\"]}";

#define MISSING	NULL

/* A path and the compact JSON it selects from doc, or MISSING. */
static const struct {
	const char	*path;
	const char	*expect;
	bool		 list;
} evals[] = {
	{ "$.version", "\"0\"", false },
	{ "$.detail-type", "\"t\"", false },
	{ "$['detail-type']", "\"t\"", false },
	{ "$[\"detail-type\"]", "\"t\"", false },
	{ "$['a.b']", "1", false },
	{ "$.a.b", MISSING, false },
	{ "$.x y", "2", false },
	{ "$['x y']", "2", false },
	{ "$['a[0]']", "3", false },
	{ "$['']", "4", false },
	{ "$.\xc3\xa9", "5", false },
	{ "$.detail.n[0]", "10", false },
	{ "$.detail.n[1].k", "\"v\"", false },
	{ "$.detail.n[1]['k']", "\"v\"", false },
	{ "$.detail.n[2][1]", "2", false },
	{ "$['detail']['n'][2][0]", "1", false },
	{ "$.detail.n[3]", MISSING, false },
	{ "$.detail.n[99999999999]", MISSING, false },
	{ "$.detail.dup", "2.50", false },
	{ "$.detail['q\\'uote']", "6", false },
	{ "$.detail[\"q'uote\"]", "6", false },
	{ "$.detail['b\\\\s']", "7", false },
	{ "$.detail.z", "null", false },
	{ "$.detail.t", "true", false },
	{ "$.detail.e", "{}", false },
	{ "$.detail.o", "{\"p\":1,\"q\":\"s\"}", false },
	{ "$.detail.o.p.x", MISSING, false },
	{ "$.detail.s.x", MISSING, false },
	{ "$.detail.z.x", MISSING, false },
	{ "$.resources.r1", MISSING, false },
	{ "$.detail.o[0]", MISSING, false },
	{ "$.resources[1]", "\"r2\"", false },
	{ "$.nope", MISSING, false },
	{ "$.Version", MISSING, false },
	/* Lists: every member or element, in document order. */
	{ "$.detail.o.*", "[1,\"s\"]", true },
	{ "$.detail.o[*]", "[1,\"s\"]", true },
	{ "$.resources[*]", "[\"r1\",\"r2\"]", true },
	{ "$.resources.*", "[\"r1\",\"r2\"]", true },
	{ "$.detail.n[*]", "[10,{\"k\":\"v\"},[1,2]]", true },
	{ "$.detail.n[*].k", "[\"v\"]", true },
	{ "$.detail.n[*][*]", "[\"v\",1,2]", true },
	{ "$.detail.n[*][0]", "[1]", true },
	{ "$.detail[*].p", "[1]", true },
	{ "$.detail.e.*", "[]", true },
	{ "$.detail.ea[*]", "[]", true },
	{ "$.detail.s.*", "[]", true },
	{ "$.detail.n[*].nope", "[]", true },
	{ "$.nope.*", MISSING, true },
	{ "$.nope[*].x", MISSING, true },
};

START_TEST(test_eval)
{
	struct evb_arena arena = EVB_ARENA_INIT;
	struct evb_buf b = EVB_BUF_INIT;
	struct evb_err err;
	struct evb_jsonpath *jp;
	const struct evb_jv *root, *v;

	root = evb_json_parse(&arena, doc, sizeof(doc) - 1, 0, &err);
	ck_assert_msg(root != NULL, "%s", err.msg);
	jp = evb_jsonpath_compile(evals[_i].path, strlen(evals[_i].path),
	    &err);
	ck_assert_msg(jp != NULL, "%s: %s", evals[_i].path, err.msg);
	ck_assert_str_eq(evb_jsonpath_text(jp), evals[_i].path);
	ck_assert(evb_jsonpath_is_list(jp) == evals[_i].list);
	v = evb_jsonpath_eval(jp, root, &arena);
	if (evals[_i].expect == MISSING)
		ck_assert_msg(v == NULL, "%s selected something",
		    evals[_i].path);
	else {
		ck_assert_msg(v != NULL, "%s is missing", evals[_i].path);
		evb_json_write(&b, v);
		ck_assert_str_eq(evb_buf_cstr(&b), evals[_i].expect);
	}
	evb_jsonpath_free(jp);
	evb_buf_fini(&b);
	evb_arena_fini(&arena);
}
END_TEST

/* "$" is the root itself, not a copy. */
START_TEST(test_root)
{
	struct evb_arena arena = EVB_ARENA_INIT;
	struct evb_jsonpath *jp = evb_jsonpath_compile("$", 1, NULL);
	const struct evb_jv *root;

	root = evb_json_parse(&arena, doc, sizeof(doc) - 1, 0, NULL);
	ck_assert_ptr_nonnull(root);
	ck_assert_ptr_nonnull(jp);
	ck_assert(!evb_jsonpath_is_list(jp));
	ck_assert_ptr_eq(evb_jsonpath_eval(jp, root, &arena), root);
	evb_jsonpath_free(jp);
	evb_arena_fini(&arena);
}
END_TEST

/* A refused path, the start of the reason and the column (0: none). */
static const struct {
	const char	*path;
	const char	*reason;
	size_t		 col;
} errors[] = {
	{ "", "empty path", 1 },
	{ "detail", "a path must start with '$'", 1 },
	{ "$detail", "expected '.' or '['", 2 },
	{ "$.a]x[", "unterminated '['", 6 },
	{ "$..detail", "recursive descent ('..') is not supported", 2 },
	{ "$.detail..x", "recursive descent ('..') is not supported", 9 },
	{ "$..", "recursive descent", 2 },
	{ "$.", "a '.' must be followed by a name", 2 },
	{ "$.a.", "a '.' must be followed by a name", 4 },
	{ "$.a.[0]", "a '.' must be followed by a name", 4 },
	{ "$[", "unterminated '['", 2 },
	{ "$[-1]", "negative array indexes are not supported", 3 },
	{ "$[1", "an array index must be digits followed by ']'", 4 },
	{ "$[1a]", "an array index must be digits followed by ']'", 4 },
	{ "$[1:2]", "an array index must be digits followed by ']'", 4 },
	{ "$[99999999999999999999999]", "array index too large", 3 },
	{ "$[:2]", "filters, slices and scripts are not supported", 3 },
	{ "$[?(@.a)]", "filters, slices and scripts are not supported", 3 },
	{ "$[(@.length-1)]", "filters, slices and scripts", 3 },
	{ "$[a]", "'[' must be followed by an index, '*' or a quoted name",
	    3 },
	{ "$['a','b']", "a quoted name must be followed by ']'", 3 },
	{ "$['a", "unterminated quoted name", 3 },
	{ "$['a'", "a quoted name must be followed by ']'", 3 },
	{ "$[\"a']", "unterminated quoted name", 3 },
	{ "$['a\\b']", "a '\\' in a quoted name must be followed by", 5 },
	{ "$[*", "'[*' must be followed by ']'", 3 },
	{ "$[*]x", "expected '.' or '['", 5 },
	{ "$ .a", "expected '.' or '['", 2 },
};

START_TEST(test_errors)
{
	struct evb_err err;
	struct evb_jsonpath *jp;
	size_t n = strlen(errors[_i].reason);

	jp = evb_jsonpath_compile(errors[_i].path, strlen(errors[_i].path),
	    &err);
	ck_assert_msg(jp == NULL, "%s compiled", errors[_i].path);
	ck_assert_msg(strncmp(err.msg, errors[_i].reason, n) == 0,
	    "%s: got \"%s\"", errors[_i].path, err.msg);
	ck_assert_uint_eq(err.col, errors[_i].col);
}
END_TEST

/* 256 characters, counted as UTF-8 sequences, and not one more. */
START_TEST(test_length)
{
	struct evb_buf b = EVB_BUF_INIT;
	struct evb_jsonpath *jp;
	struct evb_err err;

	evb_buf_adds(&b, "$.");
	for (int i = 0; i < 254; i++)
		evb_buf_adds(&b, "\xc3\xa9");
	jp = evb_jsonpath_compile(b.p, b.len, &err);
	ck_assert_msg(jp != NULL, "%s", err.msg);
	evb_jsonpath_free(jp);

	evb_buf_adds(&b, "x");
	ck_assert_ptr_null(evb_jsonpath_compile(b.p, b.len, &err));
	ck_assert_str_eq(err.msg, "longer than 256 characters");
	ck_assert_uint_eq(err.col, 0);

	evb_buf_reset(&b);
	evb_buf_adds(&b, "$");
	for (int i = 0; i < 85; i++)
		evb_buf_adds(&b, "[*]");
	ck_assert_uint_eq(b.len, 256);
	jp = evb_jsonpath_compile(b.p, b.len, &err);
	ck_assert_msg(jp != NULL, "%s", err.msg);
	evb_jsonpath_free(jp);
	evb_buf_fini(&b);
}
END_TEST

/* A name may hold any byte but '.' and '[', NUL included. */
START_TEST(test_counted)
{
	static const char path[] = "$['a\0b']";
	static const char text[] = "{\"a\\u0000b\": 1, \"a\": 2}";
	struct evb_arena arena = EVB_ARENA_INIT;
	struct evb_jsonpath *jp;
	const struct evb_jv *root, *v;

	root = evb_json_parse(&arena, text, sizeof(text) - 1, 0, NULL);
	ck_assert_ptr_nonnull(root);
	jp = evb_jsonpath_compile(path, sizeof(path) - 1, NULL);
	ck_assert_ptr_nonnull(jp);
	v = evb_jsonpath_eval(jp, root, &arena);
	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(v->type, EVB_JNUMBER);
	ck_assert_mem_eq(v->u.str, "1", 1);
	evb_jsonpath_free(jp);
	evb_arena_fini(&arena);
	evb_jsonpath_free(NULL);
}
END_TEST

Suite *
jsonpath_suite(void)
{
	Suite *s = suite_create("jsonpath");
	TCase *tc;

	tc = tcase_create("eval");
	tcase_add_loop_test(tc, test_eval, 0, nitems(evals));
	tcase_add_test(tc, test_root);
	tcase_add_test(tc, test_counted);
	suite_add_tcase(s, tc);

	tc = tcase_create("compile");
	tcase_add_loop_test(tc, test_errors, 0, nitems(errors));
	tcase_add_test(tc, test_length);
	suite_add_tcase(s, tc);
	return s;
}
