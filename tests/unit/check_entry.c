/*
 * entry: PutEvents entries, their size by EventBridge's formula and
 * EventBridge's checks with its messages.
 */
#include <string.h>

#include <check.h>

#include "arena.h"
#include "buf.h"
#include "entry.h"
#include "json.h"
#include "reject.h"
#include "unit.h"

Suite	*entry_suite(void);

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
	struct evb_jv *v = evb_json_parse(&arena, p, n, 0, &err);

	ck_assert_msg(v != NULL, "%s", err.msg);
	return v;
}

/* Parse text and fill e from it; returns what evb_entry_from_json did. */
static int
entry_of(struct evb_entry *e, const char *text, struct evb_reject *rej)
{
	return evb_entry_from_json(e, parse(text, strlen(text)), &arena, rej);
}

START_TEST(test_from_json_string_detail)
{
	struct evb_entry e;
	struct evb_reject rej;

	ck_assert_int_eq(entry_of(&e, "{\"Source\":\"my.app\","
	    "\"DetailType\":\"Order Placed\","
	    "\"Detail\":\"{ \\\"a\\\" : 1.50 }\","
	    "\"Resources\":[\"arn:1\",null,\"arn:\\u00e9\"],"
	    "\"Time\":\"2023-11-14T22:13:20Z\",\"EventBusName\":\"bus\","
	    "\"Other\":[1,2]}", &rej), 0);
	ck_assert_bytes(e.source.p, e.source.n, "my.app");
	ck_assert_bytes(e.detail_type.p, e.detail_type.n, "Order Placed");
	ck_assert_bytes(e.detail.p, e.detail.n, "{ \"a\" : 1.50 }");
	ck_assert_uint_eq(e.nresources, 2);
	ck_assert_bytes(e.resources[0].p, e.resources[0].n, "arn:1");
	ck_assert_bytes(e.resources[1].p, e.resources[1].n, "arn:\xc3\xa9");
	ck_assert(e.has_time);
	ck_assert_int_eq(e.time, 1700000000);
	ck_assert_bytes(e.bus.p, e.bus.n, "bus");
}
END_TEST

/* Detail written as an object is kept as compact JSON text. */
START_TEST(test_from_json_object_detail)
{
	struct evb_entry e;
	struct evb_reject rej;

	ck_assert_int_eq(entry_of(&e, "{\"Source\":\"s\",\"DetailType\":\"t\","
	    "\"Detail\":{ \"a\" : 1.50, \"b\" : [ -0 , \"x\\ny\" ], "
	    "\"c\":{} }}",
	    &rej), 0);
	ck_assert_bytes(e.detail.p, e.detail.n,
	    "{\"a\":1.50,\"b\":[-0,\"x\\ny\"],\"c\":{}}");
	ck_assert(!e.has_time);
	ck_assert_ptr_null(e.bus.p);
	ck_assert_uint_eq(e.nresources, 0);
}
END_TEST

/* Absent, null and empty all mean "not given". */
START_TEST(test_from_json_absent)
{
	static const char *const texts[] = {
		"{}",
		"{\"Source\":null,\"DetailType\":null,\"Detail\":null,"
		    "\"Resources\":null,\"Time\":null,\"EventBusName\":null}",
		"{\"Source\":\"\",\"DetailType\":\"\",\"Detail\":\"\","
		    "\"Resources\":[null,null],\"EventBusName\":\"\"}",
	};

	for (size_t i = 0; i < nitems(texts); i++) {
		struct evb_entry e;
		struct evb_reject rej;

		ck_assert_int_eq(entry_of(&e, texts[i], &rej), 0);
		ck_assert_ptr_null(e.source.p);
		ck_assert_ptr_null(e.detail_type.p);
		ck_assert_ptr_null(e.detail.p);
		ck_assert_ptr_null(e.bus.p);
		ck_assert_uint_eq(e.nresources, 0);
		ck_assert(!e.has_time);
		ck_assert_uint_eq(evb_entry_size(&e), 0);
	}
}
END_TEST

