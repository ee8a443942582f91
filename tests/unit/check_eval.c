/*
 * eval: the reference evaluator on whole events (flattening, arrays and
 * their consistency, exists: false and its path order), and the compiled
 * matcher on the same cases.
 */
#include <stdio.h>
#include <string.h>

#include <check.h>

#include "arena.h"
#include "buf.h"
#include "eval.h"
#include "flat.h"
#include "unit.h"

Suite	*eval_suite(void);

static struct evb_arena arena = EVB_ARENA_INIT;

static void
teardown(void)
{
	evb_arena_fini(&arena);
}

static struct evb_flat
flat(const char *event)
{
	struct evb_flat f;
	struct evb_err err;

	ck_assert_msg(evb_flat_parse(&arena, event, strlen(event), 0, &f,
	    &err) == 0, "%s: %s", event, err.msg);
	return f;
}

/* Leaves: sorted by path, with their array memberships. */
START_TEST(test_flat)
{
	struct evb_flat f = flat("{\"z\":1,\"a\":[{\"b\":\"x\"},[{\"b\":null}],"
	    "\"s\",[]],\"c\":{},\"d\":{\"e\":[true,{}]}}");
	size_t first;

	ck_assert_uint_eq(f.n, 5);
	ck_assert_bytes(f.leaves[0].path, f.leaves[0].plen, "a");
	ck_assert_bytes(f.leaves[0].s, f.leaves[0].n, "s");
	ck_assert_uint_eq(f.leaves[0].nmem, 0);	/* scalars do not bind */
	ck_assert_uint_eq(evb_flat_find(&f, "a.b", 3, &first), 2);
	ck_assert_uint_eq(first, 1);
	ck_assert_uint_eq(f.leaves[1].nmem + f.leaves[2].nmem, 3);
	ck_assert_bytes(f.leaves[3].path, f.leaves[3].plen, "d.e");
	ck_assert_int_eq(f.leaves[3].type, EVB_JTRUE);
	ck_assert_bytes(f.leaves[4].path, f.leaves[4].plen, "z");
	ck_assert_bytes(f.leaves[4].s, f.leaves[4].n, "1");
	ck_assert_uint_eq(evb_flat_find(&f, "c", 1, &first), 0);
	ck_assert_uint_eq(evb_flat_find(&f, "a.", 2, &first), 0);
	ck_assert_uint_eq(evb_flat_find(&f, "zz", 2, &first), 0);
	ck_assert_uint_eq(evb_flat_find(&f, "", 0, &first), 0);
}
END_TEST

/*
 * Dotted keys and nesting give one path; below the top, every key adds a
 * step, an empty one included (as Ruler's event paths do).
 */
/* Leaves at one path keep their document order. */
START_TEST(test_order)
{
	struct evb_buf b = EVB_BUF_INIT;
	struct evb_flat f;
	size_t first, n;

	evb_buf_adds(&b, "{\"z\":0,\"a\":[");
	for (int i = 0; i < 40; i++)
		evb_buf_printf(&b, "%s{\"k\":%d,\"b\":1}", i ? "," : "", i);
	evb_buf_adds(&b, "],\"a.k\":40,\"c\":{\"k\":1}}");
	f = flat(evb_buf_cstr(&b));
	n = evb_flat_find(&f, "a.k", 3, &first);
	ck_assert_uint_eq(n, 41);
	for (size_t i = 0; i < n; i++) {
		char want[8];

		snprintf(want, sizeof(want), "%zu", i);
		ck_assert_uint_eq(f.leaves[first + i].n, strlen(want));
		ck_assert_mem_eq(f.leaves[first + i].s, want, strlen(want));
	}
	evb_buf_fini(&b);
}
END_TEST

#define L(s)	s, sizeof(s) - 1

