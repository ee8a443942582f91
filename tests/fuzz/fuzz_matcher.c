/*
 * The compiled matcher against the reference evaluator.  The input's last
 * line is an event and every line before it a pattern.  For each event the
 * answers of evb_eval(), of one matcher holding every pattern and of a
 * matcher per pattern must agree, in both match modes, and the line
 * prefilter must never skip a match.  Any disagreement aborts.
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"

#include "arena.h"
#include "eval.h"
#include "flat.h"
#include "matcher.h"
#include "pattern.h"

#define MAXPAT	8

static void
fail(const char *why, size_t rule)
{
	fprintf(stderr, "matcher: %s (pattern %zu)\n", why, rule);
	abort();
}

/* Whether m's answer for ev equals want (one bit per pattern). */
static void
check(struct evb_matcher *m, const char *ev, size_t n, const bool *want,
    size_t np, uint32_t base)
{
	const uint32_t *rules;
	struct evb_err e;
	size_t k = 0, any = 0;
	int got;

	if ((got = evb_matcher_match(m, ev, n, EVB_MATCH_ALL, &rules,
	    &e)) < 0)
		fail("refuses an event the flattener takes", 0);
	for (size_t i = 0; i < np; i++) {
		bool has = k < (size_t)got && rules[k] == base + i;

		k += has;
		any += want[i];
		if (has != want[i])
			fail(want[i] ? "misses a match" : "false match", i);
	}
	if (k != (size_t)got)
		fail("reports unknown rules", 0);
	got = evb_matcher_match(m, ev, n, EVB_MATCH_ANY, &rules, &e);
	if (got != (any > 0) || (got == 1 && !want[rules[0] - base]))
		fail("first-match mode disagrees", 0);
	if (any > 0 && evb_matcher_skip(m, ev, n))
		fail("prefilter skips a match", 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *line, *ev;
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_pattern pats[MAXPAT];
	bool want[MAXPAT];
	struct evb_flat f;
	struct evb_err e;
	struct evb_matcher *all;
	size_t np = 0, n, evn;

	/* The event is the last line; the patterns are the ones before. */
	if ((ev = memrchr(p, '\n', size)) == NULL)
		return 0;
	evn = (size_t)(end - ev - 1);
	end = ev++;
	while (np < MAXPAT && (line = fuzz_line(&p, end, &n)) != NULL)
		if (evb_pattern_compile(&a, line, n, NULL, &pats[np],
		    &e) == 0)
			np++;
	if (np == 0 || evb_flat_parse(&a, ev, evn, 0, &f, &e) == -1) {
		evb_arena_fini(&a);
		return 0;
	}
	for (size_t i = 0; i < np; i++)
		want[i] = evb_eval(&pats[i], &f);

	all = evb_matcher_new();
	for (size_t i = 0; i < np; i++)
		evb_matcher_add(all, (uint32_t)i, &pats[i]);
	evb_matcher_build(all);
	check(all, ev, evn, want, np, 0);
	check(all, ev, evn, want, np, 0);	/* again, warmed up */
	evb_matcher_free(all);

	for (size_t i = 0; i < np; i++) {
		struct evb_matcher *one = evb_matcher_new();

		evb_matcher_add(one, 7, &pats[i]);
		evb_matcher_build(one);
		check(one, ev, evn, &want[i], 1, 7);
		evb_matcher_free(one);
	}
	evb_arena_fini(&a);
	return 0;
}