START_TEST(test_from_json_time)
{
	static const struct {
		const char	*text;
		long long	 t;
	} t[] = {
		{ "{\"Time\":1700000000}", 1700000000 },
		{ "{\"Time\":1700000000.9}", 1700000000 },
		{ "{\"Time\":\"1700000000\"}", 1700000000 },
		{ "{\"Time\":\"2023-11-14T23:13:20.5+01:00\"}", 1700000000 },
		{ "{\"Time\":0}", 0 },
	};

	for (size_t i = 0; i < nitems(t); i++) {
		struct evb_entry e;
		struct evb_reject rej;

		ck_assert_int_eq(entry_of(&e, t[i].text, &rej), 0);
		ck_assert(e.has_time);
		ck_assert_int_eq(e.time, t[i].t);
	}
}
END_TEST

static const struct {
	const char	*text;
	const char	*code;
	const char	*message;
	const char	*reason;	/* NULL: the message */
} wrong[] = {
	{ "{\"Source\":1}", "InvalidArgument",
	    "Parameter Source is not valid. Reason: Source must be a string.",
	    NULL },
	{ "{\"Source\":\"s\",\"DetailType\":true}", "InvalidArgument",
	    "Parameter DetailType is not valid. Reason: DetailType must be a "
	    "string.", NULL },
	{ "{\"EventBusName\":[]}", "InvalidArgument",
	    "Parameter EventBusName is not valid. Reason: EventBusName must "
	    "be a string.", NULL },
	{ "{\"Resources\":\"arn:1\"}", "InvalidArgument",
	    "Parameter Resources is not valid. Reason: Resources must be a "
	    "list of strings.", NULL },
	{ "{\"Resources\":{}}", "InvalidArgument",
	    "Parameter Resources is not valid. Reason: Resources must be a "
	    "list of strings.", NULL },
	{ "{\"Resources\":[\"a\",1]}", "InvalidArgument",
	    "Parameter Resources is not valid. Reason: Resources must be a "
	    "list of strings.", NULL },
	{ "{\"Resources\":[[\"a\"]]}", "InvalidArgument",
	    "Parameter Resources is not valid. Reason: Resources must be a "
	    "list of strings.", NULL },
	{ "{\"Time\":\"yesterday\"}", "InvalidArgument",
	    "Parameter Time is not valid. Reason: Time must be an RFC 3339 "
	    "timestamp or seconds since the epoch.", NULL },
	{ "{\"Time\":true}", "InvalidArgument",
	    "Parameter Time is not valid. Reason: Time must be an RFC 3339 "
	    "timestamp or seconds since the epoch.", NULL },
	{ "{\"Time\":-1}", "InvalidArgument",
	    "Parameter Time is not valid. Reason: Time must be an RFC 3339 "
	    "timestamp or seconds since the epoch.", NULL },
	{ "{\"Time\":\"2023-02-29T00:00:00Z\"}", "InvalidArgument",
	    "Parameter Time is not valid. Reason: Time must be an RFC 3339 "
	    "timestamp or seconds since the epoch.", NULL },
	{ "{\"Detail\":1}", "MalformedDetail", "Detail is malformed.",
	    "Detail is neither a JSON string nor an object" },
	{ "{\"Detail\":[{}]}", "MalformedDetail", "Detail is malformed.",
	    "Detail is neither a JSON string nor an object" },
	{ "{\"Detail\":false}", "MalformedDetail", "Detail is malformed.",
	    "Detail is neither a JSON string nor an object" },
	{ "[]", "ValidationException", "An entry must be a JSON object.",
	    "entry is a JSON array, not an object" },
	{ "\"s\"", "ValidationException", "An entry must be a JSON object.",
	    "entry is a JSON string, not an object" },
	/* The first wrong member in the order Source, DetailType, ... */
	{ "{\"Time\":[],\"Source\":2}", "InvalidArgument",
	    "Parameter Source is not valid. Reason: Source must be a string.",
	    NULL },
};

START_TEST(test_from_json_wrong)
{
	struct evb_entry e;
	struct evb_reject rej;

	memset(&rej, 0, sizeof(rej));
	ck_assert_int_eq(entry_of(&e, wrong[_i].text, &rej), -1);
	ck_assert_str_eq(rej.code, wrong[_i].code);
	ck_assert_str_eq(rej.message, wrong[_i].message);
	ck_assert_str_eq(rej.reason, wrong[_i].reason ? wrong[_i].reason :
	    wrong[_i].message);
}
END_TEST

static struct evb_str
str(const char *s)
{
	struct evb_str v = { s, strlen(s) };

	return v;
}

