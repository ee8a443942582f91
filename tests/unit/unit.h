/*
 * Helpers shared by the unit suites.
 */
#ifndef EVB_UNIT_H
#define EVB_UNIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <check.h>

#include "arena.h"
#include "pattern.h"

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

/*
 * A small PRNG (splitmix64) for randomized tests: a fixed seed gives the
 * same sequence everywhere, so a failure can be replayed.
 */
struct unit_rng {
	uint64_t	s;
};

void	 unit_rng_seed(struct unit_rng *, uint64_t);
uint64_t unit_rng_next(struct unit_rng *);
/* A number in [0, n), n > 0. */
size_t	 unit_rng_below(struct unit_rng *, size_t);
/* True pct times in a hundred. */
bool	 unit_rng_chance(struct unit_rng *, unsigned);

/*
 * Compile a pattern (NUL-terminated text) into the arena with EventBridge's
 * limits, failing the test with the reason if it is refused.
 */
struct evb_pattern *unit_pattern(struct evb_arena *, const char *);
/*
 * The reason a pattern is refused, with the limits given (NULL:
 * EventBridge's), or NULL when it compiles.  The text is in a static
 * buffer, valid until the next call.
 */
const char *unit_pattern_error(const char *, const struct evb_pattern_limits *);
/* Whether the reference evaluator matches the event to the pattern. */
bool	 unit_eval(const char *, const char *);
/* Whether a compiled matcher holding only the pattern matches the event. */
bool	 unit_match(const char *, const char *);

#endif
