/*
 * reject: the JSON record of refused input, and base64.
 */
#include <string.h>

#include <check.h>

#include "arena.h"
#include "buf.h"
#include "json.h"
#include "reject.h"
#include "unit.h"

Suite	*reject_suite(void);

#define L(s)	s, sizeof(s) - 1

/* RFC 4648, section 10, and a few with every bit set. */
static const struct {
	const char	*in;
	size_t		 n;
	const char	*out;
} b64[] = {
	{ L(""), "" },
	{ L("f"), "Zg==" },
	{ L("fo"), "Zm8=" },
	{ L("foo"), "Zm9v" },
	{ L("foob"), "Zm9vYg==" },
	{ L("fooba"), "Zm9vYmE=" },
	{ L("foobar"), "Zm9vYmFy" },
	{ L("\0"), "AA==" },
	{ L("\0\0\0"), "AAAA" },
	{ L("\xff\xff\xff"), "////" },
	{ L("\xfb\xff"), "+/8=" },
	{ L("\xff\xfe\xfd\xfc"), "//79/A==" },
};

START_TEST(test_base64)
{
	struct evb_buf b = EVB_BUF_INIT;

	evb_buf_adds(&b, ">");
	evb_base64(&b, b64[_i].in, b64[_i].n);
	ck_assert_uint_eq(b.len, 1 + strlen(b64[_i].out));
	ck_assert_mem_eq(b.p, ">", 1);
	ck_assert_mem_eq(b.p + 1, b64[_i].out, b.len - 1);
	evb_buf_fini(&b);
}
END_TEST

START_TEST(test_set)
{
	struct evb_reject rej;
	char big[1000];

	evb_reject_set(&rej, "MalformedDetail", "Detail is malformed.",
	    "line %d: %s", 3, "bad");
	ck_assert_str_eq(rej.code, "MalformedDetail");
	ck_assert_str_eq(rej.message, "Detail is malformed.");
	ck_assert_str_eq(rej.reason, "line 3: bad");
	memset(big, 'r', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	evb_reject_set(&rej, "X", big, "%s", big);
	ck_assert_uint_eq(strlen(rej.message), sizeof(rej.message) - 1);
	ck_assert_uint_eq(strlen(rej.reason), sizeof(rej.reason) - 1);
}
END_TEST

static const struct {
	const char		*file;
	unsigned long long	 line;
	const char		*input;
	size_t			 n;
	const char		*record;
} records[] = {
	{ "orders.ndjson", 12, L("{\"a\":1}"),
	    "{\"ErrorCode\":\"MalformedDetail\","
	    "\"ErrorMessage\":\"Detail is malformed.\","
	    "\"reason\":\"invalid \\\"JSON\\\"\",\"file\":\"orders.ndjson\","
	    "\"line\":12,\"input\":\"{\\\"a\\\":1}\"}\n" },
	{ NULL, 0, L("caf\xc3\xa9\0\t"),
	    "{\"ErrorCode\":\"MalformedDetail\","
	    "\"ErrorMessage\":\"Detail is malformed.\","
	    "\"reason\":\"invalid \\\"JSON\\\"\","
	    "\"input\":\"caf\xc3\xa9\\u0000\\t\"}\n" },
	{ "(standard input)", 1, L(""),
	    "{\"ErrorCode\":\"MalformedDetail\","
	    "\"ErrorMessage\":\"Detail is malformed.\","
	    "\"reason\":\"invalid \\\"JSON\\\"\","
	    "\"file\":\"(standard input)\",\"line\":1,\"input\":\"\"}\n" },
	/* Not UTF-8: the exact bytes in base64. */
	{ "f", 2, L("fo\xff"),
	    "{\"ErrorCode\":\"MalformedDetail\","
	    "\"ErrorMessage\":\"Detail is malformed.\","
	    "\"reason\":\"invalid \\\"JSON\\\"\",\"file\":\"f\",\"line\":2,"
	    "\"input_base64\":\"Zm//\"}\n" },
	{ "f", 3, L("\xc0\x80"),	/* overlong */
	    "{\"ErrorCode\":\"MalformedDetail\","
	    "\"ErrorMessage\":\"Detail is malformed.\","
	    "\"reason\":\"invalid \\\"JSON\\\"\",\"file\":\"f\",\"line\":3,"
	    "\"input_base64\":\"wIA=\"}\n" },
	{ "f", 4, L("\xed\xa0\x80"),	/* surrogate */
	    "{\"ErrorCode\":\"MalformedDetail\","
	    "\"ErrorMessage\":\"Detail is malformed.\","
	    "\"reason\":\"invalid \\\"JSON\\\"\",\"file\":\"f\",\"line\":4,"
	    "\"input_base64\":\"7aCA\"}\n" },
	/* Not kept at all: only its length. */
	{ "big.ndjson", 9, NULL, 5000000,
	    "{\"ErrorCode\":\"MalformedDetail\","
	    "\"ErrorMessage\":\"Detail is malformed.\","
	    "\"reason\":\"invalid \\\"JSON\\\"\",\"file\":\"big.ndjson\","
	    "\"line\":9,\"input_bytes\":5000000}\n" },
};

START_TEST(test_record)
{
	struct evb_buf b = EVB_BUF_INIT;
	struct evb_reject rej;
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_err err;
	struct evb_jv *v;

	evb_reject_set(&rej, "MalformedDetail", "Detail is malformed.", "%s",
	    "invalid \"JSON\"");
	evb_buf_adds(&b, "x\n");
	evb_reject_record(&b, &rej, records[_i].file, records[_i].line,
	    records[_i].input, records[_i].n);
	ck_assert_uint_eq(b.len, 2 + strlen(records[_i].record));
	ck_assert_mem_eq(b.p, "x\n", 2);
	ck_assert_mem_eq(b.p + 2, records[_i].record, b.len - 2);
	/* One valid JSON object per line, holding the input exactly. */
	v = evb_json_parse(&a, b.p + 2, b.len - 3, 0, &err);
	ck_assert_ptr_nonnull(v);
	ck_assert_int_eq(v->type, EVB_JOBJECT);
	if (records[_i].input != NULL &&
	    evb_json_get(v, "input") != NULL) {
		struct evb_jv *in = evb_json_get(v, "input");

		ck_assert_uint_eq(in->n, records[_i].n);
		ck_assert_mem_eq(in->u.str, records[_i].input, in->n);
	}
	evb_arena_fini(&a);
	evb_buf_fini(&b);
}
END_TEST

Suite *
reject_suite(void)
{
	Suite *s = suite_create("reject");
	TCase *tc = tcase_create("reject");

	tcase_add_loop_test(tc, test_base64, 0, nitems(b64));
	tcase_add_test(tc, test_set);
	tcase_add_loop_test(tc, test_record, 0, nitems(records));
	suite_add_tcase(s, tc);
	return s;
}
