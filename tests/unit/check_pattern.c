/*
 * pattern: compiling event patterns, EventBridge's validation messages
 * word for word, "$or" expansion, paths and limits.
 */
#include <float.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "arena.h"
#include "buf.h"
#include "pattern.h"
#include "unit.h"

Suite	*pattern_suite(void);

#define REASON	"Event pattern is not valid. Reason: "
#define COMPLEX	"Rule is too complex - try using fewer wildcard characters " \
	"or fewer repeating character sequences after a wildcard character"

static struct evb_arena arena = EVB_ARENA_INIT;

static void
teardown(void)
{
	evb_arena_fini(&arena);
}

/*
 * Every refusal, each from a minimal pattern.  The first group is the one
 * observed from AWS (reference section 3.8), the rest come from Ruler.
 */
static const struct {
	const char	*pattern;
	const char	*reason;
} refused[] = {
	{ "{\"int\": 42}", "\"int\" must be an object or an array" },
	{ "{\"a\":\"x\"}", "\"a\" must be an object or an array" },
	{ "{\"a\":{\"b\":null}}", "\"b\" must be an object or an array" },
	{ "{\"resources\": []}", "Empty arrays are not allowed" },
	{ "[1]", "Filter is not an object" },
	{ "\"x\"", "Filter is not an object" },
	{ "{\"a\":[{\"EXISTS\":true}]}", "Unrecognized match type EXISTS" },
	{ "{\"a\":[{\"NUMERIC\":[\">\",1]}]}",
	    "Unrecognized match type NUMERIC" },
	{ "{\"a\":[{\"regex\":\"x\"}]}", "Unrecognized match type regex" },
	{ "{\"a\":[{\"exactly\":\"x\"}]}", "Unrecognized match type exactly" },
	{ "{\"a\":[{\"prefix\":1}]}", "prefix match pattern must be a string" },
	{ "{\"a\":[{\"prefix\":[\"x\"]}]}",
	    "prefix match pattern must be a string" },
	{ "{\"a\":[{\"cidr\":1}]}", "prefix match pattern must be a string" },
	{ "{\"a\":[{\"suffix\":null}]}",
	    "suffix match pattern must be a string" },
	{ "{\"a\":[{\"equals-ignore-case\":[\"x\"]}]}",
	    "equals-ignore-case match pattern must be a string" },
	{ "{\"a\":[{\"equals-ignore-case\":{\"x\":1}}]}",
	    "equals-ignore-case match pattern must be a string" },
	{ "{\"a\":[{\"prefix\":{\"equals-ignore-case\":1}}]}",
	    "equals-ignore-case match pattern must be a string" },
	{ "{\"a\":[{\"wildcard\":[\"x\"]}]}",
	    "wildcard match pattern must be a string" },
	{ "{\"a\":[{\"anything-but\":{\"prefix\":1}}]}",
	    "prefix/suffix match pattern must be a string" },
	{ "{\"a\":[{\"anything-but\":{\"suffix\":[\"x\",null]}}]}",
	    "prefix/suffix match pattern must be a string" },
	{ "{\"a\":[{\"anything-but\":{\"prefix\":\"\"}}]}",
	    "Null prefix/suffix not allowed" },
	{ "{\"a\":[{\"anything-but\":{\"suffix\":[\"x\",\"\"]}}]}",
	    "Null prefix/suffix not allowed" },
	{ "{\"a\":[{\"anything-but\":null}]}", "Value of anything-but must be "
	    "an array or single string/number value." },
	{ "{\"a\":[{\"anything-but\":true}]}", "Value of anything-but must be "
	    "an array or single string/number value." },
	{ "{\"a\":[{\"anything-but\":{\"prefix\":{\"equals-ignore-case\":"
	    "\"x\"}}}]}", "Value of anything-but must be an array or single "
	    "string/number value." },
	{ "{\"a\":[{\"anything-but\":[\"stopped\",null]}]}",
	    "Inside anything but list, start|null|boolean is not supported." },
	{ "{\"a\":[{\"anything-but\":[true]}]}",
	    "Inside anything but list, start|null|boolean is not supported." },
	{ "{\"a\":[{\"anything-but\":[[\"x\"]]}]}",
	    "Inside anything but list, start|null|boolean is not supported." },
	{ "{\"a\":[{\"anything-but\":{\"equals-ignore-case\":[1]}}]}",
	    "Inside anything-but/equals-ignore-case list, "
	    "number|start|null|boolean is not supported." },
	{ "{\"a\":[{\"anything-but\":{\"equals-ignore-case\":5}}]}",
	    "Inside anything-but/equals-ignore-case list, "
	    "number|start|null|boolean is not supported." },
	{ "{\"a\":[{\"numeric\":10}]}", "Value of numeric must be an array." },
	{ "{\"a\":[{\"numeric\":[\"<\",\"x\"]}]}", "Value of < must be numeric" },
	{ "{\"a\":[{\"numeric\":[\"<=\",null]}]}",
	    "Value of <= must be numeric" },
	{ "{\"a\":[{\"numeric\":[\">\",\"1\"]}]}", "Value of > must be numeric" },
	{ "{\"a\":[{\"numeric\":[\">=\"]}]}", "Value of >= must be numeric" },
	{ "{\"a\":[{\"numeric\":[\"=\",true]}]}",
	    "Value of equals must be numeric" },
	{ "{\"a\":[{\"numeric\":[\">\",0,\"<\",\"5\"]}]}",
	    "Value of < must be numeric" },
	{ "{\"a\":[{\"numeric\":[\">\",0,\">\",0]}]}",
	    "Bad numeric range operator: >" },
	{ "{\"a\":[{\"numeric\":[\">=\",0,\"=\",5]}]}",
	    "Bad numeric range operator: =" },
	{ "{\"a\":[{\"wildcard\":\"arn:aws:events:us-east-1:**:event-bus/*\"}]}",
	    "Consecutive wildcard characters at pos 26" },
	{ "{\"a\":[{\"anything-but\":{\"wildcard\":[\"x\",\"a**\"]}}]}",
	    "Consecutive wildcard characters at pos 2" },
	{ "{\"a\":[{\"wildcard\":\"*:*:*:*:*:event-bus/*\"}]}", COMPLEX },
	{ "{\"a\":[{\"cidr\":\"10.0.0.0\"}]}", "Malformed CIDR, one '/' required" },
	{ "{\"a\":[{\"cidr\":\"10.0.0.0/x\"}]}",
	    "Malformed CIDR, mask bits must be an integer" },
	{ "{\"a\":[{\"cidr\":\"xx.11.xx/8\"}]}",
	    "Nonstandard IP address: xx.11.xx" },
	{ "{\"a\":[{\"cidr\":\"xxxx:db8:1234:1a00::/64\"}]}",
	    "Nonstandard IP address: xxxx:db8:1234:1a00::" },
	/* Ruler's compiler. */
	{ "{\"a\":[{\"prefix\":\"a\",\"suffix\":\"b\"}]}",
	    "Only one key allowed in match expression" },
	{ "{\"a\":[{\"exists\":true,\"prefix\":\"x\"}]}",
	    "Only one key allowed in match expression" },
	{ "{\"a\":[{\"prefix\":{\"equals-ignore-case\":\"x\",\"y\":1}}]}",
	    "Only one key allowed in match expression" },
	{ "{\"a\":[[1]]}",
	    "Match value must be String, number, true, false, or null" },
	{ "{\"a\":[{}]}", "Match expression name not found" },
	{ "{\"a\":[{\"exists\":\"true\"}]}",
	    "exists match pattern must be either true or false." },
	{ "{\"a\":[{\"exists\":null}]}",
	    "exists match pattern must be either true or false." },
	{ "{\"a\":[{\"numeric\":[1]}]}", "Invalid member in numeric match: 1" },
	{ "{\"a\":[{\"numeric\":[]}]}", "Invalid member in numeric match: ]" },
	{ "{\"a\":[{\"numeric\":[null]}]}",
	    "Invalid member in numeric match: null" },
	{ "{\"a\":[{\"numeric\":[\"!\",1]}]}",
	    "Unrecognized numeric range operator: !" },
	{ "{\"a\":[{\"numeric\":[\">\",0,5]}]}", "Bad value in numeric range: 5" },
	{ "{\"a\":[{\"numeric\":[\">\",0,[]]}]}",
	    "Bad value in numeric range: [" },
	{ "{\"a\":[{\"numeric\":[\"<\",1,2]}]}",
	    "Too many elements in numeric expression" },
	{ "{\"a\":[{\"numeric\":[\">\",1],\"x\":1}]}",
	    "Too many elements in numeric expression" },
	{ "{\"a\":[{\"anything-but\":\"x\",\"y\":1}]}",
	    "Too many elements in numeric expression" },
	{ "{\"a\":[{\"numeric\":[\">\",0,\"<\",5,6]}]}",
	    "Too many terms in numeric range expression" },
	{ "{\"a\":[{\"numeric\":[\">\",5,\"<\",5]}]}",
	    "Bottom must be less than top" },
	{ "{\"a\":[{\"numeric\":[\">=\",6,\"<=\",5]}]}",
	    "Bottom must be less than top" },
	{ "{\"a\":[{\"numeric\":[\"=\",1e309]}]}",
	    "Cannot compare number : 1e309" },
	{ "{\"a\":[{\"numeric\":[\">\",9007199254740993]}]}",
	    "Cannot compare number : 9007199254740993" },
	{ "{\"a\":[{\"numeric\":[\">\",0,\"<\",0.30000000000000001]}]}",
	    "Cannot compare number : 0.30000000000000001" },
	{ "{\"a\":[{\"anything-but\":[1,1e400]}]}",
	    "Cannot compare number : 1e400" },
	{ "{\"a\":[{\"anything-but\":{\"foo\":\"x\"}}]}",
	    "Unsupported anything-but pattern: foo" },
	{ "{\"a\":[{\"anything-but\":[\"a\",1]}]}", "Inside anything but list, "
	    "either all values are number or string, mixed type is not "
	    "supported" },
	{ "{\"a\":[{\"anything-but\":[]}]}", "Inside anything but list, either "
	    "all values are number or string, mixed type is not supported" },
	{ "{\"a\":[{\"cidr\":\"10.0.0.0/-1\"}]}",
	    "Malformed CIDR, mask bits must not be negative" },
	{ "{\"a\":[{\"cidr\":\"10.0.0.0/32\"}]}", "IPv4 mask bits must be < 32" },
	{ "{\"a\":[{\"cidr\":\"::/128\"}]}", "IPv6 mask bits must be < 128" },
	{ "{\"a\":[{\"wildcard\":\"a\\\\b\"}]}",
	    "Invalid escape character at pos 2" },
	{ "{}", "Empty objects are not allowed" },
	{ "{\"a\":{}}", "Empty objects are not allowed" },
	{ "{\"a\":[{\"prefix\":{\"foo\":\"x\"}}]}",
	    "Unsupported prefix pattern: foo" },
	{ "{\"a\":[{\"suffix\":{\"prefix\":\"x\"}}]}",
	    "Unsupported suffix pattern: prefix" },
	{ "{\"a\":[{\"prefix\":{}}]}", "Prefix expression name not found" },
	{ "{\"a\":[{\"suffix\":{}}]}", "Suffix expression name not found" },
	{ "{\"a\":[{\"anything-but\":{}}]}",
	    "Anything-But expression name not found" },
	/* "$or" */
	{ "{\"$or\":{\"a\":[\"b\"]}}", "It must be an Array followed with $or." },
	{ "{\"$or\":[1,2]}",
	    "Only JSON object is allowed in array of $or relationship." },
	{ "{\"$or\":[{\"a\":[\"b\"]},[]]}",
	    "Only JSON object is allowed in array of $or relationship." },
	{ "{\"$or\":[{\"a\":[\"b\"]}]}",
	    "There must have at least 2 Objects in $or relationship." },
	{ "{\"$or\":[]}",
	    "There must have at least 2 Objects in $or relationship." },
	{ "{\"$or\":[{\"prefix\":[\"a\"]},{\"b\":[\"c\"]}]}",
	    "prefix is Ruler reserved fieldName which cannot be used inside $or." },
	{ "{\"$or\":[{\"a\":[\"b\"]},{\"x\":{\"numeric\":[\"c\"]}}]}",
	    "numeric is Ruler reserved fieldName which cannot be used inside "
	    "$or." },
	{ "{\"x\":{\"$or\":[{\"a\":[\"b\"]},{\"=\":[\"c\"]}]}}",
	    "= is Ruler reserved fieldName which cannot be used inside $or." },
	{ "{\"$or\":[{\"anything-but\":[\"a\"]},{\"b\":[\"c\"]}]}",
	    "anything-but is Ruler reserved fieldName which cannot be used "
	    "inside $or." },
	{ "{\"$or\":[{\"a\":[\"b\"]},{\"c\":{}}]}",
	    "Empty objects are not allowed" },
	{ "{\"$or\":[{\"a\":[\"b\"]},{\"c\":[]}]}",
	    "Empty arrays are not allowed" },
};

