/*
 * transform: every recorded AWS case of tests/conformance/transforms.jsonl,
 * then each rule of Input, InputPath and InputTransformer (placements,
 * template kinds, predefined variables, strict mode) and the refused
 * configurations with AWS's messages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "arena.h"
#include "buf.h"
#include "json.h"
#include "transform.h"
#include "unit.h"

Suite	*transform_suite(void);

#define S(s)	{ s, sizeof(s) - 1 }
#define ABSENT	{ NULL, 0 }

#define RULE_NAME	"rule-1"
#define RULE_ARN	"arn:aws:events:us-east-1:111111111111:rule/bus/rule-1"
#define INGESTED	"2025-10-08T11:10:01Z"

/* The event of the table tests, spaced as a producer might space it. */
#define EVENT								\
    "{\"version\": \"0\", \"id\": \"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b\","\
    " \"detail-type\": \"core.update-account-command\", \"source\": "	\
    "\"core.update-account-command\", \"account\": \"111111111111\", "	\
    "\"time\": \"2025-10-08T11:10:00Z\", \"region\": \"us-east-1\", "	\
    "\"resources\": [\"arn:1\"], \"detail\": {\"command\": "		\
    "\"update-account\", \"payload\": {\"acc_id\": \"0a787ecb-4015\", "	\
    "\"sf_id\": \"baz\"}, \"listsingle\": [\"HIGH\"], \"listmulti\": "	\
    "[\"ACTIVE\", \"INACTIVE\"], \"valid\": true, \"n\": 1.50, \"z\": "	\
    "null, \"quote\": \"say \\\"hi\\\"\", \"back\": \"a\\\\b\", "	\
    "\"nl\": \"a\\nb\", \"empty\": \"\"}}"

#define PAYLOAD	"{\"acc_id\":\"0a787ecb-4015\",\"sf_id\":\"baz\"}"

static const struct evb_transform_var vars[] = {
	{ S("cmd"), S("$.detail.command") },
	{ S("payload"), S("$.detail.payload") },
	{ S("single"), S("$.detail.listsingle") },
	{ S("multi"), S("$.detail.listmulti") },
	{ S("valid"), S("$.detail.valid") },
	{ S("n"), S("$.detail.n") },
	{ S("z"), S("$.detail.z") },
	{ S("missing"), S("$.detail.nope") },
	{ S("quote"), S("$.detail.quote") },
	{ S("back"), S("$.detail.back") },
	{ S("nl"), S("$.detail.nl") },
	{ S("empty"), S("$.detail.empty") },
	{ S("detail-type"), S("$.detail-type") },
	{ S("res"), S("$.resources[*]") },
	{ S("all"), S("$.detail.payload.*") },
};

static bool	jv_equal(const struct evb_jv *, const struct evb_jv *);

/* Every key of x is in y, with an equal value (the last of duplicates). */
static bool
covers(const struct evb_jv *x, const struct evb_jv *y)
{
	for (size_t i = 0; i < x->n; i++) {
		const struct evb_jmember *m = &x->u.members[i];
		const struct evb_jv *w = evb_json_getn(y, m->key, m->klen);

		if (w == NULL ||
		    !jv_equal(evb_json_getn(x, m->key, m->klen), w))
			return false;
	}
	return true;
}

/*
 * Compare two JSON values as values: objects as maps, arrays in order,
 * numbers by value, strings byte for byte.
 */
static bool
jv_equal(const struct evb_jv *a, const struct evb_jv *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type) {
	case EVB_JNULL:
	case EVB_JFALSE:
	case EVB_JTRUE:
		return true;
	case EVB_JNUMBER:
		return strtod(a->u.str, NULL) == strtod(b->u.str, NULL);
	case EVB_JSTRING:
		return a->n == b->n && memcmp(a->u.str, b->u.str, a->n) == 0;
	case EVB_JARRAY:
		if (a->n != b->n)
			return false;
		for (size_t i = 0; i < a->n; i++)
			if (!jv_equal(a->u.items[i], b->u.items[i]))
				return false;
		return true;
	case EVB_JOBJECT:
		break;
	}
	return covers(a, b) && covers(b, a);
}

/* True when the text a and b are equal JSON values. */
static bool
json_text_equal(const char *a, size_t an, const char *b, size_t bn)
{
	struct evb_arena arena = EVB_ARENA_INIT;
	const struct evb_jv *x, *y;
	bool eq;

	x = evb_json_parse(&arena, a, an, 0, NULL);
	y = evb_json_parse(&arena, b, bn, 0, NULL);
	eq = x != NULL && y != NULL && jv_equal(x, y);
	evb_arena_fini(&arena);
	return eq;
}

static const struct {
	const char	*a;
	const char	*b;
	bool		 equal;
} equalities[] = {
	{ "{\"a\":1,\"b\":[1,2]}", "{ \"b\": [1, 2], \"a\": 1.0 }", true },
	{ "1e2", "100", true },
	{ "-0", "0", true },
	{ "\"\\u0041\"", "\"A\"", true },
	{ "{\"a\":1,\"a\":2}", "{\"a\":2}", true },
	{ "{}", "{}", true },
	{ "[1,2]", "[2,1]", false },
	{ "{\"a\":1}", "{\"a\":1,\"b\":2}", false },
	{ "{\"a\":1,\"b\":2}", "{\"a\":1}", false },
	{ "{\"a\":{\"b\":1}}", "{\"a\":{\"b\":2}}", false },
	{ "\"a\"", "\"a \"", false },
	{ "\"1\"", "1", false },
	{ "null", "false", false },
	{ "true", "false", false },
	{ "{}", "[]", false },
	{ "[[]]", "[[1]]", false },
};

/* The helper the "json" cases rely on. */
START_TEST(test_json_equal)
{
	const char *a = equalities[_i].a, *b = equalities[_i].b;

	ck_assert_msg(json_text_equal(a, strlen(a), b, strlen(b)) ==
	    equalities[_i].equal, "%s vs %s", a, b);
	ck_assert_msg(json_text_equal(b, strlen(b), a, strlen(a)) ==
	    equalities[_i].equal, "%s vs %s", b, a);
}
END_TEST

/*
 * The recorded cases, copied byte for byte from transforms.jsonl so that
 * the suite does not depend on the directory it runs in.  test_file below
 * runs that file too when it can find it.
 */