static const struct {
	const char	*event;
	const char	*path;
	size_t		 plen;
} paths[] = {
	{ "{\"a\":{\"b\":1}}", L("a.b") },
	{ "{\"a.b\":1}", L("a.b") },
	{ "{\"\":1}", L("") },
	{ "{\"\":{\"a\":1}}", L(".a") },
	{ "{\"a\":{\"\":1}}", L("a.") },
	{ "{\"\":{\"\":1}}", L(".") },
	{ "{\"a\":[[{\"\":{\"b\":1}}]]}", L("a..b") },
	{ "{\"a\\u0000\":1}", L("a\0") },
};

START_TEST(test_paths)
{
	struct evb_flat f = flat(paths[_i].event);

	ck_assert_uint_eq(f.n, 1);
	ck_assert_uint_eq(f.leaves[0].plen, paths[_i].plen);
	ck_assert_mem_eq(f.leaves[0].path, paths[_i].path, paths[_i].plen);
}
END_TEST

START_TEST(test_refused)
{
	struct evb_flat f;
	struct evb_err err;

	ck_assert_int_eq(evb_flat_parse(&arena, "[1]", 3, 0, &f, &err), -1);
	ck_assert_str_eq(err.msg, "event is a JSON array, not an object");
	ck_assert_int_eq(evb_flat_parse(&arena, "{", 1, 0, &f, &err), -1);
	ck_assert_int_eq(evb_flat_parse(&arena, "{\"a\":[[[1]]]}", 12, 3, &f,
	    &err), -1);
}
END_TEST

START_TEST(test_consistent)
{
	static const uint32_t a[] = { 0, 1, 2, 0 }, b[] = { 0, 1 },
	    c[] = { 0, 2 }, d[] = { 3, 5 };

	ck_assert(evb_mem_consistent(a, 2, b, 1));
	ck_assert(!evb_mem_consistent(a, 2, c, 1));
	ck_assert(evb_mem_consistent(a, 2, d, 1));
	ck_assert(evb_mem_consistent(NULL, 0, c, 1));
}
END_TEST