/* time 14 + source + detail-type + detail + each resource, in bytes. */
START_TEST(test_size)
{
	struct evb_str res[] = { { "arn:aws:s3:::b", 14 }, { "\xc3\xa9", 2 },
	    { "", 0 } };
	struct evb_entry e;
	struct evb_reject rej;

	memset(&e, 0, sizeof(e));
	ck_assert_uint_eq(evb_entry_size(&e), 0);
	e.source = str("my.app");				/* 6 */
	e.detail_type = str("caf\xc3\xa9");			/* 5 */
	e.detail = str("{\"k\":\"\xe2\x82\xac\"}");		/* 11 */
	ck_assert_uint_eq(evb_entry_size(&e), 22);
	e.has_time = true;
	ck_assert_uint_eq(evb_entry_size(&e), 36);
	e.resources = res;
	e.nresources = 3;
	ck_assert_uint_eq(evb_entry_size(&e), 52);
	/* The bus name does not count. */
	e.bus = str("some-bus");
	ck_assert_uint_eq(evb_entry_size(&e), 52);

	/* From JSON: decoded lengths, the detail as it was sent. */
	ck_assert_int_eq(entry_of(&e, "{\"Source\":\"\\u00e9\","
	    "\"DetailType\":\"t\",\"Detail\":\"{\\\"a\\\": 1}\","
	    "\"Resources\":[\"r\",null],\"Time\":0}", &rej), 0);
	ck_assert_uint_eq(evb_entry_size(&e), 14 + 2 + 1 + 8 + 1);
}
END_TEST

static const struct {
	const char	*text;
	bool		 allow_aws;
	const char	*code;		/* NULL: passes */
	const char	*message;
} fields[] = {
	{ "{\"Source\":\"s\",\"DetailType\":\"t\",\"Detail\":\"{}\"}", false,
	    NULL, NULL },
	{ "{}", false, "InvalidArgument",
	    "Parameter Source is not valid. Reason: Source is a required "
	    "argument." },
	{ "{\"DetailType\":\"t\",\"Detail\":\"{}\"}", false, "InvalidArgument",
	    "Parameter Source is not valid. Reason: Source is a required "
	    "argument." },
	{ "{\"Source\":\"\",\"DetailType\":\"t\",\"Detail\":\"{}\"}", false,
	    "InvalidArgument", "Parameter Source is not valid. Reason: Source "
	    "is a required argument." },
	{ "{\"Source\":\"s\",\"Detail\":\"{}\"}", false, "InvalidArgument",
	    "Parameter DetailType is not valid. Reason: DetailType is a "
	    "required argument." },
	{ "{\"Source\":\"s\",\"DetailType\":\"\",\"Detail\":\"{}\"}", false,
	    "InvalidArgument", "Parameter DetailType is not valid. Reason: "
	    "DetailType is a required argument." },
	{ "{\"Source\":\"s\",\"DetailType\":\"t\"}", false, "InvalidArgument",
	    "Parameter Detail is not valid. Reason: Detail is a required "
	    "argument." },
	{ "{\"Source\":\"s\",\"DetailType\":\"t\",\"Detail\":\"\"}", false,
	    "InvalidArgument", "Parameter Detail is not valid. Reason: Detail "
	    "is a required argument." },
	/* Source before DetailType before Detail. */
	{ "{\"Detail\":\"{}\"}", false, "InvalidArgument",
	    "Parameter Source is not valid. Reason: Source is a required "
	    "argument." },
	{ "{\"Source\":\"aws.ec2\"}", false, "InvalidArgument",
	    "Parameter DetailType is not valid. Reason: DetailType is a "
	    "required argument." },
	{ "{\"Source\":\"aws.ec2\",\"DetailType\":\"t\",\"Detail\":\"{}\"}",
	    false, "NotAuthorizedForSourceException",
	    "Not authorized for the source." },
	{ "{\"Source\":\"aws.ec2\",\"DetailType\":\"t\",\"Detail\":\"{}\"}",
	    true, NULL, NULL },
	{ "{\"Source\":\"aws.\",\"DetailType\":\"t\",\"Detail\":\"{}\"}",
	    false, "NotAuthorizedForSourceException",
	    "Not authorized for the source." },
	{ "{\"Source\":\"aws\",\"DetailType\":\"t\",\"Detail\":\"{}\"}", false,
	    NULL, NULL },
	{ "{\"Source\":\"awsome.app\",\"DetailType\":\"t\",\"Detail\":\"{}\"}",
	    false, NULL, NULL },
	{ "{\"Source\":\"my.aws.app\",\"DetailType\":\"t\",\"Detail\":\"{}\"}",
	    false, NULL, NULL },
};