static const char *const cases[] = {
	"{\"name\": \"input_path_detail\", \"event\": {\"version\": \"0"
	    "\", \"id\": \"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b\", \"detail"
	    "-type\": \"core.update-account-command\", \"source\": \"core.u"
	    "pdate-account-command\", \"account\": \"111111111111\", \"time"
	    "\": \"2025-10-08T11:10:00Z\", \"region\": \"us-east-1\", \"res"
	    "ources\": [], \"detail\": {\"command\": \"update-account\", \""
	    "payload\": {\"acc_id\": \"0a787ecb-4015\", \"sf_id\": \"baz\"}"
	    "}}, \"input_path\": \"$.detail\", \"input_paths_map\": null, \""
	    "input_template\": null, \"expect_output\": \"{\\\"command\\\":"
	    "\\\"update-account\\\",\\\"payload\\\":{\\\"acc_id\\\":\\\"0a7"
	    "87ecb-4015\\\",\\\"sf_id\\\":\\\"baz\\\"}}\", \"expect\": \"ok"
	    "\", \"output_compare\": \"json\", \"aws_error\": null, \"inval"
	    "id_at\": null, \"tags\": [\"input-path\", \"object-value\"], \""
	    "source\": \"tests/aws/services/events/test_events_inputs.py (T"
	    "estInputPath::test_put_events_with_input_path)\"}",
	"{\"name\": \"input_path_leaf_string\", \"event\": {\"version\""
	    ": \"0\", \"id\": \"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b\", \"d"
	    "etail-type\": \"core.update-account-command\", \"source\": \"c"
	    "ore.update-account-command\", \"account\": \"111111111111\", \""
	    "time\": \"2025-10-08T11:10:00Z\", \"region\": \"us-east-1\", \""
	    "resources\": [], \"detail\": {\"command\": \"update-account\","
	    " \"payload\": {\"acc_id\": \"0a787ecb-4015\", \"sf_id\": \"baz"
	    "\"}}}, \"input_path\": \"$.detail.payload.sf_id\", \"input_pat"
	    "hs_map\": null, \"input_template\": null, \"expect_output\": \""
	    "\\\"baz\\\"\", \"expect\": \"ok\", \"output_compare\": \"exact"
	    "\", \"aws_error\": null, \"invalid_at\": null, \"tags\": [\"in"
	    "put-path\", \"scalar-value\"], \"source\": \"tests/aws/service"
	    "s/events/test_events_inputs.py (TestInputPath::test_put_events"
	    "_with_input_path_max_level_depth)\"}",
	"{\"name\": \"invalid_input_path_with_transformer\", \"event\":"
	    " {\"version\": \"0\", \"id\": \"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e"
	    "3f4a5b\", \"detail-type\": \"core.update-account-command\", \""
	    "source\": \"core.update-account-command\", \"account\": \"1111"
	    "11111111\", \"time\": \"2025-10-08T11:10:00Z\", \"region\": \""
	    "us-east-1\", \"resources\": [], \"detail\": {\"command\": \"up"
	    "date-account\", \"payload\": {\"acc_id\": \"0a787ecb-4015\", \""
	    "sf_id\": \"baz\"}}}, \"input_path\": \"$.detail\", \"input_pat"
	    "hs_map\": {\"detail-type\": \"$.detail-type\", \"timestamp\": "
	    "\"$.time\", \"command\": \"$.detail.command\"}, \"input_templa"
	    "te\": \"{\\\"detailType\\\": <detail-type>,  \\\"time\\\": <ti"
	    "mestamp>, \\\"command\\\": <command>}\", \"expect_output\": \""
	    "\", \"expect\": \"invalid\", \"output_compare\": \"exact\", \""
	    "aws_error\": \"Only one of Input, InputPath, or InputTransform"
	    "er must be provided for target <target-id>.\", \"invalid_at\":"
	    " \"config\", \"tags\": [\"input-path\", \"object-value\", \"te"
	    "mplate-json\"], \"source\": \"tests/aws/services/events/test_e"
	    "vents_inputs.py (test_put_event_input_path_and_input_transform"
	    "er)\"}",
	"{\"name\": \"nested_keys_00\", \"event\": {\"version\": \"0\","
	    " \"id\": \"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b\", \"detail-ty"
	    "pe\": \"core.update-account-command\", \"source\": \"core.upda"
	    "te-account-command\", \"account\": \"111111111111\", \"time\":"
	    " \"2025-10-08T11:10:00Z\", \"region\": \"us-east-1\", \"resour"
	    "ces\": [], \"detail\": {\"command\": \"update-account\", \"pay"
	    "load\": {\"acc_id\": \"0a787ecb-4015\", \"sf_id\": \"baz\"}, \""
	    "listsingle\": [\"HIGH\"], \"listmulti\": [\"ACTIVE\", \"INACTI"
	    "VE\"], \"valid\": true}}, \"input_path\": null, \"input_paths_"
	    "map\": {\"userId\": \"$.detail.payload.acc_id\", \"payload\": "
	    "\"$.detail.payload\", \"systemstring\": \"$.detail.awsAccountI"
	    "d\", \"listsingle\": \"$.detail.listsingle\", \"listmulti\": \""
	    "$.detail.listmulti\", \"valid\": \"$.detail.valid\"}, \"input_"
	    "template\": \"{\\\"method\\\": \\\"PUT\\\", \\\"path\\\": \\\""
	    "users-service/users/<userId>\\\", \\\"bod\\\": <payload>}\", \""
	    "expect_output\": \"{\\\"method\\\":\\\"PUT\\\",\\\"path\\\":\\"
	    "\"users-service/users/0a787ecb-4015\\\",\\\"bod\\\":{\\\"acc_i"
	    "d\\\":\\\"0a787ecb-4015\\\",\\\"sf_id\\\":\\\"baz\\\"}}\", \"e"
	    "xpect\": \"ok\", \"output_compare\": \"json\", \"aws_error\": "
	    "null, \"invalid_at\": null, \"tags\": [\"object-value\", \"quo"
	    "ted-placeholder\", \"template-json\"], \"source\": \"tests/aws"
	    "/services/events/test_events_inputs.py (TestInputTransformer::"
	    "test_input_transformer_nested_keys_replacement[{\\\"method\\\""
	    ": \\\"PUT\\\", \\\"path\\\": \\\"users-service/users/<userId>\\"
	    "\", \\\"bod\\\": <payload>}])\"}",
	"{\"name\": \"nested_keys_04\", \"event\": {\"version\": \"0\","
	    " \"id\": \"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b\", \"detail-ty"
	    "pe\": \"core.update-account-command\", \"source\": \"core.upda"
	    "te-account-command\", \"account\": \"111111111111\", \"time\":"
	    " \"2025-10-08T11:10:00Z\", \"region\": \"us-east-1\", \"resour"
	    "ces\": [], \"detail\": {\"command\": \"update-account\", \"pay"
	    "load\": {\"acc_id\": \"0a787ecb-4015\", \"sf_id\": \"baz\"}, \""
	    "listsingle\": [\"HIGH\"], \"listmulti\": [\"ACTIVE\", \"INACTI"
	    "VE\"], \"valid\": true}}, \"input_path\": null, \"input_paths_"
	    "map\": {\"userId\": \"$.detail.payload.acc_id\", \"payload\": "
	    "\"$.detail.payload\", \"systemstring\": \"$.detail.awsAccountI"
	    "d\", \"listsingle\": \"$.detail.listsingle\", \"listmulti\": \""
	    "$.detail.listmulti\", \"valid\": \"$.detail.valid\"}, \"input_"
	    "template\": \"{\\\"method\\\": \\\"PUT\\\", \\\"path\\\": \\\""
	    "users-service/users/<userId>\\\", \\\"id\\\": <userId>, \\\"bo"
	    "dy\\\": <payload>}\", \"expect_output\": \"{\\\"method\\\":\\\""
	    "PUT\\\",\\\"path\\\":\\\"users-service/users/0a787ecb-4015\\\""
	    ",\\\"id\\\":\\\"0a787ecb-4015\\\",\\\"body\\\":{\\\"acc_id\\\""
	    ":\\\"0a787ecb-4015\\\",\\\"sf_id\\\":\\\"baz\\\"}}\", \"expect"
	    "\": \"ok\", \"output_compare\": \"json\", \"aws_error\": null,"
	    " \"invalid_at\": null, \"tags\": [\"object-value\", \"quoted-p"
	    "laceholder\", \"repeated-placeholder\", \"template-json\"], \""
	    "source\": \"tests/aws/services/events/test_events_inputs.py (T"
	    "estInputTransformer::test_input_transformer_nested_keys_replac"
	    "ement[{\\\"method\\\": \\\"PUT\\\", \\\"path\\\": \\\"users-se"
	    "rvice/users/<userId>\\\", \\\"id\\\": <userId>, \\\"body\\\": "
	    "<payload>}])\"}",
	"{\"name\": \"nested_keys_05\", \"event\": {\"version\": \"0\","
	    " \"id\": \"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b\", \"detail-ty"
	    "pe\": \"core.update-account-command\", \"source\": \"core.upda"
	    "te-account-command\", \"account\": \"111111111111\", \"time\":"
	    " \"2025-10-08T11:10:00Z\", \"region\": \"us-east-1\", \"resour"
	    "ces\": [], \"detail\": {\"command\": \"update-account\", \"pay"
	    "load\": {\"acc_id\": \"0a787ecb-4015\", \"sf_id\": \"baz\"}, \""
	    "listsingle\": [\"HIGH\"], \"listmulti\": [\"ACTIVE\", \"INACTI"
	    "VE\"], \"valid\": true}}, \"input_path\": null, \"input_paths_"
	    "map\": {\"userId\": \"$.detail.payload.acc_id\", \"payload\": "
	    "\"$.detail.payload\", \"systemstring\": \"$.detail.awsAccountI"
	    "d\", \"listsingle\": \"$.detail.listsingle\", \"listmulti\": \""
	    "$.detail.listmulti\", \"valid\": \"$.detail.valid\"}, \"input_"
	    "template\": \"{\\\"method\\\": \\\"PUT\\\", \\\"path\\\": \\\""
	    "users-service/users/<userId>\\\", \\\"bod\\\": [<userId>, \\\""
	    "hardcoded\\\"]}\", \"expect_output\": \"{\\\"method\\\":\\\"PU"
	    "T\\\",\\\"path\\\":\\\"users-service/users/0a787ecb-4015\\\",\\"
	    "\"bod\\\":[\\\"0a787ecb-4015\\\",\\\"hardcoded\\\"]}\", \"expe"
	    "ct\": \"ok\", \"output_compare\": \"json\", \"aws_error\": nul"
	    "l, \"invalid_at\": null, \"tags\": [\"quoted-placeholder\", \""
	    "repeated-placeholder\", \"template-json\"], \"source\": \"test"
	    "s/aws/services/events/test_events_inputs.py (TestInputTransfor"
	    "mer::test_input_transformer_nested_keys_replacement[{\\\"metho"
	    "d\\\": \\\"PUT\\\", \\\"path\\\": \\\"users-service/users/<use"
	    "rId>\\\", \\\"bod\\\": [<userId>, \\\"hardcoded\\\"]}])\"}",
	"{\"name\": \"nested_keys_06\", \"event\": {\"version\": \"0\","
	    " \"id\": \"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b\", \"detail-ty"
	    "pe\": \"core.update-account-command\", \"source\": \"core.upda"
	    "te-account-command\", \"account\": \"111111111111\", \"time\":"
	    " \"2025-10-08T11:10:00Z\", \"region\": \"us-east-1\", \"resour"
	    "ces\": [], \"detail\": {\"command\": \"update-account\", \"pay"
	    "load\": {\"acc_id\": \"0a787ecb-4015\", \"sf_id\": \"baz\"}, \""
	    "listsingle\": [\"HIGH\"], \"listmulti\": [\"ACTIVE\", \"INACTI"
	    "VE\"], \"valid\": true}}, \"input_path\": null, \"input_paths_"
	    "map\": {\"userId\": \"$.detail.payload.acc_id\", \"payload\": "
	    "\"$.detail.payload\", \"systemstring\": \"$.detail.awsAccountI"
	    "d\", \"listsingle\": \"$.detail.listsingle\", \"listmulti\": \""
	    "$.detail.listmulti\", \"valid\": \"$.detail.valid\"}, \"input_"
	    "template\": \"{\\\"method\\\": \\\"PUT\\\", \\\"nested\\\": {\\"
	    "\"level1\\\": {\\\"level2\\\": {\\\"level3\\\": \\\"users-serv"
	    "ice/users/<userId>\\\"} } }, \\\"bod\\\": \\\"<userId>\\\"}\","
	    " \"expect_output\": \"{\\\"method\\\":\\\"PUT\\\",\\\"nested\\"
	    "\":{\\\"level1\\\":{\\\"level2\\\":{\\\"level3\\\":\\\"users-s"
	    "ervice/users/0a787ecb-4015\\\"}}},\\\"bod\\\":\\\"0a787ecb-401"
	    "5\\\"}\", \"expect\": \"ok\", \"output_compare\": \"json\", \""
	    "aws_error\": null, \"invalid_at\": null, \"tags\": [\"quoted-p"
	    "laceholder\", \"repeated-placeholder\", \"template-json\"], \""
	    "source\": \"tests/aws/services/events/test_events_inputs.py (T"
	    "estInputTransformer::test_input_transformer_nested_keys_replac"
	    "ement[{\\\"method\\\": \\\"PUT\\\", \\\"nested\\\": {\\\"level"
	    "1\\\": {\\\"level2\\\": {\\\"level3\\\": \\\"users-service/use"
	    "rs/<userId>\\\"} } }, \\\"bod\\\": \\\"<userId>\\\"}])\"}",
	"{\"name\": \"nested_keys_07\", \"event\": {\"version\": \"0\","
	    " \"id\": \"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b\", \"detail-ty"
	    "pe\": \"core.update-account-command\", \"source\": \"core.upda"
	    "te-account-command\", \"account\": \"111111111111\", \"time\":"
	    " \"2025-10-08T11:10:00Z\", \"region\": \"us-east-1\", \"resour"
	    "ces\": [], \"detail\": {\"command\": \"update-account\", \"pay"
	    "load\": {\"acc_id\": \"0a787ecb-4015\", \"sf_id\": \"baz\"}, \""
	    "listsingle\": [\"HIGH\"], \"listmulti\": [\"ACTIVE\", \"INACTI"
	    "VE\"], \"valid\": true}}, \"input_path\": null, \"input_paths_"
	    "map\": {\"userId\": \"$.detail.payload.acc_id\", \"payload\": "
	    "\"$.detail.payload\", \"systemstring\": \"$.detail.awsAccountI"
	    "d\", \"listsingle\": \"$.detail.listsingle\", \"listmulti\": \""
	    "$.detail.listmulti\", \"valid\": \"$.detail.valid\"}, \"input_"
	    "template\": \"\\\"<listsingle> single list item\\\"\", \"expec"
	    "t_output\": \"\\\"[HIGH] single list item\\\"\", \"expect\": \""
	    "ok\", \"output_compare\": \"exact\", \"aws_error\": null, \"in"
	    "valid_at\": null, \"tags\": [\"list-value\", \"template-string"
	    "\"], \"source\": \"tests/aws/services/events/test_events_input"
	    "s.py (TestInputTransformer::test_input_transformer_nested_keys"
	    "_replacement[\\\"<listsingle> single list item\\\"])\"}",
	"{\"name\": \"nested_keys_10\", \"event\": {\"version\": \"0\","
	    " \"id\": \"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b\", \"detail-ty"
	    "pe\": \"core.update-account-command\", \"source\": \"core.upda"
	    "te-account-command\", \"account\": \"111111111111\", \"time\":"
	    " \"2025-10-08T11:10:00Z\", \"region\": \"us-east-1\", \"resour"
	    "ces\": [], \"detail\": {\"command\": \"update-account\", \"pay"
	    "load\": {\"acc_id\": \"0a787ecb-4015\", \"sf_id\": \"baz\"}, \""
	    "listsingle\": [\"HIGH\"], \"listmulti\": [\"ACTIVE\", \"INACTI"
	    "VE\"], \"valid\": true}}, \"input_path\": null, \"input_paths_"
	    "map\": {\"userId\": \"$.detail.payload.acc_id\", \"payload\": "
	    "\"$.detail.payload\", \"systemstring\": \"$.detail.awsAccountI"
	    "d\", \"listsingle\": \"$.detail.listsingle\", \"listmulti\": \""
	    "$.detail.listmulti\", \"valid\": \"$.detail.valid\"}, \"input_"
	    "template\": \"\\\"<listsingle> single list item <listmulti> mu"
	    "ltiple list items <systemstring> system account id <payload> p"
	    "ayload <userId> user id\\\"\", \"expect_output\": \"\\\"[HIGH]"
	    " single list item [ACTIVE,INACTIVE] multiple list items  syste"
	    "m account id {acc_id:0a787ecb-4015,sf_id:baz} payload 0a787ecb"
	    "-4015 user id\\\"\", \"expect\": \"ok\", \"output_compare\": \""
	    "exact\", \"aws_error\": null, \"invalid_at\": null, \"tags\": "
	    "[\"list-value\", \"missing-path\", \"object-value\", \"templat"
	    "e-string\"], \"source\": \"tests/aws/services/events/test_even"
	    "ts_inputs.py (TestInputTransformer::test_input_transformer_nes"
	    "ted_keys_replacement[\\\"<listsingle> single list item <listmu"
	    "lti> multiple list items <systemstring> system account id <pay"
	    "load> payload <userId> user id\\\"])\"}",
	"{\"name\": \"nested_keys_not_valid_01\", \"event\": {\"version"
	    "\": \"0\", \"id\": \"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b\", \""
	    "detail-type\": \"core.update-account-command\", \"source\": \""
	    "core.update-account-command\", \"account\": \"111111111111\", "
	    "\"time\": \"2025-10-08T11:10:00Z\", \"region\": \"us-east-1\","
	    " \"resources\": [], \"detail\": {\"command\": \"update-account"
	    "\", \"payload\": {\"acc_id\": \"0a787ecb-4015\", \"sf_id\": \""
	    "baz\"}, \"listsingle\": [\"HIGH\"], \"listmulti\": [\"ACTIVE\""
	    ", \"INACTIVE\"], \"valid\": true}}, \"input_path\": null, \"in"
	    "put_paths_map\": {\"userId\": \"$.detail.payload.acc_id\", \"p"
	    "ayload\": \"$.detail.payload\", \"listsingle\": \"$.detail.lis"
	    "tsingle\"}, \"input_template\": \"{\\\"payload\\\": \\\"<paylo"
	    "ad>\\\"}\", \"expect_output\": \"\", \"expect\": \"invalid\", "
	    "\"output_compare\": \"exact\", \"aws_error\": null, \"invalid_"
	    "at\": \"delivery\", \"tags\": [\"object-value\", \"quoted-plac"
	    "eholder\", \"template-json\"], \"source\": \"tests/aws/service"
	    "s/events/test_events_inputs.py (TestInputTransformer::test_inp"
	    "ut_transformer_nested_keys_replacement_not_valid[{\\\"payload\\"
	    "\": \\\"<payload>\\\"}])\"}",
	"{\"name\": \"nested_keys_not_valid_02\", \"event\": {\"version"
	    "\": \"0\", \"id\": \"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b\", \""
	    "detail-type\": \"core.update-account-command\", \"source\": \""
	    "core.update-account-command\", \"account\": \"111111111111\", "
	    "\"time\": \"2025-10-08T11:10:00Z\", \"region\": \"us-east-1\","
	    " \"resources\": [], \"detail\": {\"command\": \"update-account"
	    "\", \"payload\": {\"acc_id\": \"0a787ecb-4015\", \"sf_id\": \""
	    "baz\"}, \"listsingle\": [\"HIGH\"], \"listmulti\": [\"ACTIVE\""
	    ", \"INACTIVE\"], \"valid\": true}}, \"input_path\": null, \"in"
	    "put_paths_map\": {\"userId\": \"$.detail.payload.acc_id\", \"p"
	    "ayload\": \"$.detail.payload\", \"listsingle\": \"$.detail.lis"
	    "tsingle\"}, \"input_template\": \"{\\\"singlelistitem\\\": \\\""
	    "<listsingle>\\\"}\", \"expect_output\": \"\", \"expect\": \"in"
	    "valid\", \"output_compare\": \"exact\", \"aws_error\": null, \""
	    "invalid_at\": \"delivery\", \"tags\": [\"list-value\", \"quote"
	    "d-placeholder\", \"template-json\"], \"source\": \"tests/aws/s"
	    "ervices/events/test_events_inputs.py (TestInputTransformer::te"
	    "st_input_transformer_nested_keys_replacement_not_valid[{\\\"si"
	    "nglelistitem\\\": \\\"<listsingle>\\\"}])\"}",
	"{\"name\": \"template_json__paths_present\", \"event\": {\"ver"
	    "sion\": \"0\", \"id\": \"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b\""
	    ", \"detail-type\": \"core.update-account-command\", \"source\""
	    ": \"core.update-account-command\", \"account\": \"111111111111"
	    "\", \"time\": \"2025-10-08T11:10:00Z\", \"region\": \"us-east-"
	    "1\", \"resources\": [], \"detail\": {\"command\": \"update-acc"
	    "ount\", \"payload\": {\"acc_id\": \"0a787ecb-4015\", \"sf_id\""
	    ": \"baz\"}}}, \"input_path\": null, \"input_paths_map\": {\"de"
	    "tail-type\": \"$.detail-type\", \"timestamp\": \"$.time\", \"c"
	    "ommand\": \"$.detail.command\"}, \"input_template\": \"{\\\"de"
	    "tailType\\\": <detail-type>,  \\\"time\\\": <timestamp>, \\\"c"
	    "ommand\\\": <command>}\", \"expect_output\": \"{\\\"detailType"
	    "\\\":\\\"core.update-account-command\\\",\\\"time\\\":\\\"2025"
	    "-10-08T11:10:00Z\\\",\\\"command\\\":\\\"update-account\\\"}\""
	    ", \"expect\": \"ok\", \"output_compare\": \"json\", \"aws_erro"
	    "r\": null, \"invalid_at\": null, \"tags\": [\"template-json\"]"
	    ", \"source\": \"tests/aws/services/events/test_events_inputs.p"
	    "y (TestInputTransformer::test_put_events_with_input_transforme"
	    "r_input_template_json)\"}",
	"{\"name\": \"template_string_0__paths_present\", \"event\": {\""
	    "version\": \"0\", \"id\": \"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a"
	    "5b\", \"detail-type\": \"core.update-account-command\", \"sour"
	    "ce\": \"core.update-account-command\", \"account\": \"11111111"
	    "1111\", \"time\": \"2025-10-08T11:10:00Z\", \"region\": \"us-e"
	    "ast-1\", \"resources\": [], \"detail\": {\"command\": \"update"
	    "-account\", \"payload\": {\"acc_id\": \"0a787ecb-4015\", \"sf_"
	    "id\": \"baz\"}}}, \"input_path\": null, \"input_paths_map\": {"
	    "\"detail-type\": \"$.detail-type\", \"timestamp\": \"$.time\","
	    " \"command\": \"$.detail.command\"}, \"input_template\": \"\\\""
	    "Event of <detail-type> type, at time <timestamp>, info extract"
	    "ed from detail <command>\\\"\", \"expect_output\": \"\\\"Event"
	    " of core.update-account-command type, at time 2025-10-08T11:10"
	    ":00Z, info extracted from detail update-account\\\"\", \"expec"
	    "t\": \"ok\", \"output_compare\": \"exact\", \"aws_error\": nul"
	    "l, \"invalid_at\": null, \"tags\": [\"template-string\"], \"so"
	    "urce\": \"tests/aws/services/events/test_events_inputs.py (Tes"
	    "tInputTransformer::test_put_events_with_input_transformer_inpu"
	    "t_template_string[\\\"Event of <detail-type> type, at time <ti"
	    "mestamp>, info extracted from detail <command>\\\"])\"}",
	"{\"name\": \"template_string_1__paths_present\", \"event\": {\""
	    "version\": \"0\", \"id\": \"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a"
	    "5b\", \"detail-type\": \"core.update-account-command\", \"sour"
	    "ce\": \"core.update-account-command\", \"account\": \"11111111"
	    "1111\", \"time\": \"2025-10-08T11:10:00Z\", \"region\": \"us-e"
	    "ast-1\", \"resources\": [], \"detail\": {\"command\": \"update"
	    "-account\", \"payload\": {\"acc_id\": \"0a787ecb-4015\", \"sf_"
	    "id\": \"baz\"}}}, \"input_path\": null, \"input_paths_map\": {"
	    "\"detail-type\": \"$.detail-type\", \"timestamp\": \"$.time\","
	    " \"command\": \"$.detail.command\"}, \"input_template\": \"\\\""
	    "{[/Check with special starting characters for event of <detail"
	    "-type> type\\\"\", \"expect_output\": \"\\\"{[/Check with spec"
	    "ial starting characters for event of core.update-account-comma"
	    "nd type\\\"\", \"expect\": \"ok\", \"output_compare\": \"exact"
	    "\", \"aws_error\": null, \"invalid_at\": null, \"tags\": [\"te"
	    "mplate-string\"], \"source\": \"tests/aws/services/events/test"
	    "_events_inputs.py (TestInputTransformer::test_put_events_with_"
	    "input_transformer_input_template_string[\\\"{[/Check with spec"
	    "ial starting characters for event of <detail-type> type\\\"])\""
	    "}",
};