START_TEST(test_refused)
{
	const char *msg = unit_pattern_error(refused[_i].pattern, NULL);
	char want[600];

	ck_assert_msg(msg != NULL, "%s is refused", refused[_i].pattern);
	snprintf(want, sizeof(want), REASON "%s", refused[_i].reason);
	ck_assert_str_eq(msg, want);
}
END_TEST

/* Invalid JSON: the parser's words after AWS's prefix. */
static const char *const malformed[] = {
	"",
	"{",
	"{\"a\":[\"b\"]",
	"{\"a\":[\"b\"]}}",
	"{'a':[\"b\"]}",
	"this",
	"{\"a\":[\"b\",]}",
	"{\"a\":[\"\\x\"]}",
};

START_TEST(test_malformed)
{
	const char *msg = unit_pattern_error(malformed[_i], NULL);

	ck_assert_msg(msg != NULL, "%s is refused", malformed[_i]);
	ck_assert_msg(strncmp(msg, REASON, strlen(REASON)) == 0 &&
	    strlen(msg) > strlen(REASON), "%s", msg);
}
END_TEST

/* The column of the offending value, 1-based. */
START_TEST(test_column)
{
	struct evb_pattern p;
	struct evb_err err;
	const char *t = "{\"int\": 42}";

	ck_assert_int_eq(evb_pattern_compile(&arena, t, strlen(t), NULL, &p,
	    &err), -1);
	ck_assert_uint_eq(err.col, 9);
	t = "{\"a\":[\"x\", {\"prefix\": 5}]}";
	ck_assert_int_eq(evb_pattern_compile(&arena, t, strlen(t), NULL, &p,
	    &err), -1);
	ck_assert_uint_eq(err.col, 23);
}
END_TEST

