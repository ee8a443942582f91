/*
 * put: details and PutEvents entries turned into envelopes, with
 * EventBridge's checks, its size limit and the claim-check.
 */
#include <sys/types.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <check.h>
#include <sha2.h>

#include "arena.h"
#include "buf.h"
#include "claim.h"
#include "json.h"
#include "put.h"
#include "timefmt.h"
#include "unit.h"
#include "uuid.h"

Suite	*put_suite(void);

#define L(s)	s, sizeof(s) - 1

static struct evb_buf out;
static struct evb_put put;
static struct evb_arena arena;

static struct evb_str
str(const char *s)
{
	struct evb_str v = { s, strlen(s) };

	return v;
}

static void
setup(void)
{
	memset(&out, 0, sizeof(out));
	memset(&arena, 0, sizeof(arena));
	evb_put_init(&put, &out);
	put.source = str("src");
	put.detail_type = str("dt");
	put.has_time = true;
	put.time = 1700000000;
}

static void
teardown(void)
{
	evb_put_fini(&put);
	evb_buf_fini(&out);
	evb_arena_fini(&arena);
}

/*
 * out holds exactly one line: {"version":"0","id":"<a fresh UUID>", then
 * rest.  Returns the id.
 */
static const char *
check_envelope(const char *rest)
{
	static const char head[] = "{\"version\":\"0\",\"id\":\"";
	static char id[EVB_UUID_LEN + 1];
	const size_t h = sizeof(head) - 1;

	ck_assert_uint_eq(out.len, h + EVB_UUID_LEN + strlen(rest));
	ck_assert_mem_eq(out.p, head, h);
	memcpy(id, out.p + h, EVB_UUID_LEN);
	id[EVB_UUID_LEN] = '\0';
	ck_assert_uint_eq(strspn(id, "0123456789abcdef-"), EVB_UUID_LEN);
	ck_assert_int_eq(id[14], '4');
	ck_assert_mem_eq(out.p + h + EVB_UUID_LEN, rest, strlen(rest));
	return id;
}

/* The envelope's fields after the id, for the setup's settings. */
#define REST(detail)							\
	"\",\"detail-type\":\"dt\",\"source\":\"src\","			\
	"\"account\":\"000000000000\",\"time\":\"2023-11-14T22:13:20Z\","\
	"\"region\":\"us-east-1\",\"resources\":[],\"detail\":" detail "}\n"

/* Details are embedded byte for byte, whatever their spacing. */
static const struct {
	const char	*detail;
	size_t		 n;
	const char	*rest;
} details[] = {
	{ L("{ \"a\" : 1.50 }"), REST("{ \"a\" : 1.50 }") },
	{ L("{}"), REST("{}") },
	{ L("{\"n\":3.018e2,\"z\":-0,\"s\":\"\\u00e9\\n\",\"a\":1,\"a\":2}"),
	    REST("{\"n\":3.018e2,\"z\":-0,\"s\":\"\\u00e9\\n\",\"a\":1,"
	    "\"a\":2}") },
	{ L("{\"caf\xc3\xa9\":[1,{\"b\":[]}]}\t"),
	    REST("{\"caf\xc3\xa9\":[1,{\"b\":[]}]}\t") },
};

START_TEST(test_detail)
{
	struct evb_reject rej;

	ck_assert_int_eq(evb_put_detail(&put, details[_i].detail,
	    details[_i].n, &rej), EVB_PUT_OK);
	check_envelope(details[_i].rest);
}
END_TEST