#define CONF_ID	"conf-target"

static const char *
member_str(const struct evb_jv *c, const char *key)
{
	const struct evb_jv *v = evb_json_get(c, key);

	return v != NULL && v->type == EVB_JSTRING ? v->u.str : NULL;
}

/* The target fields of a case, into spec; *cv is for the caller to free. */
static void
case_spec(const struct evb_jv *c, struct evb_transform_spec *spec,
    struct evb_transform_var **cv)
{
	const struct evb_jv *path = evb_json_get(c, "input_path");
	const struct evb_jv *map = evb_json_get(c, "input_paths_map");
	const struct evb_jv *tmpl = evb_json_get(c, "input_template");

	memset(spec, 0, sizeof(*spec));
	spec->id = CONF_ID;
	if (path != NULL && path->type == EVB_JSTRING) {
		spec->input_path.p = path->u.str;
		spec->input_path.n = path->n;
	}
	if (map != NULL && map->type == EVB_JOBJECT) {
		*cv = calloc(map->n + 1, sizeof(**cv));
		ck_assert_ptr_nonnull(*cv);
		for (size_t i = 0; i < map->n; i++) {
			const struct evb_jmember *m = &map->u.members[i];

			ck_assert_int_eq(m->val->type, EVB_JSTRING);
			(*cv)[i].name.p = m->key;
			(*cv)[i].name.n = m->klen;
			(*cv)[i].path.p = m->val->u.str;
			(*cv)[i].path.n = m->val->n;
		}
		spec->vars = *cv;
		spec->nvars = map->n;
		spec->transformer = true;
	}
	if (tmpl != NULL && tmpl->type == EVB_JSTRING) {
		spec->input_template.p = tmpl->u.str;
		spec->input_template.n = tmpl->n;
		spec->transformer = true;
	}
}

