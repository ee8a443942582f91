/*
 * wildcard: parsing with EventBridge's messages, anchored matching with
 * empty runs and escapes, and the complexity measure.
 */
#include <string.h>

#include <check.h>

#include "arena.h"
#include "unit.h"
#include "wildcard.h"

Suite	*wildcard_suite(void);

static struct evb_arena arena = EVB_ARENA_INIT;

static void
teardown(void)
{
	evb_arena_fini(&arena);
}

static struct evb_wildcard
parse(const char *s)
{
	struct evb_wildcard w;
	char buf[96];
	const char *why = evb_wildcard_parse(&arena, s, strlen(s), &w, buf,
	    sizeof(buf));

	ck_assert_msg(why == NULL, "%s: %s", s, why);
	return w;
}

/* Patterns as the JSON string decodes them: "\\*" is written \* here. */
static const struct {
	const char	*pat;
	const char	*val;
	bool		 match;
} matches[] = {
	{ "*", "", true },
	{ "*", "abc", true },
	{ "", "", true },
	{ "", "a", false },
	{ "abc", "abc", true },
	{ "abc", "abcd", false },
	{ "abc", "xabc", false },
	{ "h*o", "ho", true },		/* the empty run */
	{ "h*o", "hello", true },
	{ "h*o", "hell", false },
	{ "h*o", "xho", false },	/* anchored at the start ... */
	{ "h*o", "hox", false },	/* ... and at the end */
	{ "a*", "a", true },
	{ "a*", "abc", true },
	{ "a*", "ba", false },
	{ "*c", "c", true },
	{ "*c", "abc", true },
	{ "*c", "cb", false },
	{ "*b*", "b", true },
	{ "*b*", "abc", true },
	{ "*b*", "ac", false },
	{ "a*b*c", "abc", true },
	{ "a*b*c", "aXbYc", true },
	{ "a*b*c", "abbc", true },
	{ "a*b*c", "acb", false },
	{ "a*b*c", "ab", false },
	{ "a*a", "a", false },		/* the ends may not overlap */
	{ "a*a", "aa", true },
	{ "a*a", "aba", true },
	{ "a*aa", "aa", false },
	{ "a*aa", "aaa", true },
	{ "*ab*ab*", "abab", true },
	{ "*ab*ab*", "aba", false },
	{ "*ab*ab*", "xxabyyabzz", true },
	{ "*aba*", "ababa", true },
	{ "a*b", "a*b", true },
	{ "x\\*y", "x*y", true },	/* \* is a star */
	{ "x\\*y", "xy", false },
	{ "x\\*y", "xzy", false },
	{ "\\\\", "\\", true },		/* \\ is a backslash */
	{ "\\\\", "\\\\", false },
	{ "a\\\\*", "a\\", true },
	{ "a\\\\*", "a\\zz", true },
	{ "a\\\\*", "a", false },
	{ "\\**", "*", true },
	{ "\\**", "*xyz", true },
	{ "\\**", "xyz", false },
	{ "/Users/*/doc.txt", "/Users/u/dir/dir/doc.txt", true },
	{ "/Users/*/doc.txt", "/Users/u/dir/dir/notmatchingdoc.txt", false },
	{ "arn:aws:events:us-east-1:*:event-bus/*",
	    "arn:aws:events:us-east-1:123456789012:event-bus/myEventBus", true },
	{ "arn:aws:events:us-east-1:*:event-bus/*",
	    "arn:aws:events:us-west-2:123456789012:event-bus/myEventBus",
	    false },
	{ "*/init/*", "dir/init/file", true },
	{ "*/init/*", "dir/post/dir", false },
	{ "*\xc3\xa9", "caf\xc3\xa9", true },	/* bytes, UTF-8 included */
	{ "*\xc3\xa9", "cafe", false },
};

START_TEST(test_match)
{
	struct evb_wildcard w = parse(matches[_i].pat);
	const char *v = matches[_i].val;

	ck_assert_msg(evb_wildcard_match(&w, v, strlen(v)) ==
	    matches[_i].match, "%s vs %s", matches[_i].pat, v);
}
END_TEST

/* Values are bytes with a length: a NUL is an ordinary byte. */
START_TEST(test_nul)
{
	struct evb_wildcard w = parse("a*b");

	ck_assert(evb_wildcard_match(&w, "a\0b", 3));
	ck_assert(!evb_wildcard_match(&w, "a\0b", 2));
	ck_assert(!evb_wildcard_match(&w, "ab\0", 3));
}
END_TEST