/* Pattern, event, whether they match: for the evaluator and the matcher. */
static const struct {
	const char	*pattern;
	const char	*event;
	bool		 match;
} cases[] = {
	/* Arrays: any element. */
	{ "{\"resources\":[\"arn:i-b188560f\",\"arn:x\"]}",
	    "{\"resources\":[\"arn:asg\",\"arn:i-b188560f\"]}", true },
	{ "{\"resources\":[\"arn:y\"]}", "{\"resources\":[\"arn:asg\"]}", false },
	{ "{\"n\":[{\"numeric\":[\">\",10]}]}", "{\"n\":[1,20]}", true },
	{ "{\"n\":[{\"numeric\":[\">\",10]}]}", "{\"n\":[1,2]}", false },
	{ "{\"f\":[{\"anything-but\":\"a\"}]}", "{\"f\":[\"a\",\"b\"]}", true },
	{ "{\"f\":[{\"anything-but\":\"a\"}]}", "{\"f\":[\"a\",\"a\"]}", false },
	{ "{\"f\":[{\"anything-but\":\"a\"}]}", "{\"f\":[]}", false },
	{ "{\"resources\":[null]}", "{\"resources\":[]}", false },
	{ "{\"resources\":[{\"exists\":true}]}", "{\"resources\":[]}", false },
	{ "{\"resources\":[{\"exists\":false}]}", "{\"resources\":[]}", true },
	{ "{\"resources\":[{\"exists\":false}]}", "{\"resources\":[null]}",
	    false },
	{ "{\"resources\":[{\"exists\":false}]}", "{\"resources\":[{}]}", true },
	/* Arrays of objects are crushed. */
	{ "{\"detail\":{\"automations\":{\"id\":[{\"exists\":true}]}}}",
	    "{\"detail\":{\"automations\":[{\"key1\":\"v\"},{\"id\":\"x\"}]}}",
	    true },
	{ "{\"a\":{\"b\":[\"1\"]}}", "{\"a\":[[{\"b\":\"0\"}],[[{\"b\":\"1\"}]]]}",
	    true },
	/* Array consistency: one element must hold both fields. */
	{ "{\"employees\":{\"firstName\":[\"Anna\"],\"lastName\":[\"Jones\"]}}",
	    "{\"employees\":[{\"firstName\":\"Anna\",\"lastName\":\"Smith\"},"
	    "{\"firstName\":\"Peter\",\"lastName\":\"Jones\"}]}", false },
	{ "{\"employees\":{\"firstName\":[\"Anna\"],\"lastName\":[\"Jones\"]}}",
	    "{\"employees\":[{\"firstName\":\"Anna\",\"lastName\":\"Smith\"},"
	    "{\"firstName\":\"Anna\",\"lastName\":\"Jones\"}]}", true },
	/* ... found by backtracking past a first element that fails later. */
	{ "{\"e\":{\"a\":[\"1\"],\"b\":[\"2\"],\"c\":[\"3\"]}}",
	    "{\"e\":[{\"a\":\"1\",\"b\":\"2\",\"c\":\"x\"},{\"a\":\"1\","
	    "\"b\":\"x\",\"c\":\"3\"},{\"a\":\"x\",\"b\":\"2\",\"c\":\"3\"}]}",
	    false },
	{ "{\"e\":{\"a\":[\"1\"],\"b\":[\"2\"],\"c\":[\"3\"]}}",
	    "{\"e\":[{\"a\":\"1\",\"b\":\"2\",\"c\":\"x\"},{\"a\":\"1\","
	    "\"b\":\"2\",\"c\":\"3\"}]}", true },
	/* Scalars inside arrays bind nothing. */
	{ "{\"a\":[\"2\"],\"a.b\":[\"1\"]}", "{\"a\":[{\"b\":\"1\"},\"2\"]}",
	    true },
	{ "{\"o\":{\"v\":[\"1\"],\"w\":[\"2\"]}}",
	    "{\"o\":[{\"v\":[\"1\",\"3\"],\"w\":[\"4\",\"2\"]}]}", true },
	/* Nested arrays: every enclosing element must agree. */
	{ "{\"a\":{\"b\":[\"1\"],\"c\":[\"2\"]}}",
	    "{\"a\":[[{\"b\":\"1\",\"c\":\"2\"}]]}", true },
	{ "{\"a\":{\"b\":[\"1\"],\"c\":[\"2\"]}}",
	    "{\"a\":[[{\"b\":\"1\"}],[{\"c\":\"2\"}]]}", false },
	{ "{\"a\":{\"b\":[\"1\"],\"c\":[\"2\"]}}",
	    "{\"a\":[[{\"b\":\"1\"},{\"c\":\"2\"}]]}", false },
	{ "{\"a\":{\"b\":[\"1\"],\"c\":[\"2\"]}}",
	    "{\"a\":[{\"b\":[\"1\"],\"c\":[[\"2\"]]}]}", true },
	/* Different arrays do not constrain each other. */
	{ "{\"x\":{\"b\":[\"1\"]},\"y\":{\"c\":[\"2\"]}}",
	    "{\"x\":[{\"b\":\"0\"},{\"b\":\"1\"}],\"y\":[{\"c\":\"2\"},"
	    "{\"c\":\"3\"}]}", true },
	/* An object below the element: the element still binds. */
	{ "{\"r\":{\"s\":{\"t\":[\"1\"]},\"u\":[\"2\"]}}",
	    "{\"r\":[{\"s\":{\"t\":\"1\"},\"u\":\"2\"}]}", true },
	{ "{\"r\":{\"s\":{\"t\":[\"1\"]},\"u\":[\"2\"]}}",
	    "{\"r\":[{\"s\":{\"t\":\"1\"}},{\"u\":\"2\"}]}", false },
	/* A value outside the array and one inside. */
	{ "{\"r\":{\"t\":[\"1\"],\"u\":[\"2\"]}}",
	    "{\"r\":{\"t\":\"1\",\"u\":[\"2\"]}}", true },
	/* "$or" branches each get their own elements. */
	{ "{\"e\":{\"$or\":[{\"a\":[\"1\"],\"b\":[\"2\"]},{\"c\":[\"3\"]}]}}",
	    "{\"e\":[{\"a\":\"1\"},{\"b\":\"2\"}]}", false },
	{ "{\"e\":{\"$or\":[{\"a\":[\"1\"],\"b\":[\"2\"]},{\"c\":[\"3\"]}]}}",
	    "{\"e\":[{\"a\":\"1\"},{\"b\":\"2\",\"c\":\"3\"}]}", true },
	/* exists: false, with the element bound by the fields before it. */
	{ "{\"e\":{\"a\":[\"1\"],\"b\":[{\"exists\":false}]}}",
	    "{\"e\":[{\"a\":\"1\"},{\"b\":\"x\"}]}", true },
	{ "{\"e\":{\"a\":[\"1\"],\"b\":[{\"exists\":false}]}}",
	    "{\"e\":[{\"a\":\"1\",\"b\":\"x\"}]}", false },
	{ "{\"e\":{\"a\":[\"1\"],\"b\":[{\"exists\":false}]}}",
	    "{\"e\":[{\"a\":\"1\",\"b\":\"x\"},{\"a\":\"1\"}]}", true },
	/*
	 * EventBridge's path order: "e.a" comes before "e.z", so exists: false
	 * on e.a is judged with nothing bound yet, and any e.a refutes it.
	 */
	{ "{\"e\":{\"a\":[{\"exists\":false}],\"z\":[\"1\"]}}",
	    "{\"e\":[{\"z\":\"1\"},{\"a\":\"x\"}]}", false },
	{ "{\"e\":{\"a\":[{\"exists\":false}],\"z\":[\"1\"]}}",
	    "{\"e\":[{\"z\":\"1\"}]}", true },
	{ "{\"e\":{\"z\":[{\"exists\":false}],\"a\":[\"1\"]}}",
	    "{\"e\":[{\"a\":\"1\"},{\"z\":\"x\"}]}", true },
	/* A value outside any array always agrees. */
	{ "{\"e\":{\"a\":[\"1\"],\"b\":[{\"exists\":false}]}}",
	    "{\"e\":[{\"a\":\"1\"}],\"e.b\":\"x\"}", false },
	/* exists: false when any step of the path is missing. */
	{ "{\"a\":{\"b\":{\"c\":[{\"exists\":false}]}}}", "{\"a\":1}", true },
	{ "{\"a\":{\"b\":{\"c\":[{\"exists\":false}]}}}", "{\"x\":1}", true },
	{ "{\"a\":{\"b\":{\"c\":[{\"exists\":false}]}}}",
	    "{\"a\":{\"b\":{}}}", true },
	{ "{\"a\":{\"b\":{\"c\":[{\"exists\":false}]}}}",
	    "{\"a\":{\"b\":{\"c\":null}}}", false },
	{ "{\"a\":{\"b\":{\"c\":[{\"exists\":false}]}}}",
	    "{\"a\":[{\"b\":{\"c\":1}}]}", false },
	/* exists works on leaves only. */
	{ "{\"dynamodb\":{\"presentKey\":[{\"exists\":true}]}}",
	    "{\"dynamodb\":{\"presentKey\":{\"S\":\"x\"}}}", false },
	{ "{\"dynamodb\":{\"presentKey\":[{\"exists\":false}]}}",
	    "{\"dynamodb\":{\"presentKey\":{\"S\":\"x\"}}}", true },
	{ "{\"detail\":{\"state\":[{\"exists\":true}]}}",
	    "{\"detail\":{\"c-count\":{\"c1\":100}}}", false },
	/* Alternatives mixing exists: false with others. */
	{ "{\"d\":{\"NewImage\":{\"homemade\":{\"S\":[{\"anything-but\":"
	    "[\"roses\"]},{\"exists\":false}]}}}}",
	    "{\"d\":{\"NewImage\":{\"homemade\":{\"S\":\"ABCD\"}}}}", true },
	{ "{\"d\":{\"NewImage\":{\"homemade\":{\"S\":[{\"anything-but\":"
	    "[\"roses\"]},{\"exists\":false}]}}}}",
	    "{\"d\":{\"NewImage\":{\"homemade\":{\"N\":\"1\"}}}}", true },
	{ "{\"d\":{\"NewImage\":{\"homemade\":{\"S\":[{\"anything-but\":"
	    "[\"roses\"]},{\"exists\":false}]}}}}",
	    "{\"d\":{\"NewImage\":{\"homemade\":{\"S\":\"roses\"}}}}", false },
	{ "{\"d\":{\"N\":[{\"numeric\":[\">\",100]},{\"anything-but\":\"101\"}]}}",
	    "{\"d\":{\"N\":\"101\"}}", false },
	{ "{\"d\":{\"N\":[{\"numeric\":[\">\",100]},{\"anything-but\":\"101\"}]}}",
	    "{\"d\":{\"N\":\"42\"}}", true },
	/* Dotted keys reach nested values and back. */
	{ "{\"detail\":{\"state.status\":[\"running\"]}}",
	    "{\"detail\":{\"state\":{\"status\":\"running\"}}}", true },
	{ "{\"detail\":{\"state\":{\"status\":[\"running\"]}}}",
	    "{\"detail\":{\"state.status\":\"running\"}}", true },
	{ "{\"detail\":{\"state.status\":{\"status\":[\"running\"]}}}",
	    "{\"detail\":{\"state\":{\"status\":\"running\"}}}", false },
	/* Empty keys: pattern paths as Ruler builds them, event paths too. */
	{ "{\"\":[\"x\"]}", "{\"\":\"x\"}", true },
	{ "{\".a\":[\"x\"]}", "{\"\":{\"a\":\"x\"}}", true },
	{ "{\"a\":[\"x\"]}", "{\"\":{\"a\":\"x\"}}", false },
	{ "{\"\":{\"a\":[\"x\"]}}", "{\"a\":\"x\"}", true },
	{ "{\"a.\":[\"x\"]}", "{\"a\":{\"\":\"x\"}}", true },
	{ "{\"\":{\"b\":{\"c\":[\"x\"]}}}", "{\"\":{\"b\":{\"c\":\"x\"}}}",
	    true },
	{ "{\"\":{\"b\":{\"c\":[\"x\"]}}}", "{\"b\":{\"c\":\"x\"}}", false },
	{ "{\"\":{\"\":{\"a\":[\"x\"]}}}", "{\"\":{\"\":{\"a\":\"x\"}}}",
	    true },
	{ "{\"x\":{\"\":{\"a\":[\"x\"]}}}", "{\"x\":{\"\":{\"a\":\"x\"}}}",
	    true },
	/* Several sub-rules, duplicate keys in events. */
	{ "{\"$or\":[{\"source\":[\"aws.ec2\"]},{\"source\":[\"aws.s3\"]}]}",
	    "{\"source\":\"my.app\"}", false },
	{ "{\"a\":[\"2\"]}", "{\"a\":\"1\",\"a\":\"2\"}", true },
	/* Reference 3.10: strings as they are. */
	{ "{\"MY_KEY\":[\"my-value\"]}", "{\"my_key\":\"my-value\"}", false },
	{ "{\"detail\":{\"my-key\":[\"my-value\"]}}",
	    "{\"detail\":\"{\\\"my-key\\\": \\\"my-value\\\"}\"}", false },
	{ "{\"string\":[\"A CamelCase string with an emoji \xf0\x9f\x9a\x80 "
	    "and trailing whitespace \"]}", "{\"string\":\"A CamelCase string "
	    "with an emoji \\ud83d\\ude80 and trailing whitespace \"}", true },
	{ "{\"detail\":{\"c-count\":[{\"numeric\":[\">\",0,\"<=\",5]}],"
	    "\"d-count\":[{\"numeric\":[\"<\",10]}],\"x-limit\":[{\"numeric\":"
	    "[\"=\",3.018e2]}]}}", "{\"detail\":{\"c-count\":3,\"d-count\":9,"
	    "\"x-limit\":301.8}}", true },
	{ "{\"detail\":{\"c-count\":[{\"numeric\":[\">\",0,\"<=\",5]}],"
	    "\"d-count\":[{\"numeric\":[\"<\",10]}],\"x-limit\":[{\"numeric\":"
	    "[\"=\",3.018e2]}]}}", "{\"detail\":{\"c-count\":42,\"d-count\":9,"
	    "\"x-limit\":301.8}}", false },
	{ "{\"detail\":{\"$or\":[{\"c-count\":[{\"numeric\":[\">\",0,\"<=\",5]}]},"
	    "{\"d-count\":[{\"numeric\":[\"<\",10]}]},{\"x-limit\":[{\"numeric\":"
	    "[\"=\",3.018e2]}]}]}}", "{\"detail\":{\"c-count\":0,\"d-count\":0,"
	    "\"x-limit\":901.8}}", true },
	{ "{\"detail\":{\"$or\":[{\"c-count\":[{\"numeric\":[\">\",0,\"<=\",5]}]},"
	    "{\"d-count\":[{\"numeric\":[\"<\",10]}]},{\"x-limit\":[{\"numeric\":"
	    "[\"=\",3.018e2]}]}]}}", "{\"detail\":{\"c-count\":0,\"d-count\":10,"
	    "\"x-limit\":901.8}}", false },
	{ "{\"detail\":{\"state\":[{\"anything-but\":\"initializing\"}]}}",
	    "{\"detail\":{\"state\":{}}}", false },
	{ "{\"detail\":{\"sourceIPAddress\":[{\"cidr\":\"10.0.0.0/24\"}]}}",
	    "{\"detail\":{\"sourceIPAddress\":\"10.0.0.255\"}}", true },
	{ "{\"detail\":{\"sourceIPAddress\":[\"2001:db8::1\"]}}",
	    "{\"detail\":{\"sourceIPAddress\":[\"x\",\"2001:0DB8:0:0:0:0:0:1\"]}}",
	    true },
};

