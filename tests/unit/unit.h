/*
 * Helpers shared by the unit suites.
 */
#ifndef EVB_UNIT_H
#define EVB_UNIT_H

#include <stdbool.h>
#include <stddef.h>

#include <check.h>

/* Assert that the n bytes at p are exactly the string literal lit. */
#define ck_assert_bytes(p, n, lit) do {					\
	ck_assert_uint_eq((n), sizeof(lit) - 1);			\
	ck_assert_mem_eq((p), (lit), sizeof(lit) - 1);			\
} while (0)

/* The number of elements of an array. */
#define nitems(a)	(sizeof(a) / sizeof((a)[0]))

/* False when CK_FORK=no: tests that exit must then be left out. */
bool	 unit_forking(void);
/* A new private directory under $TMPDIR or /tmp; the caller frees it. */
char	*unit_tmpdir(void);
/* Remove dir, its files and itself (one level deep), and free the name. */
void	 unit_rmtree(char *);
/* Write n bytes to a new file dir/name; returns its path, to be freed. */
char	*unit_file(const char *, const char *, const void *, size_t);

#endif
