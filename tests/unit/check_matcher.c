/*
 * matcher: the compiled multi-rule matcher must agree exactly with the
 * reference evaluator.  A differential test draws random patterns and
 * events (fixed seeds) from one small vocabulary of paths, values and
 * operators, and compares every answer: all the patterns in one matcher,
 * and each pattern alone.  Then the line prefilter, which must never skip a
 * line that matches.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "arena.h"
#include "buf.h"
#include "eval.h"
#include "flat.h"
#include "matcher.h"
#include "pattern.h"
#include "unit.h"

Suite	*matcher_suite(void);

/* The vocabulary. */

static const char *const keys[] = {
	"a", "a", "b", "b", "c", "d", "d.e", "e", "a.b",
};

static const char *const strings[] = {
	"", "abc", "ab", "bc", "ABC", "aBc", "a", "c", "x*y", "a/b", "a\\b",
	"a\"b", "\xc3\x89t\xc3\xa9", "\xc3\xa9t\xc3\xa9", "10.0.0.1",
	"10.0.0.255", "10.0.0.4", "::ffff:a00:1", "2001:db8::1",
	"2001:0DB8:0:0:0:0:0:1", "10.0.1.0", "init-x", "post-init", "file.txt",
	"null", "300", "5",
};

static const char *const numbers[] = {
	"0", "-0", "0.0", "300", "300.0", "3e2", "3.00E+2", "0.1", "1e-1",
	"301.8", "3.018e2", "5", "5.0", "-5", "100", "101", "1e400",
	"12345678901234567890", "9007199254740993", "-1e10",
};

/* Operands of match expressions, as JSON. */
static const char *const prefixes[] = {
	"\"\"", "\"a\"", "\"ab\"", "\"init\"", "\"10.\"", "\"\xc3\x89\"",
	"\"a/\"",
};

static const char *const suffixes[] = {
	"\"\"", "\"c\"", "\"bc\"", "\".txt\"", "\"\xc3\xa9\"",
	"\"init\"", "\"\\\"b\"",
};

static const char *const folded[] = {
	"\"A\"", "\"AB\"", "\"\xc3\xa9\"", "\"\xc3\x89T\"", "\"C\"", "\"BC\"",
	"\"ABC\"", "\"\"", "\"\xc3\x89T\xc3\x89\"", "\"X*Y\"",
};

static const char *const wildcards[] = {
	"\"*\"", "\"a*\"", "\"*c\"", "\"a*c\"", "\"*b*\"", "\"\"", "\"abc\"",
	"\"x\\\\*y\"", "\"a*b*c\"", "\"*.txt\"", "\"10.*\"", "\"a\\\\\\\\b\"",
	"\"*\xc3\xa9\"",
};

static const char *const numerics[] = {
	"[\">\",0]", "[\">=\",5]", "[\"<\",100]", "[\"<=\",-5]", "[\"=\",300]",
	"[\"=\",3.018e2]", "[\">\",0,\"<=\",5]", "[\">=\",100,\"<\",301.8]",
	"[\">\",-1e10,\"<\",1e10]", "[\"=\",-0]", "[\"=\",0.1]",
	"[\">=\",0,\"<\",0.1]",
};

static const char *const cidrs[] = {
	"\"10.0.0.0/24\"", "\"10.0.0.5/24\"", "\"0.0.0.0/0\"",
	"\"2001:db8::/32\"", "\"10.0.0.0/8\"",
};

static const char *const anything_buts[] = {
	"\"abc\"", "[\"abc\",\"ab\"]", "300", "[0,5,100]", "\"\"",
	"\"10.0.0.1\"", "{\"prefix\":\"a\"}", "{\"prefix\":[\"a\",\"1\"]}",
	"{\"suffix\":\"c\"}", "{\"equals-ignore-case\":\"ABC\"}",
	"{\"equals-ignore-case\":[\"ABC\",\"\xc3\x89T\xc3\x89\"]}",
	"{\"wildcard\":\"*b*\"}", "{\"wildcard\":[\"a*\",\"*c\"]}",
	"{\"suffix\":[\".txt\",\"c\"]}", "[\"5\",\"300\"]", "[3e2]",
};

#define PICK(r, a)	((a)[unit_rng_below((r), nitems(a))])

