/*
 * jgen: escaping, raw embedding, parsed trees written back compactly.
 */
#include <string.h>

#include <check.h>

#include "arena.h"
#include "buf.h"
#include "jgen.h"
#include "json.h"
#include "unit.h"

Suite	*jgen_suite(void);

#define L(s)	s, sizeof(s) - 1

static const struct {
	const char	*in;
	size_t		 n;
	const char	*out;
} quotes[] = {
	{ L(""), "\"\"" },
	{ L("plain"), "\"plain\"" },
	{ L("say \"hi\""), "\"say \\\"hi\\\"\"" },
	{ L("back\\slash"), "\"back\\\\slash\"" },
	{ L("a/b"), "\"a/b\"" },
	{ L("\b\f\n\r\t"), "\"\\b\\f\\n\\r\\t\"" },
	{ L("\x01\x1f"), "\"\\u0001\\u001F\"" },
	{ L("nul\0byte"), "\"nul\\u0000byte\"" },
	{ L("\x7f"), "\"\x7f\"" },
	{ L("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80"),
	    "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"" },
	{ L("\xe2\x80\xa8"), "\"\xe2\x80\xa8\"" },
};

START_TEST(test_quote)
{
	struct evb_buf b = EVB_BUF_INIT;
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_err err;
	struct evb_jv *v;

	evb_buf_adds(&b, "keep:");
	evb_json_quote(&b, quotes[_i].in, quotes[_i].n);
	ck_assert_uint_eq(b.len, 5 + strlen(quotes[_i].out));
	ck_assert_mem_eq(b.p, "keep:", 5);
	ck_assert_mem_eq(b.p + 5, quotes[_i].out, b.len - 5);
	/* What is written parses back to the same bytes. */
	v = evb_json_parse(&a, b.p + 5, b.len - 5, 0, &err);
	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(v->type, EVB_JSTRING);
	ck_assert_uint_eq(v->n, quotes[_i].n);
	ck_assert_mem_eq(v->u.str, quotes[_i].in, v->n);
	evb_arena_fini(&a);
	evb_buf_fini(&b);
}
END_TEST

/* Every byte below 0x20 is escaped, so an output line never breaks. */
START_TEST(test_quote_controls)
{
	struct evb_buf b = EVB_BUF_INIT;
	char all[32];

	for (int i = 0; i < 32; i++)
		all[i] = (char)i;
	evb_json_quote(&b, all, sizeof(all));
	for (size_t i = 0; i < b.len; i++)
		ck_assert_uint_ge((unsigned char)b.p[i], 0x20);
	evb_buf_fini(&b);
}
END_TEST

START_TEST(test_build)
{
	struct evb_buf b = EVB_BUF_INIT;
	struct evb_jgen *j = evb_jgen_new(&b);

	evb_jgen_open_object(j);
	evb_jgen_key(j, "s");
	evb_jgen_str(j, "x\"y");
	evb_jgen_keyn(j, "k\0z", 3);
	evb_jgen_strn(j, "a\0b", 3);
	evb_jgen_key(j, "i");
	evb_jgen_int(j, -9223372036854775807LL - 1);
	evb_jgen_key(j, "t");
	evb_jgen_bool(j, 1);
	evb_jgen_key(j, "f");
	evb_jgen_bool(j, 0);
	evb_jgen_key(j, "n");
	evb_jgen_null(j);
	evb_jgen_key(j, "a");
	evb_jgen_open_array(j);
	evb_jgen_int(j, 1);
	evb_jgen_raw(j, L("{ \"raw\" : 1.50 }"));
	evb_jgen_raw(j, L("2.50"));
	evb_jgen_open_array(j);
	evb_jgen_close_array(j);
	evb_jgen_close_array(j);
	evb_jgen_key(j, "r");
	evb_jgen_raw(j, L("[1, 2]"));
	evb_jgen_close_object(j);
	ck_assert(!evb_jgen_failed(j));
	ck_assert_bytes(b.p, b.len, "{\"s\":\"x\\\"y\",\"k\\u0000z\":"
	    "\"a\\u0000b\",\"i\":-9223372036854775808,\"t\":true,\"f\":false,"
	    "\"n\":null,\"a\":[1,{ \"raw\" : 1.50 },2.50,[]],"
	    "\"r\":[1, 2]}");
	evb_jgen_free(j);
	evb_jgen_free(NULL);
	evb_buf_fini(&b);
}
END_TEST

/* reset starts a new value; the buffer is the caller's to clear. */
START_TEST(test_reset_retarget)
{
	struct evb_buf b = EVB_BUF_INIT, other = EVB_BUF_INIT;
	struct evb_jgen *j = evb_jgen_new(&b);

	evb_jgen_open_array(j);
	evb_jgen_close_array(j);
	/* A second top-level value without a reset is an error. */
	evb_jgen_int(j, 1);
	ck_assert(evb_jgen_failed(j));
	evb_jgen_reset(j);
	ck_assert(!evb_jgen_failed(j));
	evb_jgen_int(j, 2);
	ck_assert_bytes(b.p, b.len, "[]2");
	evb_jgen_reset(j);
	evb_jgen_retarget(j, &other);
	evb_jgen_str(j, "o");
	ck_assert_bytes(other.p, other.len, "\"o\"");
	ck_assert_bytes(b.p, b.len, "[]2");
	ck_assert(!evb_jgen_failed(j));
	evb_jgen_free(j);
	evb_buf_fini(&b);
	evb_buf_fini(&other);
}
END_TEST

START_TEST(test_failures)
{
	struct evb_buf b = EVB_BUF_INIT;
	struct evb_jgen *j = evb_jgen_new(&b);
	int i;

	/* yajl_gen refuses to nest 128 deep. */
	for (i = 0; i < 127; i++)
		evb_jgen_open_array(j);
	ck_assert(!evb_jgen_failed(j));
	evb_jgen_open_array(j);
	ck_assert(evb_jgen_failed(j));
	evb_jgen_reset(j);

	/* A non-string key. */
	evb_jgen_open_object(j);
	ck_assert(!evb_jgen_failed(j));
	evb_jgen_int(j, 1);
	ck_assert(evb_jgen_failed(j));
	evb_jgen_reset(j);

	/* Raw text in key position is refused too. */
	evb_jgen_open_object(j);
	evb_jgen_raw(j, L("1"));
	ck_assert(evb_jgen_failed(j));
	evb_jgen_reset(j);

	/* Closing what is not open. */
	evb_jgen_close_array(j);
	ck_assert(evb_jgen_failed(j));
	evb_jgen_free(j);
	evb_buf_fini(&b);
}
END_TEST

/* Compact texts come back byte for byte, numbers as written. */
static const struct {
	const char	*text;
	size_t		 n;
} trips[] = {
	{ L("{}") },
	{ L("[]") },
	{ L("\"\"") },
	{ L("null") },
	{ L("-0") },
	{ L("3.018e2") },
	{ L("{\"a\":1.50,\"b\":[true,false,null,-0,3.018e2,1E400],"
	    "\"c\":{\"d\":\"x\\\"y\\\\z\\n\"},\"a\":{}}") },
	{ L("[[[[]]],{\"\":\"\"},\"\\u0000\",0.1]") },
	{ L("{\"caf\xc3\xa9\":\"\xf0\x9f\x98\x80\",\"k\\u0000\":1}") },
};

START_TEST(test_roundtrip)
{
	struct evb_buf b = EVB_BUF_INIT;
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_err err;
	struct evb_jv *v;
	struct evb_jgen *j;

	v = evb_json_parse(&a, trips[_i].text, trips[_i].n, 0, &err);
	ck_assert_ptr_nonnull(v);
	evb_json_write(&b, v);
	ck_assert_uint_eq(b.len, trips[_i].n);
	ck_assert_mem_eq(b.p, trips[_i].text, b.len);
	/* Nested inside another value too. */
	evb_buf_reset(&b);
	j = evb_jgen_new(&b);
	evb_jgen_open_array(j);
	evb_jgen_value(j, v);
	evb_jgen_value(j, v);
	evb_jgen_close_array(j);
	ck_assert(!evb_jgen_failed(j));
	ck_assert_uint_eq(b.len, 2 * trips[_i].n + 3);
	ck_assert_mem_eq(b.p + 1, trips[_i].text, trips[_i].n);
	ck_assert_mem_eq(b.p + 2 + trips[_i].n, trips[_i].text, trips[_i].n);
	evb_jgen_free(j);
	evb_arena_fini(&a);
	evb_buf_fini(&b);
}
END_TEST

/* White space goes away; everything else stays. */
START_TEST(test_compact)
{
	static const char in[] = " {\n\t\"a\" : [ 1.50 ,\r\n 2 ] ,"
	    "\"b\":\"s p\\/\" } ";
	struct evb_buf b = EVB_BUF_INIT;
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_err err;
	struct evb_jv *v = evb_json_parse(&a, in, sizeof(in) - 1, 0, &err);

	ck_assert_ptr_nonnull(v);
	evb_json_write(&b, v);
	ck_assert_bytes(b.p, b.len, "{\"a\":[1.50,2],\"b\":\"s p/\"}");
	evb_arena_fini(&a);
	evb_buf_fini(&b);
}
END_TEST

Suite *
jgen_suite(void)
{
	Suite *s = suite_create("jgen");
	TCase *tc = tcase_create("jgen");

	tcase_add_loop_test(tc, test_quote, 0, nitems(quotes));
	tcase_add_test(tc, test_quote_controls);
	tcase_add_test(tc, test_build);
	tcase_add_test(tc, test_reset_retarget);
	tcase_add_test(tc, test_failures);
	tcase_add_loop_test(tc, test_roundtrip, 0, nitems(trips));
	tcase_add_test(tc, test_compact);
	suite_add_tcase(s, tc);
	return s;
}
