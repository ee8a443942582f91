/*
 * timefmt: RFC 3339 times in UTC, formatted and parsed.
 */
#include <string.h>
#include <time.h>

#include <check.h>

#include "timefmt.h"
#include "unit.h"

Suite	*timefmt_suite(void);

static const struct {
	long long	 t;
	const char	*text;
} formats[] = {
	{ 0, "1970-01-01T00:00:00Z" },
	{ 1, "1970-01-01T00:00:01Z" },
	{ 86399, "1970-01-01T23:59:59Z" },
	{ -1, "1969-12-31T23:59:59Z" },
	{ -86400, "1969-12-31T00:00:00Z" },
	{ -86401, "1969-12-30T23:59:59Z" },
	{ -2208988800LL, "1900-01-01T00:00:00Z" },
	{ -2203891200LL, "1900-03-01T00:00:00Z" },	/* 1900: no Feb 29 */
	{ 951782400, "2000-02-29T00:00:00Z" },		/* 2000: leap */
	{ 951868800, "2000-03-01T00:00:00Z" },
	{ 1078012799, "2004-02-28T23:59:59Z" },
	{ 1078012800, "2004-02-29T00:00:00Z" },
	{ 1709164800, "2024-02-29T00:00:00Z" },
	{ 1704067199, "2023-12-31T23:59:59Z" },
	{ 1700000000, "2023-11-14T22:13:20Z" },
	{ 2147483647, "2038-01-19T03:14:07Z" },
	{ 2147483648LL, "2038-01-19T03:14:08Z" },
	{ 4107542400LL, "2100-03-01T00:00:00Z" },	/* 2100: no Feb 29 */
	{ 253402300799LL, "9999-12-31T23:59:59Z" },
	{ -62167219200LL, "0000-01-01T00:00:00Z" },
	/* Out of range: the nearest representable time, never a wrong date. */
	{ 253402300800LL, "9999-12-31T23:59:59Z" },
	{ 253402387200LL, "9999-12-31T23:59:59Z" },
	{ -62167219201LL, "0000-01-01T00:00:00Z" },
};

START_TEST(test_format)
{
	char out[EVB_TIME_LEN + 1];

	memset(out, 'x', sizeof(out));
	evb_time_format((time_t)formats[_i].t, out);
	ck_assert_str_eq(out, formats[_i].text);
	ck_assert_uint_eq(strlen(out), EVB_TIME_LEN);
}
END_TEST

/* Formatting and parsing agree over a long span, a day and a bit apart. */
START_TEST(test_format_parse)
{
	char out[EVB_TIME_LEN + 1];
	time_t got;

	for (long long t = -62167219200LL; t <= 253402300799LL;
	    t += 86400 * 97 + 3607) {
		evb_time_format((time_t)t, out);
		ck_assert_int_eq(evb_time_parse(out, EVB_TIME_LEN, &got), 0);
		ck_assert_int_eq(got, t);
	}
}
END_TEST

START_TEST(test_from_civil)
{
	ck_assert_int_eq(evb_time_from_civil(1970, 1, 1, 0, 0, 0), 0);
	ck_assert_int_eq(evb_time_from_civil(1969, 12, 31, 23, 59, 59), -1);
	ck_assert_int_eq(evb_time_from_civil(2000, 2, 29, 0, 0, 0), 951782400);
	ck_assert_int_eq(evb_time_from_civil(9999, 12, 31, 23, 59, 59),
	    253402300799LL);
	ck_assert_int_eq(evb_time_from_civil(0, 1, 1, 0, 0, 0),
	    -62167219200LL);
}
END_TEST