/* The first problem in the text is the one reported. */
START_TEST(test_first_problem)
{
	const char *msg = unit_pattern_error("{\"a\":[{\"prefix\":1}],"
	    "\"b\":[{\"suffix\":1}]}", NULL);

	ck_assert_str_eq(msg, REASON "prefix match pattern must be a string");
	msg = unit_pattern_error("{\"b\":[{\"suffix\":1}],"
	    "\"a\":[{\"prefix\":1}]}", NULL);
	ck_assert_str_eq(msg, REASON "suffix match pattern must be a string");
}
END_TEST

/* Reserved words are ordinary field names outside "$or". */
START_TEST(test_reserved_outside_or)
{
	struct evb_pattern *p = unit_pattern(&arena,
	    "{\"prefix\":[\"a\"],\"numeric\":{\"=\":[1]}}");

	ck_assert_uint_eq(p->nsubs, 1);
	ck_assert_uint_eq(p->subs[0].nconds, 2);
	ck_assert_bytes(p->subs[0].conds[0].path, p->subs[0].conds[0].plen,
	    "numeric.=");
	ck_assert_bytes(p->subs[0].conds[1].path, p->subs[0].conds[1].plen,
	    "prefix");
}
END_TEST

/* The paths of each sub-rule, joined with ' ', sub-rules with " | ". */
static void
shape(const struct evb_pattern *p, struct evb_buf *b)
{
	evb_buf_reset(b);
	for (size_t i = 0; i < p->nsubs; i++) {
		if (i > 0)
			evb_buf_adds(b, " | ");
		for (size_t k = 0; k < p->subs[i].nconds; k++) {
			if (k > 0)
				evb_buf_addc(b, ' ');
			evb_buf_add(b, p->subs[i].conds[k].path,
			    p->subs[i].conds[k].plen);
		}
	}
	evb_buf_cstr(b);
}

