/*
 * util: number, size and duration parsing, UTF-8 validation, errors.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "unit.h"
#include "util.h"

Suite	*util_suite(void);

static const struct {
	const char	*s;
	long long	 min, max;
	long long	 want;
	const char	*errstr;	/* NULL: success */
} strtonum_cases[] = {
	{ "0", 0, 10, 0, NULL },
	{ "10", 0, 10, 10, NULL },
	{ "-5", -10, 10, -5, NULL },
	{ "11", 0, 10, 0, "too large" },
	{ "-1", 0, 10, 0, "too small" },
	{ "9223372036854775807", LLONG_MIN, LLONG_MAX, LLONG_MAX, NULL },
	{ "-9223372036854775808", LLONG_MIN, LLONG_MAX, LLONG_MIN, NULL },
	{ "9223372036854775808", LLONG_MIN, LLONG_MAX, 0, "too large" },
	{ "-9223372036854775809", LLONG_MIN, LLONG_MAX, 0, "too small" },
	{ "99999999999999999999", 0, 10, 0, "too large" },
	{ "", 0, 10, 0, "invalid" },
	{ "-", -10, 10, 0, "invalid" },
	{ "5x", 0, 10, 0, "invalid" },
	{ "5 ", 0, 10, 0, "invalid" },
	{ " 5", 0, 10, 0, "invalid" },
	{ "\t5", 0, 10, 0, "invalid" },
	{ "\n5", 0, 10, 0, "invalid" },
	{ "\r5", 0, 10, 0, "invalid" },
	{ "\v5", 0, 10, 0, "invalid" },
	{ "\f5", 0, 10, 0, "invalid" },
	{ "+5", 0, 10, 0, "invalid" },
	{ "0x10", 0, 100, 0, "invalid" },
	{ "1.0", 0, 10, 0, "invalid" },
	{ "5", 10, 0, 0, "invalid" },	/* min > max */
};

START_TEST(test_strtonum)
{
	const char *errstr = "unset";
	long long v;

	v = evb_strtonum(strtonum_cases[_i].s, strtonum_cases[_i].min,
	    strtonum_cases[_i].max, &errstr);
	ck_assert_int_eq(v, strtonum_cases[_i].want);
	if (strtonum_cases[_i].errstr == NULL)
		ck_assert_ptr_null(errstr);
	else
		ck_assert_str_eq(errstr, strtonum_cases[_i].errstr);
}
END_TEST

static const struct {
	const char	*s;
	int		 rc;
	size_t		 want;
} size_cases[] = {
	{ "0", 0, 0 },
	{ "262144", 0, 262144 },
	{ "256K", 0, 262144 },
	{ "256k", 0, 262144 },
	{ "256KB", 0, 262144 },
	{ "256KiB", 0, 262144 },
	{ "1M", 0, 1048576 },
	{ "1MiB", 0, 1048576 },
	{ "1m", 0, 1048576 },
	{ "2G", 0, 2147483648ULL },
	{ "100B", 0, 100 },
	{ "", -1, 0 },
	{ "K", -1, 0 },
	{ "-1", -1, 0 },
	{ "+1", -1, 0 },
	{ " 1", -1, 0 },
	{ "1 K", -1, 0 },
	{ "1T", -1, 0 },
	{ "1Ki", -1, 0 },
	{ "1iB", -1, 0 },
	{ "1KiBx", -1, 0 },
	{ "1.5M", -1, 0 },
	{ "99999999999999999999", -1, 0 },
	{ "18014398509481984K", -1, 0 },	/* 2^54 KiB overflows */
};

START_TEST(test_parse_size)
{
	size_t v = 12345;
	int rc = evb_parse_size(size_cases[_i].s, &v);

	ck_assert_msg(rc == size_cases[_i].rc, "\"%s\": rc %d",
	    size_cases[_i].s, rc);
	ck_assert_uint_eq(v, rc == 0 ? size_cases[_i].want : 12345);
}
END_TEST

