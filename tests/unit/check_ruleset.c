/*
 * ruleset: loading named rules from every file shape people keep them in,
 * with the errors and NDJSON line numbers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "eval.h"
#include "flat.h"
#include "ruleset.h"
#include "unit.h"

Suite	*ruleset_suite(void);

static char *dir;

static void
setup(void)
{
	dir = unit_tmpdir();
}

static void
teardown(void)
{
	unit_rmtree(dir);
	dir = NULL;
}

/* Load text as a rules file into rs; returns what evb_ruleset_load does. */
static int
load(struct evb_ruleset *rs, const char *text, struct evb_err *err)
{
	char *path = unit_file(dir, "rules.json", text, strlen(text));
	int rc;

	evb_ruleset_init(rs);
	rc = evb_ruleset_load(rs, path, err);
	free(path);
	return rc;
}

/* Whether the named rule matches the event. */
static bool
matches(const struct evb_ruleset *rs, const char *name, const char *event)
{
	const struct evb_rule *r = evb_ruleset_find(rs, name);
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_flat f;
	struct evb_err err;
	bool m;

	ck_assert_msg(r != NULL, "no rule %s", name);
	ck_assert_int_eq(evb_flat_parse(&a, event, strlen(event), 0, &f, &err),
	    0);
	m = evb_eval(&r->pattern, &f);
	evb_arena_fini(&a);
	return m;
}

/*
 * Every shape holds rules "r1" (source "a") and "r2" (source "b"), in that
 * order; disabled says whether r2 is.
 */
static const struct {
	const char	*what;
	const char	*text;
	bool		 disabled;
	unsigned	 line1, line2;	/* NDJSON lines */
} shapes[] = {
	{ "object map", "{\"r1\":{\"source\":[\"a\"]},\"r2\":{\"source\":[\"b\"]}}",
	    false, 0, 0 },
	{ "object map, pretty, a pattern as a string",
	    "{\n  \"r1\": {\"source\": [\"a\"]},\n"
	    "  \"r2\": \"{\\\"source\\\": [\\\"b\\\"]}\"\n}\n", false, 0, 0 },
	{ "NDJSON", "{\"name\":\"r1\",\"pattern\":{\"source\":[\"a\"]}}\n"
	    "{\"name\":\"r2\",\"pattern\":{\"source\":[\"b\"]}}\n", false, 1, 2 },
	{ "NDJSON, blank lines, CRLF, no final newline, AWS names",
	    "\n  \n{\"Name\":\"r1\",\"EventPattern\":\"{\\\"source\\\":[\\\"a\\\"]}\"}"
	    "\r\n\r\n{\"Name\":\"r2\",\"EventPattern\":{\"source\":[\"b\"]},"
	    "\"State\":\"DISABLED\"}", true, 3, 5 },
	{ "array", "[{\"name\":\"r1\",\"pattern\":{\"source\":[\"a\"]}},\n"
	    "{\"Name\":\"r2\",\"EventPattern\":\"{\\\"source\\\":[\\\"b\\\"]}\","
	    "\"State\":\"DISABLED\"}]", true, 0, 0 },
	{ "list-rules output", "{\"Rules\": [\n"
	    "  {\"Name\": \"r1\", \"Arn\": \"arn:aws:events:us-east-1:1:rule/r1\","
	    " \"EventPattern\": \"{\\\"source\\\":[\\\"a\\\"]}\","
	    " \"State\": \"ENABLED\", \"EventBusName\": \"default\"},\n"
	    "  {\"Name\": \"r2\", \"EventPattern\": \"{\\\"source\\\":[\\\"b\\\"]}\","
	    " \"State\": \"DISABLED\"}\n]}\n", true, 0, 0 },
};