/* A JSON string for s, with some characters escaped at random. */
static void
put_string(struct evb_buf *b, struct unit_rng *r, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	evb_buf_addc(b, '"');
	for (size_t i = 0; p[i] != '\0'; i++) {
		if (p[i] == '"' || p[i] == '\\') {
			evb_buf_addc(b, '\\');
			evb_buf_addc(b, (char)p[i]);
		} else if (p[i] == '/' && unit_rng_chance(r, 30))
			evb_buf_adds(b, "\\/");
		else if (p[i] < 0x80 && unit_rng_chance(r, 4))
			evb_buf_printf(b, "\\u%04x", p[i]);
		else if (p[i] >= 0xc0 && p[i] < 0xe0 && unit_rng_chance(r, 25)) {
			evb_buf_printf(b, "\\u%04X", (p[i] & 0x1f) << 6 |
			    (p[i + 1] & 0x3f));
			i++;
		} else
			evb_buf_addc(b, (char)p[i]);
	}
	evb_buf_addc(b, '"');
}

static void
put_scalar(struct evb_buf *b, struct unit_rng *r)
{
	unsigned k = (unsigned)unit_rng_below(r, 100);

	if (k < 50)
		put_string(b, r, PICK(r, strings));
	else if (k < 85)
		evb_buf_adds(b, PICK(r, numbers));
	else if (k < 90)
		evb_buf_adds(b, "true");
	else if (k < 94)
		evb_buf_adds(b, "false");
	else
		evb_buf_adds(b, "null");
}

static void put_event_value(struct evb_buf *, struct unit_rng *, int);

static void
put_key(struct evb_buf *b, struct unit_rng *r, const char **last)
{
	const char *k = PICK(r, keys);

	if (*last != NULL && unit_rng_chance(r, 8))
		k = *last;			/* a duplicate key */
	else if (unit_rng_chance(r, 2))
		k = "";
	*last = k;
	put_string(b, r, k);
	evb_buf_adds(b, unit_rng_chance(r, 10) ? " : " : ":");
}

static void
put_event_object(struct evb_buf *b, struct unit_rng *r, int depth)
{
	size_t n = 1 + unit_rng_below(r, depth == 0 ? 4 : 3);
	const char *last = NULL;

	evb_buf_addc(b, '{');
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			evb_buf_adds(b, unit_rng_chance(r, 10) ? ", " : ",");
		put_key(b, r, &last);
		put_event_value(b, r, depth + 1);
	}
	evb_buf_addc(b, '}');
}

static void
put_event_array(struct evb_buf *b, struct unit_rng *r, int depth)
{
	size_t n = unit_rng_below(r, 4);
	bool objects = unit_rng_chance(r, 50);

	evb_buf_addc(b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			evb_buf_addc(b, ',');
		if (depth < 3 && objects && unit_rng_chance(r, 85))
			put_event_object(b, r, depth + 1);
		else if (depth < 3 && unit_rng_chance(r, 12))
			put_event_array(b, r, depth + 1);
		else
			put_scalar(b, r);
	}
	evb_buf_addc(b, ']');
}

static void
put_event_value(struct evb_buf *b, struct unit_rng *r, int depth)
{
	unsigned k = (unsigned)unit_rng_below(r, 100);

	if (depth < 3 && k < 22)
		put_event_object(b, r, depth);
	else if (depth < 3 && k < 40)
		put_event_array(b, r, depth);
	else
		put_scalar(b, r);
}

/* One alternative of a value list. */
static void
put_alt(struct evb_buf *b, struct unit_rng *r)
{
	unsigned k = (unsigned)unit_rng_below(r, 100);

	if (k < 16)
		put_string(b, r, PICK(r, strings));
	else if (k < 26)
		evb_buf_adds(b, PICK(r, numbers));
	else if (k < 29)
		evb_buf_adds(b, unit_rng_chance(r, 50) ? "true" :
		    unit_rng_chance(r, 50) ? "false" : "null");
	else if (k < 36)
		evb_buf_printf(b, "{\"prefix\":%s}", PICK(r, prefixes));
	else if (k < 42)
		evb_buf_printf(b, "{\"suffix\":%s}", PICK(r, suffixes));
	else if (k < 46)
		evb_buf_printf(b, "{\"%s\":{\"equals-ignore-case\":%s}}",
		    unit_rng_chance(r, 50) ? "prefix" : "suffix",
		    PICK(r, folded));
	else if (k < 51)
		evb_buf_printf(b, "{\"equals-ignore-case\":%s}",
		    PICK(r, folded));
	else if (k < 59)
		evb_buf_printf(b, "{\"wildcard\":%s}", PICK(r, wildcards));
	else if (k < 68)
		evb_buf_printf(b, "{\"numeric\":%s}", PICK(r, numerics));
	else if (k < 72)
		evb_buf_printf(b, "{\"cidr\":%s}", PICK(r, cidrs));
	else if (k < 78)
		evb_buf_adds(b, "{\"exists\":true}");
	else if (k < 87)
		evb_buf_adds(b, "{\"exists\":false}");
	else
		evb_buf_printf(b, "{\"anything-but\":%s}",
		    PICK(r, anything_buts));
}

