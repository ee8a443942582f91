/*
 * evschema: discover, version and check the shapes of the events passing
 * through, as EventBridge's schema registry does, but at once and merging.
 */
#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog.h"
#include "regview.h"
#include "evbus.h"
#include "lineio.h"
#include "sig.h"

enum cmd { DISCOVER, VALIDATE, LIST, SHOW, DIFF };

static struct {
	enum cmd	 cmd;
	const char	*registry;
	unsigned long	 version;	/* --version; 0: latest */
	int		 format;
	bool		 json, verbose;
	size_t		 max_line;
} opt;

static struct evb_registry reg;
static struct evb_catalog cat;
static struct evb_writer out, rejects;
static bool have_rejects;
static struct evb_arena arena = EVB_ARENA_INIT;
static unsigned long long nlines, nrefused;
static int status = EVB_EXIT_OK;

static const char usage_line[] =
    "usage: evschema discover -r dir [-v] [--rejects file] [--max-line size]\n"
    "                [--line-buffered] [file ...]\n"
    "       evschema validate -r dir [--version num] [--rejects file]\n"
    "                [--max-line size] [--line-buffered] [file ...]\n"
    "       evschema list -r dir [--json]\n"
    "       evschema show -r dir [--version num] [--format format] name\n"
    "       evschema diff -r dir [--json] name version1 version2\n"
    "       evschema [-hV]\n";

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
	    "Keep one versioned schema per event source and detail-type.\n"
	    "\n"
	    "  -r, --registry DIR        the registry (default "
	    "$EVSCHEMA_REGISTRY)\n"
	    "  -v, --verbose             discover: report each new version\n"
	    "      --version NUM         validate, show: use version NUM, not "
	    "the latest\n"
	    "      --format FORMAT       show: jsonschema (default) or openapi\n"
	    "      --json                list, diff: write JSON\n"
	    "      --rejects FILE        append a record of each refused event "
	    "to FILE\n"
	    "      --max-line SIZE       longest input line (default 1M)\n"
	    "      --line-buffered       flush output after every event\n"
	    "  -h, --help                show this help\n"
	    "  -V                        show the version (no command)\n");
	exit(EVB_EXIT_OK);
}

static void __attribute__((noreturn))
write_failed(void)
{
	errno = out.error;
	err(EVB_EXIT_TROUBLE, "%s", out.name);
}

/* Report a refused line on stderr and in the rejects file. */
static void
refused(const char *file, unsigned long long line, const struct evb_reject *rej,
    const char *input, size_t n, const struct evb_centry *ent,
    const char *ptr)
{
	warnx("%s:%llu: %s: %s", file, line, rej->code, rej->reason);
	nrefused++;
	if (status == EVB_EXIT_OK)
		status = EVB_EXIT_NO;
	if (have_rejects) {
		struct evb_buf b = EVB_BUF_INIT;

		evb_catalog_reject(&b, rej, file, line, input, n,
		    ent ? ent->name : NULL, ent ? ent->version : 0, ptr);
		if (evb_writer_write(&rejects, b.p, b.len) == -1 ||
		    evb_writer_flush(&rejects) == -1) {
			/* Stop, but keep the events passed so far. */
			errno = rejects.error;
			warn("%s", rejects.name);
			(void)evb_writer_flush(&out);
			exit(EVB_EXIT_TROUBLE);
		}
		evb_buf_fini(&b);
	}
}

static void
malformed(const char *file, unsigned long long line, const char *input,
    size_t n, const char *why)
{
	struct evb_reject rej;

	evb_reject_set(&rej, "MalformedEvent", "Event is malformed.", "%s",
	    why);
	refused(file, line, &rej, input, n, NULL, NULL);
}

static void
trouble(const char *msg)
{
	warnx("%s", msg);
	status = EVB_EXIT_TROUBLE;
}

