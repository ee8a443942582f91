/*
 * buf: a growable byte buffer that may hold NULs.
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "buf.h"
#include "unit.h"

Suite	*buf_suite(void);

START_TEST(test_empty)
{
	struct evb_buf b = EVB_BUF_INIT;
	char *p;
	size_t n = 99;

	ck_assert_str_eq(evb_buf_cstr(&b), "");
	ck_assert_uint_eq(b.len, 0);
	p = evb_buf_take(&b, &n);
	ck_assert_uint_eq(n, 0);
	ck_assert_str_eq(p, "");
	ck_assert_ptr_null(b.p);
	free(p);
	evb_buf_fini(&b);
	evb_buf_fini(&b);	/* twice is harmless */
}
END_TEST

START_TEST(test_add)
{
	struct evb_buf b = EVB_BUF_INIT;

	evb_buf_add(&b, "ab\0c", 4);
	evb_buf_addc(&b, '\0');
	evb_buf_adds(&b, "xyz");
	evb_buf_add(&b, NULL, 0);
	ck_assert_bytes(b.p, b.len, "ab\0c\0xyz");
	ck_assert_uint_gt(b.cap, b.len);
	evb_buf_fini(&b);
}
END_TEST

START_TEST(test_printf)
{
	struct evb_buf b = EVB_BUF_INIT;
	char big[600];

	evb_buf_printf(&b, "%d-%s", 42, "x");
	evb_buf_printf(&b, "%s", "");
	ck_assert_bytes(b.p, b.len, "42-x");
	/* Longer than the first allocation. */
	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	evb_buf_printf(&b, "[%s]", big);
	ck_assert_uint_eq(b.len, 4 + 2 + sizeof(big) - 1);
	ck_assert_int_eq(b.p[4], '[');
	ck_assert_int_eq(b.p[b.len - 2], 'q');
	ck_assert_int_eq(b.p[b.len - 1], ']');
	evb_buf_fini(&b);
}
END_TEST

/* Growth keeps every byte, and cstr's NUL is never counted. */
START_TEST(test_grow)
{
	struct evb_buf b = EVB_BUF_INIT;
	size_t i;

	for (i = 0; i < 100000; i++)
		evb_buf_addc(&b, (char)(i % 251));
	ck_assert_uint_eq(b.len, 100000);
	for (i = 0; i < 100000; i++)
		if (b.p[i] != (char)(i % 251))
			break;
	ck_assert_uint_eq(i, 100000);
	ck_assert_int_eq(evb_buf_cstr(&b)[100000], '\0');
	ck_assert_uint_eq(b.len, 100000);
	evb_buf_fini(&b);
}
END_TEST

START_TEST(test_reserve)
{
	struct evb_buf b = EVB_BUF_INIT;
	char *p;

	evb_buf_adds(&b, "ab");
	p = evb_buf_reserve(&b, 5000);
	ck_assert_ptr_eq(p, b.p + 2);
	ck_assert_uint_ge(b.cap, 2 + 5000 + 1);
	memcpy(p, "cd", 2);
	b.len += 2;
	ck_assert_bytes(b.p, b.len, "abcd");
	evb_buf_fini(&b);
}
END_TEST

START_TEST(test_reset_take)
{
	struct evb_buf b = EVB_BUF_INIT;
	size_t cap, n;
	char *p;

	evb_buf_adds(&b, "hello");
	cap = b.cap;
	evb_buf_reset(&b);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(b.cap, cap);
	evb_buf_adds(&b, "bye");
	p = evb_buf_take(&b, &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(p, "bye");
	ck_assert_ptr_null(b.p);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(b.cap, 0);
	free(p);
	/* The buffer is usable again after take. */
	evb_buf_adds(&b, "again");
	ck_assert_str_eq(evb_buf_cstr(&b), "again");
	evb_buf_fini(&b);
}
END_TEST

Suite *
buf_suite(void)
{
	Suite *s = suite_create("buf");
	TCase *tc = tcase_create("buf");

	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_add);
	tcase_add_test(tc, test_printf);
	tcase_add_test(tc, test_grow);
	tcase_add_test(tc, test_reserve);
	tcase_add_test(tc, test_reset_take);
	suite_add_tcase(s, tc);
	return s;
}
