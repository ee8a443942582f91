/*
 * json: the parse tree (number texts, duplicate keys, NULs in strings,
 * spans), errors with their columns, validation, and streaming arrays.
 */
#include <string.h>

#include <check.h>

#include "arena.h"
#include "buf.h"
#include "jgen.h"
#include "json.h"
#include "unit.h"

Suite	*json_suite(void);

#define L(s)	s, sizeof(s) - 1

static struct evb_arena arena = EVB_ARENA_INIT;

static void
teardown(void)
{
	evb_arena_fini(&arena);
}

static struct evb_jv *
parse(const char *p, size_t n)
{
	struct evb_err err;
	struct evb_jv *v;

	evb_err_clear(&err);
	v = evb_json_parse(&arena, p, n, 0, &err);
	ck_assert_msg(v != NULL, "parse failed: %s (column %zu)", err.msg,
	    err.col);
	return v;
}

/* Number texts are kept as written, never through a double. */
static const struct {
	const char	*text;
	size_t		 n;
} numbers[] = {
	{ L("0") },
	{ L("-0") },
	{ L("1.50") },
	{ L("3.018e2") },
	{ L("-1.5E-03") },
	{ L("1e+400") },
	{ L("0.1") },
	{ L("123456789012345678901234567890") },
	{ L("-0.0e0") },
};

START_TEST(test_number_text)
{
	struct evb_buf b = EVB_BUF_INIT;
	struct evb_jv *v;

	/* At the top level, inside an array and as a member. */
	v = parse(numbers[_i].text, numbers[_i].n);
	ck_assert_int_eq(v->type, EVB_JNUMBER);
	ck_assert_uint_eq(v->n, numbers[_i].n);
	ck_assert_mem_eq(v->u.str, numbers[_i].text, v->n);
	ck_assert_int_eq(v->u.str[v->n], '\0');
	ck_assert_uint_eq(v->start, 0);
	ck_assert_uint_eq(v->end, numbers[_i].n);

	evb_buf_printf(&b, "[ %s ,{\"n\":%s}]", numbers[_i].text,
	    numbers[_i].text);
	v = parse(b.p, b.len);
	ck_assert_int_eq(v->type, EVB_JARRAY);
	ck_assert_uint_eq(v->n, 2);
	ck_assert_uint_eq(v->u.items[0]->n, numbers[_i].n);
	ck_assert_mem_eq(v->u.items[0]->u.str, numbers[_i].text,
	    numbers[_i].n);
	v = evb_json_get(v->u.items[1], "n");
	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(v->type, EVB_JNUMBER);
	ck_assert_uint_eq(v->n, numbers[_i].n);
	ck_assert_mem_eq(v->u.str, numbers[_i].text, numbers[_i].n);
	evb_buf_fini(&b);
}
END_TEST

START_TEST(test_scalars)
{
	static const struct {
		const char	*text;
		size_t		 n;
		enum evb_jtype	 type;
	} t[] = {
		{ L("null"), EVB_JNULL },
		{ L("true"), EVB_JTRUE },
		{ L("false"), EVB_JFALSE },
		{ L("\"\""), EVB_JSTRING },
		{ L("[]"), EVB_JARRAY },
		{ L("{}"), EVB_JOBJECT },
	};

	for (size_t i = 0; i < nitems(t); i++) {
		struct evb_jv *v = parse(t[i].text, t[i].n);

		ck_assert_int_eq(v->type, t[i].type);
		ck_assert_uint_eq(v->n, 0);
		ck_assert_uint_eq(v->start, 0);
		ck_assert_uint_eq(v->end, t[i].n);
	}
}
END_TEST