/* Each envelope is one line with a new id, appended to out. */
START_TEST(test_detail_lines)
{
	struct evb_reject rej;
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_err err;
	char ids[3][EVB_UUID_LEN + 1];
	const char *p = NULL;
	size_t start = 0;

	for (int i = 0; i < 3; i++)
		ck_assert_int_eq(evb_put_detail(&put, L("{\"i\":1}"), &rej),
		    EVB_PUT_OK);
	for (int i = 0; i < 3; i++) {
		struct evb_jv *v, *id;

		p = memchr(out.p + start, '\n', out.len - start);
		ck_assert_ptr_nonnull(p);
		v = evb_json_parse(&a, out.p + start,
		    (size_t)(p - out.p) - start, 0, &err);
		ck_assert_ptr_nonnull(v);
		id = evb_json_get(v, "id");
		ck_assert_uint_eq(id->n, EVB_UUID_LEN);
		memcpy(ids[i], id->u.str, sizeof(ids[i]));
		start = (size_t)(p - out.p) + 1;
	}
	ck_assert_uint_eq(start, out.len);
	ck_assert_str_ne(ids[0], ids[1]);
	ck_assert_str_ne(ids[1], ids[2]);
	ck_assert_str_ne(ids[0], ids[2]);
	evb_arena_fini(&a);
}
END_TEST

START_TEST(test_detail_settings)
{
	struct evb_str res[] = { { "arn:a", 5 }, { "arn:\"q\"\0", 8 } };
	struct evb_reject rej;

	put.account = str("123456789012");
	put.region = str("eu-west-1");
	put.resources = res;
	put.nresources = 2;
	put.source = str("my.\xc3\xa9");
	put.detail_type = str("Order \"Placed\"");
	put.time = -1;
	ck_assert_int_eq(evb_put_detail(&put, L("{}"), &rej), EVB_PUT_OK);
	check_envelope("\",\"detail-type\":\"Order \\\"Placed\\\"\","
	    "\"source\":\"my.\xc3\xa9\",\"account\":\"123456789012\","
	    "\"time\":\"1969-12-31T23:59:59Z\",\"region\":\"eu-west-1\","
	    "\"resources\":[\"arn:a\",\"arn:\\\"q\\\"\\u0000\"],"
	    "\"detail\":{}}\n");
}
END_TEST

/* Without a time, the envelope gets the current one. */
START_TEST(test_detail_now)
{
	struct evb_reject rej;
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_err err;
	struct evb_jv *v, *t;
	time_t before, after, got;

	put.has_time = false;
	before = time(NULL);
	ck_assert_int_eq(evb_put_detail(&put, L("{}"), &rej), EVB_PUT_OK);
	after = time(NULL);
	v = evb_json_parse(&a, out.p, out.len - 1, 0, &err);
	ck_assert_ptr_nonnull(v);
	t = evb_json_get(v, "time");
	ck_assert_uint_eq(t->n, EVB_TIME_LEN);
	ck_assert_int_eq(evb_time_parse(t->u.str, t->n, &got), 0);
	ck_assert_int_ge(got, before);
	ck_assert_int_le(got, after);
	evb_arena_fini(&a);
}
END_TEST

static const struct {
	const char	*detail;
	size_t		 n;
	const char	*reason;
} bad_details[] = {
	{ L("[1]"), "detail is a JSON array, not an object" },
	{ L("\"{}\""), "detail is a JSON string, not an object" },
	{ L("1.5"), "detail is a JSON number, not an object" },
	{ L("null"), "detail is a JSON null, not an object" },
	{ L("true"), "detail is a JSON boolean, not an object" },
	{ L("{\"a\":x}"),
	    "invalid JSON: invalid char in json text at column 6" },
	{ L("{\"a\":1"), "invalid JSON: premature EOF at column 7" },
	{ L("{\"a\":1}}"), "invalid JSON: trailing garbage at column 8" },
	{ L("{\"a\":\"\0\"}"), "invalid JSON: NUL byte at column 7" },
	{ L("{\"a\":\"\xff\"}"), "invalid UTF-8 in a string at column 7" },
	{ L("{\"a\":[[[1]]]}"),
	    "invalid JSON: nesting deeper than 3 levels at column 8" },
};

