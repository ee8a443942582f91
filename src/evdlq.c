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
#include "handoff.h"
#include "lineio.h"
#include "replay.h"
#include "ruleset.h"
#include "sig.h"
#include "timefmt.h"

static const char usage_line[] =
    "usage: evdlq {stats | show} [--json] [--rule name] [--target id]\n"
    "           [--error code] [--since time] [--until time] [dlq ...]\n"
    "       evdlq redrive [--to-bus bus-file] [filter ...] dlq\n"
    "       evdlq purge --older-than duration [filter ...] dlq\n"
    "       evdlq replay --from time --to time [--name name] [--rate rate]\n"
    "           archive ...\n"
    "       evdlq [-hV]\n";

enum cmd { C_STATS, C_SHOW, C_REDRIVE, C_PURGE, C_REPLAY };

/* Which command takes which option, as bits of 1 << (option - OPT_JSON). */
enum {
	OPT_JSON = 256, OPT_RULE, OPT_TARGET, OPT_ERROR, OPT_SINCE, OPT_UNTIL,
	OPT_TO_BUS, OPT_OLDER, OPT_FROM, OPT_TO, OPT_NAME, OPT_RATE
};
#define BIT(o)		(1u << ((o) - OPT_JSON))
#define FILTERS		(BIT(OPT_RULE) | BIT(OPT_TARGET) | BIT(OPT_ERROR) | \
			    BIT(OPT_SINCE) | BIT(OPT_UNTIL))

static const struct {
	const char	*name;
	unsigned	 opts;
} cmds[] = {
	[C_STATS] = { "stats", BIT(OPT_JSON) | FILTERS },
	[C_SHOW] = { "show", BIT(OPT_JSON) | FILTERS },
	[C_REDRIVE] = { "redrive", BIT(OPT_TO_BUS) | FILTERS },
	[C_PURGE] = { "purge", BIT(OPT_OLDER) | FILTERS },
	[C_REPLAY] = { "replay", BIT(OPT_FROM) | BIT(OPT_TO) | BIT(OPT_NAME) |
	    BIT(OPT_RATE) },
};

static struct {
	struct evb_dlq_filter	 f;
	bool			 json;
	const char		*bus;
	bool			 has_from, has_to;
	time_t			 from, to;
	const char		*name;
	double			 rate;
	unsigned		 seen;
} opt;

static struct evb_writer out;
static int status = EVB_EXIT_OK;
static time_t now;

static void __attribute__((noreturn))
usage(void)
{
	fputs(usage_line, stderr);
	exit(EVB_EXIT_TROUBLE);
}

