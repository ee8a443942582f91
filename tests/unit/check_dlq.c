/*
 * dlq, dlqops, handoff and replay: dead-letter records written and read
 * back, selecting, rewriting and redriving dead-letter files, and replaying
 * archives in time order.
 */
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <check.h>

#include "arena.h"
#include "buf.h"
#include "dlq.h"
#include "dlqops.h"
#include "handoff.h"
#include "lineio.h"
#include "replay.h"
#include "unit.h"

Suite	*dlq_suite(void);

#define L(s)	s, sizeof(s) - 1

/* A record as evfan writes it, for event id ID, rule R, target T. */
#define REC(id, r, t, code, dead)					\
	"{\"event\":{\"id\":\"" id "\",\"source\":\"shop\"},"		\
	"\"attributes\":{\"RULE_ARN\":\"arn:aws:events:us-east-1:"	\
	"000000000000:rule/" r "\",\"TARGET_ARN\":\"exec:x\","		\
	"\"ERROR_CODE\":\"" code "\",\"ERROR_MESSAGE\":\"exited 3\","	\
	"\"RETRY_ATTEMPTS\":\"2\"},\"rule\":\"" r "\",\"target\":\""	\
	t "\",\"firstAttempt\":\"" dead "\",\"lastAttempt\":\"" dead	\
	"\",\"deadLettered\":\"" dead "\"}"

static char *
slurp(const char *path, size_t *n)
{
	char *p = NULL;

	ck_assert_int_eq(evb_read_file(path, 1 << 20, &p, n), 0);
	return p;
}

static void
check_file(const char *path, const char *want)
{
	size_t n;
	char *p = slurp(path, &n);

	ck_assert_uint_eq(n, strlen(want));
	ck_assert_mem_eq(p, want, n);
	free(p);
}

/* Records written and read back */

START_TEST(test_format_parse)
{
	struct evb_dlq_record r;
	struct evb_dlq_entry e;
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_buf b = EVB_BUF_INIT;
	struct evb_err err;
	static const char ev[] = "{\"id\":\"e1\",\"n\":1.50}";

	memset(&r, 0, sizeof(r));
	r.event = ev;
	r.nevent = sizeof(ev) - 1;
	r.rule_arn = "arn:aws:events:us-east-1:000000000000:rule/orders";
	r.target_arn = "exec:./send.sh";
	r.rule = "orders";
	r.target = "email";
	r.code = "ERROR_FROM_TARGET";
	r.message = "exited 3";
	r.exhausted = "MaximumRetryAttempts";
	r.retries = 2;
	r.first = 1795683600;		/* 2026-11-26T09:00:00Z */
	r.last = r.first + 5;
	r.now = r.first + 6;
	evb_dlq_format(&b, &r);
	ck_assert_bytes(b.p, b.len, "{\"event\":{\"id\":\"e1\",\"n\":1.50},"
	    "\"attributes\":{\"RULE_ARN\":\"arn:aws:events:us-east-1:"
	    "000000000000:rule/orders\",\"TARGET_ARN\":\"exec:./send.sh\","
	    "\"ERROR_CODE\":\"ERROR_FROM_TARGET\",\"ERROR_MESSAGE\":"
	    "\"exited 3\",\"EXHAUSTED_RETRY_CONDITION\":"
	    "\"MaximumRetryAttempts\",\"RETRY_ATTEMPTS\":\"2\"},"
	    "\"rule\":\"orders\",\"target\":\"email\",\"firstAttempt\":"
	    "\"2026-11-26T09:00:00Z\",\"lastAttempt\":\"2026-11-26T09:00:05Z\","
	    "\"deadLettered\":\"2026-11-26T09:00:06Z\"}\n");
	ck_assert_int_eq(evb_dlq_parse(&a, b.p, b.len - 1, &e, &err), 0);
	/* The event comes back byte for byte, number text and all. */
	ck_assert_bytes(e.event, e.nevent, "{\"id\":\"e1\",\"n\":1.50}");
	ck_assert_str_eq(e.rule_arn, r.rule_arn);
	ck_assert_str_eq(e.target_arn, "exec:./send.sh");
	ck_assert_str_eq(e.rule, "orders");
	ck_assert_str_eq(e.target, "email");
	ck_assert_str_eq(e.code, "ERROR_FROM_TARGET");
	ck_assert_str_eq(e.message, "exited 3");
	ck_assert_str_eq(e.exhausted, "MaximumRetryAttempts");
	ck_assert_uint_eq(e.retries, 2);
	ck_assert_int_eq(e.first, r.first);
	ck_assert_int_eq(e.last, r.last);
	ck_assert_int_eq(e.dead, r.now);
	evb_arena_fini(&a);
	evb_buf_fini(&b);
}
END_TEST

