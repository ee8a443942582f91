/*
 * evdlq: inspect, redrive, replay and purge dead letters and archives.
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bus.h"
#include "dlqops.h"
#include "dlqreport.h"
#include "evbus.h"
#include "fan.h"
#include "lineio.h"
#include "replay.h"
#include "ruleset.h"
#include "sig.h"
#include "timefmt.h"

static const char usage_line[] =
    "usage: evdlq stats [--json] [filters] dlq ...\n"
    "       evdlq show [--json] [filters] dlq ...\n"
    "       evdlq redrive [--to-bus bus-file] [filters] dlq\n"
    "       evdlq purge --older-than duration [filters] dlq\n"
    "       evdlq replay --from time --to time [--name name] [--rate n] "
    "archive ...\n"
    "filters: [--rule name] [--target id] [--error code] [--since time] "
    "[--until time]\n";

static struct {
	struct evb_dlq_filter	 f;
	bool			 json;
	const char		*bus;
	const char		*older;
	bool			 has_from, has_to;
	time_t			 from, to;
	const char		*name;
	double			 rate;
} opt;

static struct evb_writer out;
static int status = EVB_EXIT_OK;
static time_t now;

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
	    "Inspect, redrive and purge dead letters; replay archives.\n"
	    "\n"
	    "  stats                     count records by rule, target, error "
	    "and age\n"
	    "  show                      print the records readably\n"
	    "  redrive                   emit the records' events and remove "
	    "them\n"
	    "  purge                     remove records\n"
	    "  replay                    emit archived events of a time window\n"
	    "\n"
	    "      --json                stats: JSON; show: the records as "
	    "they are\n"
	    "      --to-bus FILE         redrive: deliver to the records' "
	    "targets in FILE\n"
	    "      --older-than DURATION purge: records dead-lettered longer "
	    "ago (30m, 2h, 7d)\n"
	    "      --rule NAME           only records of the rule NAME\n"
	    "      --target ID           only records of the target ID\n"
	    "      --error CODE          only records with ERROR_CODE CODE\n"
	    "      --since TIME          only records dead-lettered at or "
	    "after TIME\n"
	    "      --until TIME          only records dead-lettered before "
	    "TIME\n"
	    "      --from TIME           replay: events at or after TIME\n"
	    "      --to TIME             replay: events before TIME\n"
	    "      --name NAME           replay: the replay-name to add "
	    "(default replay)\n"
	    "      --rate N              replay: at most N events a second\n"
	    "  -h, --help                show this help\n"
	    "  -V, --version             show the version\n"
	    "\n"
	    "A TIME is RFC 3339, epoch seconds, or a duration ago (2h).\n");
	exit(EVB_EXIT_OK);
}

static void
log_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
}

static void
bad_line(void *ctx, const char *file, unsigned long long line,
    const char *why)
{
	(void)ctx;
	warnx("%s:%llu: %s (kept)", file, line, why);
	status = EVB_EXIT_TROUBLE;
}

static void __attribute__((noreturn))
write_failed(void)
{
	if (out.error == EPIPE) {
		signal(SIGPIPE, SIG_DFL);
		raise(SIGPIPE);
	}
	errno = out.error;
	err(EVB_EXIT_TROUBLE, "%s", out.name);
}

static void
put(const char *p, size_t n)
{
	if (evb_writer_write(&out, p, n) == -1)
		write_failed();
}

/* stats and show */

struct reading {
	struct evb_dlq_counts	 counts;
	struct evb_buf		 text;
	bool			 show;
	const char		*file;
};

static enum evb_dlq_verdict
read_record(void *ctx, const struct evb_dlq_entry *e, const char *line,
    size_t n, unsigned long long lineno)
{
	struct reading *r = ctx;

	if (!evb_dlq_selects(&opt.f, e))
		return EVB_DLQ_KEEP;
	if (!r->show)
		evb_dlq_count(&r->counts, e, now);
	else if (opt.json) {
		put(line, n);
		put("\n", 1);
	} else {
		evb_buf_reset(&r->text);
		evb_dlq_describe(&r->text, r->file, lineno, e);
		put(r->text.p, r->text.len);
	}
	return EVB_DLQ_KEEP;
}

