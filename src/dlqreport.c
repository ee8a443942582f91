/*
 * Reports on dead-letter records.
 */
#include "dlqreport.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "jgen.h"
#include "json.h"
#include "timefmt.h"

static void
stamp(struct evb_buf *b, time_t t)
{
	char text[EVB_TIME_LEN + 1];

	evb_time_format(t, text);
	evb_buf_adds(b, text);
}

/* id, detail-type, source and time of the event, when it has them. */
static void
event_line(struct evb_buf *b, const struct evb_dlq_entry *e)
{
	static const char *const keys[] = { "id", "detail-type", "source",
	    "time" };
	static const char *const before[] = { "event ", ": ", " from ", ", " };
	struct evb_arena a = EVB_ARENA_INIT;
	const struct evb_jv *v = evb_json_parse(&a, e->event, e->nevent, 0,
	    NULL);

	evb_buf_adds(b, "    ");
	for (size_t i = 0; i < 4; i++) {
		const struct evb_jv *m = evb_json_get(v, keys[i]);

		evb_buf_adds(b, before[i]);
		if (m != NULL && m->type == EVB_JSTRING)
			evb_buf_add(b, m->u.str, m->n > 80 ? 80 : m->n);
		else
			evb_buf_addc(b, '?');
	}
	evb_buf_addc(b, '\n');
	evb_arena_fini(&a);
}

void
evb_dlq_describe(struct evb_buf *b, const char *file, unsigned long long line,
    const struct evb_dlq_entry *e)
{
	evb_buf_printf(b, "%s:%llu: ", file, line);
	stamp(b, e->dead);
	evb_buf_printf(b, " %s/%s %s ", e->rule ? e->rule : "?",
	    e->target ? e->target : "?", e->code ? e->code : "?");
	evb_json_quote(b, e->message ? e->message : "",
	    e->message ? strlen(e->message) : 0);
	evb_buf_printf(b, " after %u retr%s", e->retries, e->retries == 1 ?
	    "y" : "ies");
	if (e->exhausted != NULL)
		evb_buf_printf(b, " (%s)", e->exhausted);
	evb_buf_addc(b, '\n');
	event_line(b, e);
}

void
evb_dlq_counts_init(struct evb_dlq_counts *c)
{
	memset(c, 0, sizeof(*c));
}

void
evb_dlq_counts_fini(struct evb_dlq_counts *c)
{
	evb_hmap_fini(&c->keys);
	evb_buf_fini(&c->order);
	free(c->count);
}

static void
bump(struct evb_dlq_counts *c, char kind, const char *name)
{
	char head[2] = { kind, ':' };
	bool created;
	uint32_t *slot;

	if (name == NULL)
		name = "?";
	slot = evb_hmap_put(&c->keys, head, 2, name, strlen(name), &created);
	if (created) {
		*slot = (uint32_t)c->nkeys++;
		c->count = xreallocarray(c->count, c->nkeys, sizeof(*c->count));
		c->count[*slot] = 0;
		evb_buf_add(&c->order, head, 2);
		evb_buf_adds(&c->order, name);
		evb_buf_addc(&c->order, '\0');
	}
	c->count[*slot]++;
}

void
evb_dlq_count(struct evb_dlq_counts *c, const struct evb_dlq_entry *e,
    time_t now)
{
	static const long limits[] = { 3600, 86400, 7 * 86400 };
	struct evb_buf t = EVB_BUF_INIT;
	size_t k = 0;

	c->records++;
	if (c->records == 1 || e->dead < c->oldest)
		c->oldest = e->dead;
	if (c->records == 1 || e->dead > c->newest)
		c->newest = e->dead;
	while (k < 3 && now - e->dead >= limits[k])
		k++;
	c->age[k]++;
	bump(c, 'r', e->rule);
	evb_buf_printf(&t, "%s/%s", e->rule ? e->rule : "?",
	    e->target ? e->target : "?");
	bump(c, 't', evb_buf_cstr(&t));
	bump(c, 'e', e->code);
	evb_buf_fini(&t);
}

/* Each kind's keys, in the order first seen. */
static void
group(struct evb_buf *b, struct evb_jgen *j, const struct evb_dlq_counts *c,
    char kind, const char *title)
{
	const char *p = c->order.p, *end = p != NULL ? p + c->order.len : p;
	size_t i = 0;
	bool first = true;

	if (j != NULL) {
		evb_jgen_key(j, title);
		evb_jgen_open_object(j);
	} else
		evb_buf_printf(b, "by %-9s", title);
	for (; p != NULL && p < end; p += strlen(p) + 1, i++) {
		if (p[0] != kind)
			continue;
		if (j != NULL) {
			evb_jgen_key(j, p + 2);
			evb_jgen_int(j, (long long)c->count[i]);
		} else
			evb_buf_printf(b, "%s%s %llu", first ? "" : ", ",
			    p + 2, c->count[i]);
		first = false;
	}
	if (j != NULL)
		evb_jgen_close_object(j);
	else
		evb_buf_addc(b, '\n');
}

static void
write_json(struct evb_buf *b, const struct evb_dlq_counts *c)
{
	static const char *const ages[] = { "1h", "1d", "7d", "older" };
	struct evb_jgen *j = evb_jgen_new(b);
	struct evb_buf t = EVB_BUF_INIT;

	evb_jgen_open_object(j);
	evb_jgen_key(j, "records");
	evb_jgen_int(j, (long long)c->records);
	evb_jgen_key(j, "malformed");
	evb_jgen_int(j, (long long)c->malformed);
	if (c->records > 0) {
		evb_jgen_key(j, "oldest");
		stamp(&t, c->oldest);
		evb_jgen_strn(j, t.p, t.len);
		evb_buf_reset(&t);
		evb_jgen_key(j, "newest");
		stamp(&t, c->newest);
		evb_jgen_strn(j, t.p, t.len);
	}
	group(b, j, c, 'r', "rules");
	group(b, j, c, 't', "targets");
	group(b, j, c, 'e', "errors");
	evb_jgen_key(j, "ages");
	evb_jgen_open_object(j);
	for (size_t k = 0; k < 4; k++) {
		evb_jgen_key(j, ages[k]);
		evb_jgen_int(j, (long long)c->age[k]);
	}
	evb_jgen_close_object(j);
	evb_jgen_close_object(j);
	evb_jgen_free(j);
	evb_buf_addc(b, '\n');
	evb_buf_fini(&t);
}

void
evb_dlq_counts_write(struct evb_buf *b, const struct evb_dlq_counts *c,
    bool json)
{
	if (json) {
		write_json(b, c);
		return;
	}
	evb_buf_printf(b, "%-12s%llu", "records", c->records);
	if (c->records > 0) {
		evb_buf_adds(b, " (oldest ");
		stamp(b, c->oldest);
		evb_buf_adds(b, ", newest ");
		stamp(b, c->newest);
		evb_buf_addc(b, ')');
	}
	evb_buf_addc(b, '\n');
	if (c->malformed > 0)
		evb_buf_printf(b, "%-12s%llu\n", "not records", c->malformed);
	if (c->records == 0)
		return;
	group(b, NULL, c, 'r', "rule");
	group(b, NULL, c, 't', "target");
	group(b, NULL, c, 'e', "error");
	evb_buf_printf(b, "%-12sunder 1 h %llu, under 1 d %llu, under 7 d "
	    "%llu, older %llu\n", "by age", c->age[0], c->age[1], c->age[2],
	    c->age[3]);
}