static const struct {
	const char	*pattern;
	size_t		 nsubs;
	const char	*shape;
} shapes[] = {
	{ "{\"source\":[\"aws.cloudwatch\"],\"$or\":[{\"metricName\":"
	    "[\"CPUUtilization\"]},{\"namespace\":[\"AWS/EC2\"]}]}", 2,
	    "metricName source | namespace source" },
	/* Two "$or"s of 3 and 2: 6 combinations. */
	{ "{\"$or\":[{\"a\":[1]},{\"b\":[1]},{\"c\":[1]}],"
	    "\"x\":{\"$or\":[{\"d\":[1]},{\"e\":[1]}]}}", 6,
	    "a x.d | b x.d | c x.d | a x.e | b x.e | c x.e" },
	/* Nested "$or". */
	{ "{\"$or\":[{\"a\":[1]},{\"$or\":[{\"b\":[1]},{\"c\":[1]}]}]}", 3,
	    "a | b | c" },
	/* At a nested level, with siblings before and after. */
	{ "{\"detail\":{\"s\":[1],\"$or\":[{\"x\":[1]},{\"y\":{\"z\":[1]}}],"
	    "\"t\":[1]}}", 2, "detail.s detail.t detail.x | "
	    "detail.s detail.t detail.y.z" },
	/* Branches with several fields. */
	{ "{\"$or\":[{\"a\":[1],\"b\":[1]},{\"c\":[1]}]}", 2, "a b | c" },
	/* Duplicate "$or" keys multiply. */
	{ "{\"$or\":[{\"a\":[1]},{\"b\":[1]}],\"$or\":[{\"c\":[1]},"
	    "{\"d\":[1]}]}", 4, "a c | b c | a d | b d" },
	/* Dotted keys and nesting give the same path. */
	{ "{\"detail\":{\"state.status\":[\"running\"]}}", 1,
	    "detail.state.status" },
	{ "{\"detail\":{\"state\":{\"status\":[\"running\"]}}}", 1,
	    "detail.state.status" },
	{ "{\"detail.state.status\":[\"running\"]}", 1,
	    "detail.state.status" },
	/* Sorted by path, bytewise. */
	{ "{\"z\":[1],\"a\":[1],\"m\":{\"b\":[1]},\"m.a\":[1],\"B\":[1],"
	    "\"m-\":[1]}", 1, "B a m- m.a m.b z" },
	/* Empty keys, as Ruler joins them. */
	{ "{\"\":{\"a\":[1]}}", 1, "a" },
	{ "{\"\":{\"b\":{\"c\":[1]}}}", 1, ".b.c" },
	{ "{\"\":{\"\":{\"a\":[1]}}}", 1, "..a" },
	{ "{\"x\":{\"\":{\"a\":[1]}}}", 1, "x..a" },
	{ "{\"x\":{\"\":[1]}}", 1, "x." },
	{ "{\"$or\":[{\"\":{\"a\":[1]}},{\"b\":{\"\":{\"c\":[1]}}}]}", 2,
	    "a | b..c" },
	/* Duplicate keys: one condition. */
	{ "{\"a\":[\"1\"],\"a\":[\"2\"]}", 1, "a" },
	{ "{\"a.b\":[\"1\"],\"a\":{\"b\":[\"2\"]}}", 1, "a.b" },
};