static void
read_bad(void *ctx, const char *file, unsigned long long line, const char *why)
{
	((struct reading *)ctx)->counts.malformed++;
	bad_line(ctx, file, line, why);
}

static void
inspect(int argc, char *argv[], bool show)
{
	struct reading r;
	struct evb_dlq_visitor v = { &r, read_record, read_bad, NULL };
	struct evb_err e;

	memset(&r, 0, sizeof(r));
	evb_dlq_counts_init(&r.counts);
	r.show = show;
	for (int i = 0; i < argc; i++) {
		r.file = argv[i];
		if (evb_dlq_scan(argv[i], &v, &e) == -1) {
			warnx("%s", e.msg);
			status = EVB_EXIT_TROUBLE;
		}
	}
	if (!show) {
		evb_buf_reset(&r.text);
		evb_dlq_counts_write(&r.text, &r.counts, opt.json);
		put(r.text.p, r.text.len);
	}
	evb_buf_fini(&r.text);
	evb_dlq_counts_fini(&r.counts);
}

/* redrive and purge: rewriting the file */

struct rewriting {
	unsigned long long	 dropped, kept, again;
	struct evb_fan		*fan;
	struct evb_buf		 back;		/* failed again: dead letters */
	bool			 purge;
};

static enum evb_dlq_verdict
rewrite_record(void *ctx, const struct evb_dlq_entry *e, const char *line,
    size_t n, unsigned long long lineno)
{
	struct rewriting *w = ctx;

	(void)line;
	(void)n;
	if (evb_sig_caught())
		return EVB_DLQ_ABORT;
	if (!evb_dlq_selects(&opt.f, e)) {
		w->kept++;
		return EVB_DLQ_KEEP;
	}
	if (w->fan != NULL && evb_fan_deliver(w->fan, e->event, e->nevent,
	    e->rule ? e->rule : "", e->target ? e->target : "") == -1) {
		warnx("line %llu: no target %s/%s on the bus; the record stays",
		    lineno, e->rule ? e->rule : "?", e->target ? e->target :
		    "?");
		w->kept++;
		return EVB_DLQ_KEEP;
	}
	if (w->fan == NULL && !w->purge) {
		put(e->event, e->nevent);
		put("\n", 1);
	}
	w->dropped++;
	return EVB_DLQ_DROP;
}

/* Before the new file replaces the old: the events are handed on. */
static int
rewrite_commit(void *ctx, int fd)
{
	struct rewriting *w = ctx;

	if (w->fan != NULL) {
		(void)evb_fan_run(w->fan, NULL, 0);
		if (w->back.len > 0 && write(fd, w->back.p, w->back.len) !=
		    (ssize_t)w->back.len)
			return -1;
		return 0;
	}
	if (evb_writer_flush(&out) == -1)
		write_failed();
	return evb_sig_caught() ? -1 : 0;
}

static void
failed_again(void *ctx, const char *rec, size_t n)
{
	struct rewriting *w = ctx;

	evb_buf_add(&w->back, rec, n);
	w->again++;
}

static struct evb_fan *
open_bus(struct evb_bus *bus, struct rewriting *w)
{
	struct evb_fan_opts o;
	struct evb_err e;
	struct evb_fan *f;

	evb_bus_init(bus);
	if (evb_bus_load(bus, opt.bus, &e) == -1)
		errx(EVB_EXIT_TROUBLE, "%s: %s", opt.bus, e.msg);
	memset(&o, 0, sizeof(o));
	o.grace = 10;
	o.default_dlq = "/dev/null";
	o.no_input = true;
	o.log = log_warn;
	o.dead_letter = failed_again;
	o.dead_letter_ctx = w;
	o.sigfd = evb_sig_fd();
	o.caught = evb_sig_caught;
	if ((f = evb_fan_new(bus, &o, &e)) == NULL)
		errx(EVB_EXIT_TROUBLE, "%s", e.msg);
	return f;
}

