/*
 * lineio: the NDJSON line reader and the buffered writer.
 *
 * Input comes through a pipe filled by a child process, either in one go
 * or a byte at a time with pauses, so that lines arrive split across reads.
 */
#include <sys/types.h>
#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <check.h>

#include "buf.h"
#include "evbus.h"
#include "lineio.h"
#include "unit.h"

Suite	*lineio_suite(void);

/* A child writing input into a pipe, step bytes per write(2). */
struct feeder {
	int	fd;		/* the read end */
	pid_t	pid;
};

static void
pause_us(long us)
{
	struct timespec ts = { us / 1000000, us % 1000000 * 1000 };

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		continue;
}

static void
feed_start(struct feeder *f, const char *p, size_t n, size_t step,
    long delay_us)
{
	int fds[2];

	ck_assert_int_eq(pipe(fds), 0);
	f->pid = fork();
	ck_assert_int_ge(f->pid, 0);
	if (f->pid == 0) {
		close(fds[0]);
		while (n > 0) {
			ssize_t k = write(fds[1], p, n < step ? n : step);

			if (k < 0)
				_exit(1);
			p += k;
			n -= (size_t)k;
			if (delay_us > 0)
				pause_us(delay_us);
		}
		_exit(0);
	}
	close(fds[1]);
	f->fd = fds[0];
}