START_TEST(test_shapes)
{
	struct evb_pattern *p = unit_pattern(&arena, shapes[_i].pattern);
	struct evb_buf b = EVB_BUF_INIT;

	ck_assert_uint_eq(p->nsubs, shapes[_i].nsubs);
	shape(p, &b);
	ck_assert_str_eq(b.p, shapes[_i].shape);
	evb_buf_fini(&b);
}
END_TEST

/* Duplicate keys: the last one wins, silently. */
START_TEST(test_duplicates)
{
	struct evb_pattern *p = unit_pattern(&arena,
	    "{\"a\":[\"1\"],\"b\":[\"x\"],\"a\":[\"2\",\"3\"]}");
	const struct evb_cond *c = &p->subs[0].conds[0];

	ck_assert_uint_eq(p->subs[0].nconds, 2);
	ck_assert_uint_eq(c->nalts, 2);
	ck_assert_bytes(c->alts[0].s, c->alts[0].n, "2");
	ck_assert_bytes(c->alts[1].s, c->alts[1].n, "3");
	ck_assert(!unit_eval("{\"a\":[\"1\"],\"a\":[\"2\"]}", "{\"a\":\"1\"}"));
	ck_assert(unit_eval("{\"a\":[\"1\"],\"a\":[\"2\"]}", "{\"a\":\"2\"}"));
	ck_assert(unit_eval("{\"a.b\":[\"1\"],\"a\":{\"b\":[\"2\"]}}",
	    "{\"a\":{\"b\":\"2\"}}"));
	ck_assert(!unit_eval("{\"a.b\":[\"1\"],\"a\":{\"b\":[\"2\"]}}",
	    "{\"a\":{\"b\":\"1\"}}"));
}
END_TEST