/* AWS's message with <target-id> standing for the Id we gave. */
static void
aws_message(struct evb_buf *b, const char *msg)
{
	const char *at = strstr(msg, "<target-id>");

	ck_assert_ptr_nonnull(at);
	evb_buf_add(b, msg, (size_t)(at - msg));
	evb_buf_adds(b, CONF_ID);
	evb_buf_adds(b, at + strlen("<target-id>"));
}

/* What the case expects of a target that compiled. */
static void
check_render(const struct evb_jv *c, const char *line,
    const struct evb_transform *t, struct evb_arena *arena)
{
	const struct evb_jv *event = evb_json_get(c, "event");
	const struct evb_jv *want = evb_json_get(c, "expect_output");
	const char *name = member_str(c, "name");
	const char *expect = member_str(c, "expect");
	const char *compare = member_str(c, "output_compare");
	struct evb_transform_event ev = { line + event->start,
	    event->end - event->start, event, RULE_NAME, RULE_ARN, INGESTED };
	struct evb_buf out = EVB_BUF_INIT;
	struct evb_err err;
	const char *code;
	int rc;

	ck_assert_int_eq(event->type, EVB_JOBJECT);
	rc = evb_transform_render(t, &ev, arena, &out, &code, &err);
	if (strcmp(expect, "invalid") == 0) {
		ck_assert_msg(rc == -1, "%s: delivered %.*s", name,
		    (int)out.len, out.p);
		ck_assert_str_eq(code, EVB_TRANSFORM_INVALID_JSON);
		ck_assert_uint_gt(err.col, 0);
		ck_assert_uint_eq(out.len, 0);
	} else {
		ck_assert_msg(rc == 0, "%s: %s: %s", name, code, err.msg);
		if (strcmp(compare, "exact") == 0)
			ck_assert_msg(out.len == want->n && memcmp(out.p,
			    want->u.str, out.len) == 0, "%s: got %.*s", name,
			    (int)out.len, out.p);
		else
			ck_assert_msg(json_text_equal(out.p, out.len,
			    want->u.str, want->n), "%s: got %.*s", name,
			    (int)out.len, out.p);
	}
	evb_buf_fini(&out);
}

/* Run one line of transforms.jsonl. */
static void
run_case(const char *line, size_t len)
{
	struct evb_arena arena = EVB_ARENA_INIT;
	struct evb_transform_var *cv = NULL;
	struct evb_transform_spec spec;
	struct evb_transform *t;
	struct evb_buf want = EVB_BUF_INIT;
	struct evb_err err;
	const struct evb_jv *c;
	const char *name, *at;

	c = evb_json_parse(&arena, line, len, 0, &err);
	ck_assert_msg(c != NULL, "a case is not JSON: %s", err.msg);
	name = member_str(c, "name");
	ck_assert_ptr_nonnull(name);
	at = member_str(c, "invalid_at");
	case_spec(c, &spec, &cv);
	t = evb_transform_compile(&spec, &err);
	if (at != NULL && strcmp(at, "config") == 0) {
		ck_assert_msg(t == NULL, "%s: compiled", name);
		aws_message(&want, member_str(c, "aws_error"));
		ck_assert_str_eq(err.msg, evb_buf_cstr(&want));
	} else {
		ck_assert_msg(t != NULL, "%s: %s", name, err.msg);
		check_render(c, line, t, &arena);
	}
	evb_transform_free(t);
	evb_buf_fini(&want);
	free(cv);
	evb_arena_fini(&arena);
}

START_TEST(test_conformance)
{
	run_case(cases[_i], strlen(cases[_i]));
}
END_TEST

/* All 14 recorded cases are there, of each kind. */
START_TEST(test_conformance_kinds)
{
	struct evb_arena arena = EVB_ARENA_INIT;
	size_t ok = 0, config = 0, delivery = 0;

	for (size_t i = 0; i < nitems(cases); i++) {
		const struct evb_jv *c = evb_json_parse(&arena, cases[i],
		    strlen(cases[i]), 0, NULL);
		const char *at;

		ck_assert_ptr_nonnull(c);
		at = member_str(c, "invalid_at");
		if (at == NULL)
			ok++;
		else if (strcmp(at, "config") == 0)
			config++;
		else if (strcmp(at, "delivery") == 0)
			delivery++;
	}
	ck_assert_uint_eq(nitems(cases), 14);
	ck_assert_uint_eq(ok, 11);
	ck_assert_uint_eq(config, 1);
	ck_assert_uint_eq(delivery, 2);
	evb_arena_fini(&arena);
}
END_TEST

/*
 * The file itself, when the suite runs from the top of the source tree
 * (make unit, make check), so that a case added there runs at once.
 */
START_TEST(test_conformance_file)
{
	FILE *f = fopen("tests/conformance/transforms.jsonl", "r");
	char *line = NULL;
	size_t cap = 0, count = 0;
	ssize_t n;

	if (f == NULL)
		return;
	while ((n = getline(&line, &cap, f)) > 0) {
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		if (n == 0)
			continue;
		run_case(line, (size_t)n);
		count++;
	}
	free(line);
	ck_assert_int_eq(ferror(f), 0);
	fclose(f);
	ck_assert_uint_ge(count, nitems(cases));
}
END_TEST

enum shape {
	NONE,
	INPUT,
	PATH,
	TEMPLATE
};

#define XJ	EVB_TRANSFORM_INVALID_JSON
#define XP	EVB_TRANSFORM_INVALID_PARAMETER

/*
 * One target rendering EVENT: its Input, InputPath or InputTemplate (with
 * vars as InputPathsMap), and what comes out, or the failure code and a
 * part of the reason.
 */