/* Lines that are records, and lines that are not. */
static const struct {
	const char	*line;
	size_t		 n;
	int		 rc;
	const char	*why;		/* the start of the message */
} parses[] = {
	{ L(REC("e1", "orders", "email", "TIMEOUT", "2026-11-26T09:00:00Z")),
	    0, NULL },
	/* Only event and attributes are required. */
	{ L("{\"event\":{},\"attributes\":{}}"), 0, NULL },
	{ L("{\"event\":{\"id\":\"e1\"},\"attributes\":{}"), -1,
	    "premature EOF" },
	{ L("{\"event\":{\"id\":\"e1\""), -1, "premature EOF" },
	{ L("not json"), -1, "" },
	{ L("[]"), -1, "not a dead-letter record" },
	{ L("{\"attributes\":{}}"), -1, "not a dead-letter record" },
	{ L("{\"event\":\"e1\",\"attributes\":{}}"), -1,
	    "not a dead-letter record" },
	{ L("{\"event\":{}}"), -1, "not a dead-letter record" },
	{ L("{\"event\":{},\"attributes\":[]}"), -1,
	    "not a dead-letter record" },
	{ L("{\"event\":{},\"attributes\":{},\"deadLettered\":\"soon\"}"),
	    -1, "a time is not RFC 3339" },
};

START_TEST(test_parse)
{
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_dlq_entry e;
	struct evb_err err;
	int rc;

	memset(&err, 0, sizeof(err));
	rc = evb_dlq_parse(&a, parses[_i].line, parses[_i].n, &e, &err);
	ck_assert_int_eq(rc, parses[_i].rc);
	if (rc == -1)
		ck_assert_ptr_nonnull(strstr(err.msg, parses[_i].why));
	evb_arena_fini(&a);
}
END_TEST

/* Selecting */

static const struct {
	struct evb_dlq_filter	 f;
	bool			 want;
} filters[] = {
	{ { NULL, NULL, NULL, false, false, false, 0, 0, 0 }, true },
	{ { "orders", NULL, NULL, false, false, false, 0, 0, 0 }, true },
	{ { "audit", NULL, NULL, false, false, false, 0, 0, 0 }, false },
	{ { NULL, "email", NULL, false, false, false, 0, 0, 0 }, true },
	{ { NULL, "ship", NULL, false, false, false, 0, 0, 0 }, false },
	{ { NULL, NULL, "TIMEOUT", false, false, false, 0, 0, 0 }, true },
	{ { NULL, NULL, "TIMEOU", false, false, false, 0, 0, 0 }, false },
	/* since is inclusive, until and before exclusive. */
	{ { NULL, NULL, NULL, true, false, false, 1000, 0, 0 }, true },
	{ { NULL, NULL, NULL, true, false, false, 1001, 0, 0 }, false },
	{ { NULL, NULL, NULL, false, true, false, 0, 1000, 0 }, false },
	{ { NULL, NULL, NULL, false, true, false, 0, 1001, 0 }, true },
	{ { NULL, NULL, NULL, false, false, true, 0, 0, 1000 }, false },
	{ { NULL, NULL, NULL, false, false, true, 0, 0, 1001 }, true },
	{ { "orders", "email", "TIMEOUT", true, true, true, 999, 1001, 1001 },
	    true },
	{ { "orders", "email", "TIMEOUT", true, true, true, 999, 1001, 999 },
	    false },
};