static void
rewrite(const char *path, bool purge)
{
	struct rewriting w;
	struct evb_dlq_visitor v = { &w, rewrite_record, bad_line,
	    rewrite_commit };
	struct evb_bus bus;
	struct evb_err e;
	int rc;

	memset(&w, 0, sizeof(w));
	w.purge = purge;
	if (opt.bus != NULL) {
		signal(SIGPIPE, SIG_IGN);
		evb_sig_catch_child();
		w.fan = open_bus(&bus, &w);
	}
	rc = evb_dlq_rewrite(path, &v, &e);
	if (rc == -1)
		errx(EVB_EXIT_TROUBLE, "%s", e.msg);
	if (rc == 1)
		warnx("%s: stopped; every record is still there", path);
	else if (purge)
		warnx("%s: %llu records purged, %llu kept", path, w.dropped,
		    w.kept);
	else
		warnx("%s: %llu records redriven%s, %llu failed again and stay, "
		    "%llu kept", path, w.dropped - w.again, opt.bus ?
		    " to their targets" : " to standard output", w.again,
		    w.kept);
	if (w.again > 0 && status == EVB_EXIT_OK)
		status = EVB_EXIT_NO;
	if (w.fan != NULL) {
		evb_fan_free(w.fan);
		evb_bus_fini(&bus);
	}
	evb_buf_fini(&w.back);
}

/* replay */

static int
stop_requested(void)
{
	return evb_sig_caught() != 0;
}

static void
replay(int argc, char *argv[])
{
	struct evb_replay rp;
	struct evb_err e;
	long long n;

	if (!opt.has_from || !opt.has_to)
		errx(EVB_EXIT_TROUBLE, "replay needs --from and --to");
	if (opt.to <= opt.from)
		errx(EVB_EXIT_TROUBLE, "Parameter EventEndTime is not valid. "
		    "Reason: EventStartTime must be before EventEndTime.");
	memset(&rp, 0, sizeof(rp));
	rp.from = opt.from;
	rp.to = opt.to;
	rp.name = opt.name != NULL ? opt.name : "replay";
	rp.rate = opt.rate;
	rp.bad = bad_line;
	rp.stop = stop_requested;
	if ((n = evb_replay_run(&rp, argv, (size_t)argc, &out, &e)) == -1) {
		if (out.error)
			write_failed();
		errx(EVB_EXIT_TROUBLE, "%s", e.msg);
	}
}

/* Options */

enum {
	OPT_JSON = 256,
	OPT_TO_BUS,
	OPT_OLDER,
	OPT_RULE,
	OPT_TARGET,
	OPT_ERROR,
	OPT_SINCE,
	OPT_UNTIL,
	OPT_FROM,
	OPT_TO,
	OPT_NAME,
	OPT_RATE
};