static const struct rcase {
	const char	*name;
	enum shape	 shape;
	bool		 strict;
	const char	*text;
	const char	*expect;	/* NULL: fails */
	const char	*code;
	const char	*reason;
} rcases[] = {
	/* Nothing given: the event as received, spacing and all. */
	{ "event", NONE, false, NULL, EVENT, NULL, NULL },
	{ "event strict", NONE, true, NULL, EVENT, NULL, NULL },
	/* Input: verbatim. */
	{ "input", INPUT, false, "{\"a\":  [1, 2.0]}", "{\"a\":  [1, 2.0]}",
	    NULL, NULL },
	{ "input string", INPUT, false, "\"x\"", "\"x\"", NULL, NULL },
	{ "input number", INPUT, true, " 1.0e3 ", " 1.0e3 ", NULL, NULL },

	/* InputPath: compact JSON of the value; strings keep quotes. */
	{ "path object", PATH, false, "$.detail.payload", PAYLOAD, NULL,
	    NULL },
	{ "path string", PATH, false, "$.detail.command",
	    "\"update-account\"", NULL, NULL },
	{ "path number", PATH, false, "$.detail.n", "1.50", NULL, NULL },
	{ "path true", PATH, false, "$.detail.valid", "true", NULL, NULL },
	{ "path null", PATH, false, "$.detail.z", "null", NULL, NULL },
	{ "path escaped", PATH, false, "$.detail.quote",
	    "\"say \\\"hi\\\"\"", NULL, NULL },
	{ "path list", PATH, false, "$.resources[*]", "[\"arn:1\"]", NULL,
	    NULL },
	{ "path element", PATH, false, "$.detail.listmulti[1]",
	    "\"INACTIVE\"", NULL, NULL },
	{ "path bracket", PATH, false, "$['detail-type']",
	    "\"core.update-account-command\"", NULL, NULL },
	{ "path missing", PATH, false, "$.detail.nope", NULL, XP,
	    "InputPath $.detail.nope selects nothing in the event" },
	{ "path missing strict", PATH, true, "$.detail.nope", NULL, XP,
	    "InputPath $.detail.nope selects nothing in the event" },

	/* JSON template, bare placeholders. */
	{ "bare values", TEMPLATE, false,
	    "{\"c\": <cmd>, \"p\": <payload>, \"l\": <multi>, \"v\": <valid>,"
	    " \"n\": <n>, \"z\": <z>, \"m\": <missing>, \"e\": <empty>}",
	    "{\"c\": \"update-account\", \"p\": " PAYLOAD ", \"l\": "
	    "[\"ACTIVE\",\"INACTIVE\"], \"v\": true, \"n\": 1.50, \"z\": null,"
	    " \"m\": \"\", \"e\": \"\"}", NULL, NULL },
	{ "bare in array", TEMPLATE, false, "[<cmd>, <single>, \"<n>\"]",
	    "[\"update-account\", [\"HIGH\"], \"1.50\"]", NULL, NULL },
	{ "bare lists", TEMPLATE, false, "{\"r\": <res>, \"a\": <all>}",
	    "{\"r\": [\"arn:1\"], \"a\": [\"0a787ecb-4015\",\"baz\"]}", NULL,
	    NULL },
	{ "leading space", TEMPLATE, false, "\n  {\"a\": <cmd>}",
	    "\n  {\"a\": \"update-account\"}", NULL, NULL },
	{ "bare quote", TEMPLATE, false, "{\"q\": <quote>}", NULL, XJ,
	    "in the value of <quote>" },
	{ "bare backslash", TEMPLATE, false, "{\"b\": <back>}",
	    "{\"b\": \"a\\b\"}", NULL, NULL },
	{ "bare newline", TEMPLATE, false, "{\"nl\": <nl>}", NULL, XJ,
	    "in the value of <nl>" },
	{ "unbalanced", TEMPLATE, false, "{\"a\": <cmd>", NULL, XJ,
	    "the rendered InputTemplate is not valid JSON at byte" },
	{ "not json at all", TEMPLATE, false, "{\"a\": x, \"c\": <cmd>}", NULL,
	    XJ, "the rendered InputTemplate is not valid JSON at byte 7: "
	    "invalid char in json text" },

	/* JSON template, placeholders inside strings. */
	{ "in string", TEMPLATE, false,
	    "{\"s\": \"<cmd>/<n>/<valid>/<z>/<missing>/<empty>/"
	    "<detail-type>\"}",
	    "{\"s\": \"update-account/1.50/true/null///"
	    "core.update-account-command\"}", NULL, NULL },
	{ "object in string", TEMPLATE, false, "{\"p\": \"<payload>\"}", NULL,
	    XJ, "in the value of <payload>" },
	{ "array in string", TEMPLATE, false, "{\"l\": \"<single>\"}", NULL, XJ,
	    "in the value of <single>" },
	{ "quote in string", TEMPLATE, false, "{\"q\": \"<quote>\"}", NULL, XJ,
	    "in the value of <quote>" },
	{ "newline in string", TEMPLATE, false, "{\"nl\": \"<nl>\"}", NULL, XJ,
	    "in the value of <nl>" },
	{ "literal <", TEMPLATE, false,
	    "{\"a\": \"x < y <not a placeholder> <>\", \"b\": <cmd>}",
	    "{\"a\": \"x < y <not a placeholder> <>\", \"b\": "
	    "\"update-account\"}", NULL, NULL },
	{ "escaped quote", TEMPLATE, false,
	    "{\"a\": \"x\\\"<cmd>\\\"\", \"b\": <cmd>}",
	    "{\"a\": \"x\\\"update-account\\\"\", \"b\": \"update-account\"}",
	    NULL, NULL },
	{ "escaped backslash", TEMPLATE, false,
	    "{\"a\": \"x\\\\\", \"b\": <cmd>}",
	    "{\"a\": \"x\\\\\", \"b\": \"update-account\"}", NULL, NULL },

	/* String templates: quotes kept, containers lose their quotes. */
	{ "string template", TEMPLATE, false,
	    "\"<cmd> <payload> <single> <multi> <valid> <n> <z> <missing>!\"",
	    "\"update-account {acc_id:0a787ecb-4015,sf_id:baz} [HIGH] "
	    "[ACTIVE,INACTIVE] true 1.50 null !\"", NULL, NULL },
	{ "string quote", TEMPLATE, false, "\"<quote>\"", "\"say \"hi\"\"",
	    NULL, NULL },
	{ "string repeated", TEMPLATE, false, "\"<cmd><cmd> <cmd>\"",
	    "\"update-accountupdate-account update-account\"", NULL, NULL },
	{ "string literal <", TEMPLATE, false,
	    "\"a < b <not valid> <> <<cmd>> <cmd\"",
	    "\"a < b <not valid> <> <update-account> <cmd\"", NULL, NULL },
	{ "string lists", TEMPLATE, false, "\"<all> <res>\"",
	    "\"[0a787ecb-4015,baz] [arn:1]\"", NULL, NULL },
	{ "string leading space", TEMPLATE, false, " \"<cmd>\" ",
	    " \"update-account\" ", NULL, NULL },
	{ "string not json", TEMPLATE, false, "\"<cmd>\" and more",
	    "\"update-account\" and more", NULL, NULL },

	/* Free text: like a string template. */
	{ "text", TEMPLATE, false, "command <cmd> is <payload> <missing>.",
	    "command update-account is {acc_id:0a787ecb-4015,sf_id:baz} .",
	    NULL, NULL },
	{ "text placeholder only", TEMPLATE, false, "<cmd>", "update-account",
	    NULL, NULL },
	{ "text quote", TEMPLATE, false, "<quote> <nl>", "say \"hi\" a\nb",
	    NULL, NULL },

	/* Predefined variables. */
	{ "predefined bare", TEMPLATE, false,
	    "{\"arn\": <aws.events.rule-arn>, \"name\": <aws.events.rule-name>,"
	    " \"t\": <aws.events.event.ingestion-time>}",
	    "{\"arn\": \"" RULE_ARN "\", \"name\": \"" RULE_NAME "\", \"t\": \""
	    INGESTED "\"}", NULL, NULL },
	{ "predefined in string", TEMPLATE, false,
	    "{\"s\": \"<aws.events.rule-name>@<aws.events.event.ingestion-time>"
	    "\"}", "{\"s\": \"" RULE_NAME "@" INGESTED "\"}", NULL, NULL },
	{ "predefined string template", TEMPLATE, false,
	    "\"<aws.events.rule-name> at <aws.events.event.ingestion-time> by "
	    "<aws.events.rule-arn>\"", "\"" RULE_NAME " at " INGESTED " by "
	    RULE_ARN "\"", NULL, NULL },
	{ "aws.events.event", TEMPLATE, false, "{\"e\": <aws.events.event>}",
	    "{\"e\": {\"id\":\"6f1c2a8e-3b4d-4e5f-8a9b-0c1d2e3f4a5b\","
	    "\"account\":\"111111111111\","
	    "\"detailType\":\"core.update-account-command\","
	    "\"time\":\"2025-10-08T11:10:00Z\","
	    "\"source\":\"core.update-account-command\","
	    "\"region\":\"us-east-1\",\"resources\":[\"arn:1\"],"
	    "\"version\":\"0\"}}", NULL, NULL },
	{ "aws.events.event.json", TEMPLATE, false,
	    "[<aws.events.event.json>, <aws.events.rule-name>]",
	    "[" EVENT ", \"" RULE_NAME "\"]", NULL, NULL },

	/* Strict mode. */
	{ "strict bare quote", TEMPLATE, true, "{\"q\": <quote>}",
	    "{\"q\": \"say \\\"hi\\\"\"}", NULL, NULL },
	{ "strict in-string quote", TEMPLATE, true, "{\"q\": \"x <quote>\"}",
	    "{\"q\": \"x say \\\"hi\\\"\"}", NULL, NULL },
	{ "strict bare newline", TEMPLATE, true,
	    "{\"nl\": <nl>, \"b\": <back>}",
	    "{\"nl\": \"a\\nb\", \"b\": \"a\\\\b\"}", NULL, NULL },
	{ "strict bare missing", TEMPLATE, true,
	    "{\"m\": <missing>, \"c\": <cmd>}",
	    "{\"m\": null, \"c\": \"update-account\"}", NULL, NULL },
	{ "strict in-string missing", TEMPLATE, true, "{\"m\": \"<missing>\"}",
	    NULL, XP, "<missing> selects nothing in the event" },
	{ "strict object in string", TEMPLATE, true, "{\"p\": \"<payload>\"}",
	    NULL, XJ, "<payload> holds an object, which cannot stand inside a "
	    "JSON string" },
	{ "strict array in string", TEMPLATE, true, "{\"p\": \"<single>\"}",
	    NULL, XJ, "<single> holds an array" },
	{ "strict same as AWS", TEMPLATE, true,
	    "{\"c\": <cmd>, \"p\": <payload>, \"n\": \"<n>\", \"l\": <single>}",
	    "{\"c\": \"update-account\", \"p\": " PAYLOAD ", \"n\": \"1.50\", "
	    "\"l\": [\"HIGH\"]}", NULL, NULL },
	{ "strict string template", TEMPLATE, true, "\"<n> <valid> <z> <cmd>\"",
	    "\"1.50 true null update-account\"", NULL, NULL },
	{ "strict string escaped", TEMPLATE, true, "\"<quote> <back> <nl>\"",
	    "\"say \\\"hi\\\" a\\\\b a\\nb\"", NULL, NULL },
	{ "strict string object", TEMPLATE, true, "\"<payload>\"", NULL, XP,
	    "<payload> holds an object, which would lose its quotes" },
	{ "strict string missing", TEMPLATE, true, "\"<missing>\"", NULL, XP,
	    "<missing> selects nothing" },
	{ "strict text raw", TEMPLATE, true, "<quote>!", "say \"hi\"!", NULL,
	    NULL },
	{ "strict text missing", TEMPLATE, true, "x <missing>", NULL, XP,
	    "<missing> selects nothing" },
	{ "strict text list", TEMPLATE, true, "x <res>", NULL, XP,
	    "<res> holds an array" },
	{ "strict event", TEMPLATE, true,
	    "{\"e\": <aws.events.event.json>}", "{\"e\": " EVENT "}", NULL,
	    NULL },
};