/* Members stay in order with their duplicates; the last one wins. */
START_TEST(test_duplicate_keys)
{
	struct evb_jv *v = parse(L("{\"a\":1,\"b\":2,\"a\":3,\"b\":null}"));
	struct evb_jv *a;

	ck_assert_int_eq(v->type, EVB_JOBJECT);
	ck_assert_uint_eq(v->n, 4);
	ck_assert_bytes(v->u.members[0].key, v->u.members[0].klen, "a");
	ck_assert_bytes(v->u.members[0].val->u.str, v->u.members[0].val->n,
	    "1");
	ck_assert_bytes(v->u.members[1].key, v->u.members[1].klen, "b");
	ck_assert_bytes(v->u.members[2].key, v->u.members[2].klen, "a");
	ck_assert_bytes(v->u.members[2].val->u.str, v->u.members[2].val->n,
	    "3");
	ck_assert_bytes(v->u.members[3].key, v->u.members[3].klen, "b");
	a = evb_json_get(v, "a");
	ck_assert_ptr_eq(a, v->u.members[2].val);
	ck_assert_int_eq(evb_json_get(v, "b")->type, EVB_JNULL);
	ck_assert_ptr_null(evb_json_get(v, "c"));
	ck_assert_ptr_null(evb_json_get(v, ""));
	ck_assert_ptr_null(evb_json_get(a, "a"));
	ck_assert_ptr_null(evb_json_get(NULL, "a"));
}
END_TEST

/* Strings and keys keep their length through \u0000 and escapes. */
START_TEST(test_strings)
{
	struct evb_jv *v = parse(L("{\"k\\u0000x\":\"a\\u0000b\","
	    "\"e\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u20ac\\ud83d\\ude00\","
	    "\"raw\":\"caf\xc3\xa9\",\"\":\"empty key\","
	    "\"lone\":\"\\ud800\"}"));
	struct evb_jv *s;

	ck_assert_uint_eq(v->u.members[0].klen, 3);
	ck_assert_mem_eq(v->u.members[0].key, "k\0x", 4);
	s = evb_json_getn(v, "k\0x", 3);
	ck_assert_ptr_nonnull(s);
	ck_assert_ptr_null(evb_json_get(v, "k"));
	ck_assert_int_eq(s->type, EVB_JSTRING);
	ck_assert_bytes(s->u.str, s->n, "a\0b");
	ck_assert_int_eq(s->u.str[3], '\0');
	s = evb_json_get(v, "e");
	ck_assert_bytes(s->u.str, s->n,
	    "\"\\/\b\f\n\r\t\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	ck_assert(evb_json_streq(evb_json_get(v, "raw"), "caf\xc3\xa9"));
	ck_assert(evb_json_streq(evb_json_get(v, ""), "empty key"));
	/* An unpaired surrogate decodes to "?" (yajl's behaviour). */
	ck_assert(evb_json_streq(evb_json_get(v, "lone"), "?"));
}
END_TEST

START_TEST(test_streq)
{
	struct evb_jv *v = parse(L("[\"ab\",\"a\\u0000\",1,\"\"]"));

	ck_assert(evb_json_streq(v->u.items[0], "ab"));
	ck_assert(!evb_json_streq(v->u.items[0], "a"));
	ck_assert(!evb_json_streq(v->u.items[0], "abc"));
	ck_assert(!evb_json_streq(v->u.items[1], "a"));
	ck_assert(!evb_json_streq(v->u.items[2], "1"));
	ck_assert(evb_json_streq(v->u.items[3], ""));
	ck_assert(!evb_json_streq(NULL, ""));
}
END_TEST

START_TEST(test_type_names)
{
	ck_assert_str_eq(evb_json_type_name(EVB_JNULL), "null");
	ck_assert_str_eq(evb_json_type_name(EVB_JTRUE), "boolean");
	ck_assert_str_eq(evb_json_type_name(EVB_JFALSE), "boolean");
	ck_assert_str_eq(evb_json_type_name(EVB_JNUMBER), "number");
	ck_assert_str_eq(evb_json_type_name(EVB_JSTRING), "string");
	ck_assert_str_eq(evb_json_type_name(EVB_JARRAY), "array");
	ck_assert_str_eq(evb_json_type_name(EVB_JOBJECT), "object");
}
END_TEST

/* The text a value's span covers. */
#define ck_assert_span(v, text, want) do {				\
	ck_assert_ptr_nonnull(v);					\
	ck_assert_bytes((text) + (v)->start, (v)->end - (v)->start, want); \
} while (0)