START_TEST(test_selects)
{
	struct evb_dlq_entry e;

	memset(&e, 0, sizeof(e));
	e.rule = "orders";
	e.target = "email";
	e.code = "TIMEOUT";
	e.dead = 1000;
	ck_assert(evb_dlq_selects(&filters[_i].f, &e) == filters[_i].want);
	/* A record without names matches only no name. */
	e.rule = e.target = e.code = NULL;
	if (filters[_i].f.rule != NULL || filters[_i].f.target != NULL ||
	    filters[_i].f.code != NULL)
		ck_assert(!evb_dlq_selects(&filters[_i].f, &e));
}
END_TEST

/* Appending */

START_TEST(test_append)
{
	char *dir = unit_tmpdir(), *path;
	struct stat st;
	static const char r1[] = "{\"a\":1}\n", r2[] = "{\"b\":2}\n";

	path = unit_file(dir, "dlq", "", 0);
	unlink(path);
	/* Created, 0600, when missing. */
	ck_assert_int_eq(evb_dlq_append(path, L(r1)), 0);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_mode & 0777, 0600);
	check_file(path, "{\"a\":1}\n");
	/* A half-written last line gets its newline before the next record. */
	free(unit_file(dir, "dlq", L("{\"a\":1}\n{\"half")));
	ck_assert_int_eq(evb_dlq_append(path, L(r2)), 0);
	check_file(path, "{\"a\":1}\n{\"half\n{\"b\":2}\n");
	ck_assert_int_eq(evb_dlq_append(path, L(r1)), 0);
	check_file(path, "{\"a\":1}\n{\"half\n{\"b\":2}\n{\"a\":1}\n");
	free(path);
	unit_rmtree(dir);
}
END_TEST

/* Scanning and rewriting */

struct seen {
	struct evb_buf		 log;	/* "R<line>:<id> " or "B<line> " */
	enum evb_dlq_verdict	 verdict[16];	/* by line number */
	int			 commit;	/* what commit returns */
};

static enum evb_dlq_verdict
seen_record(void *ctx, const struct evb_dlq_entry *e, const char *line,
    size_t n, unsigned long long lineno)
{
	struct seen *s = ctx;

	(void)line;
	(void)n;
	evb_buf_printf(&s->log, "R%llu:%.*s ", lineno, (int)e->nevent,
	    e->event);
	return lineno < 16 ? s->verdict[lineno] : EVB_DLQ_KEEP;
}

static void
seen_bad(void *ctx, const char *path, unsigned long long line,
    const char *why)
{
	struct seen *s = ctx;

	(void)path;
	(void)why;
	evb_buf_printf(&s->log, "B%llu ", line);
}

static int
seen_commit(void *ctx, int fd)
{
	struct seen *s = ctx;

	(void)fd;
	return s->commit;
}

#define R1	REC("e1", "orders", "email", "TIMEOUT", "2026-11-26T09:00:00Z")
#define R2	REC("e2", "orders", "ship", "TIMEOUT", "2026-11-26T09:00:00Z")
#define R3	REC("e3", "audit", "log", "NO_RESOURCE", "2026-11-26T09:00:00Z")
#define R4	REC("e4", "orders", "email", "TIMEOUT", "2026-11-26T09:00:00Z")

/* Records, blank lines, CRLF, a bad line and a truncated last line. */
static const char file[] =
    R1 "\n"
    "\n"
    R2 "\r\n"
    "{\"event\":1}\n"
    R3 "\n"
    "{\"event\":{\"id\":\"e9\"";