static struct evb_transform *
compile_rcase(const struct rcase *rc, struct evb_err *err)
{
	struct evb_transform_spec spec;
	struct evb_str text = { rc->text, rc->text ? strlen(rc->text) : 0 };

	memset(&spec, 0, sizeof(spec));
	spec.id = "t1";
	spec.strict = rc->strict;
	if (rc->shape == INPUT)
		spec.input = text;
	else if (rc->shape == PATH)
		spec.input_path = text;
	else if (rc->shape == TEMPLATE) {
		spec.transformer = true;
		spec.vars = vars;
		spec.nvars = nitems(vars);
		spec.input_template = text;
	}
	return evb_transform_compile(&spec, err);
}

static int
render(const struct evb_transform *t, const struct evb_transform_event *ev,
    struct evb_buf *out, const char **code, struct evb_err *err)
{
	struct evb_arena arena = EVB_ARENA_INIT;
	struct evb_jv *root;
	struct evb_transform_event e = *ev;
	int rc;

	root = evb_json_parse(&arena, e.raw, e.rawlen, 0, err);
	ck_assert_msg(root != NULL, "%s", err->msg);
	e.root = root;
	rc = evb_transform_render(t, &e, &arena, out, code, err);
	evb_arena_fini(&arena);
	return rc;
}

static const struct evb_transform_event event = {
	EVENT, sizeof(EVENT) - 1, NULL, RULE_NAME, RULE_ARN, INGESTED
};

START_TEST(test_render)
{
	const struct rcase *rc = &rcases[_i];
	struct evb_buf out = EVB_BUF_INIT;
	struct evb_transform *t;
	struct evb_err err;
	const char *code;

	t = compile_rcase(rc, &err);
	ck_assert_msg(t != NULL, "%s: %s", rc->name, err.msg);
	/* What is there already stays; on failure nothing is added. */
	evb_buf_adds(&out, "kept");
	if (rc->expect != NULL) {
		ck_assert_msg(render(t, &event, &out, &code, &err) == 0,
		    "%s: %s %s", rc->name, code, err.msg);
		ck_assert_msg(out.len == 4 + strlen(rc->expect) &&
		    memcmp(out.p + 4, rc->expect, out.len - 4) == 0,
		    "%s: got %.*s", rc->name, (int)out.len - 4, out.p + 4);
	} else {
		ck_assert_msg(render(t, &event, &out, &code, &err) == -1,
		    "%s: delivered %.*s", rc->name, (int)out.len - 4,
		    out.p + 4);
		ck_assert_str_eq(code, rc->code);
		ck_assert_msg(strstr(err.msg, rc->reason) != NULL,
		    "%s: reason \"%s\"", rc->name, err.msg);
		ck_assert_uint_eq(out.len, 4);
		if (strcmp(code, XJ) == 0)
			ck_assert_uint_gt(err.col, 0);
	}
	ck_assert_mem_eq(out.p, "kept", 4);
	evb_transform_free(t);
	evb_buf_fini(&out);
}
END_TEST

/* Where the output stopped being JSON, and which value broke it. */
START_TEST(test_json_position)
{
	struct rcase rc = { "", TEMPLATE, false, "{\"payload\": \"<payload>\"}",
	    NULL, NULL, NULL };
	struct evb_buf out = EVB_BUF_INIT;
	struct evb_transform *t;
	struct evb_err err;
	const char *code;

	t = compile_rcase(&rc, &err);
	ck_assert_ptr_nonnull(t);
	evb_buf_adds(&out, "earlier output");
	ck_assert_int_eq(render(t, &event, &out, &code, &err), -1);
	ck_assert_str_eq(code, XJ);
	ck_assert_str_eq(err.msg, "the rendered InputTemplate is not valid "
	    "JSON at byte 16 (in the value of <payload>): invalid char in "
	    "json text");
	ck_assert_uint_eq(err.col, 16);
	evb_transform_free(t);

	rc.strict = true;
	t = compile_rcase(&rc, &err);
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(render(t, &event, &out, &code, &err), -1);
	ck_assert_str_eq(code, XJ);
	ck_assert_str_eq(err.msg, "<payload> holds an object, which cannot "
	    "stand inside a JSON string");
	ck_assert_uint_eq(err.col, 14);
	ck_assert_str_eq(evb_buf_cstr(&out), "earlier output");
	evb_transform_free(t);
	evb_buf_fini(&out);
}
END_TEST

/* Predefined strings the caller leaves out are missing values. */
START_TEST(test_predefined_missing)
{
	static const struct {
		const char	*tmpl;
		bool		 strict;
		const char	*expect;
	} t[] = {
		{ "{\"n\": <aws.events.rule-name>}", false, "{\"n\": \"\"}" },
		{ "{\"n\": <aws.events.rule-name>}", true, "{\"n\": null}" },
		{ "{\"n\": \"<aws.events.rule-arn>\"}", false,
		    "{\"n\": \"\"}" },
		{ "\"<aws.events.event.ingestion-time>\"", false, "\"\"" },
		{ "\"<aws.events.event.ingestion-time>\"", true, NULL },
	};
	struct evb_transform_event ev = event;

	ev.rule_name = ev.rule_arn = ev.ingestion_time = NULL;
	for (size_t i = 0; i < nitems(t); i++) {
		struct rcase rc = { "", TEMPLATE, t[i].strict, t[i].tmpl, NULL,
		    NULL, NULL };
		struct evb_buf out = EVB_BUF_INIT;
		struct evb_transform *x;
		struct evb_err err;
		const char *code;
		int r;

		x = compile_rcase(&rc, &err);
		ck_assert_msg(x != NULL, "%s", err.msg);
		r = render(x, &ev, &out, &code, &err);
		if (t[i].expect == NULL) {
			ck_assert_int_eq(r, -1);
			ck_assert_str_eq(code, XP);
		} else {
			ck_assert_msg(r == 0, "%s", err.msg);
			ck_assert_str_eq(evb_buf_cstr(&out), t[i].expect);
		}
		evb_transform_free(x);
		evb_buf_fini(&out);
	}
}
END_TEST

/* A rule name holding a quote breaks JSON as AWS renders it, not strictly. */
START_TEST(test_predefined_quote)
{
	struct rcase rc = { "", TEMPLATE, false,
	    "{\"n\": <aws.events.rule-name>}", NULL, NULL, NULL };
	struct evb_transform_event ev = event;
	struct evb_buf out = EVB_BUF_INIT;
	struct evb_transform *t;
	struct evb_err err;
	const char *code;

	ev.rule_name = "r\"1";
	t = compile_rcase(&rc, &err);
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(render(t, &ev, &out, &code, &err), -1);
	ck_assert_str_eq(code, XJ);
	ck_assert_msg(strstr(err.msg, "<aws.events.rule-name>") != NULL, "%s",
	    err.msg);
	evb_transform_free(t);

	rc.strict = true;
	t = compile_rcase(&rc, &err);
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(render(t, &ev, &out, &code, &err), 0);
	ck_assert_str_eq(evb_buf_cstr(&out), "{\"n\": \"r\\\"1\"}");
	evb_transform_free(t);
	evb_buf_fini(&out);
}
END_TEST

/* The last InputPathsMap entry of a name counts, as in a JSON object. */
START_TEST(test_duplicate_key)
{
	static const struct evb_transform_var dup[] = {
		{ S("v"), S("$.detail.command") },
		{ S("v"), S("$.detail.payload.sf_id") },
	};
	struct evb_transform_spec spec = { "t1", ABSENT, ABSENT, true, dup,
	    nitems(dup), S("\"<v>\""), false };
	struct evb_buf out = EVB_BUF_INIT;
	struct evb_transform *t;
	struct evb_err err;
	const char *code;

	t = evb_transform_compile(&spec, &err);
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(render(t, &event, &out, &code, &err), 0);
	ck_assert_str_eq(evb_buf_cstr(&out), "\"baz\"");
	evb_transform_free(t);
	evb_buf_fini(&out);
	evb_transform_free(NULL);
}
END_TEST

/* Deeper than yajl_gen writes (128): a failure, not a truncated value. */
START_TEST(test_deep)
{
	struct evb_arena arena = EVB_ARENA_INIT;
	struct evb_buf raw = EVB_BUF_INIT, out = EVB_BUF_INIT;
	struct evb_transform_spec spec;
	struct evb_transform_event ev;
	struct evb_transform *t;
	struct evb_err err;
	const char *code;

	evb_buf_adds(&raw, "{\"d\": ");
	for (int i = 0; i < 130; i++)
		evb_buf_addc(&raw, '[');
	for (int i = 0; i < 130; i++)
		evb_buf_addc(&raw, ']');
	evb_buf_addc(&raw, '}');
	memset(&ev, 0, sizeof(ev));
	ev.raw = raw.p;
	ev.rawlen = raw.len;
	ev.root = evb_json_parse(&arena, raw.p, raw.len, 200, &err);
	ck_assert_msg(ev.root != NULL, "%s", err.msg);

	memset(&spec, 0, sizeof(spec));
	spec.id = "t1";
	spec.input_path = (struct evb_str){ "$.d", 3 };
	t = evb_transform_compile(&spec, &err);
	ck_assert_ptr_nonnull(t);
	evb_buf_adds(&out, "x");
	ck_assert_int_eq(evb_transform_render(t, &ev, &arena, &out, &code,
	    &err), -1);
	ck_assert_str_eq(code, XJ);
	ck_assert_str_eq(err.msg, "a value is nested too deeply to be written "
	    "as JSON");
	ck_assert_uint_eq(out.len, 1);
	evb_transform_free(t);

	/* As the event itself, it is passed through untouched. */
	spec.input_path = (struct evb_str){ NULL, 0 };
	t = evb_transform_compile(&spec, &err);
	ck_assert_ptr_nonnull(t);
	ck_assert_int_eq(evb_transform_render(t, &ev, &arena, &out, &code,
	    &err), 0);
	ck_assert_uint_eq(out.len, 1 + raw.len);
	evb_transform_free(t);
	evb_buf_fini(&out);
	evb_buf_fini(&raw);
	evb_arena_fini(&arena);
}
END_TEST