START_TEST(test_shapes)
{
	struct evb_ruleset rs;
	struct evb_err err;
	const struct evb_rule *r1, *r2;

	ck_assert_msg(load(&rs, shapes[_i].text, &err) == 0, "%s: %s",
	    shapes[_i].what, err.msg);
	ck_assert_uint_eq(rs.n, 2);
	ck_assert_str_eq(rs.rules[0].name, "r1");
	ck_assert_str_eq(rs.rules[1].name, "r2");
	r1 = evb_ruleset_find(&rs, "r1");
	r2 = evb_ruleset_find(&rs, "r2");
	ck_assert_ptr_eq(r1, &rs.rules[0]);
	ck_assert_ptr_eq(r2, &rs.rules[1]);
	ck_assert_ptr_null(evb_ruleset_find(&rs, "r3"));
	ck_assert(!r1->disabled);
	ck_assert(r2->disabled == shapes[_i].disabled);
	ck_assert_uint_eq(r1->line, shapes[_i].line1);
	ck_assert_uint_eq(r2->line, shapes[_i].line2);
	ck_assert(matches(&rs, "r1", "{\"source\":\"a\"}"));
	ck_assert(!matches(&rs, "r1", "{\"source\":\"b\"}"));
	ck_assert(matches(&rs, "r2", "{\"source\":\"b\"}"));
	evb_ruleset_fini(&rs);
}
END_TEST

/* One rule alone, in its own file. */
static const char *const singles[] = {
	"{\"Name\":\"r1\",\"EventPattern\":\"{\\\"source\\\":[\\\"a\\\"]}\"}",
	"{\"Name\":\"r1\",\"EventPattern\":\"{\\\"source\\\":[\\\"a\\\"]}\"}\n\n",
	"{\"name\":\"r1\",\"pattern\":{\"source\":[\"a\"]}}\n",
	"{\n\"Name\": \"r1\",\n\"EventPattern\": {\"source\": [\"a\"]}\n}\n",
	"{\"r1\":{\"source\":[\"a\"]}}\n",
	"[{\"name\":\"r1\",\"pattern\":\"{\\\"source\\\":[\\\"a\\\"]}\"}]",
	/* A rule named "name", in a map. */
	"{\"r1\":{\"source\":[\"a\"]},\"name\":{\"source\":[\"z\"]}}",
};

START_TEST(test_single)
{
	struct evb_ruleset rs;
	struct evb_err err;

	ck_assert_msg(load(&rs, singles[_i], &err) == 0, "%s: %s", singles[_i],
	    err.msg);
	ck_assert_uint_ge(rs.n, 1);
	ck_assert_str_eq(rs.rules[0].name, "r1");
	ck_assert(matches(&rs, "r1", "{\"source\":\"a\"}"));
	evb_ruleset_fini(&rs);
}
END_TEST