START_TEST(test_scan)
{
	char *dir = unit_tmpdir(), *path = unit_file(dir, "dlq", L(file));
	struct seen s = { EVB_BUF_INIT, { 0 }, 0 };
	struct evb_dlq_visitor v = { &s, seen_record, seen_bad, NULL, NULL };
	struct evb_err err;

	ck_assert_int_eq(evb_dlq_scan(path, &v, &err), 0);
	ck_assert_str_eq(evb_buf_cstr(&s.log),
	    "R1:{\"id\":\"e1\",\"source\":\"shop\"} "
	    "R3:{\"id\":\"e2\",\"source\":\"shop\"} "
	    "B4 "
	    "R5:{\"id\":\"e3\",\"source\":\"shop\"} "
	    "B6 ");
	/* Scanning changes nothing, whatever the visitor says. */
	check_file(path, file);
	free(path);
	path = xstrdup("no-such-dlq");
	ck_assert_int_eq(evb_dlq_scan(path, &v, &err), -1);
	ck_assert_str_eq(err.msg, "no-such-dlq: No such file or directory");
	free(path);
	evb_buf_fini(&s.log);
	unit_rmtree(dir);
}
END_TEST

START_TEST(test_rewrite)
{
	char *dir = unit_tmpdir(), *path = unit_file(dir, "dlq", L(file));
	struct seen s = { EVB_BUF_INIT, { 0 }, 0 };
	struct evb_dlq_visitor v = { &s, seen_record, seen_bad, seen_commit,
	    NULL };
	struct evb_err err;
	struct stat a, b;

	s.verdict[3] = EVB_DLQ_DROP;
	ck_assert_int_eq(stat(path, &a), 0);
	ck_assert_int_eq(evb_dlq_rewrite(path, &v, &err), 0);
	/* Dropped: e2; kept: records and bad lines in order, line ends LF. */
	check_file(path, R1 "\n" "{\"event\":1}\n" R3 "\n"
	    "{\"event\":{\"id\":\"e9\"\n");
	ck_assert_int_eq(stat(path, &b), 0);
	ck_assert(a.st_ino != b.st_ino);
	free(path);
	unit_rmtree(dir);
	evb_buf_fini(&s.log);
}
END_TEST

START_TEST(test_rewrite_abort)
{
	char *dir = unit_tmpdir(), *path = unit_file(dir, "dlq", L(file));
	struct seen s = { EVB_BUF_INIT, { 0 }, 0 };
	struct evb_dlq_visitor v = { &s, seen_record, seen_bad, seen_commit,
	    NULL };
	struct evb_err err;
	struct stat a, b;

	ck_assert_int_eq(stat(path, &a), 0);
	/* Aborted by a record, or by the commit: nothing changes. */
	s.verdict[1] = EVB_DLQ_DROP;
	s.verdict[3] = EVB_DLQ_ABORT;
	ck_assert_int_eq(evb_dlq_rewrite(path, &v, &err), 1);
	s.verdict[3] = EVB_DLQ_DROP;
	s.commit = -1;
	ck_assert_int_eq(evb_dlq_rewrite(path, &v, &err), 1);
	check_file(path, file);
	ck_assert_int_eq(stat(path, &b), 0);
	ck_assert(a.st_ino == b.st_ino);
	/* And no temporary file is left behind. */
	ck_assert_int_eq(unlink(path), 0);
	ck_assert_int_eq(rmdir(dir), 0);
	free(dir);
	free(path);
	evb_buf_fini(&s.log);
}
END_TEST

/* Redriving: snapshot, hand on, commit */

static enum evb_dlq_verdict
pick_email(void *ctx, const struct evb_dlq_entry *e, const char *line,
    size_t n, unsigned long long lineno)
{
	(void)ctx;
	(void)line;
	(void)n;
	(void)lineno;
	return strcmp(e->target, "email") == 0 ? EVB_DLQ_DROP : EVB_DLQ_KEEP;
}