static void
put_value_list(struct evb_buf *b, struct unit_rng *r)
{
	size_t n = 1 + unit_rng_below(r, unit_rng_chance(r, 70) ? 1 : 3);

	evb_buf_addc(b, '[');
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			evb_buf_addc(b, ',');
		put_alt(b, r);
	}
	evb_buf_addc(b, ']');
}

static void
put_pattern_object(struct evb_buf *b, struct unit_rng *r, int depth, int ors)
{
	size_t n = 1 + unit_rng_below(r, depth == 0 ? 3 : 2);
	const char *last = NULL;

	evb_buf_addc(b, '{');
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			evb_buf_addc(b, ',');
		if (ors < 2 && unit_rng_chance(r, 10)) {
			size_t nb = 2 + unit_rng_below(r, 2);

			evb_buf_adds(b, "\"$or\":[");
			for (size_t k = 0; k < nb; k++) {
				if (k > 0)
					evb_buf_addc(b, ',');
				put_pattern_object(b, r, depth, ors + 1);
			}
			evb_buf_addc(b, ']');
			continue;
		}
		put_key(b, r, &last);
		if (depth < 2 && unit_rng_chance(r, 25))
			put_pattern_object(b, r, depth + 1, ors);
		else
			put_value_list(b, r);
	}
	evb_buf_addc(b, '}');
}

/* One differential run. */

struct corpus {
	struct evb_arena	 arena;
	char			**ptext;	/* compiled patterns */
	struct evb_pattern	*pats;
	size_t			 np;
	char			**etext;
	struct evb_flat		*flats;
	size_t			 ne;
	unsigned char		*expect;	/* np * ne: eval's answers */
	size_t			 refused, matches;
};

static void
corpus_make(struct corpus *c, uint64_t seed, size_t np, size_t ne)
{
	struct unit_rng r;
	struct evb_buf b = EVB_BUF_INIT;

	memset(c, 0, sizeof(*c));
	unit_rng_seed(&r, seed);
	c->ptext = xcalloc(np, sizeof(*c->ptext));
	c->pats = xcalloc(np, sizeof(*c->pats));
	for (size_t i = 0; i < np; i++) {
		struct evb_err err;
		char *text;

		evb_buf_reset(&b);
		put_pattern_object(&b, &r, 0, 0);
		text = evb_arena_strndup(&c->arena, b.p, b.len);
		if (evb_pattern_compile(&c->arena, text, b.len, NULL,
		    &c->pats[c->np], &err) == -1) {
			/* Only rules too costly to match may be refused. */
			ck_assert_msg(strstr(err.msg, "Rule is too complex") !=
			    NULL, "%s: %s", text, err.msg);
			c->refused++;
			continue;
		}
		c->ptext[c->np++] = text;
	}
	c->etext = xcalloc(ne, sizeof(*c->etext));
	c->flats = xcalloc(ne, sizeof(*c->flats));
	for (size_t i = 0; i < ne; i++) {
		struct evb_err err;

		evb_buf_reset(&b);
		put_event_object(&b, &r, 0);
		c->etext[i] = evb_arena_strndup(&c->arena, b.p, b.len);
		ck_assert_msg(evb_flat_parse(&c->arena, c->etext[i], b.len, 0,
		    &c->flats[i], &err) == 0, "%s: %s", c->etext[i], err.msg);
	}
	c->ne = ne;
	c->expect = xcalloc(c->np * ne + 1, 1);
	for (size_t e = 0; e < ne; e++)
		for (size_t p = 0; p < c->np; p++) {
			c->expect[p * ne + e] = evb_eval(&c->pats[p],
			    &c->flats[e]);
			c->matches += c->expect[p * ne + e];
		}
	evb_buf_fini(&b);
}

static void
corpus_free(struct corpus *c)
{
	free(c->ptext);
	free(c->pats);
	free(c->etext);
	free(c->flats);
	free(c->expect);
	evb_arena_fini(&c->arena);
}