START_TEST(test_spans)
{
	static const char text[] = " \t{ \"a\" : [ 1.0 , { \"b\" :null } ,[]] ,"
	    "\t\"c\":\"x,y\" ,\r\n\"d\" : true,\"e\":-0 } \n";
	struct evb_jv *v = parse(text, sizeof(text) - 1), *a;

	ck_assert_span(v, text, "{ \"a\" : [ 1.0 , { \"b\" :null } ,[]] ,"
	    "\t\"c\":\"x,y\" ,\r\n\"d\" : true,\"e\":-0 }");
	a = evb_json_get(v, "a");
	ck_assert_span(a, text, "[ 1.0 , { \"b\" :null } ,[]]");
	ck_assert_uint_eq(a->n, 3);
	ck_assert_span(a->u.items[0], text, "1.0");
	ck_assert_span(a->u.items[1], text, "{ \"b\" :null }");
	ck_assert_span(evb_json_get(a->u.items[1], "b"), text, "null");
	ck_assert_span(a->u.items[2], text, "[]");
	ck_assert_span(evb_json_get(v, "c"), text, "\"x,y\"");
	ck_assert_span(evb_json_get(v, "d"), text, "true");
	ck_assert_span(evb_json_get(v, "e"), text, "-0");
}
END_TEST

START_TEST(test_deep)
{
	struct evb_buf b = EVB_BUF_INIT;
	struct evb_err err;
	struct evb_jv *v;

	/* The default limit is EVB_MAX_DEPTH_DEFAULT (100) levels. */
	for (int i = 0; i < 100; i++)
		evb_buf_addc(&b, '[');
	for (int i = 0; i < 100; i++)
		evb_buf_addc(&b, ']');
	v = parse(b.p, b.len);
	for (int i = 1; i < 100; i++) {
		ck_assert_int_eq(v->type, EVB_JARRAY);
		ck_assert_uint_eq(v->n, 1);
		v = v->u.items[0];
		ck_assert_uint_eq(v->start, (size_t)i);
		ck_assert_uint_eq(v->end, (size_t)(200 - i));
	}
	ck_assert_uint_eq(v->n, 0);
	evb_buf_reset(&b);
	for (int i = 0; i < 101; i++)
		evb_buf_adds(&b, "{\"k\":");
	evb_buf_adds(&b, "1");
	for (int i = 0; i < 101; i++)
		evb_buf_addc(&b, '}');
	ck_assert_ptr_null(evb_json_parse(&arena, b.p, b.len, 0, &err));
	ck_assert_str_eq(err.msg,
	    "invalid JSON: nesting deeper than 100 levels");
	ck_assert_uint_eq(err.col, 501);
	ck_assert_int_eq(evb_json_check(b.p, b.len, 0, &err), -1);
	ck_assert_str_eq(err.msg,
	    "invalid JSON: nesting deeper than 100 levels");
	ck_assert_uint_eq(err.col, 501);
	ck_assert_ptr_nonnull(evb_json_parse(&arena, b.p, b.len, 101, &err));
	ck_assert_int_eq(evb_json_check(b.p, b.len, 101, &err), EVB_JOBJECT);
	evb_buf_fini(&b);
}
END_TEST