static void
quiet_bad(void *ctx, const char *path, unsigned long long line,
    const char *why)
{
	(void)ctx;
	(void)path;
	(void)line;
	(void)why;
}

START_TEST(test_snap_commit)
{
	char *dir = unit_tmpdir(), *path;
	struct evb_dlq_visitor v = { NULL, pick_email, quiet_bad, NULL, NULL };
	struct evb_dlq_snap s;
	struct evb_dlq_entry e;
	struct evb_err err;
	static const char more[] = R1 "\n";

	path = unit_file(dir, "dlq", L(R1 "\n" R2 "\n" "junk\n" R4 "\n"));
	ck_assert_int_eq(evb_dlq_snap_open(&s, path, &v, &err), 0);
	ck_assert_uint_eq(s.n, 2);
	ck_assert_uint_eq(s.v[0].lineno, 1);
	ck_assert_uint_eq(s.v[1].lineno, 4);
	ck_assert_int_eq(evb_dlq_snap_read(&s, 1, &e, &err), 0);
	ck_assert_bytes(e.event, e.nevent,
	    "{\"id\":\"e4\",\"source\":\"shop\"}");
	/* Meanwhile, an evfan appends a record equal to one taken. */
	ck_assert_int_eq(evb_dlq_append(path, L(more)), 0);
	s.v[0].taken = s.v[1].taken = true;
	ck_assert_int_eq(evb_dlq_snap_commit(&s, L("{\"extra\":1}\n"), &err),
	    2);
	/* One line per record taken: the appended twin stays. */
	check_file(path, R2 "\n" "junk\n" R1 "\n" "{\"extra\":1}\n");
	evb_dlq_snap_fini(&s);
	free(path);
	unit_rmtree(dir);
}
END_TEST

START_TEST(test_snap_replaced)
{
	char *dir = unit_tmpdir(), *path;
	struct evb_dlq_visitor v = { NULL, pick_email, quiet_bad, NULL, NULL };
	struct evb_dlq_snap s;
	struct evb_err err;
	char *other;

	path = unit_file(dir, "dlq", L(R1 "\n" R2 "\n" R4 "\n"));
	ck_assert_int_eq(evb_dlq_snap_open(&s, path, &v, &err), 0);
	ck_assert_uint_eq(s.n, 2);
	/* Another rewrite replaces the file, the records move, one goes. */
	other = unit_file(dir, "new", L(R3 "\n" R4 "\n" R2 "\n"));
	ck_assert_int_eq(rename(other, path), 0);
	s.v[0].taken = s.v[1].taken = true;
	ck_assert_int_eq(evb_dlq_snap_commit(&s, NULL, 0, &err), 1);
	check_file(path, R3 "\n" R2 "\n");
	/* Nothing taken: the file is left alone. */
	s.v[0].taken = s.v[1].taken = false;
	ck_assert_int_eq(evb_dlq_snap_commit(&s, NULL, 0, &err), 0);
	check_file(path, R3 "\n" R2 "\n");
	evb_dlq_snap_fini(&s);
	free(other);
	free(path);
	unit_rmtree(dir);
}
END_TEST

START_TEST(test_snap_emit_file)
{
	char *dir = unit_tmpdir(), *path, *outp;
	struct evb_dlq_visitor v = { NULL, pick_email, quiet_bad, NULL, NULL };
	struct evb_dlq_snap s;
	struct evb_handoff h;
	struct evb_err err;
	int fd;

	path = unit_file(dir, "dlq", L(R1 "\n" R2 "\n" R4 "\n"));
	outp = unit_file(dir, "out", "", 0);
	fd = open(outp, O_WRONLY | O_APPEND);
	ck_assert_int_ne(fd, -1);
	ck_assert_int_eq(evb_dlq_snap_open(&s, path, &v, &err), 0);
	evb_handoff_init(&h, fd, NULL);
	ck_assert(!h.pipe);
	ck_assert_int_eq(evb_dlq_snap_emit(&s, &h), 0);
	ck_assert(s.v[0].taken && s.v[1].taken);
	check_file(outp, "{\"id\":\"e1\",\"source\":\"shop\"}\n"
	    "{\"id\":\"e4\",\"source\":\"shop\"}\n");
	ck_assert_int_eq(evb_dlq_snap_commit(&s, NULL, 0, &err), 2);
	check_file(path, R2 "\n");
	evb_handoff_fini(&h);
	evb_dlq_snap_fini(&s);
	close(fd);
	free(path);
	free(outp);
	unit_rmtree(dir);
}
END_TEST