static void
check(const char *file, unsigned long long line, const char *p, size_t n,
    const struct evb_jv *v)
{
	struct evb_buf ptr = EVB_BUF_INIT;
	struct evb_centry *ent;
	struct evb_reject rej;
	struct evb_err e;

	if ((ent = evb_catalog_get(&cat, v, &e)) == NULL) {
		trouble(e.msg);
		return;
	}
	if (ent->version == 0) {
		if (opt.version != 0 && ent->latest != 0)
			evb_reject_set(&rej, "SchemaNotFound", "No schema for "
			    "the event's source and detail-type.", "schema %s "
			    "has no version %lu", ent->name, opt.version);
		else
			evb_reject_set(&rej, "SchemaNotFound", "No schema for "
			    "the event's source and detail-type.", "no schema "
			    "for source \"%.*s\" and detail-type \"%.*s\" "
			    "(%s)", (int)ent->doc.slen, ent->doc.source,
			    (int)ent->doc.dlen, ent->doc.dtype, ent->name);
		refused(file, line, &rej, p, n, ent, NULL);
	} else if (evb_schema_validate(ent->doc.event, v, &ptr, &e) == -1) {
		evb_reject_set(&rej, "SchemaMismatch", "Event does not conform "
		    "to the schema.", "%s: %s", ptr.len ? evb_buf_cstr(&ptr) :
		    "(event)", e.msg);
		refused(file, line, &rej, p, n, ent, evb_buf_cstr(&ptr));
	} else if (evb_writer_line(&out, p, n) == -1)
		write_failed();
	evb_buf_fini(&ptr);
}

static void
observe(const char *p, size_t n, const struct evb_jv *v)
{
	struct evb_centry *ent;
	struct evb_err e;
	int rc = evb_catalog_observe(&cat, v, &ent, &e);

	if (rc == -1 && errno == EINTR && evb_sig_caught())
		return;
	if (rc == -1)
		trouble(e.msg);
	else if (rc == 1 && opt.verbose)
		warnx("%s: version %lu", ent->name, ent->version);
	if (evb_writer_line(&out, p, n) == -1)
		write_failed();
}

static void
one_line(const char *file, unsigned long long line, const char *p, size_t n)
{
	const struct evb_jv *v, *src, *dt;
	struct evb_err e;

	nlines++;
	evb_arena_reset(&arena);
	if ((v = evb_json_parse(&arena, p, n, 0, &e)) == NULL) {
		char why[sizeof(e.msg) + 64];

		snprintf(why, sizeof(why), "%s at column %zu",
		    e.msg, e.col);
		malformed(file, line, p, n, why);
	} else if (evb_catalog_key(v, &src, &dt, &e) == -1)
		malformed(file, line, p, n, e.msg);
	else if (opt.cmd == DISCOVER)
		observe(p, n, v);
	else
		check(file, line, p, n, v);
}

static void
read_file(const char *path)
{
	struct evb_reader r;
	const char *line;
	size_t n;
	enum evb_line st;
	char why[64];

	if (evb_reader_open(&r, path, opt.max_line) == -1) {
		warn("%s", path);
		status = EVB_EXIT_TROUBLE;
		return;
	}
	r.flush = &out;
	while (!evb_sig_caught() && (st = evb_reader_next(&r, &line, &n)) !=
	    EVB_LINE_EOF) {
		if (st == EVB_LINE_OK)
			one_line(r.name, r.lineno, line, n);
		else if (st == EVB_LINE_NUL) {
			nlines++;
			malformed(r.name, r.lineno, line, n, "NUL byte in input");
		} else if (st == EVB_LINE_LONG) {
			nlines++;
			snprintf(why, sizeof(why), "line longer than %zu bytes "
			    "(--max-line)", r.max_line);
			malformed(r.name, r.lineno, NULL, r.long_len, why);
		} else if (st != EVB_LINE_INTR) {
			warn("%s", r.name);
			status = EVB_EXIT_TROUBLE;
			break;
		}
	}
	evb_reader_close(&r);
}

