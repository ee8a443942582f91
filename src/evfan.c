/*
 * evfan: deliver every event to all the targets its rules select, at once.
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcntl.h>

#include "bus.h"
#include "reject.h"
#include "evbus.h"
#include "fan.h"
#include "sig.h"

static const char usage_line[] =
    "usage: evfan [-c bus-file] [-t target] [-p pattern] [--dlq file] "
    "[--journal file]\n"
    "             [--rejects file] [--queue num] [--grace seconds] "
    "[--backoff base[:cap]]\n"
    "             [--strict] [--max-line size] [--max-depth num] [--stats] "
    "[--check] [-hV]\n"
    "             [file ...]\n";

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
	    "Deliver each NDJSON event to every target its rules select.\n"
	    "\n"
	    "  -c, --bus FILE            rules and targets (see evbus-bus(5))\n"
	    "  -t, --target ADDRESS      deliver every event (or those -p "
	    "selects) to\n"
	    "                            stdout, file:PATH, exec:CMD [ARG...] "
	    "or\n"
	    "                            pipe:CMD [ARG...]\n"
	    "  -p, --pattern PATTERN     the event pattern for -t targets\n"
	    "      --dlq FILE            dead letters of targets without a "
	    "DeadLetterConfig\n"
	    "                            (default evfan-dlq.ndjson)\n"
	    "      --journal FILE        journal events to redeliver after a "
	    "crash\n"
	    "      --rejects FILE        keep input lines that are not events "
	    "in FILE\n"
	    "      --queue NUM           deliveries a target may hold before "
	    "input waits\n"
	    "                            (default 1000)\n"
	    "      --grace SECONDS       time to finish after SIGINT, SIGTERM "
	    "or SIGHUP\n"
	    "                            (default 10)\n"
	    "      --backoff BASE[:CAP]  retry backoff in seconds (default 1:300)\n"
	    "      --strict              input transformers escape values and "
	    "report\n"
	    "                            what EventBridge would drop silently\n"
	    "      --max-line SIZE       longest input line (default 1M)\n"
	    "      --max-depth NUM       deepest nesting of an event "
	    "(default 100)\n"
	    "      --stats               print delivery counters at the end\n"
	    "      --check               only check the bus file, targets and "
	    "files\n"
	    "  -h, --help                show this help\n"
	    "  -V, --version             show the version\n");
	exit(EVB_EXIT_OK);
}

static int rejects_fd = -1;
static const char *rejects_path;

/* A line that is not an event, kept in the rejects file. */
static void
reject(const char *file, unsigned long long line, const char *why,
    const char *text, size_t n)
{
	struct evb_reject r;
	struct evb_buf b = EVB_BUF_INIT;

	if (rejects_fd == -1)
		return;
	evb_reject_set(&r, "MalformedEvent", "The line is not an event.", "%s",
	    why);
	evb_reject_record(&b, &r, file, line, text, n);
	if (write(rejects_fd, b.p, b.len) != (ssize_t)b.len)
		warn("%s", rejects_path);
	evb_buf_fini(&b);
}

static void
log_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
}

enum {
	OPT_DLQ = 256,
	OPT_JOURNAL,
	OPT_QUEUE,
	OPT_GRACE,
	OPT_BACKOFF,
	OPT_STRICT,
	OPT_MAX_LINE,
	OPT_MAX_DEPTH,
	OPT_STATS,
	OPT_CHECK,
	OPT_REJECTS
};

