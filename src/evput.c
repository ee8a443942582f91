/*
 * evput: wrap payloads into EventBridge event envelopes (PutEvents).
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>

#include "evbus.h"
#include "lineio.h"
#include "put.h"
#include "sig.h"

static struct evb_put put;
static struct evb_buf out_buf = EVB_BUF_INIT;
static struct evb_writer out, rejects;
static bool have_rejects, entries_mode;
static size_t max_line;
static int status = EVB_EXIT_OK;
static struct evb_arena line_arena = EVB_ARENA_INIT;

static const char usage_line[] =
    "usage: evput [-s source] [-t detail-type] [-r resource] [-d json] [-e]\n"
    "             [--account id] [--region region] [--time time]\n"
    "             [--max-size size] [--claim-check dir] [--keep key]\n"
    "             [--rejects file] [--allow-aws-source] [--max-line size]\n"
    "             [--line-buffered] [-hV] [file ...]\n";

static void
usage(void)
{
	fputs(usage_line, stderr);
	exit(EVB_EXIT_TROUBLE);
}

static void
help(void)
{
	printf("%s\n%s", usage_line,
	    "Wrap JSON objects into EventBridge event envelopes, one per line.\n"
	    "-s and -t are required, unless -e reads them from each entry.\n"
	    "\n"
	    "  -s, --source SOURCE       the event's source\n"
	    "  -t, --detail-type TYPE    the event's detail-type\n"
	    "  -r, --resource RESOURCE   add a resource (repeatable)\n"
	    "  -d, --detail JSON         one detail from the command line\n"
	    "  -e, --entries             input holds PutEvents entries\n"
	    "      --account ID          account (default $EVBUS_ACCOUNT or "
	    "000000000000)\n"
	    "      --region REGION       region (default $AWS_REGION or "
	    "us-east-1)\n"
	    "      --time TIME           event time (RFC 3339 or epoch "
	    "seconds)\n"
	    "      --max-size SIZE       entry size limit (default 256K)\n"
	    "      --claim-check DIR     store oversized details in DIR\n"
	    "      --keep KEY            keep detail member KEY next to a "
	    "claim-check\n"
	    "      --rejects FILE        append a record of each refused input "
	    "to FILE\n"
	    "      --allow-aws-source    accept sources starting with aws.\n"
	    "      --max-line SIZE       longest input line (default 1M)\n"
	    "      --line-buffered       flush output after every event\n"
	    "  -h, --help                show this help\n"
	    "  -V, --version             show the version\n");
	exit(EVB_EXIT_OK);
}

/* Report a refused input on stderr and in the rejects file. */
static void
refused(const char *file, unsigned long long line, const struct evb_reject *rej,
    const char *input, size_t n, enum evb_put_result r)
{
	if (line > 0)
		warnx("%s:%llu: %s: %s", file, line, rej->code, rej->reason);
	else
		warnx("%s: %s: %s", file, rej->code, rej->reason);
	if (r == EVB_PUT_FAILED)
		status = EVB_EXIT_TROUBLE;
	else if (status == EVB_EXIT_OK)
		status = EVB_EXIT_NO;
	if (have_rejects) {
		struct evb_buf b = EVB_BUF_INIT;

		evb_reject_record(&b, rej, file, line, input, n);
		if (evb_writer_write(&rejects, b.p, b.len) == -1 ||
		    evb_writer_flush(&rejects) == -1) {
			/* Stop, but keep the events made so far. */
			errno = rejects.error;
			warn("%s", rejects.name);
			(void)evb_writer_flush(&out);
			exit(EVB_EXIT_TROUBLE);
		}
		evb_buf_fini(&b);
	}
}

static void __attribute__((noreturn))
write_failed(void)
{
	errno = out.error;
	err(EVB_EXIT_TROUBLE, "%s", out.name);
}

/* Write what put produced. */
static void
drain(void)
{
	if (out_buf.len > 0 && evb_writer_write(&out, out_buf.p,
	    out_buf.len) == -1)
		write_failed();
	if (out.line_buffered && evb_writer_flush(&out) == -1)
		write_failed();
	evb_buf_reset(&out_buf);
}