/* Refused patterns; pos counts the quote EventBridge puts first. */
static const struct {
	const char	*pat;
	const char	*why;
} refused[] = {
	{ "arn:aws:events:us-east-1:**:event-bus/*",
	    "Consecutive wildcard characters at pos 26" },
	{ "**", "Consecutive wildcard characters at pos 1" },
	{ "a**", "Consecutive wildcard characters at pos 2" },
	{ "a*b***", "Consecutive wildcard characters at pos 4" },
	{ "\\**a**", "Consecutive wildcard characters at pos 5" },
	{ "a\\b", "Invalid escape character at pos 2" },
	{ "\\n", "Invalid escape character at pos 1" },
	{ "ab\\", "Invalid escape character at pos 3" },
	{ "\\\\\\", "Invalid escape character at pos 3" },
	{ "a*\\x", "Invalid escape character at pos 3" },
};

START_TEST(test_refused)
{
	struct evb_wildcard w;
	char buf[96];
	const char *s = refused[_i].pat;
	const char *why = evb_wildcard_parse(&arena, s, strlen(s), &w, buf,
	    sizeof(buf));

	ck_assert_msg(why != NULL, "%s is refused", s);
	ck_assert_str_eq(why, refused[_i].why);
}
END_TEST

START_TEST(test_segments)
{
	struct evb_wildcard w = parse("ab*\\*c\\\\*");
	const char *p;
	size_t n;

	ck_assert_uint_eq(w.nseg, 3);
	ck_assert_bytes(w.lit + w.off[0], w.len[0], "ab");
	ck_assert_bytes(w.lit + w.off[1], w.len[1], "*c\\");
	ck_assert_uint_eq(w.len[2], 0);
	evb_wildcard_longest(&w, &p, &n);
	ck_assert_bytes(p, n, "*c\\");
	w = parse("ab*cde*f");
	evb_wildcard_longest(&w, &p, &n);
	ck_assert_bytes(p, n, "cde");
	w = parse("*");
	evb_wildcard_longest(&w, &p, &n);
	ck_assert_uint_eq(n, 0);
}
END_TEST

/* Complexity of the patterns on one field; distinct idents. */
static const struct {
	const char	*pats[5];
	int		 want;
} complexity[] = {
	{ { "abc" }, 1 },
	{ { "*" }, 2 },
	{ { "*z" }, 2 },
	{ { "*z*" }, 3 },
	{ { "a*bc" }, 2 },
	{ { "a*aa" }, 3 },
	{ { "*:*:*:*:*:event-bus/*" }, 11 },
	{ { "arn:aws:events:*:*:event-bus/*" }, 5 },
	{ { "/Users/*/dir/dir/dir/dir/dir/doc.txt" }, 7 },
	{ { "*:stack/A/*", "*:stack/B/*", "*:stack/C/*" }, 9 },
	{ { "*:stack/A/*", "*:stack/B/*", "*:stack/C/*", "*:stack/D/*" }, 12 },
};

static int
measure(const char *const *pats, const int *ident, size_t n, int limit)
{
	size_t lens[8] = { 0 };

	ck_assert_uint_le(n, nitems(lens));
	for (size_t i = 0; i < n; i++)
		lens[i] = strlen(pats[i]);
	return evb_wildcard_complexity(pats, lens, ident, n, limit);
}

START_TEST(test_complexity)
{
	const char *const *pats = complexity[_i].pats;
	int ident[5] = { 0, 2, 4, 6, 8 };
	size_t n = 0;

	while (n < 5 && pats[n] != NULL)
		n++;
	ck_assert_int_eq(measure(pats, ident, n, 100), complexity[_i].want);
	/* Counting stops at the limit. */
	ck_assert_int_eq(measure(pats, ident, n, 2), complexity[_i].want < 2 ?
	    complexity[_i].want : 2);
}
END_TEST

/* The same pattern twice is one pattern; equal text, other ident, is two. */
START_TEST(test_complexity_duplicates)
{
	const char *const two[] = { "*z", "*z" };
	const char *const four[] = { "*:stack/A/*", "*:stack/A/*",
	    "*:stack/B/*", "*:stack/B/*" };
	int same[] = { 4, 4, 6, 6 }, other[] = { 4, 6 };

	ck_assert_int_eq(measure(two, same, 2, 100), 2);
	ck_assert_int_eq(measure(two, other, 2, 100), 4);
	ck_assert_int_eq(measure(four, same, 4, 100), 6);
}
END_TEST

Suite *
wildcard_suite(void)
{
	Suite *s = suite_create("wildcard");
	TCase *tc = tcase_create("wildcard");

	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_loop_test(tc, test_match, 0, nitems(matches));
	tcase_add_test(tc, test_nul);
	tcase_add_loop_test(tc, test_refused, 0, nitems(refused));
	tcase_add_test(tc, test_segments);
	tcase_add_loop_test(tc, test_complexity, 0, nitems(complexity));
	tcase_add_test(tc, test_complexity_duplicates);
	suite_add_tcase(s, tc);
	return s;
}