/* What the operators compile to. */
START_TEST(test_operands)
{
	struct evb_pattern *p = unit_pattern(&arena, "{\"a\":["
	    "\"abc\", \"10.0.0.1\", 300, 12345678901234567890, true, false, null,"
	    "{\"numeric\":[\">\",0,\"<=\",5]}, {\"numeric\":[\"=\",3.018e2]},"
	    "{\"numeric\":[\"<\",5]}, {\"prefix\":{\"equals-ignore-case\":"
	    "\"EventB\"}}, {\"anything-but\":[1,2]},"
	    "{\"anything-but\":{\"prefix\":[\"a\",\"b\"]}},"
	    "{\"exists\":false}, {\"cidr\":\"10.0.0.5/24\"}]}");
	const struct evb_alt *a = p->subs[0].conds[0].alts;

	ck_assert_uint_eq(p->subs[0].conds[0].nalts, 15);
	ck_assert_int_eq(a[0].op, EVB_OP_STRING);
	ck_assert_int_eq(a[1].op, EVB_OP_IP);
	ck_assert_int_eq(a[2].op, EVB_OP_NUMBER);
	ck_assert(a[2].comparable && a[2].num == 300);
	ck_assert_int_eq(a[3].op, EVB_OP_NUMBER);
	ck_assert(!a[3].comparable);
	ck_assert_bytes(a[3].s, a[3].n, "12345678901234567890");
	ck_assert_int_eq(a[4].op, EVB_OP_TRUE);
	ck_assert_int_eq(a[5].op, EVB_OP_FALSE);
	ck_assert_int_eq(a[6].op, EVB_OP_NULL);
	ck_assert_int_eq(a[7].op, EVB_OP_NUMERIC);
	ck_assert(a[7].lo == 0 && a[7].lo_open && a[7].hi == 5 &&
	    !a[7].hi_open);
	ck_assert(a[8].lo == 301.8 && a[8].hi == 301.8 && !a[8].lo_open &&
	    !a[8].hi_open);
	ck_assert(a[9].lo == -DBL_MAX && !a[9].lo_open && a[9].hi == 5 &&
	    a[9].hi_open);
	ck_assert_int_eq(a[10].op, EVB_OP_PREFIX_EIC);
	ck_assert_bytes(a[10].s, a[10].n, "eventb");
	ck_assert_int_eq(a[11].op, EVB_OP_AB_NUMBERS);
	ck_assert_uint_eq(a[11].nitems, 2);
	ck_assert_int_eq(a[12].op, EVB_OP_AB_PREFIX);
	ck_assert_uint_eq(a[12].nitems, 2);
	ck_assert_int_eq(a[13].op, EVB_OP_ABSENT);
	ck_assert_int_eq(a[14].op, EVB_OP_CIDR);
	/* Each keeps its text, for people. */
	ck_assert_bytes(a[14].src, a[14].srclen, "{\"cidr\":\"10.0.0.5/24\"}");
	ck_assert_bytes(a[0].src, a[0].srclen, "\"abc\"");
	ck_assert_str_eq(evb_op_name(EVB_OP_AB_WILDCARD),
	    "anything-but wildcard");
	ck_assert_str_eq(evb_op_name(EVB_OP_ABSENT), "exists false");
	ck_assert_str_eq(evb_op_name((enum evb_op)99), "?");
}
END_TEST