/* A pipe: only what its reader has read counts as taken. */
START_TEST(test_handoff_pipe)
{
	struct evb_handoff h;
	unsigned long long end1, end2;
	char buf[64];
	int p[2];

	ck_assert_int_eq(pipe(p), 0);
	evb_handoff_init(&h, p[1], NULL);
	ck_assert(h.pipe);
	ck_assert_int_eq(evb_handoff_line(&h, L("hello"), &end1), 0);
	ck_assert_int_eq(evb_handoff_line(&h, L("world"), &end2), 0);
	ck_assert_uint_eq(end1, 6);
	ck_assert_uint_eq(end2, 12);
	ck_assert_uint_eq(evb_handoff_taken(&h), 0);
	ck_assert_int_eq(evb_handoff_flush(&h), 0);
	ck_assert_uint_eq(h.written, 12);
	ck_assert_uint_eq(evb_handoff_taken(&h), 0);
	ck_assert_int_eq(read(p[0], buf, 8), 8);
	ck_assert_uint_eq(evb_handoff_taken(&h), 8);
	ck_assert(!evb_handoff_gone(&h));
	ck_assert_int_eq(read(p[0], buf, 4), 4);
	ck_assert_int_eq(evb_handoff_drain(&h), 0);
	ck_assert_uint_eq(evb_handoff_taken(&h), 12);
	/* The reader leaves: noticed, and a write fails with EPIPE. */
	ck_assert_int_eq(evb_handoff_line(&h, L("again"), &end1), 0);
	ck_assert_int_eq(evb_handoff_flush(&h), 0);
	close(p[0]);
	ck_assert(evb_handoff_gone(&h));
	ck_assert_int_eq(evb_handoff_drain(&h), -1);
	ck_assert_int_eq(h.error, EPIPE);
	evb_handoff_fini(&h);
	close(p[1]);
}
END_TEST

static int
always(void)
{
	return 1;
}

START_TEST(test_handoff_stop)
{
	struct evb_handoff h;
	unsigned long long end;
	int p[2];

	ck_assert_int_eq(pipe(p), 0);
	evb_handoff_init(&h, p[1], always);
	ck_assert_int_eq(evb_handoff_line(&h, L("x"), &end), 0);
	ck_assert_int_eq(evb_handoff_flush(&h), -1);
	ck_assert_int_eq(h.error, EINTR);
	ck_assert_uint_eq(h.written, 0);
	/* Once failed, always failed. */
	ck_assert_int_eq(evb_handoff_line(&h, L("y"), &end), -1);
	evb_handoff_fini(&h);
	close(p[0]);
	close(p[1]);
}
END_TEST

/* A reader that reads the first line, then a signal. */
static int reader_fd = -1;
static size_t reader_takes;

static int
read_then_stop(void)
{
	static int calls;
	char buf[256];

	/* The first call comes before the write, the next while draining. */
	if (reader_takes == 0 || ++calls == 1)
		return 0;
	ck_assert_int_eq(read(reader_fd, buf, reader_takes),
	    (ssize_t)reader_takes);
	reader_takes = 0;
	return 1;
}

