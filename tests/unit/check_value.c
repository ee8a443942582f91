/*
 * value: each operator family against each JSON type, one alternative
 * against one value, and the null / missing / empty matrix of the
 * reference (section 3.6) through the evaluator and the matcher.
 */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "arena.h"
#include "buf.h"
#include "json.h"
#include "pattern.h"
#include "unit.h"
#include "value.h"

Suite	*value_suite(void);

static struct evb_arena arena = EVB_ARENA_INIT;

static void
teardown(void)
{
	evb_arena_fini(&arena);
}

enum { S = EVB_JSTRING, N = EVB_JNUMBER, T = EVB_JTRUE, F = EVB_JFALSE,
    Z = EVB_JNULL };

/* One alternative (as JSON), one value (type, decoded text). */
static const struct {
	const char	*alt;
	int		 type;
	const char	*val;
	bool		 match;
} cases[] = {
	/* exact strings */
	{ "\"abc\"", S, "abc", true },
	{ "\"abc\"", S, "ABC", false },
	{ "\"abc\"", S, "abc ", false },
	{ "\"\"", S, "", true },
	{ "\"\"", Z, "", false },
	{ "\"300\"", N, "300", false },
	{ "\"true\"", T, "", false },
	{ "\"null\"", Z, "", false },
	/* exact numbers, by value when comparable */
	{ "300", N, "300", true },
	{ "300", N, "300.0", true },
	{ "300", N, "3e2", true },
	{ "300", N, "3.00E+2", true },
	{ "300", N, "301", false },
	{ "300", S, "300", false },
	{ "3.00E+2", N, "300", true },
	{ "0", N, "-0", true },
	{ "-0", N, "0.0", true },
	{ "0.1", N, "1e-1", true },
	{ "0.1", N, "0.30000000000000001", false },
	{ "12345678901234567890", N, "12345678901234567890", true },
	{ "12345678901234567890", N, "12345678901234567890.0", false },
	{ "12345678901234567890", N, "1.2345678901234567e19", false },
	{ "9007199254740992", N, "9007199254740993", false },
	{ "1e400", N, "1e400", true },		/* same text */
	{ "1e400", N, "1E400", false },
	/* true, false, null */
	{ "true", T, "", true },
	{ "true", F, "", false },
	{ "true", S, "true", false },
	{ "false", F, "", true },
	{ "null", Z, "", true },
	{ "null", S, "null", false },
	{ "null", S, "", false },
	/* addresses as exact values: every spelling */
	{ "\"10.0.0.1\"", S, "10.0.0.1", true },
	{ "\"10.0.0.1\"", S, "::ffff:a00:1", true },
	{ "\"::ffff:a00:1\"", S, "10.0.0.1", true },
	{ "\"10.0.0.1\"", S, "10.0.0.2", false },
	{ "\"10.0.0.1\"", S, "010.0.0.1", false },
	{ "\"2001:db8::1\"", S, "2001:0DB8:0:0:0:0:0:1", true },
	{ "\"2001:db8::1\"", S, "2001:db8::2", false },
	/* prefix, suffix */
	{ "{\"prefix\":\"us-\"}", S, "us-east-1", true },
	{ "{\"prefix\":\"us-\"}", S, "US-east-1", false },
	{ "{\"prefix\":\"us-\"}", S, "us", false },
	{ "{\"prefix\":\"\"}", S, "", true },
	{ "{\"prefix\":\"\"}", Z, "", false },
	{ "{\"prefix\":\"1\"}", N, "10", false },
	{ "{\"suffix\":\".png\"}", S, "image.png", true },
	{ "{\"suffix\":\".PNG\"}", S, "image.png", false },
	{ "{\"suffix\":\"\"}", S, "x", true },
	{ "{\"suffix\":\"0\"}", N, "10", false },
	/* their ignore-case forms */
	{ "{\"prefix\":{\"equals-ignore-case\":\"EventB\"}}", S, "EvEnTbridge",
	    true },
	{ "{\"prefix\":{\"equals-ignore-case\":\"EventB\"}}", S, "Event",
	    false },
	{ "{\"suffix\":{\"equals-ignore-case\":\".png\"}}", S, "image.PNG",
	    true },
	{ "{\"suffix\":{\"equals-ignore-case\":\".png\"}}", S, "image.jpg",
	    false },
	{ "{\"suffix\":{\"equals-ignore-case\":\"\xc3\x89T\xc3\x89\"}}", S,
	    "l'\xc3\xa9t\xc3\xa9", true },
	/* equals-ignore-case */
	{ "{\"equals-ignore-case\":\"alice\"}", S, "ALICE", true },
	{ "{\"equals-ignore-case\":\"alice\"}", S, "Alice ", false },
	{ "{\"equals-ignore-case\":\"\"}", S, "", true },
	{ "{\"equals-ignore-case\":\"\"}", S, "x", false },
	{ "{\"equals-ignore-case\":\"\xc3\x89\"}", S, "\xc3\xa9", true },
	{ "{\"equals-ignore-case\":\"\xce\xa3\"}", S, "\xcf\x83", true },
	{ "{\"equals-ignore-case\":\"strasse\"}", S, "Stra\xc3\x9f" "e", false },
	{ "{\"equals-ignore-case\":\"1\"}", N, "1", false },
	{ "{\"equals-ignore-case\":\"null\"}", Z, "", false },
	/* wildcard */
	{ "{\"wildcard\":\"*\"}", S, "", true },
	{ "{\"wildcard\":\"*\"}", Z, "", false },
	{ "{\"wildcard\":\"*\"}", N, "5", false },
	{ "{\"wildcard\":\"*\"}", T, "", false },
	{ "{\"wildcard\":\"\"}", S, "", true },
	{ "{\"wildcard\":\"\"}", S, "arn", false },
	{ "{\"wildcard\":\"a*c\"}", S, "abc", true },
	{ "{\"wildcard\":\"x\\\\*y\"}", S, "x*y", true },
	{ "{\"wildcard\":\"x\\\\*y\"}", S, "xzy", false },
	/* numeric */
	{ "{\"numeric\":[\">\",100]}", N, "101.0", true },
	{ "{\"numeric\":[\">\",100]}", N, "100", false },
	{ "{\"numeric\":[\">\",100]}", S, "300", false },
	{ "{\"numeric\":[\">\",100]}", Z, "", false },
	{ "{\"numeric\":[\">\",100]}", T, "", false },
	{ "{\"numeric\":[\">\",100]}", N, "1e400", false },	/* not comparable */
	{ "{\"numeric\":[\">=\",100]}", N, "100", true },
	{ "{\"numeric\":[\"<\",0]}", N, "-0", false },
	{ "{\"numeric\":[\"<=\",0]}", N, "-0", true },
	{ "{\"numeric\":[\"<\",0]}", N, "-1e-300", true },
	{ "{\"numeric\":[\">\",0,\"<=\",5]}", N, "0", false },
	{ "{\"numeric\":[\">\",0,\"<=\",5]}", N, "0.0001", true },
	{ "{\"numeric\":[\">\",0,\"<=\",5]}", N, "5", true },
	{ "{\"numeric\":[\">\",0,\"<=\",5]}", N, "5.0000001", false },
	{ "{\"numeric\":[\">=\",0,\"<\",5]}", N, "0", true },
	{ "{\"numeric\":[\">=\",0,\"<\",5]}", N, "5", false },
	{ "{\"numeric\":[\"=\",3.018e2]}", N, "301.8", true },
	/* Not the text of the double nearest to it: not comparable. */
	{ "{\"numeric\":[\"=\",3.018e2]}", N, "301.80000000000001", false },
	{ "{\"numeric\":[\"=\",300]}", N, "3e2", true },
	{ "{\"numeric\":[\"<\",1e308]}", N, "-1.7976931348623157e308", true },
	{ "{\"numeric\":[\">\",0]}", N, "1.7976931348623157e308", true },
	/* cidr */
	{ "{\"cidr\":\"10.0.0.0/24\"}", S, "10.0.0.255", true },
	{ "{\"cidr\":\"10.0.0.0/24\"}", S, "10.0.0.256", false },
	{ "{\"cidr\":\"10.0.0.0/24\"}", N, "123", false },
	{ "{\"cidr\":\"10.0.0.0/24\"}", S, "10.0.0.07", false },
	{ "{\"cidr\":\"10.0.0.0/24\"}", S, "::ffff:a00:7", true },
	{ "{\"cidr\":\"10.0.0.5/24\"}", S, "10.0.0.4", false },
	{ "{\"cidr\":\"2001:db8:1234:1a00::/64\"}", S,
	    "2001:0db8:1234:1a00:0000:0000:0000:0000", true },
	{ "{\"cidr\":\"2001:db8:1234:1a00::/64\"}", S,
	    "2001:0db8:123f:1a01:0000:0000:0000:0000", false },
	/* exists */
	{ "{\"exists\":true}", S, "", true },
	{ "{\"exists\":true}", Z, "", true },
	{ "{\"exists\":true}", N, "0", true },
	{ "{\"exists\":true}", F, "", true },
	{ "{\"exists\":false}", S, "x", false },	/* a path property */
	{ "{\"exists\":false}", Z, "", false },
	/* anything-but: every present value but the excluded ones */
	{ "{\"anything-but\":\"x\"}", S, "y", true },
	{ "{\"anything-but\":\"x\"}", S, "x", false },
	{ "{\"anything-but\":\"x\"}", Z, "", true },
	{ "{\"anything-but\":\"x\"}", N, "5", true },
	{ "{\"anything-but\":\"x\"}", T, "", true },
	{ "{\"anything-but\":\"101\"}", S, "101", false },
	{ "{\"anything-but\":\"101\"}", N, "101", true },
	{ "{\"anything-but\":[\"a\",\"b\"]}", S, "b", false },
	{ "{\"anything-but\":[\"a\",\"b\"]}", S, "c", true },
	{ "{\"anything-but\":[100,200,300]}", N, "999", true },
	{ "{\"anything-but\":[100,200,300]}", N, "100", false },
	{ "{\"anything-but\":[100,200,300]}", N, "1e2", false },
	{ "{\"anything-but\":[100,200,300]}", S, "100", true },
	{ "{\"anything-but\":0}", N, "-0", false },
	{ "{\"anything-but\":0}", N, "789", true },
	{ "{\"anything-but\":0}", Z, "", true },
	{ "{\"anything-but\":[1]}", N, "12345678901234567890", true },
	{ "{\"anything-but\":{\"prefix\":\"init\"}}", S, "post-init", true },
	{ "{\"anything-but\":{\"prefix\":\"init\"}}", S, "init-prefix", false },
	{ "{\"anything-but\":{\"prefix\":\"init\"}}", N, "12", true },
	{ "{\"anything-but\":{\"prefix\":\"init\"}}", Z, "", true },
	{ "{\"anything-but\":{\"prefix\":[\"init\",\"post\"]}}", S, "post-init",
	    false },
	{ "{\"anything-but\":{\"suffix\":[\".txt\",\".jpg\"]}}", S,
	    "file.txt.bak", true },
	{ "{\"anything-but\":{\"suffix\":[\".txt\",\".jpg\"]}}", S, "file.jpg",
	    false },
	{ "{\"anything-but\":{\"equals-ignore-case\":[\"initializing\","
	    "\"stopped\"]}}", S, "Stopped", false },
	{ "{\"anything-but\":{\"equals-ignore-case\":[\"initializing\","
	    "\"stopped\"]}}", S, "pending", true },
	{ "{\"anything-but\":{\"equals-ignore-case\":\"X\"}}", Z, "", true },
	{ "{\"anything-but\":{\"wildcard\":\"*/init/*\"}}", S, "dir/init/file",
	    false },
	{ "{\"anything-but\":{\"wildcard\":[\"*/init/*\",\"*/dir/*\"]}}", S,
	    "dir/post/dir", true },
	{ "{\"anything-but\":{\"wildcard\":[\"*/init/*\",\"*/dir/*\"]}}", S,
	    "dir/init/dir", false },
	{ "{\"anything-but\":{\"wildcard\":\"*/dir/*\"}}", N, "123", true },
	{ "{\"anything-but\":{\"wildcard\":\"\"}}", S, "x", true },
	{ "{\"anything-but\":{\"wildcard\":\"\"}}", S, "", false },
};