static void __attribute__((noreturn))
help(void)
{
	printf("%s\n%s", usage_line,
	    "Inspect, redrive and purge dead letters; replay archives.\n"
	    "\n"
	    "  stats                     count records by rule, target, error "
	    "and age\n"
	    "  show                      print the records readably\n"
	    "  redrive                   hand the records' events on, then "
	    "remove them\n"
	    "  purge                     remove old records\n"
	    "  replay                    emit the archived events of a time "
	    "window\n"
	    "\n"
	    "      --json                stats: as JSON; show: the records as "
	    "they are\n"
	    "      --rule NAME           only records of the rule NAME\n"
	    "      --target ID           only records of the target ID\n"
	    "      --error CODE          only records with the ERROR_CODE "
	    "CODE\n"
	    "      --since TIME          only records dead-lettered at or "
	    "after TIME\n"
	    "      --until TIME          only records dead-lettered before "
	    "TIME\n"
	    "      --to-bus FILE         redrive: deliver to the records' "
	    "targets in FILE\n"
	    "      --older-than DURATION purge: records dead-lettered longer "
	    "ago (30m, 2h, 7d)\n"
	    "      --from TIME           replay: events of TIME or later\n"
	    "      --to TIME             replay: events before TIME\n"
	    "      --name NAME           replay: the replay-name to add "
	    "(default replay)\n"
	    "      --rate N[/s|/m|/h]    replay: at most N events a second "
	    "(minute, hour)\n"
	    "  -h, --help                show this help\n"
	    "  -V, --version             show the version\n"
	    "\n"
	    "A TIME is RFC 3339, seconds since the epoch, or a duration ago "
	    "(2h).\n");
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
write_failed(int e)
{
	if (e == EPIPE) {
		signal(SIGPIPE, SIG_DFL);
		raise(SIGPIPE);
	}
	errno = e;
	err(EVB_EXIT_TROUBLE, "%s", EVB_STDOUT_NAME);
}

static void
put(const char *p, size_t n)
{
	if (evb_writer_write(&out, p, n) == -1)
		write_failed(out.error);
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

	if (evb_sig_caught())
		return EVB_DLQ_ABORT;
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
	warnx("%s:%llu: %s", file, line, why);
	status = EVB_EXIT_TROUBLE;
}

static void
inspect(int argc, char *argv[], bool show)
{
	struct reading r;
	struct evb_dlq_visitor v = { &r, read_record, read_bad, NULL, &out };
	struct evb_err e;

	memset(&r, 0, sizeof(r));
	evb_dlq_counts_init(&r.counts);
	r.show = show;
	for (int i = 0; i < argc && !evb_sig_caught(); i++) {
		r.file = strcmp(argv[i], "-") == 0 ? EVB_STDIN_NAME : argv[i];
		if (evb_dlq_scan(argv[i], &v, &e) == -1) {
			warnx("%s", e.msg);
			status = EVB_EXIT_TROUBLE;
		}
	}
	if (!show && !evb_sig_caught()) {
		evb_buf_reset(&r.text);
		evb_dlq_counts_write(&r.text, &r.counts, opt.json);
		put(r.text.p, r.text.len);
	}
	evb_buf_fini(&r.text);
	evb_dlq_counts_fini(&r.counts);
}

/* redrive */

static enum evb_dlq_verdict
pick_record(void *ctx, const struct evb_dlq_entry *e, const char *line,
    size_t n, unsigned long long lineno)
{
	(void)ctx;
	(void)line;
	(void)n;
	(void)lineno;
	return evb_dlq_selects(&opt.f, e) ? EVB_DLQ_DROP : EVB_DLQ_KEEP;
}

struct redrive {
	struct evb_buf		 back;		/* failed again: dead letters */
	unsigned long long	 again;
	const char		*path;
};

static void
failed_again(void *ctx, const char *rec, size_t n)
{
	struct redrive *w = ctx;
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_dlq_entry e;
	struct evb_err why;

	if (evb_dlq_parse(&a, rec, n, &e, &why) == 0)
		warnx("target %s/%s: %s: %s; back in %s", e.rule ? e.rule : "?",
		    e.target ? e.target : "?", e.code ? e.code : "?",
		    e.message ? e.message : "", w->path);
	evb_arena_fini(&a);
	evb_buf_add(&w->back, rec, n);
	w->again++;
}

/* Queue every pick on the bus; those without a target there stay. */
static void
queue_picks(struct evb_dlq_snap *s, struct evb_fan *fan)
{
	for (size_t i = 0; i < s->n; i++) {
		struct evb_dlq_entry e;
		struct evb_err why;

		if (evb_dlq_snap_read(s, i, &e, &why) == -1) {
			warnx("%s; the record stays", why.msg);
			status = EVB_EXIT_TROUBLE;
		} else if (evb_fan_deliver(fan, e.event, e.nevent,
		    e.rule ? e.rule : "", e.target ? e.target : "") == -1) {
			warnx("%s:%llu: no target %s/%s in %s; the record "
			    "stays", s->path, s->v[i].lineno, e.rule ?
			    e.rule : "?", e.target ? e.target : "?", opt.bus);
			if (status == EVB_EXIT_OK)
				status = EVB_EXIT_NO;
		} else
			s->v[i].taken = true;
	}
}

static void
to_bus(struct evb_dlq_snap *s, struct redrive *w)
{
	struct evb_bus bus;
	struct evb_fan_opts o;
	struct evb_err e;
	struct evb_fan *fan;

	evb_bus_init(&bus);
	if (evb_bus_load(&bus, opt.bus, &e) == -1)
		errx(EVB_EXIT_TROUBLE, "%s: %s", opt.bus, e.msg);
	memset(&o, 0, sizeof(o));
	o.grace = 10;
	o.default_dlq = s->path;
	o.no_input = true;
	o.log = log_warn;
	o.dead_letter = failed_again;
	o.dead_letter_ctx = w;
	o.sigfd = evb_sig_fd();
	o.caught = evb_sig_caught;
	if ((fan = evb_fan_new(&bus, &o, &e)) == NULL)
		errx(EVB_EXIT_TROUBLE, "%s", e.msg);
	queue_picks(s, fan);
	(void)evb_fan_run(fan, NULL, 0);
	if (evb_fan_stats(fan)->trouble)
		status = EVB_EXIT_TROUBLE;
	evb_fan_free(fan);
	evb_bus_fini(&bus);
}

static void
redrive(const char *path)
{
	struct evb_dlq_snap s;
	struct evb_dlq_visitor v = { NULL, pick_record, bad_line, NULL, NULL };
	struct evb_handoff h;
	struct redrive w;
	struct evb_err e;
	unsigned long long taken = 0;
	long long removed;

	/* A reader that goes away is noticed as EPIPE, after the cleanup. */
	signal(SIGPIPE, SIG_IGN);
	memset(&w, 0, sizeof(w));
	w.path = path;
	if (evb_dlq_snap_open(&s, path, &v, &e) == -1)
		errx(EVB_EXIT_TROUBLE, "%s", e.msg);
	evb_handoff_init(&h, STDOUT_FILENO, evb_sig_caught);
	if (opt.bus != NULL) {
		evb_sig_catch_child();
		to_bus(&s, &w);
	} else
		(void)evb_dlq_snap_emit(&s, &h);
	for (size_t i = 0; i < s.n; i++)
		taken += s.v[i].taken;
	if ((removed = evb_dlq_snap_commit(&s, w.back.p, w.back.len, &e)) ==
	    -1) {
		warnx("%s", e.msg);
		status = EVB_EXIT_TROUBLE;
	} else if (h.error == EPIPE)
		;	/* quietly, as any filter whose reader left */
	else if (opt.bus != NULL && (taken < s.n || w.again > 0))
		warnx("%s: %llu redriven, %llu failed again, %llu stay", path,
		    taken - w.again, w.again, (unsigned long long)s.n - taken);
	else if (taken < s.n)
		warnx("%s: %llu redriven, %llu stay", path, taken,
		    (unsigned long long)s.n - taken);
	if (w.again > 0 && status == EVB_EXIT_OK)
		status = EVB_EXIT_NO;
	evb_dlq_snap_fini(&s);
	evb_buf_fini(&w.back);
	if (h.error != 0 && h.error != EINTR)
		write_failed(h.error);
	evb_handoff_fini(&h);
}

/* purge */

struct purging {
	unsigned long long	 dropped, kept;
};

static enum evb_dlq_verdict
purge_record(void *ctx, const struct evb_dlq_entry *e, const char *line,
    size_t n, unsigned long long lineno)
{
	struct purging *p = ctx;

	(void)line;
	(void)n;
	(void)lineno;
	if (evb_sig_caught())
		return EVB_DLQ_ABORT;
	if (!evb_dlq_selects(&opt.f, e)) {
		p->kept++;
		return EVB_DLQ_KEEP;
	}
	p->dropped++;
	return EVB_DLQ_DROP;
}

static void
purge(const char *path)
{
	struct purging p = { 0, 0 };
	struct evb_dlq_visitor v = { &p, purge_record, bad_line, NULL, NULL };
	struct evb_err e;
	char line[128];
	int rc;

	if ((rc = evb_dlq_rewrite(path, &v, &e)) == -1)
		errx(EVB_EXIT_TROUBLE, "%s", e.msg);
	if (rc == 1) {
		warnx("%s: stopped; nothing purged", path);
		return;
	}
	snprintf(line, sizeof(line), "%llu purged, %llu kept\n", p.dropped,
	    p.kept);
	put(path, strlen(path));
	put(": ", 2);
	put(line, strlen(line));
}

/* replay */

static int
stop_requested(void)
{
	return evb_sig_caught() != 0;
}

static void
bad_event(void *ctx, const char *file, unsigned long long line,
    const char *why)
{
	(void)ctx;
	warnx("%s:%llu: %s; not replayed", file, line, why);
	status = EVB_EXIT_TROUBLE;
}

static void
unreadable(void *ctx, const char *file, int e)
{
	(void)ctx;
	warnx("%s: %s", file, strerror(e));
	status = EVB_EXIT_TROUBLE;
}

static void
replay(int argc, char *argv[])
{
	struct evb_replay rp;
	struct evb_err e;

	if (!opt.has_from || !opt.has_to) {
		warnx("replay needs --from and --to");
		usage();
	}
	if (opt.to <= opt.from)
		errx(EVB_EXIT_TROUBLE, "Parameter EventEndTime is not valid. "
		    "Reason: EventStartTime must be before EventEndTime.");
	memset(&rp, 0, sizeof(rp));
	rp.from = opt.from;
	rp.to = opt.to;
	rp.name = opt.name != NULL ? opt.name : "replay";
	rp.rate = opt.rate;
	rp.bad = bad_event;
	rp.unreadable = unreadable;
	rp.stop = stop_requested;
	if (evb_replay_run(&rp, argv, (size_t)argc, &out, &e) == -1) {
		if (out.error)
			write_failed(out.error);
		errx(EVB_EXIT_TROUBLE, "%s", e.msg);
	}
}

/* Options */

static const struct option longopts[] = {
	{ "json",	no_argument,	   NULL, OPT_JSON },
	{ "rule",	required_argument, NULL, OPT_RULE },
	{ "target",	required_argument, NULL, OPT_TARGET },
	{ "error",	required_argument, NULL, OPT_ERROR },
	{ "since",	required_argument, NULL, OPT_SINCE },
	{ "until",	required_argument, NULL, OPT_UNTIL },
	{ "to-bus",	required_argument, NULL, OPT_TO_BUS },
	{ "older-than",	required_argument, NULL, OPT_OLDER },
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
	errx(EVB_EXIT_TROUBLE, "%s %s: not a time (RFC 3339, seconds since "
	    "the epoch, or a duration ago such as 2h)", o, s);
}

/* N, N/s, N/m or N/h: events a second. */
static double
rate(const char *s)
{
	char *end;
	double r = strtod(s, &end), per = 1;

	if (strcmp(end, "/m") == 0)
		per = 60;
	else if (strcmp(end, "/h") == 0)
		per = 3600;
	else if (*end != '\0' && strcmp(end, "/s") != 0)
		r = 0;
	if (end == s || !(r > 0) || r > 1e9)
		errx(EVB_EXIT_TROUBLE, "--rate %s: not a rate (N, N/s, N/m or "
		    "N/h, more than 0)", s);
	return r / per;
}

static void
option(int ch, const char *arg)
{
	long long d;

	switch (ch) {
	case OPT_JSON: opt.json = true; break;
	case OPT_RULE: opt.f.rule = arg; break;
	case OPT_TARGET: opt.f.target = arg; break;
	case OPT_ERROR: opt.f.code = arg; break;
	case OPT_SINCE:
		opt.f.has_since = true;
		opt.f.since = when("--since", arg);
		break;
	case OPT_UNTIL:
		opt.f.has_until = true;
		opt.f.until = when("--until", arg);
		break;
	case OPT_TO_BUS: opt.bus = arg; break;
	case OPT_OLDER:
		if (evb_parse_duration(arg, &d) == -1)
			errx(EVB_EXIT_TROUBLE, "--older-than %s: not a "
			    "duration (30, 30s, 5m, 2h or 7d)", arg);
		opt.f.has_before = true;
		opt.f.before = now - (time_t)d;
		break;
	case OPT_FROM:
		opt.has_from = true;
		opt.from = when("--from", arg);
		break;
	case OPT_TO:
		opt.has_to = true;
		opt.to = when("--to", arg);
		break;
	case OPT_NAME:
		if (!evb_name_valid(arg, strlen(arg), 64))
			errx(EVB_EXIT_TROUBLE, "--name %s: must be 1 to 64 of "
			    "A-Z a-z 0-9 . - _", arg);
		opt.name = arg;
		break;
	case OPT_RATE: opt.rate = rate(arg); break;
	}
}

static void __attribute__((noreturn))
version(void)
{
	printf("evdlq (evbus) %s\n", EVB_VERSION);
	exit(EVB_EXIT_OK);
}

static const char *
long_name(int ch)
{
	for (size_t i = 0; longopts[i].name != NULL; i++)
		if (longopts[i].val == ch)
			return longopts[i].name;
	return "?";
}

/* The command, then its options; returns the command. */
static enum cmd
parse(int argc, char *argv[])
{
	size_t c, n = sizeof(cmds) / sizeof(cmds[0]);
	int ch;

	for (c = 0; argc > 1 && c < n; c++)
		if (strcmp(argv[1], cmds[c].name) == 0)
			break;
	if (argc <= 1)
		c = n;
	else if (c == n && argv[1][0] != '-')
		warnx("%s: not a command (stats, show, redrive, purge or "
		    "replay)", argv[1]);
	/* Without a command, only -h and -V. */
	optind = c < n ? 2 : 1;
	while ((ch = getopt_long(argc, argv, "hV", longopts, NULL)) != -1) {
		if (ch == 'h')
			help();
		if (ch == 'V')
			version();
		if (ch < OPT_JSON || c == n)
			usage();
		if ((cmds[c].opts & BIT(ch)) == 0) {
			warnx("--%s: not an option of %s", long_name(ch),
			    cmds[c].name);
			usage();
		}
		opt.seen |= BIT(ch);
		option(ch, optarg);
	}
	if (c == n)
		usage();
	return (enum cmd)c;
}

int
main(int argc, char *argv[])
{
	static char dash[] = "-", *in[] = { dash, NULL };
	enum cmd c;
	int sig;

	now = time(NULL);
	c = parse(argc, argv);
	argc -= optind;
	argv += optind;
	if (argc == 0 && (c == C_STATS || c == C_SHOW)) {
		argc = 1;
		argv = in;
	}
	if (argc == 0 || ((c == C_REDRIVE || c == C_PURGE) && argc != 1))
		usage();
	if (c == C_PURGE && (opt.seen & BIT(OPT_OLDER)) == 0) {
		warnx("purge needs --older-than");
		usage();
	}
	if ((c == C_REDRIVE || c == C_PURGE) && strcmp(argv[0], "-") == 0)
		errx(EVB_EXIT_TROUBLE, "-: %s needs a file it can rewrite",
		    cmds[c].name);
	evb_writer_init(&out, STDOUT_FILENO, EVB_STDOUT_NAME);
	evb_sig_catch();
	switch (c) {
	case C_STATS: inspect(argc, argv, false); break;
	case C_SHOW: inspect(argc, argv, true); break;
	case C_REDRIVE: redrive(argv[0]); break;
	case C_PURGE: purge(argv[0]); break;
	case C_REPLAY: replay(argc, argv); break;
	}
	if (evb_writer_flush(&out) == -1)
		write_failed(out.error);
	evb_writer_fini(&out);
	if ((sig = evb_sig_caught()) != 0)
		evb_sig_reraise(sig);
	if (fclose(stdout) == EOF)
		err(EVB_EXIT_TROUBLE, "%s", EVB_STDOUT_NAME);
	return status;
}