/* Refused files: the message, and for NDJSON the line. */
static const struct {
	const char	*text;
	const char	*msg;		/* a prefix of the message */
	unsigned	 line;
} refused[] = {
	{ "{\"bad name\":{\"a\":[\"b\"]}}", "rule name \"bad name\": must be 1 "
	    "to 64 characters of A-Z a-z 0-9 . - _", 0 },
	{ "{\"\":{\"a\":[\"b\"]}}", "rule name \"\": must be 1 to 64", 0 },
	{ "{\"r\\u00e9\":{\"a\":[\"b\"]}}", "rule name \"r\xc3\xa9\": must be", 0 },
	{ "{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\":"
	    "{\"a\":[\"b\"]}}", "rule name \"aaaaaaaaaa", 0 },
	{ "[{\"Name\":\"a/b\",\"EventPattern\":{\"a\":[\"b\"]}}]",
	    "rule name \"a/b\": must be", 0 },
	{ "{\"r\":{\"a\":[\"b\"]},\"r\":{\"a\":[\"c\"]}}", "rule r: defined twice",
	    0 },
	{ "{\"r\":{\"a\":[\"b\"]},\"s\":{\"a\":\"c\"}}", "rule s: Event pattern is "
	    "not valid. Reason: \"a\" must be an object or an array", 0 },
	{ "{\"r\":\"{\\\"a\\\":[]}\"}", "rule r: Event pattern is not valid. "
	    "Reason: Empty arrays are not allowed", 0 },
	{ "{\"r\":\"not json\"}", "rule r: Event pattern is not valid. Reason: ",
	    0 },
	{ "{\"r\":[1]}", "rule r: Event pattern is not valid. Reason: Filter is "
	    "not an object", 0 },
	{ "[{\"Name\":\"r\"}]", "rule r: no event pattern (an object, or a "
	    "string holding one)", 0 },
	{ "[{\"Name\":\"r\",\"EventPattern\":5}]", "rule r: no event pattern", 0 },
	{ "[1]", "a rule needs a \"Name\" and an \"EventPattern\" (or \"name\" "
	    "and \"pattern\")", 0 },
	{ "[{\"Name\":5,\"EventPattern\":{\"a\":[\"b\"]}}]", "a rule needs a", 0 },
	{ "42", "not a rules file: a JSON number", 0 },
	{ "\"x\"", "not a rules file: a JSON string", 0 },
	{ "{\"r\":{\"a\":[\"b\"]}", "", 0 },		/* invalid JSON */
	/* NDJSON: the line of the bad rule. */
	{ "{\"name\":\"r1\",\"pattern\":{\"a\":[\"b\"]}}\n"
	    "{\"name\":\"r2\",\"pattern\":{\"a\":[\"b\"]}\n", "", 2 },
	{ "{\"name\":\"r1\",\"pattern\":{\"a\":[\"b\"]}}\n\n\n"
	    "{\"name\":\"r2\",\"pattern\":{\"a\":\"b\"}}\n",
	    "rule r2: Event pattern is not valid. Reason: \"a\" must be an "
	    "object or an array", 4 },
	{ "{\"name\":\"r1\",\"pattern\":{\"a\":[\"b\"]}}\n"
	    "{\"name\":\"r2\",\"pattern\":{\"a\":[\"b\"]}}\n"
	    "{\"name\":\"r1\",\"pattern\":{\"a\":[\"c\"]}}\n",
	    "rule r1: defined twice", 3 },
	{ "{\"name\":\"r1\",\"pattern\":{\"a\":[\"b\"]}}\r\n"
	    "{\"pattern\":{\"a\":[\"b\"]}}\r\n", "a rule needs a", 2 },
	{ "{\"name\":\"r1\",\"pattern\":{\"a\":[\"b\"]}}\n"
	    "[\"not\",\"a\",\"rule\"]\n", "a rule needs a", 2 },
	{ "{\"name\":\"r1\",\"pattern\":{\"a\":[\"b\"]}}\n"
	    "{\"name\":\"bad name\",\"pattern\":{\"a\":[\"b\"]}}\n",
	    "rule name \"bad name\"", 2 },
};

START_TEST(test_refused)
{
	struct evb_ruleset rs;
	struct evb_err err;

	ck_assert_msg(load(&rs, refused[_i].text, &err) == -1, "%s loads",
	    refused[_i].text);
	ck_assert_msg(strncmp(err.msg, refused[_i].msg,
	    strlen(refused[_i].msg)) == 0, "%s: \"%s\", not \"%s...\"",
	    refused[_i].text, err.msg, refused[_i].msg);
	ck_assert_msg(err.msg[0] != '\0', "%s: no message", refused[_i].text);
	ck_assert_uint_eq(err.line, refused[_i].line);
	evb_ruleset_fini(&rs);
}
END_TEST

START_TEST(test_missing)
{
	struct evb_ruleset rs;
	struct evb_err err;
	char path[4096];

	snprintf(path, sizeof(path), "%s/no-such-file", dir);
	evb_ruleset_init(&rs);
	ck_assert_int_eq(evb_ruleset_load(&rs, path, &err), -1);
	ck_assert_str_eq(err.msg, "No such file or directory");
	evb_ruleset_fini(&rs);
}
END_TEST

/* 64 characters is the most a name may have. */
START_TEST(test_name_length)
{
	struct evb_ruleset rs;
	struct evb_err err;
	char text[200], name[66];

	memset(name, 'n', 64);
	name[64] = '\0';
	snprintf(text, sizeof(text), "{\"%s\":{\"a\":[\"b\"]}}", name);
	ck_assert_int_eq(load(&rs, text, &err), 0);
	ck_assert_str_eq(rs.rules[0].name, name);
	evb_ruleset_fini(&rs);
}
END_TEST

static const struct {
	const char	*name;
	bool		 valid;
} names[] = {
	{ "a", true },
	{ "Rule_1.x-y", true },
	{ "0", true },
	{ "...", true },
	{ "", false },
	{ "a b", false },
	{ "a/b", false },
	{ "a:b", false },
	{ "r\xc3\xa9", false },
	{ "a\tb", false },
};