/* A pattern of exactly n characters: {"a":["xxx..."]} */
static char *
sized(size_t n, const char *fill)
{
	struct evb_buf b = EVB_BUF_INIT;
	size_t chars = 10;	/* {"a":[""]} */

	evb_buf_adds(&b, "{\"a\":[\"");
	for (; chars < n; chars++)
		evb_buf_adds(&b, fill);
	evb_buf_adds(&b, "\"]}");
	return evb_buf_cstr(&b);
}

START_TEST(test_length)
{
	struct evb_pattern_limits none = { 0, EVB_WILDCARD_MAX_COMPLEXITY };
	char *ok = sized(4096, "x"), *over = sized(4097, "x");
	char *wide = sized(4096, "\xc3\xa9"), *wider = sized(4097, "\xc3\xa9");

	ck_assert_ptr_null(unit_pattern_error(ok, NULL));
	ck_assert_str_eq(unit_pattern_error(over, NULL), REASON
	    "The event pattern is longer than 4096 characters");
	/* Characters, not bytes. */
	ck_assert_ptr_null(unit_pattern_error(wide, NULL));
	ck_assert_ptr_nonnull(unit_pattern_error(wider, NULL));
	/* max_chars 0: no limit. */
	ck_assert_ptr_null(unit_pattern_error(over, &none));
	free(ok);
	free(over);
	free(wide);
	free(wider);
}
END_TEST

/* "$or" combinations: at most 1000. */
static char *
ors(const int *sizes, size_t n)
{
	struct evb_buf b = EVB_BUF_INIT;

	evb_buf_addc(&b, '{');
	for (size_t i = 0; i < n; i++) {
		evb_buf_printf(&b, "%s\"f%zu\":{\"$or\":[", i ? "," : "", i);
		for (int k = 0; k < sizes[i]; k++)
			evb_buf_printf(&b, "%s{\"k%d\":[1]}", k ? "," : "", k);
		evb_buf_adds(&b, "]}");
	}
	evb_buf_addc(&b, '}');
	return evb_buf_cstr(&b);
}

START_TEST(test_or_limit)
{
	static const int thousand[] = { 10, 10, 10 }, more[] = { 7, 11, 13 };
	struct evb_pattern_limits none = { 0, 0 };
	char *ok = ors(thousand, 3), *over = ors(more, 3);
	struct evb_pattern *p = unit_pattern(&arena, ok);

	ck_assert_uint_eq(p->nsubs, 1000);
	ck_assert_str_eq(unit_pattern_error(over, &none), REASON
	    "The event pattern has more than 1000 combinations of $or");
	free(ok);
	free(over);
}
END_TEST

START_TEST(test_field_limit)
{
	struct evb_buf b = EVB_BUF_INIT;

	evb_buf_addc(&b, '{');
	for (int i = 0; i < 257; i++)
		evb_buf_printf(&b, "%s\"f%d\":[1]", i ? "," : "", i);
	evb_buf_addc(&b, '}');
	ck_assert_str_eq(unit_pattern_error(evb_buf_cstr(&b), NULL), REASON
	    "The event pattern names more than 256 fields");
	evb_buf_fini(&b);
}
END_TEST