START_TEST(test_detail_malformed)
{
	struct evb_reject rej;

	put.max_depth = 3;
	ck_assert_int_eq(evb_put_detail(&put, L("{\"a\":[[1]]}"), &rej),
	    EVB_PUT_OK);
	evb_buf_reset(&out);
	ck_assert_int_eq(evb_put_detail(&put, bad_details[_i].detail,
	    bad_details[_i].n, &rej), EVB_PUT_REJECTED);
	ck_assert_str_eq(rej.code, "MalformedDetail");
	ck_assert_str_eq(rej.message, "Detail is malformed.");
	ck_assert_str_eq(rej.reason, bad_details[_i].reason);
	ck_assert_uint_eq(out.len, 0);
}
END_TEST

/* yajl only checks the shape of UTF-8; overlongs are refused as well. */
START_TEST(test_detail_overlong)
{
	struct evb_reject rej;

	ck_assert_int_eq(evb_put_detail(&put, L("{\"a\":\"\xc0\xaf\"}"), &rej),
	    EVB_PUT_REJECTED);
	ck_assert_str_eq(rej.code, "MalformedDetail");
	ck_assert_uint_eq(out.len, 0);
}
END_TEST

START_TEST(test_detail_fields)
{
	struct evb_reject rej;

	put.source.p = NULL;
	put.source.n = 0;
	ck_assert_int_eq(evb_put_detail(&put, L("{}"), &rej),
	    EVB_PUT_REJECTED);
	ck_assert_str_eq(rej.code, "InvalidArgument");
	ck_assert_str_eq(rej.message, "Parameter Source is not valid. Reason: "
	    "Source is a required argument.");
	put.source = str("aws.s3");
	ck_assert_int_eq(evb_put_detail(&put, L("{}"), &rej),
	    EVB_PUT_REJECTED);
	ck_assert_str_eq(rej.code, "NotAuthorizedForSourceException");
	put.detail_type.p = NULL;
	ck_assert_int_eq(evb_put_detail(&put, L("{}"), &rej),
	    EVB_PUT_REJECTED);
	ck_assert_str_eq(rej.message, "Parameter DetailType is not valid. "
	    "Reason: DetailType is a required argument.");
	ck_assert_uint_eq(out.len, 0);
	put.detail_type = str("dt");
	put.allow_aws = true;
	ck_assert_int_eq(evb_put_detail(&put, L("{}"), &rej), EVB_PUT_OK);
	ck_assert_ptr_nonnull(strstr(evb_buf_cstr(&out),
	    "\"source\":\"aws.s3\""));
}
END_TEST

/*
 * size = 14 (time) + source + detail-type + detail + resources, in bytes:
 * a size equal to the limit passes, one byte more does not.
 */
static const struct {
	bool	 has_time;
	size_t	 nres;
	size_t	 size;
} sizes[] = {
	{ true, 0, 14 + 5 + 2 + 11 },
	{ false, 0, 5 + 2 + 11 },
	{ true, 2, 14 + 5 + 2 + 11 + 5 + 3 },
};

START_TEST(test_size_limit)
{
	static const char detail[] = "{\"k\":\"\xe2\x82\xac\"}";	/* 11 */
	struct evb_str res[] = { { "arn:1", 5 }, { "\xc3\xa9!", 3 } };
	struct evb_reject rej;
	char reason[128];

	put.source = str("src\xc3\xa9");
	put.has_time = sizes[_i].has_time;
	put.resources = res;
	put.nresources = sizes[_i].nres;
	put.max_size = sizes[_i].size;
	ck_assert_int_eq(evb_put_detail(&put, L(detail), &rej), EVB_PUT_OK);
	ck_assert_uint_gt(out.len, 0);
	evb_buf_reset(&out);
	put.max_size = sizes[_i].size - 1;
	ck_assert_int_eq(evb_put_detail(&put, L(detail), &rej),
	    EVB_PUT_REJECTED);
	ck_assert_str_eq(rej.code, "ValidationException");
	ck_assert_str_eq(rej.message,
	    "Total size of the entries in the request is over the limit.");
	snprintf(reason, sizeof(reason),
	    "entry size %zu bytes is over the limit of %zu", sizes[_i].size,
	    sizes[_i].size - 1);
	ck_assert_str_eq(rej.reason, reason);
	ck_assert_uint_eq(out.len, 0);
}
END_TEST

