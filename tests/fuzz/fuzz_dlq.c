/*
 * The dead-letter and archive readers behind evdlq.  The input is read as
 * a dead-letter file (each record parsed, described and counted, as evdlq
 * show and stats do), then replayed as an archive of events (every line
 * with a time is marked with a replay name and written out).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <time.h>

#include "fuzz.h"

#include "buf.h"
#include "dlq.h"
#include "dlqops.h"
#include "dlqreport.h"
#include "lineio.h"
#include "replay.h"

struct seen {
	struct evb_dlq_counts	 counts;
	struct evb_buf		 text;
};

static enum evb_dlq_verdict
record(void *ctx, const struct evb_dlq_entry *e, const char *line, size_t n,
    unsigned long long lineno)
{
	struct seen *s = ctx;

	(void)line;
	(void)n;
	evb_buf_reset(&s->text);
	evb_dlq_describe(&s->text, "fuzz.dlq", lineno, e);
	evb_dlq_count(&s->counts, e, 1764547200);
	return EVB_DLQ_KEEP;
}

static void
bad(void *ctx, const char *path, unsigned long long lineno, const char *why)
{
	(void)ctx;
	(void)path;
	(void)lineno;
	(void)why;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int null = -1;
	struct seen s = { .text = EVB_BUF_INIT };
	struct evb_dlq_visitor v = { &s, record, bad, NULL };
	struct evb_replay rp = { .from = INT64_MIN, .to = INT64_MAX,
	    .name = "fuzz", .bad = bad };
	struct evb_writer out;
	struct evb_err e;
	char path[32], *files[1] = { path };
	int fd = fuzz_file(data, size, path);

	if (null == -1 && (null = open("/dev/null", O_WRONLY)) == -1)
		abort();
	evb_dlq_counts_init(&s.counts);
	if (evb_dlq_scan(path, &v, &e) == 0) {
		evb_buf_reset(&s.text);
		evb_dlq_counts_write(&s.text, &s.counts, false);
		evb_dlq_counts_write(&s.text, &s.counts, true);
	}
	evb_dlq_counts_fini(&s.counts);
	evb_buf_fini(&s.text);

	evb_writer_init(&out, null, "(null)");
	(void)evb_replay_run(&rp, files, 1, &out, &e);
	(void)evb_writer_flush(&out);
	evb_writer_fini(&out);
	close(fd);
	return 0;
}