static void
feed_end(struct feeder *f)
{
	int status;

	close(f->fd);
	ck_assert_int_eq(waitpid(f->pid, &status, 0), f->pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* What evb_reader_next() should return, in order. */
struct want {
	enum evb_line		 st;
	unsigned long long	 lineno;
	const char		*text;
	size_t			 n;
};

#define L(s)		s, sizeof(s) - 1
#define OK(ln, s)	{ EVB_LINE_OK, ln, L(s) }
#define NUL(ln, s)	{ EVB_LINE_NUL, ln, L(s) }
#define LONG(ln)	{ EVB_LINE_LONG, ln, NULL, 0 }
#define END(ln)		{ EVB_LINE_EOF, ln, NULL, 0 }

static const struct {
	const char	*in;
	size_t		 n;
	size_t		 max;
	struct want	 want[6];
} reader_cases[] = {
	{ L(""), 0, { END(0) } },
	{ L("a\nb\n"), 0, { OK(1, "a"), OK(2, "b"), END(2) } },
	{ L("a\r\nb\r\n"), 0, { OK(1, "a"), OK(2, "b"), END(2) } },
	{ L("a\nb"), 0, { OK(1, "a"), OK(2, "b"), END(2) } },
	{ L("a\nb\r"), 0, { OK(1, "a"), OK(2, "b"), END(2) } },
	{ L("\n \t\n\r\na\n\n  \r\nb\n\n"), 0,
	    { OK(4, "a"), OK(7, "b"), END(8) } },
	{ L("\n\n \n"), 0, { END(3) } },
	{ L("\r\n\t"), 0, { END(2) } },
	{ L("  a \t\n"), 0, { OK(1, "  a \t"), END(1) } },
	{ L("a\rb\r\r\n"), 0, { OK(1, "a\rb\r"), END(1) } },
	{ L("x\0y\nz\n"), 0, { NUL(1, "x\0y"), OK(2, "z"), END(2) } },
	{ L("\n\0\r\n\0"), 0, { NUL(2, "\0"), NUL(3, "\0"), END(3) } },
	/* Over-long lines: the limit is on the line without its CRLF. */
	{ L("12345678\n123456789\nok\n"), 8,
	    { OK(1, "12345678"), LONG(2), OK(3, "ok"), END(3) } },
	{ L("12345678\r\n"), 8, { OK(1, "12345678"), END(1) } },
	{ L("ok\n123456789"), 8, { OK(1, "ok"), LONG(2), END(2) } },
	{ L("1234567890123456789012345\n\nx\n12345678901234567890\n"), 8,
	    { LONG(1), OK(3, "x"), LONG(4), END(4) } },
	{ L("1234567890123456789012345\r\nx"), 8,
	    { LONG(1), OK(2, "x"), END(2) } },
	{ L("a\0b\0c\0d\0e\n"), 4, { LONG(1), END(1) } },
};

/* Every case twice: in one write, then a byte at a time. */
START_TEST(test_reader)
{
	const size_t ncases = nitems(reader_cases);
	const size_t c = (size_t)_i % ncases;
	const bool split = (size_t)_i >= ncases;
	struct feeder f;
	struct evb_reader r;

	feed_start(&f, reader_cases[c].in, reader_cases[c].n,
	    split ? 1 : 65536, split ? 100 : 0);
	evb_reader_fdopen(&r, f.fd, "test", reader_cases[c].max);
	for (size_t k = 0;; k++) {
		const struct want *w = &reader_cases[c].want[k];
		const char *line = NULL;
		size_t n = 0;
		enum evb_line st = evb_reader_next(&r, &line, &n);

		ck_assert_msg(st == w->st,
		    "case %zu (%s) result %zu: %d, not %d", c,
		    split ? "split" : "whole", k, (int)st, (int)w->st);
		ck_assert_uint_eq(r.lineno, w->lineno);
		if (st == EVB_LINE_OK || st == EVB_LINE_NUL) {
			ck_assert_uint_eq(n, w->n);
			ck_assert_mem_eq(line, w->text, n);
		}
		if (st == EVB_LINE_EOF)
			break;
	}
	/* The end stays the end. */
	ck_assert_int_eq(evb_reader_next(&r, &(const char *){ NULL },
	    &(size_t){ 0 }), EVB_LINE_EOF);
	evb_reader_close(&r);
	feed_end(&f);
}
END_TEST

/*
 * A line far over the limit is skipped without being buffered: the buffer
 * never grows, and the line after it is numbered right.
 */
START_TEST(test_long_unbuffered)
{
	const size_t big = 4 * 1024 * 1024;
	char *in = malloc(big + 8);
	struct feeder f;
	struct evb_reader r;
	const char *line;
	size_t n, cap;

	memset(in, 'x', big);
	memcpy(in + big, "\nok\n", 4);
	feed_start(&f, in, big + 4, 65536, 0);
	evb_reader_fdopen(&r, f.fd, "test", 100);
	cap = r.cap;
	ck_assert_int_eq(evb_reader_next(&r, &line, &n), EVB_LINE_LONG);
	ck_assert_uint_eq(r.lineno, 1);
	ck_assert_uint_eq(r.cap, cap);
	ck_assert_int_eq(evb_reader_next(&r, &line, &n), EVB_LINE_OK);
	ck_assert_bytes(line, n, "ok");
	ck_assert_uint_eq(r.lineno, 2);
	ck_assert_int_eq(evb_reader_next(&r, &line, &n), EVB_LINE_EOF);
	ck_assert_uint_eq(r.cap, cap);
	evb_reader_close(&r);
	feed_end(&f);
	free(in);
}
END_TEST

/* The same from a regular file, where every read(2) fills the buffer. */
START_TEST(test_long_file)
{
	const size_t big = 3 * 1024 * 1024 + 7;
	char *dir = unit_tmpdir(), *path, *in = malloc(big + 8);
	struct evb_reader r;
	const char *line;
	size_t n, cap;

	memset(in, 'y', big);
	memcpy(in, "a\n", 2);
	path = unit_file(dir, "long", in, big);
	ck_assert_int_eq(evb_reader_open(&r, path, 1000), 0);
	ck_assert(r.own_fd);
	ck_assert_str_eq(r.name, path);
	cap = r.cap;
	ck_assert_int_eq(evb_reader_next(&r, &line, &n), EVB_LINE_OK);
	ck_assert_bytes(line, n, "a");
	ck_assert_int_eq(evb_reader_next(&r, &line, &n), EVB_LINE_LONG);
	ck_assert_uint_eq(r.lineno, 2);
	ck_assert_int_eq(evb_reader_next(&r, &line, &n), EVB_LINE_EOF);
	ck_assert_uint_eq(r.cap, cap);
	evb_reader_close(&r);
	free(path);
	free(in);
	unit_rmtree(dir);
}
END_TEST

/* Lines up to the limit are kept whole, even when bigger than a read. */
START_TEST(test_limit_boundary)
{
	const size_t max = 200000;
	struct evb_buf in = EVB_BUF_INIT;
	struct feeder f;
	struct evb_reader r;
	const char *line;
	size_t n;

	memset(evb_buf_reserve(&in, max), 'a', max);
	in.len += max;
	evb_buf_adds(&in, "\r\n");
	memset(evb_buf_reserve(&in, max + 1), 'b', max + 1);
	in.len += max + 1;
	evb_buf_adds(&in, "\nc\n");
	memset(evb_buf_reserve(&in, max), 'd', max);
	in.len += max;
	feed_start(&f, in.p, in.len, 4096, 0);
	evb_reader_fdopen(&r, f.fd, "test", max);
	ck_assert_int_eq(evb_reader_next(&r, &line, &n), EVB_LINE_OK);
	ck_assert_uint_eq(n, max);
	ck_assert(line[0] == 'a' && line[max - 1] == 'a');
	ck_assert_int_eq(evb_reader_next(&r, &line, &n), EVB_LINE_LONG);
	ck_assert_uint_eq(r.lineno, 2);
	ck_assert_int_eq(evb_reader_next(&r, &line, &n), EVB_LINE_OK);
	ck_assert_bytes(line, n, "c");
	ck_assert_uint_eq(r.lineno, 3);
	ck_assert_int_eq(evb_reader_next(&r, &line, &n), EVB_LINE_OK);
	ck_assert_uint_eq(n, max);
	ck_assert(line[0] == 'd' && line[max - 1] == 'd');
	ck_assert_uint_eq(r.lineno, 4);
	ck_assert_int_eq(evb_reader_next(&r, &line, &n), EVB_LINE_EOF);
	evb_reader_close(&r);
	feed_end(&f);
	evb_buf_fini(&in);
}
END_TEST

/* Many lines, cut into reads at odd places. */
START_TEST(test_many_lines)
{
	struct evb_buf in = EVB_BUF_INIT;
	struct feeder f;
	struct evb_reader r;
	const char *line;
	size_t n;
	unsigned long long i;

	for (i = 1; i <= 20000; i++)
		evb_buf_printf(&in, "{\"n\":%llu}%s", i, i % 3 ? "\n" : "\r\n");
	feed_start(&f, in.p, in.len, 1000 + 7, 0);
	evb_reader_fdopen(&r, f.fd, "test", 0);
	for (i = 1; evb_reader_next(&r, &line, &n) == EVB_LINE_OK; i++) {
		char want[32];
		int k = snprintf(want, sizeof(want), "{\"n\":%llu}", i);

		ck_assert_uint_eq(r.lineno, i);
		ck_assert_uint_eq(n, (size_t)k);
		ck_assert_mem_eq(line, want, n);
	}
	ck_assert_uint_eq(i, 20001);
	evb_reader_close(&r);
	feed_end(&f);
	evb_buf_fini(&in);
}
END_TEST

START_TEST(test_open)
{
	struct evb_reader r;

	errno = 0;
	ck_assert_int_eq(evb_reader_open(&r, "/nonexistent/evbus/input", 0),
	    -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_int_eq(evb_reader_open(&r, "-", 0), 0);
	ck_assert_int_eq(r.fd, STDIN_FILENO);
	ck_assert_str_eq(r.name, EVB_STDIN_NAME);
	ck_assert(!r.own_fd);
	ck_assert_uint_eq(r.max_line, EVB_MAX_LINE_DEFAULT);
	evb_reader_close(&r);
}
END_TEST

/* peek skips white space, counts its newlines and consumes nothing else. */
START_TEST(test_peek_then_lines)
{
	static const char in[] = "\n \n\t{\"a\":1}\n\n{\"b\":2}";
	const bool split = _i == 1;
	struct feeder f;
	struct evb_reader r;
	const char *line;
	size_t n;

	feed_start(&f, in, sizeof(in) - 1, split ? 1 : 4096, split ? 100 : 0);
	evb_reader_fdopen(&r, f.fd, "test", 0);
	ck_assert_int_eq(evb_reader_peek(&r), '{');
	ck_assert_uint_eq(r.lineno, 2);
	ck_assert_int_eq(evb_reader_peek(&r), '{');
	ck_assert_uint_eq(r.lineno, 2);
	ck_assert_int_eq(evb_reader_next(&r, &line, &n), EVB_LINE_OK);
	ck_assert_bytes(line, n, "{\"a\":1}");
	ck_assert_uint_eq(r.lineno, 3);
	ck_assert_int_eq(evb_reader_next(&r, &line, &n), EVB_LINE_OK);
	ck_assert_bytes(line, n, "{\"b\":2}");
	ck_assert_uint_eq(r.lineno, 5);
	ck_assert_int_eq(evb_reader_next(&r, &line, &n), EVB_LINE_EOF);
	evb_reader_close(&r);
	feed_end(&f);
}
END_TEST

/* After peek, chunks return the rest of the input exactly. */
START_TEST(test_peek_then_chunks)
{
	static const char in[] = "  \r\n\n [1,\n {\"a\" : 2}]\n";
	const bool split = _i == 1;
	struct feeder f;
	struct evb_reader r;
	struct evb_buf got = EVB_BUF_INIT;
	const char *p;
	size_t n;
	enum evb_line st;

	feed_start(&f, in, sizeof(in) - 1, split ? 1 : 4096, split ? 100 : 0);
	evb_reader_fdopen(&r, f.fd, "test", 0);
	ck_assert_int_eq(evb_reader_peek(&r), '[');
	ck_assert_uint_eq(r.lineno, 2);
	while ((st = evb_reader_chunk(&r, &p, &n)) == EVB_LINE_OK) {
		ck_assert_uint_gt(n, 0);
		evb_buf_add(&got, p, n);
	}
	ck_assert_int_eq(st, EVB_LINE_EOF);
	ck_assert_int_eq(evb_reader_chunk(&r, &p, &n), EVB_LINE_EOF);
	ck_assert_bytes(got.p, got.len, "[1,\n {\"a\" : 2}]\n");
	evb_buf_fini(&got);
	evb_reader_close(&r);
	feed_end(&f);
}
END_TEST

static const struct {
	const char		*in;
	size_t			 n;
	unsigned long long	 lineno;
} peek_end_cases[] = {
	{ L(""), 0 },
	{ L(" "), 0 },
	{ L(" \n\t\r\n \n"), 3 },
};

START_TEST(test_peek_end)
{
	struct feeder f;
	struct evb_reader r;

	feed_start(&f, peek_end_cases[_i].in, peek_end_cases[_i].n, 4096, 0);
	evb_reader_fdopen(&r, f.fd, "test", 0);
	ck_assert_int_eq(evb_reader_peek(&r), -1);
	ck_assert_uint_eq(r.lineno, peek_end_cases[_i].lineno);
	ck_assert_int_eq(evb_reader_peek(&r), -1);
	ck_assert_int_eq(evb_reader_next(&r, &(const char *){ NULL },
	    &(size_t){ 0 }), EVB_LINE_EOF);
	evb_reader_close(&r);
	feed_end(&f);
}
END_TEST

/* All of a big input comes back through chunks, in order. */
START_TEST(test_chunks_big)
{
	const size_t big = 1024 * 1024 + 3;
	char *in = malloc(big);
	struct feeder f;
	struct evb_reader r;
	struct evb_buf got = EVB_BUF_INIT;
	const char *p;
	size_t n;
	unsigned x = 12345;

	for (size_t i = 0; i < big; i++) {
		x = x * 1103515245 + 12345;
		in[i] = (char)(x >> 16);
	}
	feed_start(&f, in, big, 1000, 0);
	evb_reader_fdopen(&r, f.fd, "test", 0);
	while (evb_reader_chunk(&r, &p, &n) == EVB_LINE_OK)
		evb_buf_add(&got, p, n);
	ck_assert_uint_eq(got.len, big);
	ck_assert_mem_eq(got.p, in, big);
	evb_buf_fini(&got);
	evb_reader_close(&r);
	feed_end(&f);
	free(in);
}
END_TEST

/* Reading the write end of a pipe fails with EBADF. */
START_TEST(test_read_error)
{
	struct evb_reader r;
	const char *p;
	size_t n;
	int fds[2];

	ck_assert_int_eq(pipe(fds), 0);
	evb_reader_fdopen(&r, fds[1], "test", 0);
	errno = 0;
	ck_assert_int_eq(evb_reader_next(&r, &p, &n), EVB_LINE_ERROR);
	ck_assert_int_eq(errno, EBADF);
	errno = 0;
	ck_assert_int_eq(evb_reader_peek(&r), -2);
	ck_assert_int_eq(errno, EBADF);
	errno = 0;
	ck_assert_int_eq(evb_reader_chunk(&r, &p, &n), EVB_LINE_ERROR);
	ck_assert_int_eq(errno, EBADF);
	evb_reader_close(&r);
	close(fds[0]);
	close(fds[1]);
}
END_TEST

static void
on_usr1(int sig)
{
	(void)sig;
}

/*
 * A signal during a blocking read is reported, and nothing is lost: the
 * next call goes on reading.  A child signals until it is killed, so the
 * test does not depend on when the parent enters read(2).
 */
START_TEST(test_read_intr)
{
	struct sigaction sa, old;
	struct evb_reader r;
	const char *line;
	size_t n;
	int fds[2], status;
	pid_t pid, parent = getpid();

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;
	sigemptyset(&sa.sa_mask);
	ck_assert_int_eq(sigaction(SIGUSR1, &sa, &old), 0);
	ck_assert_int_eq(pipe(fds), 0);
	ck_assert_int_eq(write(fds[1], "par", 3), 3);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		for (int i = 0; i < 300; i++) {
			pause_us(10000);
			kill(parent, SIGUSR1);
		}
		_exit(0);
	}
	evb_reader_fdopen(&r, fds[0], "test", 0);
	ck_assert_int_eq(evb_reader_next(&r, &line, &n), EVB_LINE_INTR);
	kill(pid, SIGKILL);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_int_eq(sigaction(SIGUSR1, &old, NULL), 0);
	ck_assert_int_eq(write(fds[1], "tial\n", 5), 5);
	ck_assert_int_eq(evb_reader_next(&r, &line, &n), EVB_LINE_OK);
	ck_assert_bytes(line, n, "partial");
	ck_assert_uint_eq(r.lineno, 1);
	evb_reader_close(&r);
	close(fds[0]);
	close(fds[1]);
}
END_TEST

/*
 * The reader flushes its writer before a read that would block: the child
 * only answers once it has seen the pending output, and says "timeout"
 * otherwise.
 */
START_TEST(test_reader_flushes_writer)
{
	struct evb_reader r;
	struct evb_writer w;
	const char *line;
	size_t n;
	int in[2], out[2], status;
	pid_t pid;

	ck_assert_int_eq(pipe(in), 0);
	ck_assert_int_eq(pipe(out), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		struct pollfd pfd = { out[0], POLLIN, 0 };
		char buf[64];
		ssize_t k = 0;
		const char *answer = "timeout\n";

		close(in[0]);
		close(out[1]);
		if (poll(&pfd, 1, 3000) == 1)
			k = read(out[0], buf, sizeof(buf));
		if (k == 6 && memcmp(buf, "hello\n", 6) == 0)
			answer = "flushed\n";
		_exit(write(in[1], answer, 8) == 8 ? 0 : 1);
	}
	close(in[1]);
	close(out[0]);
	evb_writer_init(&w, out[1], "out");
	evb_reader_fdopen(&r, in[0], "in", 0);
	r.flush = &w;
	ck_assert_int_eq(evb_writer_line(&w, "hello", 5), 0);
	ck_assert_uint_eq(w.len, 6);
	ck_assert_int_eq(evb_reader_next(&r, &line, &n), EVB_LINE_OK);
	ck_assert_bytes(line, n, "flushed");
	ck_assert_uint_eq(w.len, 0);
	ck_assert_int_eq(evb_reader_next(&r, &line, &n), EVB_LINE_EOF);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	evb_reader_close(&r);
	evb_writer_fini(&w);
	close(in[0]);
	close(out[1]);
}
END_TEST

/* Read back what a writer put in a file. */
static char *
slurp(const char *path, size_t *len)
{
	struct evb_buf b = EVB_BUF_INIT;
	char tmp[65536];
	ssize_t k;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	ck_assert_int_ge(fd, 0);
	while ((k = read(fd, tmp, sizeof(tmp))) > 0)
		evb_buf_add(&b, tmp, (size_t)k);
	ck_assert_int_eq(k, 0);
	close(fd);
	return evb_buf_take(&b, len);
}

/* Small and large writes in any mix come out whole and in order. */
START_TEST(test_writer_large)
{
	char *dir = unit_tmpdir(), *path, *got;
	struct evb_buf want = EVB_BUF_INIT;
	struct evb_writer w;
	const size_t big = 300000;
	char *blob = malloc(big);
	size_t n;
	int fd;

	path = unit_file(dir, "out", "", 0);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	ck_assert_int_ge(fd, 0);
	evb_writer_init(&w, fd, "out");
	for (size_t i = 0; i < big; i++)
		blob[i] = (char)('a' + i % 26);
	ck_assert_int_eq(evb_writer_write(&w, "head", 4), 0);
	evb_buf_add(&want, "head", 4);
	ck_assert_int_eq(evb_writer_write(&w, blob, big), 0);
	evb_buf_add(&want, blob, big);
	ck_assert_int_eq(evb_writer_line(&w, "tail", 4), 0);
	evb_buf_add(&want, "tail\n", 5);
	for (size_t i = 0; i < 3000; i++) {
		size_t k = 1 + i * 37 % 200;

		ck_assert_int_eq(evb_writer_write(&w, blob + i, k), 0);
		evb_buf_add(&want, blob + i, k);
	}
	/* Exactly what fits stays buffered. */
	n = w.cap - w.len;
	ck_assert_int_eq(evb_writer_write(&w, blob, n), 0);
	evb_buf_add(&want, blob, n);
	ck_assert_uint_eq(w.len, w.cap);
	ck_assert_int_eq(evb_writer_write(&w, "!", 1), 0);
	evb_buf_add(&want, "!", 1);
	ck_assert_uint_eq(w.len, 1);
	ck_assert_int_eq(evb_writer_flush(&w), 0);
	ck_assert_int_eq(evb_writer_flush(&w), 0);
	ck_assert_int_eq(close(fd), 0);
	got = slurp(path, &n);
	ck_assert_uint_eq(n, want.len);
	ck_assert_mem_eq(got, want.p, n);
	free(got);
	free(blob);
	free(path);
	evb_buf_fini(&want);
	evb_writer_fini(&w);
	unit_rmtree(dir);
}
END_TEST

static bool
readable(int fd)
{
	struct pollfd pfd = { fd, POLLIN, 0 };

	return poll(&pfd, 1, 0) == 1;
}

START_TEST(test_writer_line_buffered)
{
	struct evb_writer w;
	char buf[16];
	int fds[2];

	ck_assert_int_eq(pipe(fds), 0);
	evb_writer_init(&w, fds[1], "out");
	ck_assert(!w.line_buffered);
	ck_assert_int_eq(evb_writer_line(&w, "a", 1), 0);
	ck_assert(!readable(fds[0]));
	ck_assert_int_eq(evb_writer_flush(&w), 0);
	ck_assert(readable(fds[0]));
	ck_assert_int_eq(read(fds[0], buf, sizeof(buf)), 2);
	ck_assert_mem_eq(buf, "a\n", 2);

	w.line_buffered = true;
	ck_assert_int_eq(evb_writer_write(&w, "b", 1), 0);
	ck_assert(!readable(fds[0]));
	ck_assert_int_eq(evb_writer_line(&w, "cd", 2), 0);
	ck_assert(readable(fds[0]));
	ck_assert_int_eq(read(fds[0], buf, sizeof(buf)), 4);
	ck_assert_mem_eq(buf, "bcd\n", 4);
	evb_writer_fini(&w);
	close(fds[0]);
	close(fds[1]);
}
END_TEST

/* A failed writer reports ENOSPC and stays failed, even on a good fd. */
START_TEST(test_writer_full)
{
	struct evb_writer w;
	int fd = open("/dev/full", O_WRONLY | O_CLOEXEC), fds[2];

	ck_assert_int_ge(fd, 0);
	evb_writer_init(&w, fd, "/dev/full");
	ck_assert_int_eq(evb_writer_write(&w, "abc", 3), 0);
	errno = 0;
	ck_assert_int_eq(evb_writer_flush(&w), -1);
	ck_assert_int_eq(errno, ENOSPC);
	ck_assert_int_eq(w.error, ENOSPC);
	errno = 0;
	ck_assert_int_eq(evb_writer_write(&w, "d", 1), -1);
	ck_assert_int_eq(errno, ENOSPC);
	errno = 0;
	ck_assert_int_eq(evb_writer_line(&w, "d", 1), -1);
	ck_assert_int_eq(errno, ENOSPC);
	errno = 0;
	ck_assert_int_eq(evb_writer_flush(&w), -1);
	ck_assert_int_eq(errno, ENOSPC);

	ck_assert_int_eq(pipe(fds), 0);
	w.fd = fds[1];
	ck_assert_int_eq(evb_writer_line(&w, "e", 1), -1);
	ck_assert_int_eq(evb_writer_flush(&w), -1);
	ck_assert(!readable(fds[0]));
	ck_assert_int_eq(w.error, ENOSPC);
	evb_writer_fini(&w);
	close(fds[0]);
	close(fds[1]);
	close(fd);
}
END_TEST

/* Line-buffered and large writes fail at once. */
START_TEST(test_writer_full_direct)
{
	struct evb_writer w;
	int fd = open("/dev/full", O_WRONLY | O_CLOEXEC);
	char *big = calloc(1, 1024 * 1024);

	ck_assert_int_ge(fd, 0);
	evb_writer_init(&w, fd, "/dev/full");
	errno = 0;
	ck_assert_int_eq(evb_writer_write(&w, big, 1024 * 1024), -1);
	ck_assert_int_eq(errno, ENOSPC);
	ck_assert_int_eq(w.error, ENOSPC);
	evb_writer_fini(&w);

	evb_writer_init(&w, fd, "/dev/full");
	ck_assert_int_eq(w.error, 0);
	w.line_buffered = true;
	errno = 0;
	ck_assert_int_eq(evb_writer_line(&w, "x", 1), -1);
	ck_assert_int_eq(errno, ENOSPC);
	ck_assert_int_eq(w.error, ENOSPC);
	evb_writer_fini(&w);
	free(big);
	close(fd);
}
END_TEST

Suite *
lineio_suite(void)
{
	Suite *s = suite_create("lineio");
	TCase *tc;

	tc = tcase_create("reader");
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_reader, 0, 2 * nitems(reader_cases));
	tcase_add_test(tc, test_long_unbuffered);
	tcase_add_test(tc, test_long_file);
	tcase_add_test(tc, test_limit_boundary);
	tcase_add_test(tc, test_many_lines);
	tcase_add_test(tc, test_open);
	tcase_add_loop_test(tc, test_peek_then_lines, 0, 2);
	tcase_add_loop_test(tc, test_peek_then_chunks, 0, 2);
	tcase_add_loop_test(tc, test_peek_end, 0, nitems(peek_end_cases));
	tcase_add_test(tc, test_chunks_big);
	tcase_add_test(tc, test_read_error);
	tcase_add_test(tc, test_read_intr);
	tcase_add_test(tc, test_reader_flushes_writer);
	suite_add_tcase(s, tc);

	tc = tcase_create("writer");
	tcase_add_test(tc, test_writer_large);
	tcase_add_test(tc, test_writer_line_buffered);
	tcase_add_test(tc, test_writer_full);
	tcase_add_test(tc, test_writer_full_direct);
	suite_add_tcase(s, tc);
	return s;
}