static void
put_entries(const char *file, unsigned long long line, const struct evb_jv *v,
    const char *text)
{
	struct evb_jv *const *items, *self;
	size_t n = evb_put_entries_of(v, &items, &self);

	for (size_t i = 0; i < n; i++) {
		struct evb_reject rej;
		enum evb_put_result r = evb_put_entry(&put, items[i], &rej);

		if (r != EVB_PUT_OK && text != NULL)
			refused(file, line, &rej, text + items[i]->start,
			    items[i]->end - items[i]->start, r);
		else if (r != EVB_PUT_OK) {
			/* A streamed entry has no span: keep it re-serialized. */
			struct evb_buf b = EVB_BUF_INIT;

			evb_json_write(&b, items[i]);
			refused(file, line, &rej, b.p ? b.p : "", b.len, r);
			evb_buf_fini(&b);
		}
		drain();
	}
}

static void
put_line(const char *file, unsigned long long lineno, const char *line,
    size_t n)
{
	struct evb_reject rej;
	enum evb_put_result r;

	if (entries_mode) {
		struct evb_err e;
		struct evb_jv *v;

		evb_arena_reset(&line_arena);
		if ((v = evb_json_parse(&line_arena, line, n, put.max_depth,
		    &e)) == NULL) {
			evb_reject_set(&rej, "ValidationException",
			    "The entry is not valid JSON.", "%s at column %zu",
			    e.msg, e.col);
			refused(file, lineno, &rej, line, n, EVB_PUT_REJECTED);
			return;
		}
		put_entries(file, lineno, v, line);
		return;
	}
	if ((r = evb_put_detail(&put, line, n, &rej)) != EVB_PUT_OK)
		refused(file, lineno, &rej, line, n, r);
	drain();
}

/* Set when an entry of the JSON array ended during the last feed. */
static bool entry_ended;

/* Stream lines count from where the array starts: add the lines before. */
static int
on_array_entry(void *ctx, struct evb_jv *v, unsigned long long line)
{
	const struct evb_reader *r = ctx;

	entry_ended = true;
	put_entries(r->name, r->lineno + line, v, NULL);
	return evb_sig_caught() ? -1 : 0;
}

/* The AWS CLI's entries file: one JSON array, any layout. */
static void
put_array(struct evb_reader *r)
{
	struct evb_jstream *s = evb_jstream_new(put.max_depth, on_array_entry,
	    r);
	struct evb_err e;
	enum evb_line st;
	const char *p;
	size_t n, open_len = 0;
	unsigned long long nl = 0;
	int rc = 0;

	while (rc == 0 && !evb_sig_caught()) {
		st = evb_reader_chunk(r, &p, &n);
		if (st == EVB_LINE_INTR)
			continue;
		if (st == EVB_LINE_ERROR) {
			warn("%s", r->name);
			status = EVB_EXIT_TROUBLE;
			break;
		}
		if (st == EVB_LINE_EOF) {
			rc = evb_jstream_finish(s, &e);
			break;
		}
		entry_ended = false;
		rc = evb_jstream_feed(s, p, n, &e);
		for (const char *q = p; (q = memchr(q, '\n', n - (size_t)(q -
		    p))) != NULL; q++)
			nl++;
		/*
		 * A chunk in which no entry ended lies wholly inside one: its
		 * bytes are held by yajl or the tree, so bound them.
		 */
		open_len = entry_ended ? 0 : evb_size_add(open_len, n);
		if (rc == 0 && open_len > r->max_line) {
			warnx("%s:%llu: an entry longer than %zu bytes "
			    "(--max-line); the rest of the file is skipped",
			    r->name, r->lineno + nl + 1, r->max_line);
			status = EVB_EXIT_TROUBLE;
			break;
		}
	}
	if (rc == -1 && !evb_sig_caught()) {
		warnx("%s:%llu:%zu: %s", r->name, r->lineno + e.line, e.col,
		    e.msg);
		status = EVB_EXIT_TROUBLE;
	}
	evb_jstream_free(s);
}

static void
put_file(const char *path)
{
	struct evb_reader r;
	const char *line;
	size_t n;
	enum evb_line st;

	if (evb_reader_open(&r, path, max_line) == -1) {
		warn("%s", path);
		status = EVB_EXIT_TROUBLE;
		return;
	}
	r.flush = &out;
	if (entries_mode && evb_reader_peek(&r) == '[') {
		put_array(&r);
		evb_reader_close(&r);
		return;
	}
	while (!evb_sig_caught() && (st = evb_reader_next(&r, &line, &n)) !=
	    EVB_LINE_EOF) {
		struct evb_reject rej;

		switch (st) {
		case EVB_LINE_OK:
			put_line(r.name, r.lineno, line, n);
			break;
		case EVB_LINE_NUL:
			evb_entry_reject_detail(&rej, "NUL byte in input");
			refused(r.name, r.lineno, &rej, line, n,
			    EVB_PUT_REJECTED);
			break;
		case EVB_LINE_LONG:
			evb_reject_set(&rej, "ValidationException",
			    "Total size of the entries in the request is over "
			    "the limit.", "line longer than %zu bytes "
			    "(--max-line)", r.max_line);
			refused(r.name, r.lineno, &rej, NULL, r.long_len,
			    EVB_PUT_REJECTED);
			break;
		case EVB_LINE_INTR:
			break;
		default:
			warn("%s", r.name);
			status = EVB_EXIT_TROUBLE;
			evb_reader_close(&r);
			return;
		}
	}
	evb_reader_close(&r);
}