/* An event with NUL in a string: counted bytes all the way. */
START_TEST(test_nul)
{
	static const char raw[] = "{\"detail\": {\"s\": \"a\\u0000b\"}}";
	static const struct evb_transform_var v[] = {
		{ S("s"), S("$.detail.s") },
	};
	static const struct {
		const char	*tmpl;
		bool		 strict;
		const char	*expect;
		size_t		 n;
	} t[] = {
		{ "\"<s>\"", false, "\"a\0b\"", 5 },
		{ "\"<s>\"", true, "\"a\\u0000b\"", 10 },
		{ "{\"s\": <s>}", true, "{\"s\": \"a\\u0000b\"}", 17 },
		{ "{\"s\": <s>}", false, NULL, 0 },
	};
	struct evb_transform_event ev = { raw, sizeof(raw) - 1, NULL, NULL,
	    NULL, NULL };

	for (size_t i = 0; i < nitems(t); i++) {
		struct evb_transform_spec spec = { "t1", ABSENT, ABSENT, true,
		    v, 1, { t[i].tmpl, strlen(t[i].tmpl) }, t[i].strict };
		struct evb_buf out = EVB_BUF_INIT;
		struct evb_transform *x;
		struct evb_err err;
		const char *code;
		int r;

		x = evb_transform_compile(&spec, &err);
		ck_assert_msg(x != NULL, "%s", err.msg);
		r = render(x, &ev, &out, &code, &err);
		if (t[i].expect == NULL) {
			ck_assert_int_eq(r, -1);
			ck_assert_str_eq(code, XJ);
		} else {
			ck_assert_msg(r == 0, "%s", err.msg);
			ck_assert_uint_eq(out.len, t[i].n);
			ck_assert_mem_eq(out.p, t[i].expect, t[i].n);
		}
		evb_transform_free(x);
		evb_buf_fini(&out);
	}
}
END_TEST

/* A refused target: its fields and the message, whole or its start. */
static const struct ccase {
	const char	*name;
	const char	*input;
	const char	*path;
	const char	*tmpl;		/* with vars as InputPathsMap */
	bool		 transformer;
	bool		 strict;
	const char	*msg;
	bool		 prefix;	/* msg is only the start */
} ccases[] = {
	{ "input and path", "{}", "$", NULL, false, false,
	    "Only one of Input, InputPath, or InputTransformer must be "
	    "provided for target t1.", false },
	{ "input and transformer", "{}", NULL, "\"x\"", true, false,
	    "Only one of Input, InputPath, or InputTransformer must be "
	    "provided for target t1.", false },
	{ "path and transformer", NULL, "$.detail", "{\"a\": <cmd>}", true,
	    false, "Only one of Input, InputPath, or InputTransformer must be "
	    "provided for target t1.", false },
	{ "all three", "1", "$", "\"x\"", true, true,
	    "Only one of Input, InputPath, or InputTransformer must be "
	    "provided for target t1.", false },
	{ "invalid placeholder", NULL, NULL,
	    "\"Event of <cmd> type, with not defined key <notdefinedkey>\"",
	    true, false, "InputTemplate for target t1 contains invalid "
	    "placeholder notdefinedkey.", false },
	{ "invalid placeholder json", NULL, NULL, "{\"a\": \"<cmd>\", "
	    "\"b\": <b>}", true, false, "InputTemplate for target t1 contains "
	    "invalid placeholder b.", false },
	{ "placeholder case", NULL, NULL, "\"<AWS.events.rule-name>\"", true,
	    false, "InputTemplate for target t1 contains invalid placeholder "
	    "AWS.events.rule-name.", false },
	{ "placeholder Cmd", NULL, NULL, "<Cmd>", true, false,
	    "InputTemplate for target t1 contains invalid placeholder Cmd.",
	    false },
	{ "unknown aws.events", NULL, NULL, "{\"a\": <aws.events.rule>}", true,
	    false, "InputTemplate for target t1 contains invalid placeholder "
	    "aws.events.rule.", false },
	{ "event in string", NULL, NULL, "{\"a\": \"<aws.events.event>\"}",
	    true, false, "InputTemplate for target t1 uses <aws.events.event> "
	    "where only a bare JSON value may stand.", false },
	{ "event json in string template", NULL, NULL,
	    "\"<aws.events.event.json>\"", true, false, "InputTemplate for "
	    "target t1 uses <aws.events.event.json> where only a bare JSON "
	    "value may stand.", false },
	{ "event in text", NULL, NULL, "<aws.events.event>", true, false,
	    "InputTemplate for target t1 uses <aws.events.event>", true },
	{ "input not json", "{a}", NULL, NULL, false, false,
	    "Input for target t1 is not valid JSON: invalid JSON", true },
	{ "input empty", "", NULL, NULL, false, false,
	    "Input for target t1 is not valid JSON", true },
	{ "input two values", "1 2", NULL, NULL, false, false,
	    "Input for target t1 is not valid JSON", true },
	{ "path recursive", NULL, "$..a", NULL, false, false,
	    "InputPath for target t1 is not a valid path: recursive descent "
	    "('..') is not supported (column 2).", false },
	{ "path empty", NULL, "", NULL, false, false,
	    "InputPath for target t1 is not a valid path: empty path "
	    "(column 1).", false },
	{ "path no $", NULL, "detail", NULL, false, false,
	    "InputPath for target t1 is not a valid path: a path must start "
	    "with '$' (column 1).", false },
	{ "no template", NULL, NULL, NULL, true, false,
	    "InputTransformer for target t1 has no InputTemplate.", false },
	{ "empty template", NULL, NULL, "", true, false,
	    "InputTemplate for target t1 must be 1 to 8192 characters long.",
	    false },
	{ "strict unbalanced", NULL, NULL, "{\"a\": <cmd>", true, true,
	    "InputTemplate for target t1 is not valid JSON (strict mode): "
	    "invalid JSON", true },
	{ "strict key placeholder", NULL, NULL, "{<cmd>: 1}", true, true,
	    "InputTemplate for target t1 is not valid JSON (strict mode)",
	    true },
	{ "strict two strings", NULL, NULL, "\"<cmd>\" \"x\"", true, true,
	    "InputTemplate for target t1 is not valid JSON (strict mode)",
	    true },
	{ "strict bad escape", NULL, NULL, "\"\\x<cmd>\"", true, true,
	    "InputTemplate for target t1 is not valid JSON (strict mode)",
	    true },
};

static struct evb_transform *
compile_ccase(const struct ccase *c, struct evb_err *err)
{
	struct evb_transform_spec spec;

	memset(&spec, 0, sizeof(spec));
	spec.id = "t1";
	spec.strict = c->strict;
	if (c->input != NULL)
		spec.input = (struct evb_str){ c->input, strlen(c->input) };
	if (c->path != NULL)
		spec.input_path = (struct evb_str){ c->path, strlen(c->path) };
	if (c->transformer) {
		spec.transformer = true;
		spec.vars = vars;
		spec.nvars = nitems(vars);
		if (c->tmpl != NULL)
			spec.input_template = (struct evb_str){ c->tmpl,
			    strlen(c->tmpl) };
	}
	return evb_transform_compile(&spec, err);
}

START_TEST(test_config)
{
	const struct ccase *c = &ccases[_i];
	struct evb_err err;

	ck_assert_msg(compile_ccase(c, &err) == NULL, "%s compiled", c->name);
	if (c->prefix)
		ck_assert_msg(strncmp(err.msg, c->msg, strlen(c->msg)) == 0,
		    "%s: got \"%s\"", c->name, err.msg);
	else
		ck_assert_str_eq(err.msg, c->msg);
}
END_TEST

/* What strict mode refuses, AWS's mode accepts (and renders later). */
START_TEST(test_config_lenient)
{
	struct evb_transform *t;
	struct evb_err err;
	struct ccase c;

	for (size_t i = 0; i < nitems(ccases); i++) {
		if (!ccases[i].strict || ccases[i].input != NULL)
			continue;
		c = ccases[i];
		c.strict = false;
		t = compile_ccase(&c, &err);
		ck_assert_msg(t != NULL, "%s: %s", c.name, err.msg);
		evb_transform_free(t);
	}
}
END_TEST

static struct evb_transform *
compile_map(const struct evb_transform_var *v, size_t n, const char *tmpl,
    struct evb_err *err)
{
	struct evb_transform_spec spec = { "t1", ABSENT, ABSENT, true, v, n,
	    { tmpl, strlen(tmpl) }, false };

	return evb_transform_compile(&spec, err);
}

/* InputPathsMap keys and values. */
START_TEST(test_config_map)
{
	static const struct {
		struct evb_transform_var v;
		const char	*msg;
	} t[] = {
		{ { S("AWS.x"), S("$") }, "InputPathsMap key AWS.x for target "
		    "t1 must not start with AWS." },
		{ { S("AWS."), S("$") }, "InputPathsMap key AWS. for target "
		    "t1 must not start with AWS." },
		{ { S("a b"), S("$") }, "InputPathsMap key a b for target t1 "
		    "must match [A-Za-z0-9_-]+." },
		{ { S("a.b"), S("$") }, "InputPathsMap key a.b for target t1 "
		    "must match [A-Za-z0-9_-]+." },
		{ { S(""), S("$") }, "InputPathsMap key for target t1 must be "
		    "1 to 256 characters long." },
		{ { S("cmd"), S("detail") }, "InputPathsMap value cmd for "
		    "target t1 is not a valid path: a path must start with '$' "
		    "(column 1)." },
		{ { S("cmd"), S("$.a..b") }, "InputPathsMap value cmd for "
		    "target t1 is not a valid path: recursive descent ('..') "
		    "is not supported (column 4)." },
		{ { S("cmd"), ABSENT }, "InputPathsMap value cmd for target t1 "
		    "is missing." },
	};
	struct evb_err err;

	for (size_t i = 0; i < nitems(t); i++) {
		ck_assert_ptr_null(compile_map(&t[i].v, 1, "\"x\"", &err));
		ck_assert_str_eq(err.msg, t[i].msg);
	}
}
END_TEST