static const struct {
	const char	*text;
	size_t		 n;
	size_t		 max_depth;
	const char	*msg;
	size_t		 col;
} errors[] = {
	{ L("[[1]]"), 1, "invalid JSON: nesting deeper than 1 levels", 2 },
	{ L("{\"a\":[{}]}"), 2,
	    "invalid JSON: nesting deeper than 2 levels", 7 },
	{ L("{\"a\":\"b\0\"}"), 0, "invalid JSON: NUL byte", 8 },
	{ L("\0"), 0, "invalid JSON: NUL byte", 1 },
	{ L("[1]\0"), 0, "invalid JSON: NUL byte", 4 },
	{ L("{\"a\":\"\xff\"}"), 0, "invalid UTF-8 in a string", 7 },
	{ L("[\"\x80\"]"), 0, "invalid UTF-8 in a string", 3 },
	{ L("[\"ab\xc3\"]"), 0, "invalid UTF-8 in a string", 6 },
	{ L("{\"\xe2\x82\":1}"), 0, "invalid UTF-8 in a string", 5 },
	{ L("{\"a\":x}"), 0, "invalid JSON: invalid char in json text", 6 },
	{ L("[1 2]"), 0,
	    "invalid JSON: after array element, I expect ',' or ']'", 4 },
	{ L("{\"a\" 1}"), 0, "invalid JSON: object key and value must be "
	    "separated by a colon (':')", 6 },
	{ L("{\"a\":1,}"), 0,
	    "invalid JSON: invalid object key (must be a string)", 8 },
	{ L("{} x"), 0, "invalid JSON: trailing garbage", 4 },
	{ L("{}{}"), 0, "invalid JSON: trailing garbage", 3 },
	{ L("{\"a\":1"), 0, "invalid JSON: premature EOF", 7 },
	{ L(""), 0, "invalid JSON: premature EOF", 1 },
	{ L("   "), 0, "invalid JSON: premature EOF", 4 },
	{ L("/**/{}"), 0, "invalid JSON: probable comment found in input "
	    "text, comments are not enabled", 1 },
	{ L("[\"a\tb\"]"), 0,
	    "invalid JSON: invalid character inside string", 4 },
	{ L("[01]"), 0,
	    "invalid JSON: after array element, I expect ',' or ']'", 3 },
	{ L("[-x]"), 0, "invalid JSON: malformed number, a digit is "
	    "required after the minus sign", 3 },
	{ L("[1.]"), 0, "invalid JSON: malformed number, a digit is "
	    "required after the decimal point", 4 },
	{ L("[tru]"), 0, "invalid JSON: invalid string in json text", 5 },
	{ L("[\"\\x\"]"), 0, "invalid JSON: inside a string, '\\' occurs "
	    "before a character which it may not", 4 },
	{ L("[\"\\u12g4\"]"), 0, "invalid JSON: invalid (non-hex) character "
	    "occurs after '\\u' inside string", 7 },
};

START_TEST(test_errors)
{
	struct evb_err err;
	struct evb_arena a = EVB_ARENA_INIT;

	evb_err_clear(&err);
	ck_assert_ptr_null(evb_json_parse(&a, errors[_i].text, errors[_i].n,
	    errors[_i].max_depth, &err));
	ck_assert_str_eq(err.msg, errors[_i].msg);
	ck_assert_uint_eq(err.col, errors[_i].col);
	/* Validation finds the same error at the same place. */
	evb_err_clear(&err);
	ck_assert_int_eq(evb_json_check(errors[_i].text, errors[_i].n,
	    errors[_i].max_depth, &err), -1);
	ck_assert_str_eq(err.msg, errors[_i].msg);
	ck_assert_uint_eq(err.col, errors[_i].col);
	/* A NULL error record is allowed. */
	ck_assert_ptr_null(evb_json_parse(&a, errors[_i].text, errors[_i].n,
	    errors[_i].max_depth, NULL));
	evb_arena_fini(&a);
}
END_TEST

static const struct {
	const char	*text;
	size_t		 n;
	int		 type;
} checks[] = {
	{ L("{}"), EVB_JOBJECT },
	{ L(" {\"a\":[1,{\"b\":null}]}\r\n"), EVB_JOBJECT },
	{ L("[{}]"), EVB_JARRAY },
	{ L("\"s\""), EVB_JSTRING },
	{ L("\"a\\u0000b\""), EVB_JSTRING },
	{ L("1.50"), EVB_JNUMBER },
	{ L("-0"), EVB_JNUMBER },
	{ L("true"), EVB_JTRUE },
	{ L("false"), EVB_JFALSE },
	{ L("null"), EVB_JNULL },
	{ L("nul"), -1 },
	{ L("{"), -1 },
	{ L("}"), -1 },
};

START_TEST(test_check)
{
	struct evb_err err;

	evb_err_clear(&err);
	ck_assert_int_eq(evb_json_check(checks[_i].text, checks[_i].n, 0,
	    &err), checks[_i].type);
	if (checks[_i].type >= 0)
		ck_assert_str_eq(err.msg, "");
	else
		ck_assert_str_ne(err.msg, "");
}
END_TEST

/* Streaming: what the callback saw, compact, with line numbers. */
struct seen {
	struct evb_buf	 out;
	size_t		 count;
	size_t		 stop_at;	/* 0: never stop */
};