START_TEST(test_check_fields)
{
	struct evb_entry e;
	struct evb_reject rej;
	int rc;

	memset(&rej, 0, sizeof(rej));
	ck_assert_int_eq(entry_of(&e, fields[_i].text, &rej), 0);
	rc = evb_entry_check_fields(&e, fields[_i].allow_aws, &rej);
	if (fields[_i].code == NULL) {
		ck_assert_int_eq(rc, 0);
		return;
	}
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(rej.code, fields[_i].code);
	ck_assert_str_eq(rej.message, fields[_i].message);
	ck_assert_str_ne(rej.reason, "");
}
END_TEST

/* DetailType counts characters, not bytes: 128 pass, 129 do not. */
static const struct {
	const char	*ch;	/* one character */
	size_t		 count;
	bool		 ok;
} lengths[] = {
	{ "a", 128, true },
	{ "a", 129, false },
	{ "\xc3\xa9", 128, true },		/* 256 bytes */
	{ "\xc3\xa9", 129, false },
	{ "\xe2\x82\xac", 128, true },		/* 384 bytes */
	{ "\xe2\x82\xac", 129, false },
	{ "\xf0\x9f\x98\x80", 128, true },	/* 512 bytes */
	{ "\xf0\x9f\x98\x80", 129, false },
};

START_TEST(test_detail_type_length)
{
	struct evb_buf dt = EVB_BUF_INIT;
	struct evb_entry e;
	struct evb_reject rej;

	for (size_t i = 0; i < lengths[_i].count; i++)
		evb_buf_adds(&dt, lengths[_i].ch);
	memset(&e, 0, sizeof(e));
	e.source = str("aws.too");
	e.detail = str("{}");
	e.detail_type.p = dt.p;
	e.detail_type.n = dt.len;
	if (lengths[_i].ok) {
		ck_assert_int_eq(evb_entry_check_fields(&e, true, &rej), 0);
	} else {
		/* Checked before the source's prefix. */
		ck_assert_int_eq(evb_entry_check_fields(&e, false, &rej), -1);
		ck_assert_str_eq(rej.code, "InvalidArgument");
		ck_assert_str_eq(rej.message, "Parameter DetailType is not "
		    "valid. Reason: DetailType is longer than 128 characters.");
		/* ... but after Detail's presence. */
		e.detail.p = NULL;
		e.detail.n = 0;
		ck_assert_int_eq(evb_entry_check_fields(&e, false, &rej), -1);
		ck_assert_str_eq(rej.message, "Parameter Detail is not valid. "
		    "Reason: Detail is a required argument.");
	}
	evb_buf_fini(&dt);
}
END_TEST

START_TEST(test_rejects)
{
	struct evb_reject rej;

	evb_entry_reject_size(&rej, 262145, 262144);
	ck_assert_str_eq(rej.code, "ValidationException");
	ck_assert_str_eq(rej.message,
	    "Total size of the entries in the request is over the limit.");
	ck_assert_str_eq(rej.reason,
	    "entry size 262145 bytes is over the limit of 262144");
	evb_entry_reject_detail(&rej, "why");
	ck_assert_str_eq(rej.code, "MalformedDetail");
	ck_assert_str_eq(rej.message, "Detail is malformed.");
	ck_assert_str_eq(rej.reason, "why");
}
END_TEST

Suite *
entry_suite(void)
{
	Suite *s = suite_create("entry");
	TCase *tc = tcase_create("entry");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_from_json_string_detail);
	tcase_add_test(tc, test_from_json_object_detail);
	tcase_add_test(tc, test_from_json_absent);
	tcase_add_test(tc, test_from_json_time);
	tcase_add_loop_test(tc, test_from_json_wrong, 0, nitems(wrong));
	tcase_add_test(tc, test_size);
	tcase_add_loop_test(tc, test_check_fields, 0, nitems(fields));
	tcase_add_loop_test(tc, test_detail_type_length, 0, nitems(lengths));
	tcase_add_test(tc, test_rejects);
	suite_add_tcase(s, tc);
	return s;
}