static const struct option longopts[] = {
	{ "json",	no_argument,	   NULL, OPT_JSON },
	{ "to-bus",	required_argument, NULL, OPT_TO_BUS },
	{ "older-than",	required_argument, NULL, OPT_OLDER },
	{ "rule",	required_argument, NULL, OPT_RULE },
	{ "target",	required_argument, NULL, OPT_TARGET },
	{ "error",	required_argument, NULL, OPT_ERROR },
	{ "since",	required_argument, NULL, OPT_SINCE },
	{ "until",	required_argument, NULL, OPT_UNTIL },
	{ "from",	required_argument, NULL, OPT_FROM },
	{ "to",		required_argument, NULL, OPT_TO },
	{ "name",	required_argument, NULL, OPT_NAME },
	{ "rate",	required_argument, NULL, OPT_RATE },
	{ "help",	no_argument,	   NULL, 'h' },
	{ "version",	no_argument,	   NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* RFC 3339, epoch seconds, or a duration ago. */
static time_t
when(const char *o, const char *s)
{
	time_t t;
	long long d;

	if (evb_time_parse(s, strlen(s), &t) == 0)
		return t;
	if (evb_parse_duration(s, &d) == 0)
		return now - (time_t)d;
	errx(EVB_EXIT_TROUBLE, "%s %s: not a time (RFC 3339, epoch seconds or "
	    "a duration ago such as 2h)", o, s);
}

static void
parse(int argc, char *argv[])
{
	long long d;
	char *end;
	int ch;

	while ((ch = getopt_long(argc, argv, "hV", longopts, NULL)) != -1)
		switch (ch) {
		case OPT_JSON: opt.json = true; break;
		case OPT_TO_BUS: opt.bus = optarg; break;
		case OPT_OLDER:
			if (evb_parse_duration(optarg, &d) == -1)
				errx(EVB_EXIT_TROUBLE, "--older-than %s: not a "
				    "duration", optarg);
			opt.f.has_before = true;
			opt.f.before = now - (time_t)d;
			opt.older = optarg;
			break;
		case OPT_RULE: opt.f.rule = optarg; break;
		case OPT_TARGET: opt.f.target = optarg; break;
		case OPT_ERROR: opt.f.code = optarg; break;
		case OPT_SINCE:
			opt.f.has_since = true;
			opt.f.since = when("--since", optarg);
			break;
		case OPT_UNTIL:
			opt.f.has_until = true;
			opt.f.until = when("--until", optarg);
			break;
		case OPT_FROM:
			opt.has_from = true;
			opt.from = when("--from", optarg);
			break;
		case OPT_TO:
			opt.has_to = true;
			opt.to = when("--to", optarg);
			break;
		case OPT_NAME:
			if (!evb_name_valid(optarg, strlen(optarg), 64))
				errx(EVB_EXIT_TROUBLE, "--name %s: 1 to 64 of "
				    "A-Z a-z 0-9 . - _", optarg);
			opt.name = optarg;
			break;
		case OPT_RATE:
			opt.rate = strtod(optarg, &end);
			if (*end != '\0' || !(opt.rate > 0))
				errx(EVB_EXIT_TROUBLE, "--rate %s: not a rate",
				    optarg);
			break;
		case 'h': help(); break;
		case 'V':
			printf("evdlq (evbus) %s\n", EVB_VERSION);
			exit(EVB_EXIT_OK);
		default: usage();
		}
}

int
main(int argc, char *argv[])
{
	const char *cmd;
	int sig;

	now = time(NULL);
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0))
		help();
	if (argc > 1 && (strcmp(argv[1], "-V") == 0 ||
	    strcmp(argv[1], "--version") == 0)) {
		printf("evdlq (evbus) %s\n", EVB_VERSION);
		return EVB_EXIT_OK;
	}
	if (argc < 2)
		usage();
	cmd = argv[1];
	parse(argc - 1, argv + 1);
	argc -= optind + 1;
	argv += optind + 1;
	if (argc == 0)
		usage();
	evb_writer_init(&out, STDOUT_FILENO, EVB_STDOUT_NAME);
	evb_sig_catch();
	if (strcmp(cmd, "stats") == 0)
		inspect(argc, argv, false);
	else if (strcmp(cmd, "show") == 0)
		inspect(argc, argv, true);
	else if (strcmp(cmd, "redrive") == 0 && argc == 1 && !opt.older)
		rewrite(argv[0], false);
	else if (strcmp(cmd, "purge") == 0 && argc == 1 && opt.older)
		rewrite(argv[0], true);
	else if (strcmp(cmd, "replay") == 0)
		replay(argc, argv);
	else
		usage();
	if (evb_writer_flush(&out) == -1)
		write_failed();
	evb_writer_fini(&out);
	if ((sig = evb_sig_caught()) != 0)
		evb_sig_reraise(sig);
	return status;
}