/* The default limit is EventBridge's 256 KB. */
START_TEST(test_size_default)
{
	struct evb_buf d = EVB_BUF_INIT;
	struct evb_reject rej;
	const size_t fixed = 14 + 3 + 2 + 8;	/* {"k":""} */

	ck_assert_uint_eq(put.max_size, 262144);
	evb_buf_adds(&d, "{\"k\":\"");
	memset(evb_buf_reserve(&d, 262144 - fixed), 'v', 262144 - fixed);
	d.len += 262144 - fixed;
	evb_buf_adds(&d, "\"}");
	ck_assert_int_eq(evb_put_detail(&put, d.p, d.len, &rej), EVB_PUT_OK);
	evb_buf_reset(&d);
	evb_buf_adds(&d, "{\"k\":\"");
	memset(evb_buf_reserve(&d, 262145 - fixed), 'v', 262145 - fixed);
	d.len += 262145 - fixed;
	evb_buf_adds(&d, "\"}");
	ck_assert_int_eq(evb_put_detail(&put, d.p, d.len, &rej),
	    EVB_PUT_REJECTED);
	ck_assert_str_eq(rej.reason,
	    "entry size 262145 bytes is over the limit of 262144");
	evb_buf_fini(&d);
}
END_TEST

/* A detail of n bytes: {"id":"x1","blob":"aaa..."}. */
static void
big_detail(struct evb_buf *d, size_t n)
{
	static const char head[] = "{\"id\":\"x1\",\"blob\":\"";

	evb_buf_adds(d, head);
	memset(evb_buf_reserve(d, n - 2 - (sizeof(head) - 1)), 'a',
	    n - 2 - (sizeof(head) - 1));
	d->len += n - 2 - (sizeof(head) - 1);
	evb_buf_adds(d, "\"}");
	ck_assert_uint_eq(d->len, n);
}

static char *
slurp(const char *path, size_t *n)
{
	struct evb_buf b = EVB_BUF_INIT;
	char tmp[8192];
	ssize_t k;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	ck_assert_msg(fd >= 0, "%s", path);
	while ((k = read(fd, tmp, sizeof(tmp))) > 0)
		evb_buf_add(&b, tmp, (size_t)k);
	close(fd);
	return evb_buf_take(&b, n);
}

/* An oversized detail is stored and the event carries a reference. */
START_TEST(test_claim_check)
{
	static char id[] = "id", nope[] = "nope";
	char *dir = unit_tmpdir(), *keep[] = { id, nope }, *stored;
	char sha[SHA256_DIGEST_STRING_LENGTH];
	struct evb_claimstore cs;
	struct evb_err err;
	struct evb_reject rej;
	struct evb_buf d = EVB_BUF_INIT, want = EVB_BUF_INIT;
	size_t n;

	ck_assert_int_eq(evb_claim_open(&cs, dir, &err), 0);
	put.claims = &cs;
	put.keep = keep;
	put.nkeep = 2;
	put.max_size = 600;
	big_detail(&d, 2000);
	SHA256Data((const uint8_t *)d.p, d.len, sha);
	ck_assert_int_eq(evb_put_detail(&put, d.p, d.len, &rej), EVB_PUT_OK);
	evb_buf_printf(&want, "\",\"detail-type\":\"dt\",\"source\":\"src\","
	    "\"account\":\"000000000000\",\"time\":\"2023-11-14T22:13:20Z\","
	    "\"region\":\"us-east-1\",\"resources\":[],\"detail\":"
	    "{\"claimCheck\":{\"uri\":\"file://%s/%s.json\",\"sha256\":\"%s\","
	    "\"size\":2000,\"contentType\":\"application/json\"},"
	    "\"id\":\"x1\"}}\n", cs.dir, sha, sha);
	check_envelope(evb_buf_cstr(&want));
	/* The stored file holds the detail exactly. */
	evb_buf_reset(&want);
	evb_buf_printf(&want, "%s/%s.json", cs.dir, sha);
	stored = slurp(evb_buf_cstr(&want), &n);
	ck_assert_uint_eq(n, d.len);
	ck_assert_mem_eq(stored, d.p, n);
	free(stored);

	/* Small details stay inline even with a store. */
	evb_buf_reset(&out);
	ck_assert_int_eq(evb_put_detail(&put, L("{\"id\":1}"), &rej),
	    EVB_PUT_OK);
	check_envelope(REST("{\"id\":1}"));

	/* A reference still over the limit is refused. */
	evb_buf_reset(&out);
	put.max_size = 100;
	ck_assert_int_eq(evb_put_detail(&put, d.p, d.len, &rej),
	    EVB_PUT_REJECTED);
	ck_assert_str_eq(rej.code, "ValidationException");
	ck_assert_uint_eq(out.len, 0);

	ck_assert_int_eq(unlink(evb_buf_cstr(&want)), 0);
	evb_claim_close(&cs);
	unit_rmtree(dir);
	evb_buf_fini(&d);
	evb_buf_fini(&want);
}
END_TEST

