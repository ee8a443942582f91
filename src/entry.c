/*
 * PutEvents entries.
 */
#include "entry.h"

#include <stdio.h>
#include <string.h>

#include "timefmt.h"

static void
invalid(struct evb_reject *rej, const char *param, const char *why)
{
	char msg[160];

	snprintf(msg, sizeof(msg), "Parameter %s is not valid. Reason: %s",
	    param, why);
	evb_reject_set(rej, "InvalidArgument", msg, "%s", msg);
}

static int
get_string(const struct evb_jv *obj, const char *key, struct evb_str *out,
    struct evb_reject *rej)
{
	const struct evb_jv *v = evb_json_get(obj, key);

	out->p = NULL;
	out->n = 0;
	if (v == NULL || v->type == EVB_JNULL)
		return 0;
	if (v->type != EVB_JSTRING) {
		char why[96];

		snprintf(why, sizeof(why), "%s must be a string.", key);
		invalid(rej, key, why);
		return -1;
	}
	/* An empty string counts as missing, as for DetailType. */
	if (v->n > 0) {
		out->p = v->u.str;
		out->n = v->n;
	}
	return 0;
}

static int
get_resources(struct evb_entry *e, const struct evb_jv *obj,
    struct evb_arena *arena, struct evb_reject *rej)
{
	const struct evb_jv *v = evb_json_get(obj, "Resources");

	if (v == NULL || v->type == EVB_JNULL)
		return 0;
	if (v->type != EVB_JARRAY) {
		invalid(rej, "Resources", "Resources must be a list of strings.");
		return -1;
	}
	e->resources = evb_arena_calloc(arena, v->n, sizeof(*e->resources));
	for (size_t i = 0; i < v->n; i++) {
		const struct evb_jv *r = v->u.items[i];

		if (r->type == EVB_JNULL)
			continue;	/* null members are not counted */
		if (r->type != EVB_JSTRING) {
			invalid(rej, "Resources",
			    "Resources must be a list of strings.");
			return -1;
		}
		e->resources[e->nresources].p = r->u.str;
		e->resources[e->nresources++].n = r->n;
	}
	return 0;
}

static int
get_time(struct evb_entry *e, const struct evb_jv *obj, struct evb_reject *rej)
{
	const struct evb_jv *v = evb_json_get(obj, "Time");

	if (v == NULL || v->type == EVB_JNULL)
		return 0;
	if ((v->type != EVB_JSTRING && v->type != EVB_JNUMBER) ||
	    evb_time_parse(v->u.str, v->n, &e->time) == -1) {
		invalid(rej, "Time", "Time must be an RFC 3339 timestamp or "
		    "seconds since the epoch.");
		return -1;
	}
	e->has_time = true;
	return 0;
}

int
evb_entry_from_json(struct evb_entry *e, const struct evb_jv *obj,
    struct evb_arena *arena, struct evb_reject *rej)
{
	const struct evb_jv *d;

	memset(e, 0, sizeof(*e));
	if (obj->type != EVB_JOBJECT) {
		evb_reject_set(rej, "ValidationException",
		    "An entry must be a JSON object.",
		    "entry is a JSON %s, not an object",
		    evb_json_type_name(obj->type));
		return -1;
	}
	if (get_string(obj, "Source", &e->source, rej) == -1 ||
	    get_string(obj, "DetailType", &e->detail_type, rej) == -1 ||
	    get_string(obj, "EventBusName", &e->bus, rej) == -1 ||
	    get_resources(e, obj, arena, rej) == -1 ||
	    get_time(e, obj, rej) == -1)
		return -1;
	d = evb_json_get(obj, "Detail");
	if (d != NULL && d->type == EVB_JSTRING && d->n > 0) {
		e->detail.p = d->u.str;
		e->detail.n = d->n;
	} else if (d != NULL && d->type == EVB_JOBJECT) {
		/* Detail written as an object instead of a string: keep its text. */
		struct evb_buf b = EVB_BUF_INIT;

		evb_json_write(&b, d);
		e->detail.p = evb_arena_strndup(arena, b.p, b.len);
		e->detail.n = b.len;
		evb_buf_fini(&b);
	} else if (d != NULL && d->type != EVB_JNULL &&
	    !(d->type == EVB_JSTRING && d->n == 0)) {
		evb_entry_reject_detail(rej, "Detail is neither a JSON string "
		    "nor an object");
		return -1;
	}
	return 0;
}

size_t
evb_entry_size(const struct evb_entry *e)
{
	size_t n = e->has_time ? 14 : 0;

	n += e->source.n + e->detail_type.n + e->detail.n;
	for (size_t i = 0; i < e->nresources; i++)
		n += e->resources[i].n;
	return n;
}

/* Characters, not bytes: continuation bytes are not counted. */
static size_t
utf8_chars(const char *p, size_t n)
{
	size_t c = 0;

	for (size_t i = 0; i < n; i++)
		if (((unsigned char)p[i] & 0xc0) != 0x80)
			c++;
	return c;
}

int
evb_entry_check_fields(const struct evb_entry *e, bool allow_aws,
    struct evb_reject *rej)
{
	if (e->source.p == NULL) {
		invalid(rej, "Source", "Source is a required argument.");
		return -1;
	}
	if (e->detail_type.p == NULL) {
		invalid(rej, "DetailType", "DetailType is a required argument.");
		return -1;
	}
	if (e->detail.p == NULL) {
		invalid(rej, "Detail", "Detail is a required argument.");
		return -1;
	}
	if (utf8_chars(e->detail_type.p, e->detail_type.n) >
	    EVB_DETAIL_TYPE_MAX) {
		invalid(rej, "DetailType",
		    "DetailType is longer than 128 characters.");
		return -1;
	}
	if (!allow_aws && e->source.n >= 4 &&
	    memcmp(e->source.p, "aws.", 4) == 0) {
		evb_reject_set(rej, "NotAuthorizedForSourceException",
		    "Not authorized for the source.",
		    "source \"%.*s\" starts with \"aws.\", which is reserved "
		    "for AWS services", (int)(e->source.n > 64 ? 64 :
		    e->source.n), e->source.p);
		return -1;
	}
	return 0;
}

void
evb_entry_reject_size(struct evb_reject *rej, size_t size, size_t max)
{
	evb_reject_set(rej, "ValidationException",
	    "Total size of the entries in the request is over the limit.",
	    "entry size %zu bytes is over the limit of %zu", size, max);
}

void
evb_entry_reject_detail(struct evb_reject *rej, const char *reason)
{
	evb_reject_set(rej, "MalformedDetail", "Detail is malformed.", "%s",
	    reason);
}
