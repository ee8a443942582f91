/*
 * The input transformer and JSONPath.  The input's first line is a target
 * as PutTargets takes it (Input, InputPath or InputTransformer), the second
 * an event.  The target is compiled in AWS's mode and in strict mode, and
 * each compiled transform renders the event; the first line is also
 * compiled as a JSONPath and evaluated on the event.
 */
#define _GNU_SOURCE
#include <stdbool.h>
#include <string.h>

#include "fuzz.h"

#include "arena.h"
#include "buf.h"
#include "json.h"
#include "jsonpath.h"
#include "transform.h"

static void
render(const struct evb_jv *target, bool strict, const char *ev, size_t evn,
    const struct evb_jv *root)
{
	struct evb_transform_event te = {
		.raw = ev, .rawlen = evn, .root = root,
		.rule_name = "orders",
		.rule_arn = "arn:aws:events:us-east-1:000000000000:rule/b/orders",
		.ingestion_time = "2025-10-08T11:10:00Z"
	};
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_buf out = EVB_BUF_INIT;
	struct evb_transform *t;
	struct evb_err e;
	const char *code;

	if ((t = evb_transform_compile_json(target, strict, &e)) == NULL)
		return;
	if (root != NULL)
		(void)evb_transform_render(t, &te, &a, &out, &code, &e);
	evb_transform_free(t);
	evb_buf_fini(&out);
	evb_arena_fini(&a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *tl, *ev;
	struct evb_arena a = EVB_ARENA_INIT;
	const struct evb_jv *target, *root = NULL;
	struct evb_jsonpath *jp;
	struct evb_err e;
	size_t tn, evn = 0;

	if ((tl = fuzz_line(&p, end, &tn)) == NULL)
		return 0;
	if ((ev = fuzz_line(&p, end, &evn)) != NULL &&
	    (root = evb_json_parse(&a, ev, evn, 0, &e)) != NULL &&
	    root->type != EVB_JOBJECT)
		root = NULL;

	if ((target = evb_json_parse(&a, tl, tn, 0, &e)) != NULL &&
	    target->type == EVB_JOBJECT) {
		render(target, false, ev, evn, root);
		render(target, true, ev, evn, root);
	}

	if ((jp = evb_jsonpath_compile(tl, tn, &e)) != NULL) {
		if (root != NULL)
			(void)evb_jsonpath_eval(jp, root, &a);
		(void)evb_jsonpath_is_list(jp);
		evb_jsonpath_free(jp);
	}
	evb_arena_fini(&a);
	return 0;
}