/* The first rule on which the matcher and the evaluator disagree. */
static void
disagree(const struct corpus *c, size_t e, const uint32_t *rules, int n)
{
	size_t k = 0;

	for (size_t p = 0; p < c->np; p++) {
		bool got = k < (size_t)n && rules[k] == p;

		k += got;
		ck_assert_msg(got == c->expect[p * c->ne + e], "rule %zu: "
		    "matcher says %s, evaluator %s\npattern %s\nevent   %s", p,
		    got ? "match" : "no match", got ? "no match" : "match",
		    c->ptext[p], c->etext[e]);
	}
	ck_assert_msg(k == (size_t)n, "matcher reports rules beyond the last");
}

#define NPATTERNS	600
#define NEVENTS		220
#define NRUNS		4
#define ALONE_SAMPLE	40

/* All the patterns in one matcher, every event, both modes. */
START_TEST(test_differential_all)
{
	struct corpus c;
	struct evb_matcher *m = evb_matcher_new();
	struct evb_err err;

	corpus_make(&c, 0x5eed0000u + (uint64_t)_i, NPATTERNS, NEVENTS);
	/* Enough of both answers to mean something. */
	ck_assert_uint_ge(c.np, NPATTERNS * 9 / 10);
	ck_assert_uint_ge(c.matches, c.np * c.ne / 200);
	ck_assert_uint_le(c.matches, c.np * c.ne / 2);
	for (size_t p = 0; p < c.np; p++)
		evb_matcher_add(m, (uint32_t)p, &c.pats[p]);
	evb_matcher_build(m);
	/* Twice over: the second pass runs after re-anchoring. */
	for (int pass = 0; pass < 2; pass++)
		for (size_t e = 0; e < c.ne; e++) {
			const uint32_t *rules;
			size_t len = strlen(c.etext[e]), any = 0;
			int n;

			n = evb_matcher_match(m, c.etext[e], len, EVB_MATCH_ALL,
			    &rules, &err);
			ck_assert_msg(n >= 0, "%s: %s", c.etext[e], err.msg);
			disagree(&c, e, rules, n);
			for (size_t p = 0; p < c.np; p++)
				any += c.expect[p * c.ne + e];
			n = evb_matcher_match(m, c.etext[e], len, EVB_MATCH_ANY,
			    &rules, &err);
			ck_assert_int_eq(n, any > 0);
			if (n == 1)
				ck_assert_msg(c.expect[rules[0] * c.ne + e],
				    "any: rule %u does not match %s", rules[0],
				    c.etext[e]);
			if (evb_matcher_skip(m, c.etext[e], len))
				ck_assert_msg(any == 0, "skipped %s", c.etext[e]);
		}
	evb_matcher_free(m);
	corpus_free(&c);
}
END_TEST

/*
 * Each pattern alone: on the events it matches and a sample of the others.
 * A lone rule usually has a prefilter, which must not skip its matches.
 */
START_TEST(test_differential_alone)
{
	struct corpus c;
	struct evb_err err;
	size_t skipped = 0;

	corpus_make(&c, 0xa10e0000u + (uint64_t)_i, NPATTERNS / 2, NEVENTS);
	for (size_t p = 0; p < c.np; p++) {
		struct evb_matcher *m = evb_matcher_new();

		evb_matcher_add(m, 7, &c.pats[p]);
		evb_matcher_build(m);
		for (size_t e = 0; e < c.ne; e++) {
			bool want = c.expect[p * c.ne + e];
			size_t len = strlen(c.etext[e]);
			const uint32_t *rules;
			int n;

			if (!want && e >= ALONE_SAMPLE)
				continue;
			if (evb_matcher_skip(m, c.etext[e], len)) {
				ck_assert_msg(!want, "skipped a match\n"
				    "pattern %s\nevent   %s", c.ptext[p],
				    c.etext[e]);
				skipped++;
			}
			n = evb_matcher_match(m, c.etext[e], len, EVB_MATCH_ALL,
			    &rules, &err);
			ck_assert_msg(n == want, "matcher says %d, evaluator %d"
			    "\npattern %s\nevent   %s", n, want, c.ptext[p],
			    c.etext[e]);
			if (n == 1)
				ck_assert_uint_eq(rules[0], 7);
			n = evb_matcher_match(m, c.etext[e], len, EVB_MATCH_ANY,
			    &rules, &err);
			ck_assert_msg(n == want, "matcher (any) says %d, "
			    "evaluator %d\npattern %s\nevent   %s", n, want,
			    c.ptext[p], c.etext[e]);
		}
		evb_matcher_free(m);
	}
	/* The prefilter was put to work. */
	ck_assert_uint_gt(skipped, 0);
	corpus_free(&c);
}
END_TEST