enum {
	OPT_ACCOUNT = 256,
	OPT_REGION,
	OPT_TIME,
	OPT_MAX_SIZE,
	OPT_CLAIM,
	OPT_KEEP,
	OPT_REJECTS,
	OPT_ALLOW_AWS,
	OPT_MAX_LINE,
	OPT_LINE_BUFFERED
};

static const struct option longopts[] = {
	{ "source",		required_argument, NULL, 's' },
	{ "detail-type",	required_argument, NULL, 't' },
	{ "resource",		required_argument, NULL, 'r' },
	{ "detail",		required_argument, NULL, 'd' },
	{ "entries",		no_argument,	   NULL, 'e' },
	{ "account",		required_argument, NULL, OPT_ACCOUNT },
	{ "region",		required_argument, NULL, OPT_REGION },
	{ "time",		required_argument, NULL, OPT_TIME },
	{ "max-size",		required_argument, NULL, OPT_MAX_SIZE },
	{ "claim-check",	required_argument, NULL, OPT_CLAIM },
	{ "keep",		required_argument, NULL, OPT_KEEP },
	{ "rejects",		required_argument, NULL, OPT_REJECTS },
	{ "allow-aws-source",	no_argument,	   NULL, OPT_ALLOW_AWS },
	{ "max-line",		required_argument, NULL, OPT_MAX_LINE },
	{ "line-buffered",	no_argument,	   NULL, OPT_LINE_BUFFERED },
	{ "help",		no_argument,	   NULL, 'h' },
	{ "version",		no_argument,	   NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static struct evb_str
str_of(const char *s)
{
	struct evb_str v = { s, strlen(s) };

	return v;
}

static void
add_resource(const char *s)
{
	put.resources = xreallocarray(put.resources, put.nresources + 1,
	    sizeof(*put.resources));
	put.resources[put.nresources++] = str_of(s);
}

static bool
is_account(const char *s)
{
	return strlen(s) == 12 && strspn(s, "0123456789") == 12;
}

static void
defaults_from_env(void)
{
	const char *v;

	if ((v = getenv("EVBUS_ACCOUNT")) != NULL && *v != '\0')
		put.account = str_of(v);
	if (((v = getenv("AWS_REGION")) != NULL && *v != '\0') ||
	    ((v = getenv("AWS_DEFAULT_REGION")) != NULL && *v != '\0'))
		put.region = str_of(v);
}

/* -s and -t are checked once, as EventBridge checks every entry. */
static void
check_settings(const char *detail, int nfiles)
{
	struct evb_entry e;
	struct evb_reject rej;

	if (entries_mode) {
		if (put.source.p || put.detail_type.p || put.nresources ||
		    put.has_time || detail)
			errx(EVB_EXIT_TROUBLE, "-e takes the source, detail-type, "
			    "resources, time and detail from each entry");
		return;
	}
	if (detail != NULL && nfiles > 0)
		errx(EVB_EXIT_TROUBLE, "-d and input files are exclusive");
	if (put.source.p == NULL || put.detail_type.p == NULL)
		errx(EVB_EXIT_TROUBLE, "-s SOURCE and -t DETAIL_TYPE are "
		    "required without -e");
	memset(&e, 0, sizeof(e));
	e.source = put.source;
	e.detail_type = put.detail_type;
	e.detail = str_of("{}");
	if (put.source.n == 0)
		e.source.p = NULL;
	if (put.detail_type.n == 0)
		e.detail_type.p = NULL;
	if (evb_entry_check_fields(&e, put.allow_aws, &rej) == -1)
		errx(EVB_EXIT_TROUBLE, "%s: %s", rej.code, rej.reason);
}

static void
open_rejects(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);

	if (fd == -1)
		err(EVB_EXIT_TROUBLE, "%s", path);
	evb_writer_init(&rejects, fd, path);
	have_rejects = true;
}

static struct evb_claimstore claims;

static void
open_claims(const char *dir)
{
	struct evb_err e;

	if (evb_claim_open(&claims, dir, &e) == -1)
		errx(EVB_EXIT_TROUBLE, "%s", e.msg);
	put.claims = &claims;
}

static void
finish(void)
{
	int sig = evb_sig_caught();

	if (evb_writer_flush(&out) == -1)
		write_failed();
	if (have_rejects && close(rejects.fd) == -1)
		err(EVB_EXIT_TROUBLE, "%s", rejects.name);
	if (sig != 0)
		evb_sig_reraise(sig);
	if (close(STDOUT_FILENO) == -1 && errno != EBADF)
		err(EVB_EXIT_TROUBLE, "%s", EVB_STDOUT_NAME);
}

int
main(int argc, char *argv[])
{
	const char *detail = NULL, *errstr = NULL;
	int ch;

	if (evb_stdio_reserve() == -1)
		err(EVB_EXIT_TROUBLE, "/dev/null");
	evb_put_init(&put, &out_buf);
	defaults_from_env();
	while ((ch = getopt_long(argc, argv, "s:t:r:d:ehV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 's':
			put.source = str_of(optarg);
			break;
		case 't':
			put.detail_type = str_of(optarg);
			break;
		case 'r':
			add_resource(optarg);
			break;
		case 'd':
			detail = optarg;
			break;
		case 'e':
			entries_mode = true;
			break;
		case OPT_ACCOUNT:
			if (!is_account(optarg))
				errx(EVB_EXIT_TROUBLE, "--account: %s: not a "
				    "12-digit account id", optarg);
			put.account = str_of(optarg);
			break;
		case OPT_REGION:
			if (*optarg == '\0')
				errx(EVB_EXIT_TROUBLE, "--region: empty");
			put.region = str_of(optarg);
			break;
		case OPT_TIME:
			if (evb_time_parse(optarg, strlen(optarg),
			    &put.time) == -1)
				errx(EVB_EXIT_TROUBLE, "--time: %s: not an RFC "
				    "3339 time or epoch seconds", optarg);
			put.has_time = true;
			break;
		case OPT_MAX_SIZE:
			if (evb_parse_size(optarg, &put.max_size) == -1 ||
			    put.max_size == 0)
				errx(EVB_EXIT_TROUBLE, "--max-size: %s: not a "
				    "size", optarg);
			break;
		case OPT_CLAIM:
			open_claims(optarg);
			break;
		case OPT_KEEP:
			put.keep = xreallocarray(put.keep, put.nkeep + 1,
			    sizeof(*put.keep));
			put.keep[put.nkeep++] = optarg;
			break;
		case OPT_REJECTS:
			open_rejects(optarg);
			break;
		case OPT_ALLOW_AWS:
			put.allow_aws = true;
			break;
		case OPT_MAX_LINE:
			if (evb_parse_size(optarg, &max_line) == -1 ||
			    max_line == 0)
				errx(EVB_EXIT_TROUBLE, "--max-line: %s: not a "
				    "size", optarg);
			break;
		case OPT_LINE_BUFFERED:
			out.line_buffered = true;
			break;
		case 'h':
			help();
			break;
		case 'V':
			printf("evput (evbus) %s\n", EVB_VERSION);
			exit(EVB_EXIT_OK);
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	(void)errstr;
	check_settings(detail, argc);
	if (put.nkeep > 0 && put.claims == NULL)
		errx(EVB_EXIT_TROUBLE, "--keep needs --claim-check");

	{
		bool lb = out.line_buffered;

		evb_writer_init(&out, STDOUT_FILENO, EVB_STDOUT_NAME);
		out.line_buffered = lb;
	}
	evb_sig_catch();
	if (detail != NULL)
		put_line("(command line)", 0, detail, strlen(detail));
	else if (argc == 0)
		put_file("-");
	else
		for (int i = 0; i < argc && !evb_sig_caught(); i++)
			put_file(argv[i]);
	finish();
	evb_put_fini(&put);
	evb_buf_fini(&out_buf);
	evb_arena_fini(&line_arena);
	evb_writer_fini(&out);
	if (have_rejects)
		evb_writer_fini(&rejects);
	if (put.claims != NULL)
		evb_claim_close(&claims);
	free(put.resources);
	free(put.keep);
	return status;
}