START_TEST(test_cases)
{
	ck_assert_msg(unit_eval(cases[_i].pattern, cases[_i].event) ==
	    cases[_i].match, "eval %s vs %s", cases[_i].pattern,
	    cases[_i].event);
	ck_assert_msg(unit_match(cases[_i].pattern, cases[_i].event) ==
	    cases[_i].match, "matcher %s vs %s", cases[_i].pattern,
	    cases[_i].event);
}
END_TEST

/* One condition against one leaf, through evb_eval_leaf. */
START_TEST(test_leaf)
{
	struct evb_pattern *p = unit_pattern(&arena,
	    "{\"f\":[\"a\",{\"prefix\":\"b\"},{\"exists\":false}]}");
	struct evb_flat f = flat("{\"f\":[\"a\",\"bc\",\"c\",null]}");
	struct evb_buf fold = EVB_BUF_INIT;

	ck_assert_uint_eq(f.n, 4);
	ck_assert(evb_eval_leaf(&p->subs[0].conds[0], &f.leaves[0], &fold));
	ck_assert(evb_eval_leaf(&p->subs[0].conds[0], &f.leaves[1], &fold));
	ck_assert(!evb_eval_leaf(&p->subs[0].conds[0], &f.leaves[2], &fold));
	ck_assert(!evb_eval_leaf(&p->subs[0].conds[0], &f.leaves[3], &fold));
	ck_assert(evb_eval_subrule(&p->subs[0], &f));
	evb_buf_fini(&fold);
}
END_TEST

Suite *
eval_suite(void)
{
	Suite *s = suite_create("eval");
	TCase *tc;

	tc = tcase_create("flat");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_flat);
	tcase_add_test(tc, test_order);
	tcase_add_loop_test(tc, test_paths, 0, nitems(paths));
	tcase_add_test(tc, test_refused);
	tcase_add_test(tc, test_consistent);
	suite_add_tcase(s, tc);
	tc = tcase_create("eval");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_loop_test(tc, test_cases, 0, nitems(cases));
	tcase_add_test(tc, test_leaf);
	suite_add_tcase(s, tc);
	return s;
}
