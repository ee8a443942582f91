/*
 * arena: alignment, reuse after reset, allocations bigger than a chunk.
 */
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <check.h>

#include "arena.h"
#include "unit.h"

Suite	*arena_suite(void);

static const size_t sizes[] = { 0, 1, 2, 3, 7, 8, 15, 16, 17, 31, 33, 100,
	1000, 4095, 16 * 1024, 16 * 1024 + 1, 100 * 1024 };

START_TEST(test_alignment)
{
	struct evb_arena a = EVB_ARENA_INIT;

	for (int round = 0; round < 3; round++)
		for (size_t i = 0; i < nitems(sizes); i++) {
			char *p = evb_arena_alloc(&a, sizes[i]);

			ck_assert_uint_eq((uintptr_t)p % alignof(max_align_t),
			    0);
			/* The whole block is ours to write (ASan/valgrind). */
			memset(p, 0xa5, sizes[i]);
			*(long double *)evb_arena_alloc(&a,
			    sizeof(long double)) = 1.0L;
		}
	evb_arena_fini(&a);
}
END_TEST

/* Allocations never overlap, within a chunk and across chunks. */
START_TEST(test_distinct)
{
	struct evb_arena a = EVB_ARENA_INIT;
	unsigned char *p[2000];

	for (size_t i = 0; i < nitems(p); i++) {
		p[i] = evb_arena_alloc(&a, 1 + i % 50);
		memset(p[i], (int)(i & 0xff), 1 + i % 50);
	}
	for (size_t i = 0; i < nitems(p); i++)
		for (size_t k = 0; k < 1 + i % 50; k++)
			ck_assert_uint_eq(p[i][k], i & 0xff);
	evb_arena_fini(&a);
}
END_TEST

START_TEST(test_calloc_strndup)
{
	struct evb_arena a = EVB_ARENA_INIT;
	unsigned char *z;
	char *s;

	/* Dirty the chunk first so that calloc has to clear it. */
	memset(evb_arena_alloc(&a, 512), 0xff, 512);
	evb_arena_reset(&a);
	z = evb_arena_calloc(&a, 64, 8);
	for (size_t i = 0; i < 512; i++)
		ck_assert_uint_eq(z[i], 0);
	s = evb_arena_strndup(&a, "a\0bcdef", 4);
	ck_assert_mem_eq(s, "a\0bc", 4);
	ck_assert_int_eq(s[4], '\0');
	s = evb_arena_strndup(&a, NULL, 0);
	ck_assert_str_eq(s, "");
	evb_arena_fini(&a);
}
END_TEST

/* After a reset the arena hands out its (largest) chunk again. */
START_TEST(test_reset_reuse)
{
	struct evb_arena a = EVB_ARENA_INIT;
	char *first, *big, *p;

	first = evb_arena_alloc(&a, 100);
	evb_arena_reset(&a);
	ck_assert_ptr_eq(evb_arena_alloc(&a, 100), first);

	/* Force new chunks; the one made last starts with big. */
	for (int i = 0; i < 10; i++)
		(void)evb_arena_alloc(&a, 1000);
	big = evb_arena_alloc(&a, 200 * 1024);
	ck_assert_ptr_ne(big, first);
	evb_arena_reset(&a);
	ck_assert_uint_eq(a.used, 0);
	p = evb_arena_alloc(&a, alignof(max_align_t));
	ck_assert_ptr_eq(p, big);
	/* The kept chunk holds the big size again without a new chunk. */
	p = evb_arena_alloc(&a, 150 * 1024);
	ck_assert_ptr_eq(p, big + alignof(max_align_t));
	evb_arena_fini(&a);
	ck_assert_ptr_null(a.head);
	ck_assert_uint_eq(a.used, 0);
}
END_TEST

START_TEST(test_big)
{
	struct evb_arena a = EVB_ARENA_INIT;
	size_t n = 3 * 1024 * 1024 + 5;
	char *small, *p, *q;

	small = evb_arena_alloc(&a, 8);
	memset(small, 's', 8);
	p = evb_arena_alloc(&a, n);
	memset(p, 'p', n);
	q = evb_arena_alloc(&a, n);
	memset(q, 'q', n);
	ck_assert(q + n <= p || p + n <= q);
	ck_assert_mem_eq(small, "ssssssss", 8);
	ck_assert_int_eq(p[n - 1], 'p');
	ck_assert_int_eq(q[0], 'q');
	evb_arena_reset(&a);
	evb_arena_reset(&a);
	ck_assert_ptr_nonnull(evb_arena_alloc(&a, n));
	evb_arena_fini(&a);
	evb_arena_fini(&a);	/* twice is harmless */
}
END_TEST

START_TEST(test_fresh_reset)
{
	struct evb_arena a = EVB_ARENA_INIT;

	evb_arena_reset(&a);
	evb_arena_fini(&a);
	ck_assert_ptr_null(a.head);
}
END_TEST

Suite *
arena_suite(void)
{
	Suite *s = suite_create("arena");
	TCase *tc = tcase_create("arena");

	tcase_add_test(tc, test_alignment);
	tcase_add_test(tc, test_distinct);
	tcase_add_test(tc, test_calloc_strndup);
	tcase_add_test(tc, test_reset_reuse);
	tcase_add_test(tc, test_big);
	tcase_add_test(tc, test_fresh_reset);
	suite_add_tcase(s, tc);
	return s;
}