static const struct {
	const char	*s;
	int		 rc;
	long long	 want;
} duration_cases[] = {
	{ "0", 0, 0 },
	{ "30", 0, 30 },
	{ "30s", 0, 30 },
	{ "5m", 0, 300 },
	{ "2h", 0, 7200 },
	{ "7d", 0, 604800 },
	{ "", -1, 0 },
	{ "s", -1, 0 },
	{ "-5", -1, 0 },
	{ "5x", -1, 0 },
	{ "5ms", -1, 0 },
	{ "5 m", -1, 0 },
	{ "1.5h", -1, 0 },
	{ "9223372036854775807", 0, LLONG_MAX },
	{ "9223372036854775808", -1, 0 },
	{ "106751991167301d", -1, 0 },		/* overflows once in seconds */
	{ "106751991167300d", 0, 106751991167300LL * 86400 },
};

START_TEST(test_parse_duration)
{
	long long v = 12345;
	int rc = evb_parse_duration(duration_cases[_i].s, &v);

	ck_assert_msg(rc == duration_cases[_i].rc, "\"%s\": rc %d",
	    duration_cases[_i].s, rc);
	ck_assert_int_eq(v, rc == 0 ? duration_cases[_i].want : 12345);
}
END_TEST

/* Byte strings with the offset of their first invalid sequence. */
static const struct {
	const char	*s;
	size_t		 n;
	size_t		 bad;	/* == n: valid */
} utf8_cases[] = {
	{ "", 0, 0 },
	{ "plain ascii", 11, 11 },
	{ "\0nul\0", 5, 5 },
	{ "\x7f", 1, 1 },
	{ "\xc2\x80", 2, 2 },			/* U+0080, smallest 2-byte */
	{ "caf\xc3\xa9", 5, 5 },
	{ "\xdf\xbf", 2, 2 },			/* U+07FF */
	{ "\xe0\xa0\x80", 3, 3 },		/* U+0800, smallest 3-byte */
	{ "\xe2\x82\xac", 3, 3 },		/* euro sign */
	{ "\xed\x9f\xbf", 3, 3 },		/* U+D7FF, below surrogates */
	{ "\xee\x80\x80", 3, 3 },		/* U+E000, above surrogates */
	{ "\xef\xbf\xbf", 3, 3 },		/* U+FFFF */
	{ "\xf0\x90\x80\x80", 4, 4 },		/* U+10000, smallest 4-byte */
	{ "\xf0\x9f\x98\x80", 4, 4 },		/* U+1F600 emoji */
	{ "\xf4\x8f\xbf\xbf", 4, 4 },		/* U+10FFFF, the last */
	{ "a\x80", 2, 1 },			/* lone continuation byte */
	{ "\xbf", 1, 0 },
	{ "\xc0\x80", 2, 0 },			/* overlong NUL */
	{ "\xc1\xbf", 2, 0 },			/* overlong U+007F */
	{ "\xe0\x80\x80", 3, 0 },		/* overlong 3-byte */
	{ "\xe0\x9f\xbf", 3, 0 },		/* overlong U+07FF */
	{ "\xf0\x80\x80\x80", 4, 0 },		/* overlong 4-byte */
	{ "\xf0\x8f\xbf\xbf", 4, 0 },		/* overlong U+FFFF */
	{ "ab\xed\xa0\x80", 5, 2 },		/* U+D800 high surrogate */
	{ "\xed\xbf\xbf", 3, 0 },		/* U+DFFF low surrogate */
	{ "\xed\xa0\xbd\xed\xb8\x80", 6, 0 },	/* CESU-8 surrogate pair */
	{ "\xf4\x90\x80\x80", 4, 0 },		/* U+110000 */
	{ "\xf5\x80\x80\x80", 4, 0 },
	{ "\xf8\x88\x80\x80\x80", 5, 0 },	/* 5-byte form */
	{ "\xfe", 1, 0 },
	{ "\xff", 1, 0 },
	{ "abc\xc3", 4, 3 },			/* truncated 2-byte */
	{ "\xe2\x82", 2, 0 },			/* truncated 3-byte */
	{ "x\xf0\x9f\x98", 4, 1 },		/* truncated 4-byte */
	{ "\xe2\x82x", 3, 0 },			/* interrupted by ASCII */
	{ "\xf0\x9f\x98\x80\xf0\x9f\x98", 7, 4 },
	{ "\xc3\xa9\xc3", 3, 2 },
	{ "\xc3\xc3\xa9", 3, 0 },
};