START_TEST(test_snap_emit_pipe)
{
	char *dir = unit_tmpdir(), *path;
	struct evb_dlq_visitor v = { NULL, pick_email, quiet_bad, NULL, NULL };
	struct evb_dlq_snap s;
	struct evb_handoff h;
	struct evb_err err;
	int p[2];

	path = unit_file(dir, "dlq", L(R1 "\n" R2 "\n" R4 "\n"));
	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_eq(evb_dlq_snap_open(&s, path, &v, &err), 0);
	/* Stopped at once: nothing written, nothing taken. */
	evb_handoff_init(&h, p[1], always);
	ck_assert_int_eq(evb_dlq_snap_emit(&s, &h), -1);
	ck_assert_int_eq(h.error, EINTR);
	ck_assert(!s.v[0].taken && !s.v[1].taken);
	evb_handoff_fini(&h);
	ck_assert_int_eq(evb_dlq_snap_commit(&s, NULL, 0, &err), 0);
	check_file(path, R1 "\n" R2 "\n" R4 "\n");
	/* The reader takes the first line, then a signal: e1 only. */
	reader_fd = p[0];
	reader_takes = sizeof("{\"id\":\"e1\",\"source\":\"shop\"}\n") - 1;
	evb_handoff_init(&h, p[1], read_then_stop);
	ck_assert_int_eq(evb_dlq_snap_emit(&s, &h), -1);
	ck_assert_int_eq(h.error, EINTR);
	ck_assert(s.v[0].taken && !s.v[1].taken);
	ck_assert_int_eq(evb_dlq_snap_commit(&s, NULL, 0, &err), 1);
	check_file(path, R2 "\n" R4 "\n");
	evb_handoff_fini(&h);
	evb_dlq_snap_fini(&s);
	close(p[0]);
	close(p[1]);
	free(path);
	unit_rmtree(dir);
}
END_TEST

/* Replaying */

static const struct {
	const char	*in;
	const char	*out;
} marks[] = {
	{ "{\"id\":\"a\",\"region\":\"us-east-1\",\"detail\":{}}",
	    "{\"id\":\"a\",\"region\":\"us-east-1\",\"replay-name\":\"r\","
	    "\"detail\":{}}" },
	{ "{\"id\":\"a\"}", "{\"replay-name\":\"r\",\"id\":\"a\"}" },
	{ "{}", "{\"replay-name\":\"r\"}" },
	{ "{\"replay-name\":\"old\",\"region\":\"x\"}",
	    "{\"replay-name\":\"r\",\"region\":\"x\"}" },
	{ "{ \"region\" : \"x\" }", "{ \"region\" : \"x\",\"replay-name\":"
	    "\"r\" }" },
};

START_TEST(test_replay_mark)
{
	struct evb_buf b = EVB_BUF_INIT;

	ck_assert_int_eq(evb_replay_mark(&b, marks[_i].in,
	    strlen(marks[_i].in), "r"), 0);
	ck_assert_str_eq(evb_buf_cstr(&b), marks[_i].out);
	evb_buf_reset(&b);
	ck_assert_int_eq(evb_replay_mark(&b, L("[1]"), "r"), -1);
	ck_assert_int_eq(evb_replay_mark(&b, L("{"), "r"), -1);
	evb_buf_fini(&b);
}
END_TEST

struct bads {
	struct evb_buf	 log;
};

static void
replay_bad(void *ctx, const char *path, unsigned long long line,
    const char *why)
{
	struct bads *b = ctx;

	(void)why;
	evb_buf_printf(&b->log, "%s:%llu ", strrchr(path, '/') + 1, line);
}

static void
replay_unreadable(void *ctx, const char *path, int e)
{
	struct bads *b = ctx;

	evb_buf_printf(&b->log, "%s:%d ", path, e == ENOENT);
}

