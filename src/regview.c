/*
 * Views of a schema registry: list, show, diff.
 */
#include "regview.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jgen.h"
#include "schemadiff.h"

/* A name must be one directory of the registry, not a path. */
static int
check_name(const char *name, struct evb_err *e)
{
	if (*name == '\0' || *name == '.' || strchr(name, '/') != NULL) {
		evb_err_set(e, "%s: not a schema name", name);
		return -1;
	}
	return 0;
}

/* Read version v (0: the latest) of name into doc; *got is its number. */
static int
read_doc(const struct evb_registry *r, const char *name, unsigned long v,
    struct evb_sdoc *doc, unsigned long *got, struct evb_err *e)
{
	char *text;
	size_t n;
	long latest;
	int rc;

	if (check_name(name, e) == -1)
		return -1;
	if ((latest = evb_registry_latest(r, name, e)) == -1)
		return -1;
	if (latest == 0) {
		evb_err_set(e, "%s: no such schema", name);
		return -1;
	}
	if (v == 0)
		v = (unsigned long)latest;
	if (evb_registry_read(r, name, v, &text, &n, e) == -1) {
		if (errno == ENOENT)
			evb_err_set(e, "%s: no version %lu (latest: %ld)", name,
			    v, latest);
		return -1;
	}
	if ((rc = evb_sdoc_read(doc, text, n, e)) == -1) {
		char msg[sizeof(e->msg)];

		snprintf(msg, sizeof(msg), "%s", e->msg);
		evb_err_set(e, "%s/%s/%lu.json: %s", r->dir, name, v, msg);
	}
	free(text);
	if (got != NULL)
		*got = v;
	return rc;
}

static int
list_one(struct evb_buf *b, const struct evb_registry *r, const char *name,
    bool json, struct evb_err *e)
{
	unsigned long *v;
	size_t n;
	struct evb_sdoc doc;
	struct evb_jgen *j;

	if (evb_registry_versions(r, name, &v, &n, e) == -1)
		return -1;
	if (n == 0) {
		free(v);
		return 0;	/* being created, or left empty by a crash */
	}
	if (!json) {
		evb_buf_printf(b, "%s %lu\n", name, v[n - 1]);
		free(v);
		return 0;
	}
	if (read_doc(r, name, v[n - 1], &doc, NULL, e) == -1) {
		free(v);
		return -1;
	}
	j = evb_jgen_new(b);
	evb_jgen_open_object(j);
	evb_jgen_key(j, "name");
	evb_jgen_str(j, name);
	evb_jgen_key(j, "source");
	evb_jgen_strn(j, doc.source, doc.slen);
	evb_jgen_key(j, "detail-type");
	evb_jgen_strn(j, doc.dtype, doc.dlen);
	evb_jgen_key(j, "versions");
	evb_jgen_open_array(j);
	for (size_t i = 0; i < n; i++)
		evb_jgen_int(j, (long long)v[i]);
	evb_jgen_close_array(j);
	evb_jgen_close_object(j);
	evb_jgen_free(j);
	evb_buf_addc(b, '\n');
	evb_sdoc_fini(&doc);
	free(v);
	return 0;
}

int
evb_regview_list(struct evb_buf *b, const struct evb_registry *r, bool json,
    struct evb_err *e)
{
	char **names;
	size_t n;
	int rc = 0;

	if (evb_registry_names(r, &names, &n, e) == -1)
		return -1;
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = list_one(b, r, names[i], json, e);
	evb_registry_free_names(names, n);
	return rc;
}

int
evb_regview_show(struct evb_buf *b, const struct evb_registry *r,
    const char *name, unsigned long v, enum evb_sformat fmt,
    struct evb_err *e)
{
	struct evb_sdoc doc;

	if (read_doc(r, name, v, &doc, NULL, e) == -1)
		return -1;
	evb_sdoc_write(b, &doc, fmt);
	evb_sdoc_fini(&doc);
	return 0;
}

long
evb_regview_diff(struct evb_buf *b, const struct evb_registry *r,
    const char *name, unsigned long v1, unsigned long v2, bool json,
    struct evb_err *e)
{
	struct evb_sdoc d1, d2;
	struct evb_sdiff d = { NULL, 0 };
	long n;

	if (read_doc(r, name, v1, &d1, NULL, e) == -1)
		return -1;
	if (read_doc(r, name, v2, &d2, NULL, e) == -1) {
		evb_sdoc_fini(&d1);
		return -1;
	}
	evb_sdiff_make(&d, d1.event, d2.event);
	if (json)
		evb_sdiff_json(b, &d, name, v1, v2);
	else
		evb_sdiff_text(b, &d);
	n = (long)d.n;
	evb_sdiff_fini(&d);
	evb_sdoc_fini(&d1);
	evb_sdoc_fini(&d2);
	return n;
}
