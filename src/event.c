/*
 * Writing event envelopes.
 */
#include "event.h"

#include "arena.h"
#include "json.h"

static void
field(struct evb_jgen *j, const char *key, struct evb_str v)
{
	evb_jgen_key(j, key);
	evb_jgen_strn(j, v.p ? v.p : "", v.n);
}

void
evb_envelope_write(struct evb_jgen *j, const struct evb_envelope *e)
{
	evb_jgen_open_object(j);
	evb_jgen_key(j, "version");
	evb_jgen_str(j, "0");
	evb_jgen_key(j, "id");
	evb_jgen_str(j, e->id);
	field(j, "detail-type", e->detail_type);
	field(j, "source", e->source);
	field(j, "account", e->account);
	evb_jgen_key(j, "time");
	evb_jgen_str(j, e->time);
	field(j, "region", e->region);
	if (e->replay_name.p != NULL)
		field(j, "replay-name", e->replay_name);
	evb_jgen_key(j, "resources");
	evb_jgen_open_array(j);
	for (size_t i = 0; i < e->nresources; i++)
		evb_jgen_strn(j, e->resources[i].p, e->resources[i].n);
	evb_jgen_close_array(j);
	evb_jgen_key(j, "detail");
	evb_jgen_raw(j, e->detail.p, e->detail.n);
	evb_jgen_close_object(j);
}

bool
evb_event_complete(const char *p, size_t n)
{
	static const char *const fields[] = { "id", "account", "source",
	    "time", "region", "detail-type" };
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_jv *v = evb_json_parse(&a, p, n, 0, NULL);
	bool ok = v != NULL && v->type == EVB_JOBJECT;

	for (size_t i = 0; ok && i < sizeof(fields) / sizeof(fields[0]); i++)
		ok = evb_json_get(v, fields[i]) != NULL;
	evb_arena_fini(&a);
	return ok;
}