/* The generator is what it claims: every operator shows up, compiled. */
START_TEST(test_corpus)
{
	struct corpus c;
	size_t ops[EVB_OP_AB_WILDCARD + 1] = { 0 }, ors = 0, arrays = 0;

	corpus_make(&c, 0x5eed0000u, NPATTERNS, NEVENTS);
	for (size_t p = 0; p < c.np; p++) {
		ors += c.pats[p].nsubs > 1;
		for (size_t s = 0; s < c.pats[p].nsubs; s++)
			for (size_t k = 0; k < c.pats[p].subs[s].nconds; k++) {
				const struct evb_cond *cd =
				    &c.pats[p].subs[s].conds[k];

				for (size_t a = 0; a < cd->nalts; a++)
					ops[cd->alts[a].op]++;
			}
	}
	for (size_t op = 0; op < nitems(ops); op++)
		ck_assert_msg(ops[op] > 0, "no %s", evb_op_name(
		    (enum evb_op)op));
	ck_assert_uint_gt(ors, c.np / 20);
	for (size_t e = 0; e < c.ne; e++)
		for (size_t l = 0; l < c.flats[e].n; l++)
			arrays += c.flats[e].leaves[l].nmem > 0;
	ck_assert_uint_gt(arrays, c.ne / 4);
	corpus_free(&c);
}
END_TEST

/* The prefilter. */

static struct evb_arena arena = EVB_ARENA_INIT;

static void
teardown(void)
{
	evb_arena_fini(&arena);
}

static struct evb_matcher *
lone(const char *pattern)
{
	struct evb_matcher *m = evb_matcher_new();

	evb_matcher_add(m, 0, unit_pattern(&arena, pattern));
	evb_matcher_build(m);
	return m;
}

static const struct {
	const char	*pattern;
	const char	*line;
	bool		 skip;
} skips[] = {
	{ "{\"source\":[\"aws.ec2\"]}", "{\"source\":\"aws.s3\"}", true },
	{ "{\"source\":[\"aws.ec2\"]}", "{\"source\":\"aws.ec2\"}", false },
	/* The literal hidden behind an escape. */
	{ "{\"source\":[\"aws.ec2\"]}", "{\"source\":\"aws.ec\\u0032\"}", false },
	{ "{\"source\":[\"aws.ec2\"]}", "{\"source\":\"\\u0061ws.ec2\"}",
	    false },
	{ "{\"source\":[\"aws.ec2\"]}", "{\"source\":\"aws.s3\",\"x\":\"\\u00e9\"}",
	    false },
	/* Present elsewhere: not skipped, even if it does not match. */
	{ "{\"source\":[\"aws.ec2\"]}", "{\"x\":\"aws.ec2\"}", false },
	/* Characters JSON may escape are left out of the literal. */
	{ "{\"p\":[\"x/yz\"]}", "{\"p\":\"x\\/yz\"}", false },
	{ "{\"p\":[\"x/yz\"]}", "{\"p\":\"xq\"}", true },
	{ "{\"q\":[\"ab\\\"cde\"]}", "{\"q\":\"ab\\\"cde\"}", false },
	{ "{\"q\":[\"ab\\\\cde\"]}", "{\"q\":\"ab\\\\cde\"}", false },
	{ "{\"q\":[\"ab\\ncde\"]}", "{\"q\":\"ab\\ncde\"}", false },
	{ "{\"q\":[\"ab\\tcde\"]}", "{\"q\":\"x\"}", true },
	/* Non-ASCII, raw or escaped. */
	{ "{\"q\":[\"\xc3\xa9t\xc3\xa9\"]}", "{\"q\":\"\xc3\xa9t\xc3\xa9\"}",
	    false },
	{ "{\"q\":[\"\xc3\xa9t\xc3\xa9\"]}", "{\"q\":\"\\u00e9t\\u00e9\"}",
	    false },
	{ "{\"q\":[\"\xc3\xa9t\xc3\xa9\"]}", "{\"q\":\"ete\"}", true },
	/* Prefixes, suffixes, wildcards: their literal parts. */
	{ "{\"p\":[{\"prefix\":\"pre\"}]}", "{\"p\":\"prefix\"}", false },
	{ "{\"p\":[{\"prefix\":\"pre\"}]}", "{\"p\":\"post\"}", true },
	{ "{\"p\":[{\"suffix\":\"fix\"}]}", "{\"p\":\"prefix\"}", false },
	{ "{\"w\":[{\"wildcard\":\"*needle*\"}]}", "{\"w\":\"a needle here\"}",
	    false },
	{ "{\"w\":[{\"wildcard\":\"*needle*\"}]}", "{\"w\":\"a pin here\"}",
	    true },
	{ "{\"w\":[{\"wildcard\":\"a*\\\\*b\"}]}", "{\"w\":\"ax*b\"}", false },
	/* Every alternative needs its literal. */
	{ "{\"s\":[\"one\",\"two\"]}", "{\"s\":\"two\"}", false },
	{ "{\"s\":[\"one\",\"two\"]}", "{\"s\":\"three\"}", true },
	/* The best condition of the rule carries the literal. */
	{ "{\"s\":[\"shortx\"],\"t\":[{\"numeric\":[\">\",1]}]}",
	    "{\"s\":\"shortx\",\"t\":5}", false },
	{ "{\"s\":[\"shortx\"],\"t\":[{\"numeric\":[\">\",1]}]}", "{\"t\":5}",
	    true },
	/* No literal: never skipped. */
	{ "{\"n\":[5]}", "{\"m\":1}", false },
	{ "{\"n\":[{\"equals-ignore-case\":\"abc\"}]}", "{\"m\":1}", false },
	{ "{\"n\":[\"abc\",{\"exists\":false}]}", "{\"m\":1}", false },
	{ "{\"n\":[\"abc\",{\"anything-but\":\"x\"}]}", "{\"m\":1}", false },
	{ "{\"n\":[{\"prefix\":\"\"}]}", "{\"m\":1}", false },
	{ "{\"n\":[{\"wildcard\":\"*\"}]}", "{\"m\":1}", false },
	{ "{\"n\":[\"10.0.0.1\"]}", "{\"n\":\"::ffff:a00:1\"}", false },
	{ "{\"n\":[{\"cidr\":\"10.0.0.0/8\"}]}", "{\"m\":1}", false },
	/* Every sub-rule needs a literal. */
	{ "{\"$or\":[{\"a\":[\"lit\"]},{\"b\":[\"other\"]}]}", "{\"b\":\"other\"}",
	    false },
	{ "{\"$or\":[{\"a\":[\"lit\"]},{\"b\":[\"other\"]}]}", "{\"b\":\"x\"}",
	    true },
	{ "{\"$or\":[{\"a\":[\"lit\"]},{\"b\":[5]}]}", "{\"b\":\"x\"}", false },
};