static void
open_registry(bool create)
{
	struct evb_err e;

	if (opt.registry == NULL && (opt.registry =
	    getenv("EVSCHEMA_REGISTRY")) != NULL && *opt.registry == '\0')
		opt.registry = NULL;
	if (opt.registry == NULL) {
		warnx("no registry: give -r dir");
		usage();
	}
	if (evb_registry_open(&reg, opt.registry, create, &e) == -1)
		errx(EVB_EXIT_TROUBLE, "%s", e.msg);
}

static void
stream(int argc, char *argv[])
{
	open_registry(opt.cmd == DISCOVER);
	evb_catalog_init(&cat, &reg, opt.cmd == VALIDATE ? opt.version : 0);
	evb_sig_catch();
	if (argc == 0)
		read_file("-");
	for (int i = 0; i < argc && !evb_sig_caught(); i++)
		read_file(argv[i]);
	if (nrefused > 0 && !evb_sig_caught())
		warnx("%llu of %llu %s refused", nrefused, nlines,
		    nlines == 1 ? "line" : "lines");
	if (evb_writer_flush(&out) == -1)
		write_failed();
	if (have_rejects && close(rejects.fd) == -1)
		err(EVB_EXIT_TROUBLE, "%s", rejects.name);
	if (evb_sig_caught())
		evb_sig_reraise(evb_sig_caught());
	evb_catalog_fini(&cat);
}

/* list, show and diff: one answer, written at once. */
static int
view(int argc, char *argv[])
{
	struct evb_buf b = EVB_BUF_INIT;
	struct evb_err e;
	unsigned long v[2];
	const char *errstr;
	long rc = 0;

	if ((opt.cmd == LIST && argc != 0) || (opt.cmd == SHOW && argc != 1) ||
	    (opt.cmd == DIFF && argc != 3))
		usage();
	for (int i = 0; opt.cmd == DIFF && i < 2; i++) {
		v[i] = (unsigned long)evb_strtonum(argv[i + 1], 1, LONG_MAX,
		    &errstr);
		if (errstr != NULL)
			errx(EVB_EXIT_TROUBLE, "%s: version is %s", argv[i + 1],
			    errstr);
	}
	open_registry(false);
	if (opt.cmd == LIST)
		rc = evb_regview_list(&b, &reg, opt.json, &e);
	else if (opt.cmd == SHOW)
		rc = evb_regview_show(&b, &reg, argv[0], opt.version,
		    opt.format, &e);
	else
		rc = evb_regview_diff(&b, &reg, argv[0], v[0], v[1], opt.json,
		    &e);
	if (rc == -1)
		errx(EVB_EXIT_TROUBLE, "%s", e.msg);
	if ((b.len > 0 && evb_writer_write(&out, b.p, b.len) == -1) ||
	    evb_writer_flush(&out) == -1)
		write_failed();
	evb_buf_fini(&b);
	return rc > 0 ? EVB_EXIT_NO : EVB_EXIT_OK;
}

enum {
	OPT_VERSION = 256,
	OPT_FORMAT,
	OPT_JSON,
	OPT_REJECTS,
	OPT_MAX_LINE,
	OPT_LINE_BUFFERED
};