/* Complexity, through the limits: a score of c passes at c, not at c-1. */
static const struct {
	const char	*pattern;
	int		 score;
} scores[] = {
	{ "{\"a\":[{\"wildcard\":\"*:*:*:*:*:event-bus/*\"}]}", 11 },
	{ "{\"a\":[{\"wildcard\":\"arn:aws:events:*:*:event-bus/*\"}]}", 5 },
	{ "{\"a\":[{\"wildcard\":\"*z\"}]}", 2 },
	/* The same pattern twice counts once. */
	{ "{\"a\":[{\"wildcard\":\"*z\"},{\"wildcard\":\"*z\"}]}", 2 },
	{ "{\"a\":[{\"wildcard\":\"*:stack/A/*\"},{\"wildcard\":"
	    "\"*:stack/B/*\"},{\"wildcard\":\"*:stack/C/*\"}]}", 9 },
	/* Across "$or" branches, on one path. */
	{ "{\"$or\":[{\"a\":[{\"wildcard\":\"*:stack/A/*\"}]},{\"a\":"
	    "[{\"wildcard\":\"*:stack/B/*\"}]},{\"a\":[{\"wildcard\":"
	    "\"*:stack/C/*\"}]},{\"a\":[{\"wildcard\":\"*:stack/D/*\"}]}]}", 12 },
	/* Paths are scored apart. */
	{ "{\"a\":[{\"wildcard\":\"*:stack/A/*\"}],\"b\":[{\"wildcard\":"
	    "\"*:stack/B/*\"}]}", 3 },
};

START_TEST(test_complexity)
{
	struct evb_pattern_limits lim = { 0, scores[_i].score };

	ck_assert_ptr_null(unit_pattern_error(scores[_i].pattern, &lim));
	lim.max_complexity--;
	if (lim.max_complexity > 0)
		ck_assert_str_eq(unit_pattern_error(scores[_i].pattern, &lim),
		    REASON COMPLEX);
	/* 0 disables the check. */
	lim.max_complexity = 0;
	ck_assert_ptr_null(unit_pattern_error(scores[_i].pattern, &lim));
	/* EventBridge's limit is 10. */
	if (scores[_i].score > 10)
		ck_assert_ptr_nonnull(unit_pattern_error(scores[_i].pattern,
		    NULL));
	else
		ck_assert_ptr_null(unit_pattern_error(scores[_i].pattern, NULL));
}
END_TEST

/* From a parsed tree: spans point into the document given. */
START_TEST(test_compile_jv)
{
	const char *doc = "{\"rule\": {\"a\": [\"x\", {\"prefix\": \"y\"}]}}";
	struct evb_jv *root = evb_json_parse(&arena, doc, strlen(doc), 0, NULL);
	struct evb_pattern p;
	struct evb_err err;

	ck_assert_ptr_nonnull(root);
	ck_assert_int_eq(evb_pattern_compile_jv(&arena, evb_json_get(root,
	    "rule"), doc, NULL, &p, &err), 0);
	ck_assert_bytes(p.text, p.textlen, "{\"a\": [\"x\", {\"prefix\": \"y\"}]}");
	ck_assert_bytes(p.subs[0].conds[0].alts[1].src,
	    p.subs[0].conds[0].alts[1].srclen, "{\"prefix\": \"y\"}");
	ck_assert_int_eq(evb_pattern_compile_jv(&arena, evb_json_get(root,
	    "rule")->u.members[0].val, doc, NULL, &p, &err), -1);
	ck_assert_str_eq(err.msg, REASON "Filter is not an object");
	ck_assert_uint_eq(err.col, 16);
}
END_TEST

Suite *
pattern_suite(void)
{
	Suite *s = suite_create("pattern");
	TCase *tc;

	tc = tcase_create("refused");
	tcase_add_loop_test(tc, test_refused, 0, nitems(refused));
	tcase_add_loop_test(tc, test_malformed, 0, nitems(malformed));
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_column);
	tcase_add_test(tc, test_first_problem);
	suite_add_tcase(s, tc);
	tc = tcase_create("compiled");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_reserved_outside_or);
	tcase_add_loop_test(tc, test_shapes, 0, nitems(shapes));
	tcase_add_test(tc, test_duplicates);
	tcase_add_test(tc, test_operands);
	tcase_add_test(tc, test_compile_jv);
	suite_add_tcase(s, tc);
	tc = tcase_create("limits");
	tcase_add_checked_fixture(tc, NULL, teardown);
	tcase_add_test(tc, test_length);
	tcase_add_test(tc, test_or_limit);
	tcase_add_test(tc, test_field_limit);
	tcase_add_loop_test(tc, test_complexity, 0, nitems(scores));
	suite_add_tcase(s, tc);
	return s;
}