/* A store that fails is a system failure, not a rejection. */
START_TEST(test_claim_check_fails)
{
	char *dir = unit_tmpdir();
	struct evb_claimstore cs;
	struct evb_err err;
	struct evb_reject rej;
	struct evb_buf d = EVB_BUF_INIT;

	ck_assert_int_eq(evb_claim_open(&cs, dir, &err), 0);
	ck_assert_int_eq(rmdir(dir), 0);
	put.claims = &cs;
	put.max_size = 300;
	big_detail(&d, 1000);
	ck_assert_int_eq(evb_put_detail(&put, d.p, d.len, &rej),
	    EVB_PUT_FAILED);
	ck_assert_str_eq(rej.code, "InternalFailure");
	ck_assert_ptr_nonnull(strstr(rej.reason, "No such file or directory"));
	ck_assert_uint_eq(out.len, 0);
	ck_assert_int_eq(mkdir(dir, 0700), 0);
	evb_claim_close(&cs);
	unit_rmtree(dir);
	evb_buf_fini(&d);
}
END_TEST

static struct evb_jv *
parse(const char *text)
{
	struct evb_err err;
	struct evb_jv *v = evb_json_parse(&arena, text, strlen(text), 0, &err);

	ck_assert_msg(v != NULL, "%s", err.msg);
	return v;
}

/* Entries: the Detail string is compacted; the entry's own fields count. */
static const struct {
	const char	*entry;
	const char	*rest;
} entries[] = {
	{ "{\"Source\":\"s\",\"DetailType\":\"t\","
	    "\"Detail\":\"{\\n  \\\"a\\\" : 1.50,\\r\\n\\t\\\"b\\\" : "
	    "[ 1 , \\\"x y\\\" ]\\n}\\n\",\"Resources\":[\"r\",null],"
	    "\"Time\":\"2023-11-14T23:13:20+01:00\"}",
	    "\",\"detail-type\":\"t\",\"source\":\"s\","
	    "\"account\":\"000000000000\",\"time\":\"2023-11-14T22:13:20Z\","
	    "\"region\":\"us-east-1\",\"resources\":[\"r\"],"
	    "\"detail\":{\"a\":1.50,\"b\":[1,\"x y\"]}}\n" },
	{ "{\"Source\":\"s\",\"DetailType\":\"t\",\"Time\":0,"
	    "\"Detail\":{ \"a\" : [ -0 , {} ] }}",
	    "\",\"detail-type\":\"t\",\"source\":\"s\","
	    "\"account\":\"000000000000\",\"time\":\"1970-01-01T00:00:00Z\","
	    "\"region\":\"us-east-1\",\"resources\":[],"
	    "\"detail\":{\"a\":[-0,{}]}}\n" },
};

