/*
 * PutEvents.
 */
#include "put.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "evbus.h"
#include "json.h"

void
evb_put_init(struct evb_put *p, struct evb_buf *out)
{
	memset(p, 0, sizeof(*p));
	p->max_size = EVB_ENTRY_SIZE_DEFAULT;
	p->max_depth = EVB_MAX_DEPTH_DEFAULT;
	p->account.p = "000000000000";
	p->account.n = 12;
	p->region.p = "us-east-1";
	p->region.n = 9;
	p->out = out;
	p->gen = evb_jgen_new(out);
}

void
evb_put_fini(struct evb_put *p)
{
	evb_jgen_free(p->gen);
	evb_arena_fini(&p->arena);
	evb_buf_fini(&p->scratch);
}

/* The current time, formatted once per second. */
static const char *
now_text(struct evb_put *p)
{
	time_t t = time(NULL);

	if (t != p->now || p->now_text[0] == '\0') {
		p->now = t;
		evb_time_format(t, p->now_text);
	}
	return p->now_text;
}

/* Store an oversized detail and point e at a reference to it instead. */
static enum evb_put_result
claim_check(struct evb_put *p, struct evb_entry *e, struct evb_reject *rej)
{
	struct evb_claim c;
	struct evb_err err;
	const struct evb_jv *detail = NULL;

	if (evb_claim_store(p->claims, e->detail.p, e->detail.n, &c, &err) ==
	    -1) {
		evb_reject_set(rej, "InternalFailure", "Internal Service Failure",
		    "claim-check: %s", err.msg);
		return EVB_PUT_FAILED;
	}
	if (p->nkeep > 0)
		detail = evb_json_parse(&p->arena, e->detail.p, e->detail.n,
		    p->max_depth, NULL);
	evb_buf_reset(&p->scratch);
	evb_jgen_retarget(p->gen, &p->scratch);
	evb_jgen_reset(p->gen);
	evb_claim_write_ref(p->gen, &c, detail, p->keep, p->nkeep);
	evb_jgen_retarget(p->gen, p->out);
	evb_claim_fini(&c);
	e->detail.p = p->scratch.p;
	e->detail.n = p->scratch.len;
	return EVB_PUT_OK;
}

/* Size limit, then claim-check, then the envelope. */
static enum evb_put_result
emit(struct evb_put *p, struct evb_entry *e, struct evb_reject *rej)
{
	struct evb_envelope env;
	size_t size = evb_entry_size(e);

	if (size > p->max_size) {
		enum evb_put_result r;

		if (p->claims == NULL) {
			evb_entry_reject_size(rej, size, p->max_size);
			return EVB_PUT_REJECTED;
		}
		if ((r = claim_check(p, e, rej)) != EVB_PUT_OK)
			return r;
		if ((size = evb_entry_size(e)) > p->max_size) {
			evb_entry_reject_size(rej, size, p->max_size);
			return EVB_PUT_REJECTED;
		}
	}
	memset(&env, 0, sizeof(env));
	if (evb_uuid4(env.id) == -1) {
		evb_reject_set(rej, "InternalFailure", "Internal Service Failure",
		    "getrandom: %s", strerror(errno));
		return EVB_PUT_FAILED;
	}
	env.detail_type = e->detail_type;
	env.source = e->source;
	env.account = p->account;
	if (e->has_time)
		evb_time_format(e->time, env.time);
	else
		memcpy(env.time, now_text(p), sizeof(env.time));
	env.region = p->region;
	env.resources = e->resources;
	env.nresources = e->nresources;
	env.detail = e->detail;
	evb_envelope_write(p->out, &env);
	evb_buf_addc(p->out, '\n');
	return EVB_PUT_OK;
}

enum evb_put_result
evb_put_detail(struct evb_put *p, const char *text, size_t n,
    struct evb_reject *rej)
{
	struct evb_entry e;
	struct evb_err err;
	int type;
	size_t bad;