START_TEST(test_skip)
{
	struct evb_matcher *m = lone(skips[_i].pattern);
	const char *line = skips[_i].line;

	ck_assert_msg(evb_matcher_skip(m, line, strlen(line)) == skips[_i].skip,
	    "%s on %s", skips[_i].pattern, line);
	/* Never skip what matches. */
	if (unit_match(skips[_i].pattern, line))
		ck_assert(!skips[_i].skip);
	evb_matcher_free(m);
}
END_TEST

/* A prefilter that rarely skips is dropped after a trial. */
START_TEST(test_skip_trial)
{
	struct evb_matcher *m = lone("{\"source\":[\"aws.ec2\"]}");
	struct evb_matcher_stats st;
	const char *hit = "{\"source\":\"aws.ec2\"}", *miss = "{\"x\":1}";

	evb_matcher_stats(m, &st);
	ck_assert(st.prefilter);
	ck_assert_uint_eq(st.literals, 1);
	for (int i = 0; i < 4096; i++)
		ck_assert(!evb_matcher_skip(m, hit, strlen(hit)));
	ck_assert(!evb_matcher_skip(m, miss, strlen(miss)));
	evb_matcher_stats(m, &st);
	ck_assert(!st.prefilter);
	evb_matcher_free(m);
	/* One that skips often stays. */
	m = lone("{\"source\":[\"aws.ec2\"]}");
	for (int i = 0; i < 5000; i++)
		ck_assert(evb_matcher_skip(m, miss, strlen(miss)));
	evb_matcher_free(m);
}
END_TEST

/* More than eight literals: no prefilter. */
START_TEST(test_skip_many)
{
	struct evb_matcher *m = lone("{\"s\":[\"l1\",\"l2\",\"l3\",\"l4\","
	    "\"l5\",\"l6\",\"l7\",\"l8\",\"l9\"]}");
	struct evb_matcher_stats st;

	evb_matcher_stats(m, &st);
	ck_assert(!st.prefilter);
	ck_assert(!evb_matcher_skip(m, "{}", 2));
	evb_matcher_free(m);
	m = evb_matcher_new();
	evb_matcher_build(m);
	ck_assert(!evb_matcher_skip(m, "{}", 2));
	evb_matcher_free(m);
}
END_TEST