START_TEST(test_entry)
{
	struct evb_reject rej;

	ck_assert_int_eq(evb_put_entry(&put, parse(entries[_i].entry), &rej),
	    EVB_PUT_OK);
	check_envelope(entries[_i].rest);
}
END_TEST

static const struct {
	const char	*entry;
	const char	*code;
	const char	*reason;	/* NULL: not checked */
} bad_entries[] = {
	{ "{\"DetailType\":\"t\",\"Detail\":\"{}\"}", "InvalidArgument",
	    "Parameter Source is not valid. Reason: Source is a required "
	    "argument." },
	{ "{\"Source\":\"s\",\"DetailType\":\"t\",\"Detail\":\"[1]\"}",
	    "MalformedDetail", "Detail is a JSON array, not an object" },
	{ "{\"Source\":\"s\",\"DetailType\":\"t\",\"Detail\":\"\\\"x\\\"\"}",
	    "MalformedDetail", "Detail is a JSON string, not an object" },
	{ "{\"Source\":\"s\",\"DetailType\":\"t\",\"Detail\":\"{bad\"}",
	    "MalformedDetail", "invalid JSON: invalid char in json text" },
	{ "{\"Source\":\"s\",\"DetailType\":\"t\",\"Detail\":7}",
	    "MalformedDetail", NULL },
	{ "{\"Source\":\"aws.x\",\"DetailType\":\"t\",\"Detail\":\"{}\"}",
	    "NotAuthorizedForSourceException", NULL },
	{ "[]", "ValidationException", NULL },
	/* The limit applies to Detail as sent: 40 spaces are too many. */
	{ "{\"Source\":\"s\",\"DetailType\":\"t\",\"Detail\":\"{"
	    "                                        }\"}",
	    "ValidationException",
	    "entry size 44 bytes is over the limit of 40" },
};

START_TEST(test_entry_rejected)
{
	struct evb_reject rej;

	put.max_size = 40;
	ck_assert_int_eq(evb_put_entry(&put, parse(bad_entries[_i].entry),
	    &rej), EVB_PUT_REJECTED);
	ck_assert_str_eq(rej.code, bad_entries[_i].code);
	if (bad_entries[_i].reason != NULL)
		ck_assert_str_eq(rej.reason, bad_entries[_i].reason);
	ck_assert_uint_eq(out.len, 0);
}
END_TEST

/* Memory for one entry is reused by the next: it does not pile up. */
START_TEST(test_entry_memory)
{
	struct evb_jv *v = parse("{\"Source\":\"s\",\"DetailType\":\"t\","
	    "\"Detail\":\"{\\\"a\\\" : [1, 2, 3, {\\\"b\\\": \\\"cccccccccc"
	    "cccccccccccccccccccccccccccc\\\"}]}\",\"Resources\":[\"r1\","
	    "\"r2\",\"r3\"]}");
	struct evb_reject rej;
	struct evb_arena_chunk *head;

	ck_assert_int_eq(evb_put_entry(&put, v, &rej), EVB_PUT_OK);
	head = put.arena.head;
	for (int i = 0; i < 5000; i++) {
		evb_buf_reset(&out);
		ck_assert_int_eq(evb_put_entry(&put, v, &rej), EVB_PUT_OK);
	}
	ck_assert_ptr_eq(put.arena.head, head);
}
END_TEST