	evb_arena_reset(&p->arena);
	memset(&e, 0, sizeof(e));
	e.source = p->source;
	e.detail_type = p->detail_type;
	e.detail.p = text;
	e.detail.n = n;
	e.resources = p->resources;
	e.nresources = p->nresources;
	e.has_time = p->has_time;
	e.time = p->time;
	if (evb_entry_check_fields(&e, p->allow_aws, rej) == -1)
		return EVB_PUT_REJECTED;
	if ((type = evb_json_check(text, n, p->max_depth, &err)) == -1) {
		evb_entry_reject_detail(rej, err.msg);
		if (err.col > 0)
			snprintf(rej->reason + strlen(rej->reason),
			    sizeof(rej->reason) - strlen(rej->reason),
			    " at column %zu", err.col);
		return EVB_PUT_REJECTED;
	}
	/* yajl only checks the shape of UTF-8: not overlongs, surrogates. */
	if ((bad = evb_utf8_check(text, n)) < n) {
		evb_entry_reject_detail(rej, "");
		snprintf(rej->reason, sizeof(rej->reason),
		    "invalid UTF-8 in a string at column %zu", bad + 1);
		return EVB_PUT_REJECTED;
	}
	if (type != EVB_JOBJECT) {
		evb_entry_reject_detail(rej, "detail is not a JSON object");
		snprintf(rej->reason, sizeof(rej->reason),
		    "detail is a JSON %s, not an object",
		    evb_json_type_name((enum evb_jtype)type));
		return EVB_PUT_REJECTED;
	}
	return emit(p, &e, rej);
}

/* Parse the detail text of an entry and write it compactly into the arena. */
static int
compact_detail(struct evb_put *p, struct evb_entry *e, struct evb_reject *rej)
{
	struct evb_err err;
	struct evb_jv *d;

	if ((d = evb_json_parse(&p->arena, e->detail.p, e->detail.n,
	    p->max_depth, &err)) == NULL) {
		evb_entry_reject_detail(rej, err.msg);
		return -1;
	}
	if (d->type != EVB_JOBJECT) {
		char why[64];

		snprintf(why, sizeof(why), "Detail is a JSON %s, not an object",
		    evb_json_type_name(d->type));
		evb_entry_reject_detail(rej, why);
		return -1;
	}
	evb_buf_reset(&p->scratch);
	evb_json_write(&p->scratch, d);
	if (!evb_utf8_valid(p->scratch.p, p->scratch.len)) {
		evb_entry_reject_detail(rej, "invalid UTF-8 in a string");
		return -1;
	}
	e->detail.p = evb_arena_strndup(&p->arena, p->scratch.p,
	    p->scratch.len);
	e->detail.n = p->scratch.len;
	return 0;
}

enum evb_put_result
evb_put_entry(struct evb_put *p, const struct evb_jv *v,
    struct evb_reject *rej)
{
	struct evb_entry e;
	size_t size;

	evb_arena_reset(&p->arena);	/* the last entry's; v is the caller's */
	if (evb_entry_from_json(&e, v, &p->arena, rej) == -1 ||
	    evb_entry_check_fields(&e, p->allow_aws, rej) == -1)
		return EVB_PUT_REJECTED;
	/* The limit applies to the Detail string as sent, before compaction. */
	if ((size = evb_entry_size(&e)) > p->max_size && p->claims == NULL) {
		evb_entry_reject_size(rej, size, p->max_size);
		return EVB_PUT_REJECTED;
	}
	if (compact_detail(p, &e, rej) == -1)
		return EVB_PUT_REJECTED;
	return emit(p, &e, rej);
}

size_t
evb_put_entries_of(const struct evb_jv *line, struct evb_jv *const **items,
    struct evb_jv **self)
{
	const struct evb_jv *list = evb_json_get(line, "Entries");

	if (list != NULL && list->type == EVB_JARRAY &&
	    evb_json_get(line, "Source") == NULL) {
		*items = list->u.items;
		return list->n;
	}
	*self = (struct evb_jv *)line;
	*items = self;
	return 1;
}