/* Rule numbers, statistics, errors. */
START_TEST(test_rules)
{
	struct evb_matcher *m = evb_matcher_new();
	struct evb_matcher_stats st;
	const uint32_t *rules;
	struct evb_err err;
	const char *ev = "{\"a\":\"x\",\"b\":5}";
	int n;

	evb_matcher_add(m, 40, unit_pattern(&arena, "{\"a\":[\"x\"]}"));
	evb_matcher_add(m, 3, unit_pattern(&arena, "{\"b\":[5]}"));
	evb_matcher_add(m, 17, unit_pattern(&arena,
	    "{\"$or\":[{\"a\":[\"x\"]},{\"b\":[5]}]}"));
	evb_matcher_add(m, 99, unit_pattern(&arena, "{\"a\":[\"y\"]}"));
	evb_matcher_add(m, 5, unit_pattern(&arena, "{\"a\":[\"x\"]}"));
	evb_matcher_build(m);
	n = evb_matcher_match(m, ev, strlen(ev), EVB_MATCH_ALL, &rules, &err);
	ck_assert_int_eq(n, 4);
	ck_assert_uint_eq(rules[0], 3);
	ck_assert_uint_eq(rules[1], 5);
	ck_assert_uint_eq(rules[2], 17);	/* once, though both branches hold */
	ck_assert_uint_eq(rules[3], 40);
	evb_matcher_stats(m, &st);
	ck_assert_uint_eq(st.rules, 100);
	ck_assert_uint_eq(st.subrules, 6);
	ck_assert_uint_eq(st.conditions, 3);	/* equal conditions are one */
	ck_assert_uint_eq(st.paths, 2);
	/* Not events. */
	ck_assert_int_eq(evb_matcher_match(m, "[1]", 3, EVB_MATCH_ALL, &rules,
	    &err), -1);
	ck_assert_str_eq(err.msg, "event is not a JSON object");
	ck_assert_int_eq(evb_matcher_match(m, "\"a\"", 3, EVB_MATCH_ALL, &rules,
	    &err), -1);
	ck_assert_int_eq(evb_matcher_match(m, "{\"a\":", 5, EVB_MATCH_ALL,
	    &rules, &err), -1);
	ck_assert_int_eq(evb_matcher_match(m, "{\"a\":\"\xff\"}", 8,
	    EVB_MATCH_ALL, &rules, &err), -1);
	/* ... and it goes on after them. */
	n = evb_matcher_match(m, ev, strlen(ev), EVB_MATCH_ANY, &rules, &err);
	ck_assert_int_eq(n, 1);
	evb_matcher_free(m);
	evb_matcher_free(NULL);
}
END_TEST

/* Dotted keys and nesting name one path: one condition, one look-up. */
START_TEST(test_dotted)
{
	struct evb_matcher *m = evb_matcher_new();
	struct evb_matcher_stats st;
	const uint32_t *rules;
	struct evb_err err;
	const char *nested = "{\"a\":{\"b\":\"x\"}}", *dotted = "{\"a.b\":\"x\"}";

	evb_matcher_add(m, 0, unit_pattern(&arena, "{\"a.b\":[\"x\"]}"));
	evb_matcher_add(m, 1, unit_pattern(&arena, "{\"a\":{\"b\":[\"x\"]}}"));
	evb_matcher_build(m);
	evb_matcher_stats(m, &st);
	ck_assert_uint_eq(st.conditions, 1);
	ck_assert_uint_eq(st.paths, 1);
	ck_assert_int_eq(evb_matcher_match(m, nested, strlen(nested),
	    EVB_MATCH_ALL, &rules, &err), 2);
	ck_assert_int_eq(evb_matcher_match(m, dotted, strlen(dotted),
	    EVB_MATCH_ALL, &rules, &err), 2);
	evb_matcher_free(m);
}
END_TEST

/* Many rules matching at once come back sorted. */
START_TEST(test_many)
{
	struct evb_matcher *m = evb_matcher_new();
	const uint32_t *rules;
	struct evb_err err;
	const char *ev = "{\"a\":\"x\"}";
	int n;

	for (uint32_t i = 0; i < 300; i++)
		evb_matcher_add(m, (i * 7919) % 300, unit_pattern(&arena,
		    i % 3 ? "{\"a\":[\"x\"]}" : "{\"a\":[{\"prefix\":\"x\"}]}"));
	evb_matcher_build(m);
	n = evb_matcher_match(m, ev, strlen(ev), EVB_MATCH_ALL, &rules, &err);
	ck_assert_int_eq(n, 300);
	for (int i = 0; i < n; i++)
		ck_assert_uint_eq(rules[i], (uint32_t)i);
	evb_matcher_free(m);
}
END_TEST