START_TEST(test_replay_order)
{
	char *dir = unit_tmpdir(), *files[3], *outp;
	struct evb_replay rp;
	struct evb_writer w;
	struct bads b = { EVB_BUF_INIT };
	struct evb_err err;
	int fd;

	files[0] = unit_file(dir, "a", L(
	    "{\"id\":\"a3\",\"time\":\"2026-11-26T09:03:00Z\"}\n"
	    "{\"id\":\"a1\",\"time\":\"2026-11-26T09:01:00Z\"}\n"
	    "bad\n"
	    "{\"id\":\"a0\",\"time\":\"2026-11-26T08:59:59Z\"}\n"
	    "{\"id\":\"a9\",\"time\":\"2026-11-26T10:00:00Z\"}\n"
	    "{\"id\":\"a2\",\"time\":\"2026-11-26T10:02:00+01:00\"}\r\n"));
	files[1] = xstrdup("no-such-archive");
	files[2] = unit_file(dir, "b", L(
	    "{\"id\":\"b1\",\"time\":\"2026-11-26T09:01:00Z\"}\n"
	    "{\"id\":\"b0\",\"time\":\"2026-11-26T09:00:00Z\"}\n"
	    "{\"id\":\"bx\"}\n"
	    "{\"id\":\"b2\",\"time\":\"2026-11-26T09:01:00.999Z\"}"));
	outp = unit_file(dir, "out", "", 0);
	fd = open(outp, O_WRONLY | O_TRUNC);
	evb_writer_init(&w, fd, "out");
	memset(&rp, 0, sizeof(rp));
	rp.from = 1795683600;		/* 2026-11-26T09:00:00Z */
	rp.to = rp.from + 3600;
	rp.name = "n";
	rp.bad = replay_bad;
	rp.unreadable = replay_unreadable;
	rp.ctx = &b;
	ck_assert_int_eq(evb_replay_run(&rp, files, 3, &w, &err), 6);
	ck_assert_int_eq(evb_writer_flush(&w), 0);
	/* By time, then file, then place; the window is [from, to). */
#define RN	"{\"replay-name\":\"n\",\"id\":"
	check_file(outp,
	    RN "\"b0\",\"time\":\"2026-11-26T09:00:00Z\"}\n"
	    RN "\"a1\",\"time\":\"2026-11-26T09:01:00Z\"}\n"
	    RN "\"b1\",\"time\":\"2026-11-26T09:01:00Z\"}\n"
	    RN "\"b2\",\"time\":\"2026-11-26T09:01:00.999Z\"}\n"
	    RN "\"a2\",\"time\":\"2026-11-26T10:02:00+01:00\"}\n"
	    RN "\"a3\",\"time\":\"2026-11-26T09:03:00Z\"}\n");
#undef RN
	ck_assert_str_eq(evb_buf_cstr(&b.log), "a:3 no-such-archive:1 b:3 ");
	evb_writer_fini(&w);
	close(fd);
	for (int i = 0; i < 3; i++)
		free(files[i]);
	free(outp);
	evb_buf_fini(&b.log);
	unit_rmtree(dir);
}
END_TEST

Suite *
dlq_suite(void)
{
	Suite *s = suite_create("dlq");
	TCase *tc = tcase_create("dlq");

	tcase_add_test(tc, test_format_parse);
	tcase_add_loop_test(tc, test_parse, 0, nitems(parses));
	tcase_add_loop_test(tc, test_selects, 0, nitems(filters));
	tcase_add_test(tc, test_append);
	tcase_add_test(tc, test_scan);
	tcase_add_test(tc, test_rewrite);
	tcase_add_test(tc, test_rewrite_abort);
	tcase_add_test(tc, test_snap_commit);
	tcase_add_test(tc, test_snap_replaced);
	tcase_add_test(tc, test_snap_emit_file);
	tcase_add_test(tc, test_handoff_pipe);
	tcase_add_test(tc, test_handoff_stop);
	tcase_add_test(tc, test_snap_emit_pipe);
	tcase_add_loop_test(tc, test_replay_mark, 0, nitems(marks));
	tcase_add_test(tc, test_replay_order);
	suite_add_tcase(s, tc);
	return s;
}