START_TEST(test_utf8)
{
	const char *s = utf8_cases[_i].s;
	size_t n = utf8_cases[_i].n;

	ck_assert_uint_eq(evb_utf8_check(s, n), utf8_cases[_i].bad);
	ck_assert(evb_utf8_valid(s, n) == (utf8_cases[_i].bad == n));
}
END_TEST

/* A sequence cut short at any length is invalid, at its first byte. */
START_TEST(test_utf8_every_prefix)
{
	static const char s[] = "\xf0\x9f\x98\x80";

	for (size_t n = 1; n < 4; n++) {
		ck_assert_uint_eq(evb_utf8_check(s, n), 0);
		ck_assert(!evb_utf8_valid(s, n));
	}
	ck_assert(evb_utf8_valid(s, 4));
}
END_TEST

START_TEST(test_err)
{
	struct evb_err e;
	char big[1000];

	evb_err_clear(&e);
	ck_assert_str_eq(e.msg, "");
	ck_assert_uint_eq(e.line, 0);
	ck_assert_uint_eq(e.col, 0);
	evb_err_set(&e, "%s: %d", "x", 42);
	ck_assert_str_eq(e.msg, "x: 42");
	/* A long message is cut, still NUL-terminated. */
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	evb_err_set(&e, "%s", big);
	ck_assert_uint_eq(strlen(e.msg), sizeof(e.msg) - 1);
	/* A NULL record is allowed: the caller did not want details. */
	evb_err_set(NULL, "ignored");
	evb_err_clear(NULL);
}
END_TEST

START_TEST(test_alloc)
{
	char *p = xstrndup("abcdef", 3);
	void *q;

	ck_assert_str_eq(p, "abc");
	free(p);
	p = xmemdup("a\0b", 3);
	ck_assert_mem_eq(p, "a\0b", 3);
	free(p);
	q = xcalloc(4, sizeof(int));
	ck_assert_int_eq(((int *)q)[3], 0);
	q = xreallocarray(q, 1000, sizeof(int));
	ck_assert_int_eq(((int *)q)[3], 0);
	free(q);
	ck_assert_uint_eq(evb_size_add(2, 3), 5);
	ck_assert_uint_eq(evb_size_mul(SIZE_MAX / 2, 2), SIZE_MAX - 1);
	ck_assert_uint_eq(evb_size_mul(SIZE_MAX, 0), 0);
}
END_TEST

/*
 * Overflow in size arithmetic is fatal: status 2, never a wrap-around.
 * These run in a child of their own; its "out of memory" is not wanted.
 */
START_TEST(test_size_overflow)
{
	ck_assert_ptr_nonnull(freopen("/dev/null", "w", stderr));
	(void)evb_size_add(SIZE_MAX, 1);
}
END_TEST

START_TEST(test_size_overflow_mul)
{
	ck_assert_ptr_nonnull(freopen("/dev/null", "w", stderr));
	(void)evb_size_mul(SIZE_MAX / 2 + 1, 2);
}
END_TEST

Suite *
util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *tc;

	tc = tcase_create("numbers");
	tcase_add_loop_test(tc, test_strtonum, 0, nitems(strtonum_cases));
	tcase_add_loop_test(tc, test_parse_size, 0, nitems(size_cases));
	tcase_add_loop_test(tc, test_parse_duration, 0,
	    nitems(duration_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("utf8");
	tcase_add_loop_test(tc, test_utf8, 0, nitems(utf8_cases));
	tcase_add_test(tc, test_utf8_every_prefix);
	suite_add_tcase(s, tc);

	tc = tcase_create("misc");
	tcase_add_test(tc, test_err);
	tcase_add_test(tc, test_alloc);
	suite_add_tcase(s, tc);

	/* These exit; they need a forked runner. */
	if (unit_forking()) {
		tc = tcase_create("fatal");
		tcase_add_exit_test(tc, test_size_overflow, 2);
		tcase_add_exit_test(tc, test_size_overflow_mul, 2);
		suite_add_tcase(s, tc);
	}
	return s;
}