static int
collect(void *ctx, struct evb_jv *v, unsigned long long line)
{
	struct seen *s = ctx;

	evb_buf_printf(&s->out, "%llu:", line);
	evb_json_write(&s->out, v);
	evb_buf_addc(&s->out, '\n');
	if (++s->count == s->stop_at)
		return -1;
	return 0;
}

/* Feed p in pieces of step bytes, then finish; returns the last status. */
static int
stream(struct evb_jstream *js, const char *p, size_t n, size_t step,
    struct evb_err *err)
{
	for (size_t i = 0; i < n; i += step) {
		size_t k = n - i < step ? n - i : step;

		if (evb_jstream_feed(js, p + i, k, err) == -1)
			return -1;
	}
	return evb_jstream_finish(js, err);
}

static const size_t steps[] = { 1, 2, 3, 5, 7, 16, 1 << 20 };

START_TEST(test_stream_items)
{
	static const char in[] = "[\n"
	    "  {\"Source\":\"a\", \"n\" : 1.50},\n"
	    "  2.50,\n"
	    "  \"str\\u0000ing\" ,\n"
	    "\n"
	    "  [1,[2, {}]],\r\n"
	    "  null, true,\n"
	    "  12345\n"
	    ",-0]\n";
	struct seen s = { EVB_BUF_INIT, 0, 0 };
	struct evb_jstream *js = evb_jstream_new(0, collect, &s);
	struct evb_err err;

	evb_err_clear(&err);
	ck_assert_int_eq(stream(js, in, sizeof(in) - 1, steps[_i], &err), 0);
	ck_assert_str_eq(err.msg, "");
	ck_assert_uint_eq(s.count, 8);
	ck_assert_str_eq(evb_buf_cstr(&s.out),
	    "2:{\"Source\":\"a\",\"n\":1.50}\n"
	    "3:2.50\n"
	    "4:\"str\\u0000ing\"\n"
	    "6:[1,[2,{}]]\n"
	    "7:null\n"
	    "7:true\n"
	    "8:12345\n"
	    "9:-0\n");
	evb_jstream_free(js);
	evb_buf_fini(&s.out);
}
END_TEST

START_TEST(test_stream_empty)
{
	struct seen s = { EVB_BUF_INIT, 0, 0 };
	struct evb_jstream *js = evb_jstream_new(0, collect, &s);
	struct evb_err err;

	ck_assert_int_eq(stream(js, L(" [ ] \n"), steps[_i], &err), 0);
	ck_assert_uint_eq(s.count, 0);
	evb_jstream_free(js);
	evb_jstream_free(NULL);
	evb_buf_fini(&s.out);
}
END_TEST

/* The callback stops the stream; err is left alone and it stays stopped. */
START_TEST(test_stream_stop)
{
	struct seen s = { EVB_BUF_INIT, 0, 2 };
	struct evb_jstream *js = evb_jstream_new(0, collect, &s);
	struct evb_err err;

	evb_err_set(&err, "untouched");
	err.line = 77;
	ck_assert_int_eq(stream(js, L("[1,2,3,4]"), steps[_i], &err), -1);
	ck_assert_uint_eq(s.count, 2);
	ck_assert_str_eq(err.msg, "untouched");
	ck_assert_uint_eq(err.line, 77);
	ck_assert_int_eq(evb_jstream_feed(js, L(","), &err), -1);
	ck_assert_int_eq(evb_jstream_finish(js, &err), -1);
	ck_assert_uint_eq(s.count, 2);
	evb_jstream_free(js);
	evb_buf_fini(&s.out);
}
END_TEST