/* The limits: at the limit accepted, one past refused. */
START_TEST(test_limits)
{
	struct evb_transform_var many[EVB_TRANSFORM_VARS_MAX + 1];
	char names[EVB_TRANSFORM_VARS_MAX + 1][8];
	struct evb_buf b = EVB_BUF_INIT;
	struct evb_transform_spec spec;
	struct evb_transform *t;
	struct evb_err err;

	for (size_t i = 0; i < nitems(many); i++) {
		snprintf(names[i], sizeof(names[i]), "k%zu", i);
		many[i].name = (struct evb_str){ names[i], strlen(names[i]) };
		many[i].path = (struct evb_str){ "$", 1 };
	}
	t = compile_map(many, EVB_TRANSFORM_VARS_MAX, "<k99>", &err);
	ck_assert_msg(t != NULL, "%s", err.msg);
	evb_transform_free(t);
	ck_assert_ptr_null(compile_map(many, nitems(many), "<k0>", &err));
	ck_assert_str_eq(err.msg, "InputPathsMap for target t1 has more than "
	    "100 entries.");

	/* A key of 256 characters, then 257. */
	for (int i = 0; i < EVB_TRANSFORM_KEY_MAX; i++)
		evb_buf_addc(&b, 'k');
	many[0].name = (struct evb_str){ b.p, b.len };
	t = compile_map(many, 1, "x", &err);
	ck_assert_msg(t != NULL, "%s", err.msg);
	evb_transform_free(t);
	evb_buf_addc(&b, 'k');
	many[0].name = (struct evb_str){ b.p, b.len };
	ck_assert_ptr_null(compile_map(many, 1, "x", &err));
	ck_assert_str_eq(err.msg, "InputPathsMap key for target t1 must be 1 "
	    "to 256 characters long.");

	/* Input and InputTemplate: 8192 characters, counted in UTF-8. */
	memset(&spec, 0, sizeof(spec));
	spec.id = "t1";
	evb_buf_reset(&b);
	evb_buf_addc(&b, '"');
	for (int i = 0; i < 8190; i++)
		evb_buf_adds(&b, i % 2 ? "x" : "\xc3\xa9");
	evb_buf_addc(&b, '"');
	spec.input = (struct evb_str){ b.p, b.len };
	t = evb_transform_compile(&spec, &err);
	ck_assert_msg(t != NULL, "%s", err.msg);
	evb_transform_free(t);
	spec.transformer = true;
	spec.input_template = spec.input;
	spec.input = (struct evb_str){ NULL, 0 };
	t = evb_transform_compile(&spec, &err);
	ck_assert_msg(t != NULL, "%s", err.msg);
	evb_transform_free(t);

	evb_buf_adds(&b, " ");
	spec.input_template = (struct evb_str){ b.p, b.len };
	ck_assert_ptr_null(evb_transform_compile(&spec, &err));
	ck_assert_str_eq(err.msg, "InputTemplate for target t1 must be 1 to "
	    "8192 characters long.");
	spec.transformer = false;
	spec.input_template = (struct evb_str){ NULL, 0 };
	spec.input = (struct evb_str){ b.p, b.len };
	ck_assert_ptr_null(evb_transform_compile(&spec, &err));
	ck_assert_str_eq(err.msg, "Input for target t1 is longer than 8192 "
	    "characters.");

	/* InputPath: 256 characters. */
	evb_buf_reset(&b);
	evb_buf_adds(&b, "$.");
	for (int i = 0; i < 255; i++)
		evb_buf_addc(&b, 'a');
	spec.input = (struct evb_str){ NULL, 0 };
	spec.input_path = (struct evb_str){ b.p, b.len };
	ck_assert_ptr_null(evb_transform_compile(&spec, &err));
	ck_assert_str_eq(err.msg, "InputPath for target t1 is not a valid "
	    "path: longer than 256 characters.");
	spec.input_path.n--;
	t = evb_transform_compile(&spec, &err);
	ck_assert_msg(t != NULL, "%s", err.msg);
	evb_transform_free(t);
	evb_buf_fini(&b);
}
END_TEST

/* An AWS Target object, as PutTargets takes it. */
static const struct {
	const char	*target;
	bool		 strict;
	const char	*expect;	/* output, or the error */
	bool		 ok;
} jcases[] = {
	{ "{\"Id\": \"t1\", \"Arn\": \"x\"}", false, EVENT, true },
	{ "{\"Id\": \"t1\", \"Input\": \"{\\\"a\\\": 1}\"}", false,
	    "{\"a\": 1}", true },
	{ "{\"Id\": \"t1\", \"InputPath\": \"$.detail.listsingle\"}", false,
	    "[\"HIGH\"]", true },
	{ "{\"Id\": \"t1\", \"InputTransformer\": {\"InputPathsMap\": "
	    "{\"a\": \"$.detail.command\", \"q\": \"$.detail.quote\"}, "
	    "\"InputTemplate\": \"{\\\"a\\\": <a>, \\\"q\\\": <q>}\"}}", true,
	    "{\"a\": \"update-account\", \"q\": \"say \\\"hi\\\"\"}", true },
	{ "{\"Id\": \"t1\", \"InputTransformer\": {\"InputTemplate\": "
	    "\"\\\"<aws.events.rule-name>\\\"\"}}", false, "\"" RULE_NAME "\"",
	    true },
	{ "{\"Id\": \"t1\", \"InputPath\": \"$.detail\", \"InputTransformer\": "
	    "{\"InputPathsMap\": {\"detail-type\": \"$.detail-type\"}, "
	    "\"InputTemplate\": \"{\\\"detailType\\\": <detail-type>}\"}}",
	    false, "Only one of Input, InputPath, or InputTransformer must be "
	    "provided for target t1.", false },
	{ "{\"Id\": \"t2\", \"InputTransformer\": {\"InputPathsMap\": "
	    "{\"a\": \"$.a\"}, \"InputTemplate\": \"<a> <b>\"}}", false,
	    "InputTemplate for target t2 contains invalid placeholder b.",
	    false },
	{ "{\"Id\": \"t1\", \"Input\": 5}", false,
	    "Input for target t1 must be a string, not number.", false },
	{ "{\"Id\": \"t1\", \"InputPath\": null}", false,
	    "InputPath for target t1 must be a string, not null.", false },
	{ "{\"Id\": \"t1\", \"InputTransformer\": []}", false,
	    "InputTransformer for target t1 must be an object.", false },
	{ "{\"Id\": \"t1\", \"InputTransformer\": {\"InputPathsMap\": []}}",
	    false, "InputPathsMap for target t1 must be an object.", false },
	{ "{\"Id\": \"t1\", \"InputTransformer\": {\"InputPathsMap\": "
	    "{\"a\": 1}, \"InputTemplate\": \"x\"}}", false,
	    "InputPathsMap value a for target t1 must be a string.", false },
	{ "{\"Id\": \"t1\", \"InputTransformer\": {\"InputTemplate\": 1}}",
	    false, "InputTemplate for target t1 must be a string, not number.",
	    false },
	{ "{\"Id\": \"t1\", \"InputTransformer\": {}}", false,
	    "InputTransformer for target t1 has no InputTemplate.", false },
	{ "[]", false, "a target must be a JSON object", false },
};

START_TEST(test_compile_json)
{
	struct evb_arena arena = EVB_ARENA_INIT;
	struct evb_buf out = EVB_BUF_INIT;
	struct evb_transform *t;
	struct evb_err err;
	const struct evb_jv *target;
	const char *code;

	target = evb_json_parse(&arena, jcases[_i].target,
	    strlen(jcases[_i].target), 0, &err);
	ck_assert_msg(target != NULL, "%s", err.msg);
	t = evb_transform_compile_json(target, jcases[_i].strict, &err);
	if (!jcases[_i].ok) {
		ck_assert_ptr_null(t);
		ck_assert_str_eq(err.msg, jcases[_i].expect);
	} else {
		ck_assert_msg(t != NULL, "%s", err.msg);
		ck_assert_msg(render(t, &event, &out, &code, &err) == 0, "%s",
		    err.msg);
		ck_assert_str_eq(evb_buf_cstr(&out), jcases[_i].expect);
	}
	evb_transform_free(t);
	evb_buf_fini(&out);
	evb_arena_fini(&arena);
}
END_TEST

Suite *
transform_suite(void)
{
	Suite *s = suite_create("transform");
	TCase *tc;

	tc = tcase_create("conformance");
	tcase_add_loop_test(tc, test_json_equal, 0, nitems(equalities));
	tcase_add_loop_test(tc, test_conformance, 0, nitems(cases));
	tcase_add_test(tc, test_conformance_kinds);
	tcase_add_test(tc, test_conformance_file);
	suite_add_tcase(s, tc);

	tc = tcase_create("render");
	tcase_add_loop_test(tc, test_render, 0, nitems(rcases));
	tcase_add_test(tc, test_json_position);
	tcase_add_test(tc, test_predefined_missing);
	tcase_add_test(tc, test_predefined_quote);
	tcase_add_test(tc, test_duplicate_key);
	tcase_add_test(tc, test_nul);
	tcase_add_test(tc, test_deep);
	suite_add_tcase(s, tc);

	tc = tcase_create("config");
	tcase_add_loop_test(tc, test_config, 0, nitems(ccases));
	tcase_add_test(tc, test_config_lenient);
	tcase_add_test(tc, test_config_map);
	tcase_add_test(tc, test_limits);
	tcase_add_loop_test(tc, test_compile_json, 0, nitems(jcases));
	suite_add_tcase(s, tc);
	return s;
}
