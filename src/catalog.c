/*
 * The schemas of a registry by (source, detail-type), cached.
 */
#include "catalog.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jgen.h"

void
evb_catalog_init(struct evb_catalog *c, struct evb_registry *reg,
    unsigned long pin)
{
	memset(c, 0, sizeof(*c));
	c->reg = reg;
	c->pin = pin;
}

static void
entry_clear(struct evb_centry *ent)
{
	evb_sdoc_fini(&ent->doc);
	free(ent->name);
	memset(ent, 0, sizeof(*ent));
}

void
evb_catalog_fini(struct evb_catalog *c)
{
	for (size_t i = 0; i < c->n; i++) {
		entry_clear(c->v[i]);
		free(c->v[i]);
	}
	free(c->v);
	evb_hmap_fini(&c->map);
	evb_buf_fini(&c->key);
	evb_buf_fini(&c->scratch);
}

int
evb_catalog_key(const struct evb_jv *v, const struct evb_jv **src,
    const struct evb_jv **dt, struct evb_err *e)
{
	if (v->type != EVB_JOBJECT) {
		evb_err_set(e, "not an event: a JSON %s, not an object",
		    evb_json_type_name(v->type));
		return -1;
	}
	*src = evb_json_get(v, "source");
	*dt = evb_json_get(v, "detail-type");
	if (*src == NULL || (*src)->type != EVB_JSTRING) {
		evb_err_set(e, "not an event: no \"source\" string");
		return -1;
	}
	if (*dt == NULL || (*dt)->type != EVB_JSTRING) {
		evb_err_set(e, "not an event: no \"detail-type\" string");
		return -1;
	}
	return 0;
}

static bool
same(const char *a, size_t na, const struct evb_jv *b)
{
	return na == b->n && memcmp(a, b->u.str, na) == 0;
}

/* Read version v of name into ent->doc.  Returns 0, or -1 with err set. */
static int
load(struct evb_catalog *c, const char *name, unsigned long v,
    struct evb_sdoc *doc, struct evb_err *e)
{
	char *text;
	size_t n;
	int rc;

	if (evb_registry_read(c->reg, name, v, &text, &n, e) == -1)
		return -1;
	if ((rc = evb_sdoc_read(doc, text, n, e)) == -1) {
		char msg[sizeof(e->msg)];

		snprintf(msg, sizeof(msg), "%s", e->msg);
		evb_err_set(e, "%s/%s/%lu.json: %s", c->reg->dir, name, v, msg);
		errno = EINVAL;
	}
	free(text);
	return rc;
}

/*
 * Find the name of (src, dt) in the registry, and its latest (or pinned)
 * version, into ent: the first of name, name-2, ... that holds the pair,
 * or the first free one.  The caller holds the lock.
 */
static int
resolve(struct evb_catalog *c, const struct evb_jv *src,
    const struct evb_jv *dt, struct evb_centry *ent, struct evb_err *e)
{
	struct evb_buf base = EVB_BUF_INIT, name = EVB_BUF_INIT;
	int rc = -1;

	memset(ent, 0, sizeof(*ent));
	evb_schema_name(&base, src->u.str, src->n, dt->u.str, dt->n);
	evb_buf_cstr(&base);
	for (unsigned long k = 1;; k++) {
		long latest;
		struct evb_sdoc doc;

		evb_buf_reset(&name);
		evb_buf_add(&name, base.p, base.len);
		if (k > 1)
			evb_buf_printf(&name, "-%lu", k);
		evb_buf_cstr(&name);
		if ((latest = evb_registry_latest(c->reg, name.p, e)) == -1)
			break;
		if (latest == 0) {
			rc = 0;
			break;
		}
		if (load(c, name.p, (unsigned long)latest, &doc, e) == -1)
			break;
		if (!same(doc.source, doc.slen, src) ||
		    !same(doc.dtype, doc.dlen, dt)) {
			evb_sdoc_fini(&doc);
			continue;
		}
		ent->latest = (unsigned long)latest;
		if (c->pin == 0 || c->pin == ent->latest) {
			ent->version = ent->latest;
			ent->doc = doc;
		} else {
			evb_sdoc_fini(&doc);
			if (c->pin < ent->latest) {
				if (load(c, name.p, c->pin, &doc, e) == 0) {
					ent->version = c->pin;
					ent->doc = doc;
				} else if (errno != ENOENT)
					break;
			}
		}
		rc = 0;
		break;
	}
	if (rc == 0) {
		ent->name = evb_buf_take(&name, NULL);
		if (ent->doc.source == NULL) {
			ent->doc.source = xstrndup(src->u.str, src->n);
			ent->doc.slen = src->n;
			ent->doc.dtype = xstrndup(dt->u.str, dt->n);
			ent->doc.dlen = dt->n;
		}
	}
	evb_buf_fini(&base);
	evb_buf_fini(&name);
	return rc;
}

