/*
 * Writing event envelopes.
 */
#include "event.h"

#include <string.h>

#include "arena.h"
#include "jgen.h"
#include "json.h"

/* ,"key":"value" with the value quoted; key is plain ASCII. */
static void
field(struct evb_buf *b, const char *key, const char *v, size_t n)
{
	evb_buf_adds(b, ",\"");
	evb_buf_adds(b, key);
	evb_buf_adds(b, "\":");
	evb_json_quote(b, v != NULL ? v : "", n);
}

/*
 * Written straight into the buffer rather than through yajl_gen: this runs
 * once per event, and the detail is copied as it is, never re-serialised.
 */
void
evb_envelope_write(struct evb_buf *b, const struct evb_envelope *e)
{
	evb_buf_adds(b, "{\"version\":\"0\"");
	field(b, "id", e->id, strlen(e->id));
	field(b, "detail-type", e->detail_type.p, e->detail_type.n);
	field(b, "source", e->source.p, e->source.n);
	field(b, "account", e->account.p, e->account.n);
	field(b, "time", e->time, strlen(e->time));
	field(b, "region", e->region.p, e->region.n);
	if (e->replay_name.p != NULL)
		field(b, "replay-name", e->replay_name.p, e->replay_name.n);
	evb_buf_adds(b, ",\"resources\":[");
	for (size_t i = 0; i < e->nresources; i++) {
		if (i > 0)
			evb_buf_addc(b, ',');
		evb_json_quote(b, e->resources[i].p, e->resources[i].n);
	}
	evb_buf_adds(b, "],\"detail\":");
	evb_buf_add(b, e->detail.p, e->detail.n);
	evb_buf_addc(b, '}');
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
