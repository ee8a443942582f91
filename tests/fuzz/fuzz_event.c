/*
 * The NDJSON line reader and the event parsers behind evput: the input is
 * read as a file of lines (with a small line limit, so that long lines are
 * met), and each line goes through evput's two modes (a detail, and a
 * PutEvents entry or list of entries), the event check and the flattener.
 * The whole input is also streamed as an entries array.
 */
#define _GNU_SOURCE
#include <string.h>

#include "fuzz.h"

#include "arena.h"
#include "buf.h"
#include "event.h"
#include "flat.h"
#include "json.h"
#include "lineio.h"
#include "put.h"

static int
on_entry(void *ctx, struct evb_jv *v, unsigned long long line)
{
	struct evb_put *put = ctx;
	struct evb_jv *const *items, *self;
	struct evb_reject rej;
	size_t n = evb_put_entries_of(v, &items, &self);

	(void)line;
	for (size_t i = 0; i < n; i++)
		(void)evb_put_entry(put, items[i], &rej);
	return 0;
}

static void
one_line(struct evb_put *put, struct evb_arena *a, const char *line, size_t n)
{
	struct evb_reject rej;
	struct evb_err e;
	struct evb_jv *v;
	struct evb_flat f;

	(void)evb_put_detail(put, line, n, &rej);
	evb_arena_reset(a);
	if ((v = evb_json_parse(a, line, n, 0, &e)) != NULL)
		(void)on_entry(put, v, 1);
	(void)evb_event_complete(line, n);
	evb_arena_reset(a);
	(void)evb_flat_parse(a, line, n, 0, &f, &e);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct evb_buf out = EVB_BUF_INIT;
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_put put;
	struct evb_reader r;
	struct evb_jstream *s;
	struct evb_err e;
	const char *line;
	size_t n;
	enum evb_line st;
	char path[32];
	int fd = fuzz_file(data, size, path);

	evb_put_init(&put, &out);
	put.source.p = "fuzz";
	put.source.n = 4;
	put.detail_type.p = "Fuzz";
	put.detail_type.n = 4;
	evb_reader_fdopen(&r, fd, path, 512);
	while ((st = evb_reader_next(&r, &line, &n)) != EVB_LINE_EOF &&
	    st != EVB_LINE_ERROR) {
		if (st == EVB_LINE_OK || st == EVB_LINE_NUL)
			one_line(&put, &a, line, n);
		evb_buf_reset(&out);
	}
	evb_reader_close(&r);

	s = evb_jstream_new(0, on_entry, &put);
	if (evb_jstream_feed(s, (const char *)data, size / 2, &e) == 0 &&
	    evb_jstream_feed(s, (const char *)data + size / 2,
	    size - size / 2, &e) == 0)
		(void)evb_jstream_finish(s, &e);
	evb_jstream_free(s);

	close(fd);
	evb_put_fini(&put);
	evb_arena_fini(&a);
	evb_buf_fini(&out);
	return 0;
}