START_TEST(test_entries_of)
{
	struct evb_jv *v, *self = NULL;
	struct evb_jv *const *items;

	v = parse("{\"Entries\":[{\"Source\":\"a\"},{\"Source\":\"b\"},7]}");
	ck_assert_uint_eq(evb_put_entries_of(v, &items, &self), 3);
	ck_assert_ptr_eq(items, evb_json_get(v, "Entries")->u.items);
	ck_assert(evb_json_streq(evb_json_get(items[1], "Source"), "b"));

	v = parse("{\"Entries\":[]}");
	ck_assert_uint_eq(evb_put_entries_of(v, &items, &self), 0);

	/* An entry that happens to have an Entries member is one entry. */
	v = parse("{\"Source\":\"a\",\"Entries\":[{},{}]}");
	ck_assert_uint_eq(evb_put_entries_of(v, &items, &self), 1);
	ck_assert_ptr_eq(self, v);
	ck_assert_ptr_eq(items[0], v);

	v = parse("{\"Source\":\"a\"}");
	self = NULL;
	ck_assert_uint_eq(evb_put_entries_of(v, &items, &self), 1);
	ck_assert_ptr_eq(items[0], v);

	v = parse("{\"Entries\":{\"Source\":\"a\"}}");
	ck_assert_uint_eq(evb_put_entries_of(v, &items, &self), 1);
	ck_assert_ptr_eq(items[0], v);

	v = parse("[{\"Source\":\"a\"}]");
	ck_assert_uint_eq(evb_put_entries_of(v, &items, &self), 1);
	ck_assert_ptr_eq(items[0], v);
}
END_TEST

/* An Entries line goes through evb_put_entry one entry at a time. */
START_TEST(test_entries_line)
{
	struct evb_jv *v = parse("{\"Entries\":["
	    "{\"Source\":\"a\",\"DetailType\":\"t\",\"Detail\":\"{}\","
	    "\"Time\":0},"
	    "{\"Source\":\"b\",\"DetailType\":\"t\"},"
	    "{\"Source\":\"c\",\"DetailType\":\"t\","
	    "\"Detail\":\"{\\\"x\\\":1}\",\"Time\":0}]}");
	struct evb_jv *self, *const *items;
	struct evb_reject rej;
	size_t n = evb_put_entries_of(v, &items, &self);
	int ok = 0, refused = 0;

	ck_assert_uint_eq(n, 3);
	for (size_t i = 0; i < n; i++) {
		if (evb_put_entry(&put, items[i], &rej) == EVB_PUT_OK)
			ok++;
		else
			refused++;
	}
	ck_assert_int_eq(ok, 2);
	ck_assert_int_eq(refused, 1);
	ck_assert_str_eq(rej.message, "Parameter Detail is not valid. "
	    "Reason: Detail is a required argument.");
	ck_assert_ptr_nonnull(strstr(evb_buf_cstr(&out), "\"source\":\"a\""));
	ck_assert_ptr_nonnull(strstr(out.p, "\"source\":\"c\""));
	ck_assert_ptr_nonnull(strstr(out.p, "\"detail\":{\"x\":1}}\n"));
	ck_assert_ptr_null(strstr(out.p, "\"source\":\"b\""));
}
END_TEST

Suite *
put_suite(void)
{
	Suite *s = suite_create("put");
	TCase *tc;

	tc = tcase_create("detail");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_detail, 0, nitems(details));
	tcase_add_test(tc, test_detail_lines);
	tcase_add_test(tc, test_detail_settings);
	tcase_add_test(tc, test_detail_now);
	tcase_add_loop_test(tc, test_detail_malformed, 0, nitems(bad_details));
	tcase_add_test(tc, test_detail_overlong);
	tcase_add_test(tc, test_detail_fields);
	tcase_add_loop_test(tc, test_size_limit, 0, nitems(sizes));
	tcase_add_test(tc, test_size_default);
	tcase_add_test(tc, test_claim_check);
	tcase_add_test(tc, test_claim_check_fails);
	suite_add_tcase(s, tc);

	tc = tcase_create("entry");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_entry, 0, nitems(entries));
	tcase_add_loop_test(tc, test_entry_rejected, 0, nitems(bad_entries));
	tcase_add_test(tc, test_entry_memory);
	tcase_add_test(tc, test_entries_of);
	tcase_add_test(tc, test_entries_line);
	suite_add_tcase(s, tc);
	return s;
}