static const struct option longopts[] = {
	{ "registry",		required_argument, NULL, 'r' },
	{ "verbose",		no_argument,	   NULL, 'v' },
	{ "version",		required_argument, NULL, OPT_VERSION },
	{ "format",		required_argument, NULL, OPT_FORMAT },
	{ "json",		no_argument,	   NULL, OPT_JSON },
	{ "rejects",		required_argument, NULL, OPT_REJECTS },
	{ "max-line",		required_argument, NULL, OPT_MAX_LINE },
	{ "line-buffered",	no_argument,	   NULL, OPT_LINE_BUFFERED },
	{ "help",		no_argument,	   NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* Which commands take an option, as bits of enum cmd. */
static unsigned
takers(int ch)
{
	switch (ch) {
	case 'v':
		return 1u << DISCOVER;
	case OPT_VERSION:
		return 1u << VALIDATE | 1u << SHOW;
	case OPT_FORMAT:
		return 1u << SHOW;
	case OPT_JSON:
		return 1u << LIST | 1u << DIFF;
	case OPT_REJECTS:
	case OPT_MAX_LINE:
	case OPT_LINE_BUFFERED:
		return 1u << DISCOVER | 1u << VALIDATE;
	default:
		return ~0u;
	}
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

static void
option(int ch, const char *arg, const char *cmdname)
{
	const char *errstr;

	if (!(takers(ch) & 1u << opt.cmd)) {
		for (const struct option *o = longopts; o->name != NULL; o++)
			if (o->val == ch)
				warnx("--%s does not apply to %s", o->name,
				    cmdname);
		usage();
	}
	switch (ch) {
	case 'r':
		opt.registry = arg;
		break;
	case 'v':
		opt.verbose = true;
		break;
	case OPT_VERSION:
		opt.version = (unsigned long)evb_strtonum(arg, 1, LONG_MAX,
		    &errstr);
		if (errstr != NULL)
			errx(EVB_EXIT_TROUBLE, "--version: %s: %s", arg, errstr);
		break;
	case OPT_FORMAT:
		if ((opt.format = evb_sformat_parse(arg)) == -1)
			errx(EVB_EXIT_TROUBLE, "--format: %s: not jsonschema or "
			    "openapi", arg);
		break;
	case OPT_JSON:
		opt.json = true;
		break;
	case OPT_REJECTS:
		open_rejects(arg);
		break;
	case OPT_MAX_LINE:
		if (evb_parse_size(arg, &opt.max_line) == -1 ||
		    opt.max_line == 0)
			errx(EVB_EXIT_TROUBLE, "--max-line: %s: not a size", arg);
		break;
	case OPT_LINE_BUFFERED:
		out.line_buffered = true;
		break;
	case 'h':
		help();
		break;
	default:
		usage();
	}
}

static int
command(const char *s)
{
	static const char *const names[] = {
		"discover", "validate", "list", "show", "diff"
	};

	for (int i = 0; i < 5; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	if (strcmp(s, "export") == 0)
		return SHOW;
	return -1;
}

int
main(int argc, char *argv[])
{
	int ch, c;

	evb_writer_init(&out, STDOUT_FILENO, EVB_STDOUT_NAME);
	if (argc > 1 && strcmp(argv[1], "-V") == 0 && argc == 2) {
		printf("evschema (evbus) %s\n", EVB_VERSION);
		exit(EVB_EXIT_OK);
	}
	if (argc > 1 && (strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "--help") == 0))
		help();
	if (argc > 1 && strcmp(argv[1], "--version") == 0 && argc == 2) {
		printf("evschema (evbus) %s\n", EVB_VERSION);
		exit(EVB_EXIT_OK);
	}
	if (argc < 2 || argv[1][0] == '-') {
		if (argc >= 2)
			warnx("%s: not a command", argv[1]);
		usage();
	}
	if ((c = command(argv[1])) == -1) {
		warnx("%s: unknown command", argv[1]);
		usage();
	}
	opt.cmd = (enum cmd)c;
	argc--;
	argv++;
	while ((ch = getopt_long(argc, argv, "r:vh", longopts, NULL)) != -1)
		option(ch, optarg, argv[0]);
	argc -= optind;
	argv += optind;
	if (opt.cmd == DISCOVER || opt.cmd == VALIDATE)
		stream(argc, argv);
	else
		status = view(argc, argv);
	evb_writer_fini(&out);
	if (have_rejects)
		evb_writer_fini(&rejects);
	evb_registry_close(&reg);
	evb_arena_fini(&arena);
	if (close(STDOUT_FILENO) == -1 && errno != EBADF)
		err(EVB_EXIT_TROUBLE, "%s", EVB_STDOUT_NAME);
	return status;
}