static const struct option longopts[] = {
	{ "bus",	required_argument, NULL, 'c' },
	{ "target",	required_argument, NULL, 't' },
	{ "pattern",	required_argument, NULL, 'p' },
	{ "dlq",	required_argument, NULL, OPT_DLQ },
	{ "journal",	required_argument, NULL, OPT_JOURNAL },
	{ "queue",	required_argument, NULL, OPT_QUEUE },
	{ "grace",	required_argument, NULL, OPT_GRACE },
	{ "backoff",	required_argument, NULL, OPT_BACKOFF },
	{ "strict",	no_argument,	   NULL, OPT_STRICT },
	{ "max-line",	required_argument, NULL, OPT_MAX_LINE },
	{ "max-depth",	required_argument, NULL, OPT_MAX_DEPTH },
	{ "stats",	no_argument,	   NULL, OPT_STATS },
	{ "check",	no_argument,	   NULL, OPT_CHECK },
	{ "rejects",	required_argument, NULL, OPT_REJECTS },
	{ "help",	no_argument,	   NULL, 'h' },
	{ "version",	no_argument,	   NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

/* A number of seconds from 0 to 86400, or -1. */
static double
seconds(const char *s, char **end)
{
	double d = strtod(s, end);

	return *end == s || !(d >= 0 && d <= 86400) ? -1 : d;
}

static double
grace(const char *s)
{
	char *end;
	double d = seconds(s, &end);

	if (d < 0 || *end != '\0')
		errx(EVB_EXIT_TROUBLE, "--grace %s: not a number of seconds "
		    "from 0 to 86400", s);
	return d;
}

/* base[:cap]: base above 0, cap 0 (the default) or from base to 86400. */
static void
backoff(const char *s, struct evb_fan_opts *o)
{
	char *end;

	o->backoff_base = seconds(s, &end);
	if (o->backoff_base <= 0 || (*end != '\0' && *end != ':'))
		errx(EVB_EXIT_TROUBLE, "--backoff %s: the base must be a number "
		    "of seconds above 0, at most 86400", s);
	if (*end != ':')
		return;
	o->backoff_cap = seconds(end + 1, &end);
	if (o->backoff_cap < 0 || *end != '\0' || (o->backoff_cap > 0 &&
	    o->backoff_cap < o->backoff_base))
		errx(EVB_EXIT_TROUBLE, "--backoff %s: the cap must be 0 or a "
		    "number of seconds from the base to 86400", s);
}

struct config {
	const char	*bus, *pattern;
	char		**targets;
	size_t		 ntargets;
	bool		 stats, check;
};

static void
parse(int argc, char *argv[], struct config *c, struct evb_fan_opts *o,
    struct evb_bus *b)
{
	const char *errstr;
	int ch;

	while ((ch = getopt_long(argc, argv, "c:t:p:hV", longopts, NULL)) != -1)
		switch (ch) {
		case 'c': c->bus = optarg; break;
		case 'p': c->pattern = optarg; break;
		case 't':
			c->targets = xreallocarray(c->targets, c->ntargets + 1,
			    sizeof(*c->targets));
			c->targets[c->ntargets++] = optarg;
			break;
		case OPT_DLQ: o->default_dlq = optarg; break;
		case OPT_JOURNAL: o->journal = optarg; break;
		case OPT_QUEUE:
			o->queue = (size_t)evb_strtonum(optarg, 1, 10000000,
			    &errstr);
			if (errstr != NULL)
				errx(EVB_EXIT_TROUBLE, "--queue %s: %s", optarg,
				    errstr);
			break;
		case OPT_GRACE: o->grace = grace(optarg); break;
		case OPT_BACKOFF: backoff(optarg, o); break;
		case OPT_STRICT: b->strict = true; break;
		case OPT_MAX_LINE:
			if (evb_parse_size(optarg, &o->max_line) == -1 ||
			    o->max_line == 0)
				errx(EVB_EXIT_TROUBLE, "--max-line %s: not a size",
				    optarg);
			break;
		case OPT_MAX_DEPTH:
			o->max_depth = (size_t)evb_strtonum(optarg, 1, 120,
			    &errstr);
			if (errstr != NULL)
				errx(EVB_EXIT_TROUBLE, "--max-depth %s: %s (1 to "
				    "120)", optarg, errstr);
			break;
		case OPT_STATS: c->stats = true; break;
		case OPT_CHECK: c->check = true; break;
		case OPT_REJECTS: rejects_path = optarg; break;
		case 'h': help(); break;
		case 'V':
			printf("evfan (evbus) %s\n", EVB_VERSION);
			exit(EVB_EXIT_OK);
		default: usage();
		}
	if (c->bus == NULL && c->ntargets == 0)
		errx(EVB_EXIT_TROUBLE, "nothing to deliver to: give -c or -t");
	if (c->pattern != NULL && c->ntargets == 0)
		errx(EVB_EXIT_TROUBLE, "-p needs -t");
}

/* The bus file, then -p's rule and the -t targets. */
static void
load(struct config *c, struct evb_bus *b)
{
	struct evb_err e;
	size_t rule;

	evb_err_clear(&e);
	if (c->bus != NULL && evb_bus_load(b, c->bus, &e) == -1) {
		if (e.line > 0)
			errx(EVB_EXIT_TROUBLE, "%s:%zu: %s", c->bus, e.line,
			    e.msg);
		errx(EVB_EXIT_TROUBLE, "%s: %s", c->bus, e.msg);
	}
	/* -t targets hang off a rule of their own: "evfan". */
	rule = b->rules.n;
	if (c->pattern != NULL) {
		if (evb_ruleset_add(&b->rules, "evfan", c->pattern,
		    strlen(c->pattern), &e) == -1)
			errx(EVB_EXIT_TROUBLE, "-p: %s", e.msg +
			    strlen("rule evfan: "));
	}
	for (size_t i = 0; i < c->ntargets; i++)
		if (evb_bus_add_target(b, rule, c->targets[i], &e) == -1)
			errx(EVB_EXIT_TROUBLE, "-t %s", e.msg);
}

/* The counters: in all, then per target. */
static void
report(const struct evb_fan *f)
{
	const struct evb_fan_stats *s = evb_fan_stats(f);
	const struct evb_fan_tstats *t;
	size_t n;

	warnx("%llu events (%llu matched no rule, %llu malformed), %llu "
	    "deliveries: %llu delivered, %llu dead-lettered, %llu failed "
	    "attempts", s->events, s->unmatched, s->malformed, s->deliveries,
	    s->delivered, s->dead, s->failed);
	t = evb_fan_target_stats(f, &n);
	for (size_t i = 0; i < n; i++)
		warnx("target %s/%s: %llu deliveries: %llu delivered, %llu "
		    "dead-lettered, %llu failed attempts", t[i].rule, t[i].id,
		    t[i].deliveries, t[i].delivered, t[i].dead, t[i].failed);
}

static void
check_report(void *ctx, bool error, const char *msg)
{
	(void)ctx;
	(void)error;
	warnx("%s", msg);
}

/*
 * --check: what a run would refuse or trip on, looked at without side
 * effects (see evb_bus_check()).  Returns the exit status.
 */
static int
check(const struct evb_bus *b, const struct evb_fan_opts *o,
    char *const *files, int nfiles)
{
	size_t errors = evb_bus_check(b, o->default_dlq ? o->default_dlq :
	    EVB_FAN_DLQ, check_report, NULL);
	const char *const out[] = { o->journal, rejects_path };

	for (size_t i = 0; i < 2; i++)
		if (out[i] != NULL && evb_bus_writable(out[i]) == -1) {
			warn("%s", out[i]);
			errors++;
		}
	for (int i = 0; i < nfiles; i++)
		if (strcmp(files[i], "-") != 0 &&
		    access(files[i], R_OK) == -1) {
			warn("%s", files[i]);
			errors++;
		}
	return errors > 0 ? EVB_EXIT_TROUBLE : EVB_EXIT_OK;
}

/*
 * A closed standard descriptor would go to the next file opened, and
 * deliveries to stdout into a journal, say.  Hold its place with
 * /dev/null opened the wrong way for 0 and 1, so that using it fails
 * (EBADF) as it would have.
 */
static void
hold_std_fds(void)
{
	static const int mode[] = { O_WRONLY, O_RDONLY, O_WRONLY };

	for (int fd = 0; fd < 3; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF &&
		    open("/dev/null", mode[fd]) != fd)
			exit(EVB_EXIT_TROUBLE);
}

int
main(int argc, char *argv[])
{
	struct evb_fan_opts o;
	struct config c;
	struct evb_bus bus;
	struct evb_fan *f;
	struct evb_err e;
	const struct evb_fan_stats *s;
	int sig, status;

	hold_std_fds();
	memset(&o, 0, sizeof(o));
	memset(&c, 0, sizeof(c));
	o.grace = 10;
	o.log = log_warn;
	evb_bus_init(&bus);
	parse(argc, argv, &c, &o, &bus);
	argc -= optind;
	argv += optind;
	load(&c, &bus);
	if (c.check) {
		status = check(&bus, &o, argv, argc);
		evb_bus_fini(&bus);
		free(c.targets);
		return status;
	}
	if (rejects_path != NULL && (rejects_fd = open(rejects_path, O_WRONLY |
	    O_APPEND | O_CREAT | O_CLOEXEC, 0600)) == -1)
		err(EVB_EXIT_TROUBLE, "%s", rejects_path);
	o.reject = reject;
	/* A target's broken pipe is that target's failure, not ours. */
	signal(SIGPIPE, SIG_IGN);
	evb_sig_catch();
	evb_sig_catch_child();
	o.sigfd = evb_sig_fd();
	o.caught = evb_sig_caught;
	if ((f = evb_fan_new(&bus, &o, &e)) == NULL)
		errx(EVB_EXIT_TROUBLE, "%s", e.msg);
	sig = evb_fan_run(f, argv, (size_t)argc);
	s = evb_fan_stats(f);
	if (c.stats)
		report(f);
	status = s->trouble || s->malformed ? EVB_EXIT_TROUBLE :
	    s->dead ? EVB_EXIT_NO : EVB_EXIT_OK;
	evb_fan_free(f);
	evb_bus_fini(&bus);
	free(c.targets);
	if (sig != 0)
		evb_sig_reraise(sig);
	return status;
}