static const struct {
	const char	*text;
	size_t		 n;
	size_t		 max_depth;
	const char	*msg;
	size_t		 line, col;
	size_t		 items;	/* handed out before the error */
} stream_errors[] = {
	{ L("[1,\n {\"a\":\n 2},\n3, x]"), 0,
	    "invalid JSON: invalid char in json text", 4, 4, 3 },
	{ L("{\"a\":1}"), 0, "expected a JSON array", 1, 1, 0 },
	{ L("\n\n  \"s\""), 0, "expected a JSON array", 3, 5, 0 },
	{ L("12"), 0, "expected a JSON array", 1, 3, 0 },
	{ L("[1,\n22"), 0, "invalid JSON: premature EOF", 2, 3, 2 },
	{ L(""), 0, "invalid JSON: premature EOF", 1, 1, 0 },
	{ L("[1]\n[2]"), 0, "invalid JSON: trailing garbage", 2, 1, 1 },
	{ L("[[1],\n  [[2]]]"), 2,
	    "invalid JSON: nesting deeper than 2 levels", 2, 4, 1 },
	{ L("[\n\"\xc3(\"]"), 0, "invalid UTF-8 in a string", 2, 3, 0 },
	{ L("[1,\n \"a\0\"]"), 0, "invalid JSON: NUL byte", 2, 4, 1 },
};

/* Errors carry the line and column, however the input was cut. */
START_TEST(test_stream_errors)
{
	const size_t c = (size_t)_i / nitems(steps);
	const size_t step = steps[(size_t)_i % nitems(steps)];
	struct seen s = { EVB_BUF_INIT, 0, 0 };
	struct evb_jstream *js = evb_jstream_new(stream_errors[c].max_depth,
	    collect, &s);
	struct evb_err err;

	evb_err_clear(&err);
	ck_assert_int_eq(stream(js, stream_errors[c].text, stream_errors[c].n,
	    step, &err), -1);
	ck_assert_str_eq(err.msg, stream_errors[c].msg);
	ck_assert_msg(err.line == stream_errors[c].line &&
	    err.col == stream_errors[c].col,
	    "case %zu step %zu: line %zu col %zu, not %zu:%zu", c, step,
	    err.line, err.col, stream_errors[c].line, stream_errors[c].col);
	ck_assert_uint_eq(s.count, stream_errors[c].items);
	/* Failed for good. */
	ck_assert_int_eq(evb_jstream_feed(js, L("]"), &err), -1);
	ck_assert_int_eq(evb_jstream_finish(js, &err), -1);
	evb_jstream_free(js);
	evb_buf_fini(&s.out);
}
END_TEST

/* A long array streams through in read-sized pieces. */
static int
count_only(void *ctx, struct evb_jv *v, unsigned long long line)
{
	(void)v;
	(void)line;
	(*(size_t *)ctx)++;
	return 0;
}

START_TEST(test_stream_many)
{
	struct evb_buf in = EVB_BUF_INIT;
	size_t count = 0;
	struct evb_jstream *js = evb_jstream_new(0, count_only, &count);
	struct evb_err err;

	evb_buf_addc(&in, '[');
	for (int i = 0; i < 50000; i++)
		evb_buf_printf(&in, "%s{\"i\":%d,\"s\":\"xxxxxxxxxxxxxxxx\"}\n",
		    i ? "," : "", i);
	evb_buf_addc(&in, ']');
	ck_assert_int_eq(stream(js, in.p, in.len, 4096, &err), 0);
	ck_assert_uint_eq(count, 50000);
	evb_jstream_free(js);
	evb_buf_fini(&in);
}
END_TEST

Suite *
json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_loop_test(tc, test_number_text, 0, nitems(numbers));
	tcase_add_test(tc, test_scalars);
	tcase_add_test(tc, test_duplicate_keys);
	tcase_add_test(tc, test_strings);
	tcase_add_test(tc, test_streq);
	tcase_add_test(tc, test_type_names);
	tcase_add_test(tc, test_spans);
	tcase_add_test(tc, test_deep);
	tcase_add_loop_test(tc, test_errors, 0, nitems(errors));
	tcase_add_loop_test(tc, test_check, 0, nitems(checks));
	suite_add_tcase(s, tc);

	tc = tcase_create("stream");
	tcase_add_loop_test(tc, test_stream_items, 0, nitems(steps));
	tcase_add_loop_test(tc, test_stream_empty, 0, nitems(steps));
	tcase_add_loop_test(tc, test_stream_stop, 0, nitems(steps));
	tcase_add_loop_test(tc, test_stream_errors, 0,
	    nitems(stream_errors) * nitems(steps));
	tcase_add_test(tc, test_stream_many);
	suite_add_tcase(s, tc);
	return s;
}