START_TEST(test_alt)
{
	struct evb_buf fold = EVB_BUF_INIT;
	struct evb_value v;
	char text[600];
	struct evb_pattern *p;
	const char *s = cases[_i].val;

	snprintf(text, sizeof(text), "{\"f\":[%s]}", cases[_i].alt);
	p = unit_pattern(&arena, text);
	evb_value_init(&v, (enum evb_jtype)cases[_i].type, s, strlen(s), &fold);
	ck_assert_msg(evb_alt_match(&p->subs[0].conds[0].alts[0], &v) ==
	    cases[_i].match, "%s vs %s", cases[_i].alt, s);
	/* Asking twice gives the same answer: the derived forms are cached. */
	ck_assert(evb_alt_match(&p->subs[0].conds[0].alts[0], &v) ==
	    cases[_i].match);
	evb_buf_fini(&fold);
}
END_TEST

/* Derived forms of a value, each computed once. */
START_TEST(test_derived)
{
	struct evb_buf fold = EVB_BUF_INIT;
	struct evb_value v;
	const char *f;
	size_t n;
	double d;

	evb_value_init(&v, EVB_JNUMBER, "3.00E+2", 7, &fold);
	ck_assert(evb_value_number(&v, &d) && d == 300);
	ck_assert_ptr_null(evb_value_ip(&v));
	evb_value_init(&v, EVB_JNUMBER, "1e400", 5, &fold);
	ck_assert(!evb_value_number(&v, &d));
	evb_value_init(&v, EVB_JSTRING, "300", 3, &fold);
	ck_assert(!evb_value_number(&v, &d));
	evb_value_init(&v, EVB_JSTRING, "::ffff:a00:1", 12, &fold);
	ck_assert_ptr_nonnull(evb_value_ip(&v));
	ck_assert_uint_eq(evb_value_ip(&v)->len, 4);
	/* Folded forms of several values share the scratch buffer. */
	evb_buf_adds(&fold, "junk");
	evb_value_init(&v, EVB_JSTRING, "\xc3\x89T\xc3\x89", 5, &fold);
	f = evb_value_folded(&v, &n);
	ck_assert_bytes(f, n, "\xc3\xa9t\xc3\xa9");
	for (int i = 0; i < 1000; i++)
		evb_buf_adds(&fold, "grow the buffer so that it moves ");
	f = evb_value_folded(&v, &n);
	ck_assert_bytes(f, n, "\xc3\xa9t\xc3\xa9");
	evb_buf_fini(&fold);
}
END_TEST

