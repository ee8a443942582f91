/*
 * casefold: the lowercase form equals-ignore-case compares.
 */
#include <string.h>

#include <check.h>

#include "buf.h"
#include "casefold.h"
#include "unit.h"

Suite	*casefold_suite(void);

#define L(s)	s, sizeof(s) - 1

static const struct {
	const char	*in;
	size_t		 n;
	const char	*out;
	size_t		 outn;
} folds[] = {
	{ L(""), L("") },
	{ L("abc"), L("abc") },
	{ L("ABC xyz @[`{"), L("abc xyz @[`{") },	/* only A-Z change */
	{ L("EC2 Instance State-change Notification"),
	    L("ec2 instance state-change notification") },
	{ L("\xc3\x89t\xc3\xa9"), L("\xc3\xa9t\xc3\xa9") },	/* Été */
	{ L("\xc3\xa9"), L("\xc3\xa9") },
	{ L("\xce\xa3\xcf\x83"), L("\xcf\x83\xcf\x83") },	/* Σσ -> σσ */
	{ L("\xce\x9f\xce\x94\xce\x9f\xce\xa3"),
	    L("\xce\xbf\xce\xb4\xce\xbf\xcf\x83") },	/* ΟΔΟΣ: simple σ */
	{ L("Stra\xc3\x9f" "e"), L("stra\xc3\x9f" "e") },	/* ß stays ß */
	{ L("\xe1\xba\x9e"), L("\xc3\x9f") },		/* capital ẞ -> ß */
	{ L("\xd0\x9c\xd0\x9e\xd0\xa1"), L("\xd0\xbc\xd0\xbe\xd1\x81") },
	{ L("\xf0\x9f\x9a\x80 Go"), L("\xf0\x9f\x9a\x80 go") },	/* emoji */
	{ L("a\0B"), L("a\0b") },			/* NUL is a byte */
	/* Not UTF-8: copied as it is, the rest still folded. */
	{ L("\xff" "AB"), L("\xff" "ab") },
	{ L("A\xc3"), L("a\xc3") },			/* cut short */
	{ L("\xc3\x28" "Z"), L("\xc3\x28" "z") },
	{ L("\xed\xa0\x80X"), L("\xed\xa0\x80x") },	/* a surrogate */
	{ L("\xc0\xafQ"), L("\xc0\xafq") },		/* overlong '/' */
};

START_TEST(test_fold)
{
	struct evb_buf b = EVB_BUF_INIT;

	evb_buf_adds(&b, "<");
	evb_casefold(&b, folds[_i].in, folds[_i].n);
	ck_assert_uint_eq(b.len, 1 + folds[_i].outn);
	ck_assert_mem_eq(b.p, "<", 1);
	ck_assert_mem_eq(b.p + 1, folds[_i].out, folds[_i].outn);
	evb_buf_fini(&b);
}
END_TEST

/* Folding twice changes nothing more. */
START_TEST(test_idempotent)
{
	struct evb_buf once = EVB_BUF_INIT, twice = EVB_BUF_INIT;

	evb_casefold(&once, folds[_i].in, folds[_i].n);
	evb_casefold(&twice, once.p ? once.p : "", once.len);
	ck_assert_uint_eq(once.len, twice.len);
	if (once.len > 0)
		ck_assert_mem_eq(once.p, twice.p, once.len);
	evb_buf_fini(&once);
	evb_buf_fini(&twice);
}
END_TEST

Suite *
casefold_suite(void)
{
	Suite *s = suite_create("casefold");
	TCase *tc = tcase_create("casefold");

	tcase_add_loop_test(tc, test_fold, 0, nitems(folds));
	tcase_add_loop_test(tc, test_idempotent, 0, nitems(folds));
	suite_add_tcase(s, tc);
	return s;
}