static const struct {
	const char	*text;
	int		 rc;
	long long	 t;
} parses[] = {
	{ "1970-01-01T00:00:00Z", 0, 0 },
	{ "1970-01-01t00:00:00z", 0, 0 },
	{ "1970-01-01 00:00:00Z", 0, 0 },
	{ "2023-11-14T22:13:20Z", 0, 1700000000 },
	{ "2023-11-14T22:13:20.999999999Z", 0, 1700000000 },
	{ "2023-11-14T22:13:20.5z", 0, 1700000000 },
	{ "2023-11-14T23:13:20+01:00", 0, 1700000000 },
	{ "2023-11-14T16:43:20-05:30", 0, 1700000000 },
	{ "2023-11-14T22:13:20.123+00:00", 0, 1700000000 },
	{ "2023-11-14T22:13:20-00:00", 0, 1700000000 },
	{ "1970-01-01T00:00:00+23:59", 0, -86340 },
	{ "2024-02-29T12:00:00Z", 0, 1709208000 },
	{ "2000-02-29T00:00:00Z", 0, 951782400 },
	{ "2016-12-31T23:59:60Z", 0, 1483228799 },	/* leap second */
	{ "9999-12-31T23:59:59Z", 0, 253402300799LL },
	{ "1969-12-31T23:59:59Z", 0, -1 },
	{ "0", 0, 0 },
	{ "1700000000", 0, 1700000000 },
	{ "1700000000.75", 0, 1700000000 },
	{ "1700000000.000", 0, 1700000000 },
	{ "253402300799", 0, 253402300799LL },
	{ "2023-02-29T00:00:00Z", -1, 0 },		/* not a leap year */
	{ "1900-02-29T00:00:00Z", -1, 0 },
	{ "2100-02-29T00:00:00Z", -1, 0 },
	{ "2024-02-30T00:00:00Z", -1, 0 },
	{ "2023-04-31T00:00:00Z", -1, 0 },
	{ "2023-13-01T00:00:00Z", -1, 0 },
	{ "2023-00-01T00:00:00Z", -1, 0 },
	{ "2023-01-00T00:00:00Z", -1, 0 },
	{ "2023-01-32T00:00:00Z", -1, 0 },
	{ "2023-01-01T24:00:00Z", -1, 0 },
	{ "2023-01-01T23:60:00Z", -1, 0 },
	{ "2023-01-01T23:59:61Z", -1, 0 },
	{ "2023-01-01T00:00:00+24:00", -1, 0 },
	{ "2023-01-01T00:00:00+01:60", -1, 0 },
	{ "2023-01-01T00:00:00+0100", -1, 0 },
	{ "2023-01-01T00:00:00+01", -1, 0 },
	{ "2023-01-01T00:00:00", -1, 0 },		/* no offset */
	{ "2023-01-01T00:00:00.Z", -1, 0 },
	{ "2023-01-01T00:00:00ZZ", -1, 0 },
	{ "2023-01-01T00:00Z", -1, 0 },
	{ "2023-01-01", -1, 0 },
	{ "2023-1-01T00:00:00Z", -1, 0 },
	{ "2023/01/01T00:00:00Z", -1, 0 },
	{ "2023-01-01X00:00:00Z", -1, 0 },
	{ "2023-01-01T00:00:00Z ", -1, 0 },
	{ " 2023-01-01T00:00:00Z", -1, 0 },
	{ "", -1, 0 },
	{ "now", -1, 0 },
	{ "12ab", -1, 0 },
	{ "-1", -1, 0 },
	{ "+1", -1, 0 },
	{ "1e9", -1, 0 },
	{ "1.", -1, 0 },
	{ ".5", -1, 0 },
	{ "1.5.5", -1, 0 },
	{ "253402300800", -1, 0 },			/* after 9999 */
	{ "99999999999999999999999", -1, 0 },
};

START_TEST(test_parse)
{
	time_t t = 12345;
	int rc = evb_time_parse(parses[_i].text, strlen(parses[_i].text), &t);

	ck_assert_msg(rc == parses[_i].rc, "\"%s\": rc %d", parses[_i].text,
	    rc);
	ck_assert_int_eq(t, rc == 0 ? parses[_i].t : 12345);
}
END_TEST

/* The length is what counts, not a NUL. */
START_TEST(test_parse_counted)
{
	static const char s[] = "2023-11-14T22:13:20Zjunk";
	time_t t;

	ck_assert_int_eq(evb_time_parse(s, 20, &t), 0);
	ck_assert_int_eq(t, 1700000000);
	ck_assert_int_eq(evb_time_parse(s, 19, &t), -1);
	ck_assert_int_eq(evb_time_parse(s, sizeof(s) - 1, &t), -1);
	ck_assert_int_eq(evb_time_parse("17x", 2, &t), 0);
	ck_assert_int_eq(t, 17);
	ck_assert_int_eq(evb_time_parse("1\0", 2, &t), -1);
}
END_TEST

Suite *
timefmt_suite(void)
{
	Suite *s = suite_create("timefmt");
	TCase *tc = tcase_create("timefmt");

	tcase_add_loop_test(tc, test_format, 0, nitems(formats));
	tcase_add_test(tc, test_format_parse);
	tcase_add_test(tc, test_from_civil);
	tcase_add_loop_test(tc, test_parse, 0, nitems(parses));
	tcase_add_test(tc, test_parse_counted);
	suite_add_tcase(s, tc);
	return s;
}