/*
 * Equal conditions (and equal anything-but lists) are evaluated once, so
 * their identity must not confuse different ones: NULs in keys and values
 * once made the identities of these pairs collide.
 */
static const struct {
	const char	*pattern[2];
	const char	*event;
	bool		 match[2];
} identities[] = {
	/* path "a" + "v","w" against path "a\0\"v\"" + "w" */
	{ { "{\"a\":[\"v\",\"w\"]}", "{\"a\\u0000\\\"v\\\"\":[\"w\"]}" },
	    "{\"a\":\"w\"}", { true, false } },
	{ { "{\"a\":[\"v\",\"w\"]}", "{\"a\\u0000\\\"v\\\"\":[\"w\"]}" },
	    "{\"a\\u0000\\\"v\\\"\":\"w\"}", { false, true } },
	/* anything-but ["a","b"] against anything-but "a\0b" */
	{ { "{\"f\":[{\"anything-but\":[\"a\",\"b\"]}]}",
	    "{\"f\":[{\"anything-but\":\"a\\u0000b\"}]}" },
	    "{\"f\":\"a\"}", { false, true } },
	{ { "{\"f\":[{\"anything-but\":[\"a\",\"b\"]}]}",
	    "{\"f\":[{\"anything-but\":\"a\\u0000b\"}]}" },
	    "{\"f\":\"a\\u0000b\"}", { true, false } },
	{ { "{\"f\":[{\"anything-but\":{\"prefix\":[\"a\",\"b\"]}}]}",
	    "{\"f\":[{\"anything-but\":{\"prefix\":\"a\\u0000b\"}}]}" },
	    "{\"f\":\"ax\"}", { false, true } },
};

START_TEST(test_identity)
{
	for (int order = 0; order < 2; order++) {
		struct evb_matcher *m = evb_matcher_new();
		const char *ev = identities[_i].event;
		const uint32_t *rules;
		struct evb_err err;
		bool got[2] = { false, false };
		int n;

		for (int k = 0; k < 2; k++) {
			int r = order ? 1 - k : k;

			evb_matcher_add(m, (uint32_t)r, unit_pattern(&arena,
			    identities[_i].pattern[r]));
		}
		evb_matcher_build(m);
		n = evb_matcher_match(m, ev, strlen(ev), EVB_MATCH_ALL, &rules,
		    &err);
		ck_assert_int_ge(n, 0);
		for (int k = 0; k < n; k++)
			got[rules[k]] = true;
		for (int k = 0; k < 2; k++) {
			ck_assert(unit_eval(identities[_i].pattern[k], ev) ==
			    identities[_i].match[k]);
			ck_assert_msg(got[k] == identities[_i].match[k],
			    "rule %d (%s) on %s, added %s", k,
			    identities[_i].pattern[k], ev, order ? "second" :
			    "first");
		}
		evb_matcher_free(m);
	}
}
END_TEST

/* The depth limit. */
START_TEST(test_depth)
{
	struct evb_matcher *m = evb_matcher_new();
	const uint32_t *rules;
	struct evb_err err;
	const char *deep = "{\"a\":{\"b\":{\"c\":[\"x\"]}}}";

	evb_matcher_set_max_depth(m, 3);
	evb_matcher_add(m, 0, unit_pattern(&arena, "{\"a\":{\"b\":{\"c\":[\"x\"]}}}"));
	evb_matcher_build(m);
	ck_assert_int_eq(evb_matcher_match(m, deep, strlen(deep),
	    EVB_MATCH_ALL, &rules, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "deeper than 3"));
	evb_matcher_free(m);
}
END_TEST

Suite *
matcher_suite(void)
{
	Suite *s = suite_create("matcher");
	TCase *tc;

	tc = tcase_create("differential");
	tcase_set_timeout(tc, 600);
	tcase_add_loop_test(tc, test_differential_all, 0, NRUNS);
	tcase_add_loop_test(tc, test_differential_alone, 0, NRUNS);
	tcase_add_test(tc, test_corpus);
	suite_add_tcase(s, tc);
	tc = tcase_create("skip");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_loop_test(tc, test_skip, 0, nitems(skips));
	tcase_add_test(tc, test_skip_trial);
	tcase_add_test(tc, test_skip_many);
	suite_add_tcase(s, tc);
	tc = tcase_create("matcher");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_rules);
	tcase_add_test(tc, test_dotted);
	tcase_add_test(tc, test_many);
	tcase_add_loop_test(tc, test_identity, 0, nitems(identities));
	tcase_add_test(tc, test_depth);
	suite_add_tcase(s, tc);
	return s;
}