START_TEST(test_names)
{
	const char *n = names[_i].name;

	ck_assert(evb_name_valid(n, strlen(n), EVB_RULE_NAME_MAX) ==
	    names[_i].valid);
	ck_assert(!evb_name_valid("abc", 3, 2));
	ck_assert(evb_name_valid("abc", 3, 3));
}
END_TEST

/* Adding rules one by one, with limits. */
START_TEST(test_add)
{
	struct evb_ruleset rs;
	struct evb_err err;
	const char *complex = "{\"a\":[{\"wildcard\":\"*:*:*:*:*:event-bus/*\"}]}";

	evb_ruleset_init(&rs);
	ck_assert_int_eq(evb_ruleset_add(&rs, "one", "{\"a\":[\"b\"]}", 11, &err),
	    0);
	ck_assert_int_eq(evb_ruleset_add(&rs, "two", complex, strlen(complex),
	    &err), -1);
	ck_assert_str_eq(err.msg, "rule two: Event pattern is not valid. Reason: "
	    "Rule is too complex - try using fewer wildcard characters or fewer "
	    "repeating character sequences after a wildcard character");
	ck_assert_int_eq(evb_ruleset_add(&rs, "one", "{\"a\":[\"c\"]}", 11, &err),
	    -1);
	ck_assert_str_eq(err.msg, "rule one: defined twice");
	ck_assert_int_eq(evb_ruleset_add(&rs, "bad name", "{\"a\":[\"c\"]}", 11,
	    &err), -1);
	/* The text is copied: the caller's buffer may go. */
	{
		char *text = xstrdup("{\"a\":[\"z\"]}");

		ck_assert_int_eq(evb_ruleset_add(&rs, "three", text,
		    strlen(text), &err), 0);
		memset(text, 'x', strlen(text));
		free(text);
	}
	ck_assert(matches(&rs, "three", "{\"a\":\"z\"}"));
	ck_assert(matches(&rs, "one", "{\"a\":\"b\"}"));
	evb_ruleset_fini(&rs);
	/* Limits: no complexity check, at most two rules. */
	evb_ruleset_init(&rs);
	rs.limits.max_complexity = 0;
	rs.max_rules = 2;
	ck_assert_int_eq(evb_ruleset_add(&rs, "two", complex, strlen(complex),
	    &err), 0);
	ck_assert_int_eq(evb_ruleset_add(&rs, "x", "{\"a\":[1]}", 9, &err), 0);
	ck_assert_int_eq(evb_ruleset_add(&rs, "y", "{\"a\":[1]}", 9, &err), -1);
	ck_assert_str_eq(err.msg, "more than 2 rules");
	evb_ruleset_fini(&rs);
}
END_TEST

/* The same from a parsed document. */
START_TEST(test_load_jv)
{
	struct evb_ruleset rs;
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_err err;
	const char *doc = "{\"x\": {\"source\": [{\"prefix\": \"aws.\"}]}}";
	struct evb_jv *v = evb_json_parse(&a, doc, strlen(doc), 0, &err);

	ck_assert_ptr_nonnull(v);
	evb_ruleset_init(&rs);
	ck_assert_int_eq(evb_ruleset_load_jv(&rs, v, doc, &err), 0);
	ck_assert_uint_eq(rs.n, 1);
	ck_assert_bytes(rs.rules[0].pattern.text, rs.rules[0].pattern.textlen,
	    "{\"source\": [{\"prefix\": \"aws.\"}]}");
	ck_assert(matches(&rs, "x", "{\"source\":\"aws.ec2\"}"));
	evb_ruleset_fini(&rs);
	evb_arena_fini(&a);
}
END_TEST

Suite *
ruleset_suite(void)
{
	Suite *s = suite_create("ruleset");
	TCase *tc = tcase_create("ruleset");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_shapes, 0, nitems(shapes));
	tcase_add_loop_test(tc, test_single, 0, nitems(singles));
	tcase_add_loop_test(tc, test_refused, 0, nitems(refused));
	tcase_add_test(tc, test_missing);
	tcase_add_test(tc, test_name_length);
	tcase_add_loop_test(tc, test_names, 0, nitems(names));
	tcase_add_test(tc, test_add);
	tcase_add_test(tc, test_load_jv);
	suite_add_tcase(s, tc);
	return s;
}