/*
 * The matrix: each leaf against a field holding "abc", "", null, nothing,
 * [], 5, and an object.
 */
static const char *const columns[] = {
	"{\"f\":\"abc\"}",
	"{\"f\":\"\"}",
	"{\"f\":null}",
	"{\"g\":\"abc\"}",
	"{\"f\":[]}",
	"{\"f\":5}",
	"{\"f\":{\"x\":\"abc\"}}",
};

static const struct {
	const char	*leaf;
	const char	*want;		/* one character per column */
} matrix[] = {
	{ "[\"abc\"]", "+------" },
	{ "[\"\"]", "-+-----" },
	{ "[null]", "--+----" },
	{ "[{\"exists\":true}]", "+++--+-" },
	{ "[{\"exists\":false}]", "---++-+" },
	{ "[{\"anything-but\":\"x\"}]", "+++--+-" },
	{ "[{\"prefix\":\"\"}]", "++-----" },
	{ "[{\"suffix\":\"\"}]", "++-----" },
	{ "[{\"equals-ignore-case\":\"\"}]", "-+-----" },
	{ "[{\"wildcard\":\"*\"}]", "++-----" },
	{ "[{\"numeric\":[\">\",0]}]", "-----+-" },
	{ "[{\"cidr\":\"10.0.0.0/8\"}]", "-------" },
	{ "[5]", "-----+-" },
	{ "[\"5\"]", "-------" },
	{ "[true]", "-------" },
	{ "[{\"anything-but\":5}]", "+++----" },
	{ "[{\"anything-but\":\"\"}]", "+-+--+-" },
	{ "[{\"anything-but\":{\"prefix\":\"a\"}}]", "-++--+-" },
	{ "[{\"anything-but\":{\"suffix\":\"c\"}}]", "-++--+-" },
	{ "[{\"anything-but\":{\"equals-ignore-case\":\"ABC\"}}]", "-++--+-" },
	{ "[{\"anything-but\":{\"wildcard\":\"a*\"}}]", "-++--+-" },
	{ "[{\"anything-but\":{\"wildcard\":\"\"}}]", "+-+--+-" },
	{ "[{\"equals-ignore-case\":\"ABC\"}]", "+------" },
	{ "[{\"prefix\":{\"equals-ignore-case\":\"AB\"}}]", "+------" },
	{ "[{\"suffix\":{\"equals-ignore-case\":\"BC\"}}]", "+------" },
	{ "[{\"numeric\":[\"=\",5]}]", "-----+-" },
	{ "[{\"exists\":false}, \"abc\"]", "+--++-+" },
	{ "[{\"exists\":true}, {\"exists\":false}]", "+++++++" },
	{ "[null, \"\"]", "-++----" },
};

START_TEST(test_matrix)
{
	char pattern[300];

	snprintf(pattern, sizeof(pattern), "{\"f\":%s}", matrix[_i].leaf);
	for (size_t k = 0; k < nitems(columns); k++) {
		bool want = matrix[_i].want[k] == '+';

		ck_assert_msg(unit_eval(pattern, columns[k]) == want,
		    "eval %s vs %s", pattern, columns[k]);
		ck_assert_msg(unit_match(pattern, columns[k]) == want,
		    "matcher %s vs %s", pattern, columns[k]);
	}
}
END_TEST

Suite *
value_suite(void)
{
	Suite *s = suite_create("value");
	TCase *tc = tcase_create("value");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_loop_test(tc, test_alt, 0, nitems(cases));
	tcase_add_test(tc, test_derived);
	tcase_add_loop_test(tc, test_matrix, 0, nitems(matrix));
	suite_add_tcase(s, tc);
	return s;
}