static void
make_key(struct evb_buf *key, const struct evb_jv *src,
    const struct evb_jv *dt)
{
	uint64_t n = src->n;

	evb_buf_reset(key);
	evb_buf_add(key, &n, sizeof(n));
	evb_buf_add(key, src->u.str, src->n);
	evb_buf_add(key, dt->u.str, dt->n);
}

struct evb_centry *
evb_catalog_get(struct evb_catalog *c, const struct evb_jv *v,
    struct evb_err *e)
{
	const struct evb_jv *src, *dt;
	const uint32_t *slot;
	struct evb_centry ent;
	bool created;
	int rc;

	if (evb_catalog_key(v, &src, &dt, e) == -1)
		return NULL;
	make_key(&c->key, src, dt);
	slot = evb_hmap_get(&c->map, c->key.p, c->key.len, NULL, 0);
	if (slot != NULL)
		return c->v[*slot - 1];
	if (evb_registry_lock(c->reg, false, e) == -1)
		return NULL;
	rc = resolve(c, src, dt, &ent, e);
	evb_registry_unlock(c->reg);
	if (rc == -1)
		return NULL;
	c->v = xreallocarray(c->v, c->n + 1, sizeof(*c->v));
	c->v[c->n] = xmemdup(&ent, sizeof(ent));
	*evb_hmap_put(&c->map, c->key.p, c->key.len, NULL, 0, &created) =
	    (uint32_t)++c->n;
	return c->v[c->n - 1];
}

/* Store the next version of ent, the event merged in. */
static int
store(struct evb_catalog *c, struct evb_centry *ent, const struct evb_jv *v,
    struct evb_err *e)
{
	struct evb_schema *s = evb_schema_infer(v);

	if (ent->doc.event == NULL)
		ent->doc.event = s;
	else {
		evb_schema_merge(ent->doc.event, s);
		evb_schema_free(s);
	}
	evb_buf_reset(&c->scratch);
	evb_sdoc_write(&c->scratch, &ent->doc, EVB_SFMT_JSONSCHEMA);
	if (evb_registry_write(c->reg, ent->name, ent->latest + 1, c->scratch.p,
	    c->scratch.len, e) == -1)
		return -1;
	ent->version = ent->latest = ent->latest + 1;
	return 0;
}

int
evb_catalog_observe(struct evb_catalog *c, const struct evb_jv *v,
    struct evb_centry **out, struct evb_err *e)
{
	struct evb_centry *ent, fresh;
	const struct evb_jv *src, *dt;
	int rc;

	if ((ent = evb_catalog_get(c, v, e)) == NULL)
		return -1;
	*out = ent;
	if (ent->version > 0 && evb_schema_accepts(ent->doc.event, v))
		return 0;
	(void)evb_catalog_key(v, &src, &dt, e);
	if (evb_registry_lock(c->reg, true, e) == -1)
		return -1;
	/* Another process may have stored versions since: start from there. */
	if (resolve(c, src, dt, &fresh, e) == -1) {
		evb_registry_unlock(c->reg);
		return -1;
	}
	if (fresh.version > 0 && evb_schema_accepts(fresh.doc.event, v))
		rc = 0;
	else
		rc = store(c, &fresh, v, e) == -1 ? -1 : 1;
	evb_registry_unlock(c->reg);
	if (rc == -1) {
		entry_clear(&fresh);
		return -1;
	}
	entry_clear(ent);
	*ent = fresh;
	return rc;
}

void
evb_catalog_reject(struct evb_buf *out, const struct evb_reject *rej,
    const char *file, unsigned long long line, const char *input, size_t n,
    const char *name, unsigned long version, const char *pointer)
{
	evb_reject_record(out, rej, file, line, input, n);
	if (name == NULL)
		return;
	out->len -= 2;		/* "}\n" */
	evb_buf_adds(out, ",\"schema\":");
	evb_json_quote(out, name, strlen(name));
	if (version > 0)
		evb_buf_printf(out, ",\"version\":%lu", version);
	if (pointer != NULL) {
		evb_buf_adds(out, ",\"pointer\":");
		evb_json_quote(out, pointer, strlen(pointer));
	}
	evb_buf_adds(out, "}\n");
}
