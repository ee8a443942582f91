/*
 * evmatch: select events by EventBridge event patterns, as grep selects
 * lines.
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "event.h"
#include "evbus.h"
#include "explain.h"
#include "jgen.h"
#include "lineio.h"
#include "matcher.h"
#include "ruleset.h"
#include "sig.h"

static struct {
	bool		 count, quiet, invert, files_with, files_without;
	bool		 annotate, explain, test, check, no_skip;
	unsigned long long max_count;	/* 0: no limit */
	size_t		 max_line, max_depth;
	long long	 max_complexity;	/* -1: EventBridge's */
	size_t		 max_rules;	/* 0: no limit */
	const char	*rule;		/* --rule */
} opt;

static struct evb_ruleset rules;
static struct evb_matcher *matcher;
static struct evb_writer out;
static struct evb_buf scratch = EVB_BUF_INIT;
static int status = EVB_EXIT_NO;
static bool trouble, multiple_files;

static const char usage_line[] =
    "usage: evmatch [-cLlqv] [-m num]\n"
    "               [-f pattern-file | -r rules-file [--rule name]]\n"
    "               [--annotate | --explain] [--test | --check] "
    "[--max-line size]\n"
    "               [--max-depth num] [--max-complexity num] "
    "[--max-rules num]\n"
    "               [--no-skip] [--line-buffered] [-hV] [pattern] "
    "[file ...]\n";

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
	    "Select NDJSON events that match EventBridge event patterns.\n"
	    "The pattern is the first operand, unless -f or -r gives it.\n"
	    "\n"
	    "  -c, --count               print how many events are selected, "
	    "per file\n"
	    "  -L, --files-without-match print the files with no selected "
	    "event\n"
	    "  -l, --files-with-matches  print the files with a selected event\n"
	    "  -q, --quiet               print nothing; exit 0 at the first "
	    "match\n"
	    "  -v, --invert-match        select the events that do not match\n"
	    "  -m, --max-count NUM       stop reading a file after NUM "
	    "selections\n"
	    "  -f, --file FILE           read the pattern from FILE\n"
	    "  -r, --rules FILE          read named rules from FILE\n"
	    "      --rule NAME           use only the rule NAME of -r\n"
	    "      --annotate            wrap each match with the rules it "
	    "matched\n"
	    "      --explain             say, field by field, why events "
	    "match or not\n"
	    "      --test                match one event operand, like "
	    "TestEventPattern\n"
	    "      --check               only check the pattern or rules\n"
	    "      --max-line SIZE       longest input line (default 1M)\n"
	    "      --max-depth NUM       deepest nesting of an event "
	    "(default 100)\n"
	    "      --max-complexity NUM  wildcard complexity per rule "
	    "(default 10, 0: any)\n"
	    "      --max-rules NUM       most rules in a rules file "
	    "(default 100000, 0: any)\n"
	    "      --no-skip             parse every line, even one that "
	    "cannot match\n"
	    "      --line-buffered       flush output after every event\n"
	    "  -h, --help                show this help\n"
	    "  -V, --version             show the version\n");
	exit(EVB_EXIT_OK);
}

static void __attribute__((noreturn))
write_failed(void)
{
	errno = out.error;
	err(EVB_EXIT_TROUBLE, "%s", out.name);
}

static void
emit(const char *p, size_t n)
{
	if (evb_writer_line(&out, p, n) == -1)
		write_failed();
}

/*
 * {"matched-rules":["a","b"],"event":<the line as read>}.  Rule names need
 * no escaping (AWS's name rules), so their quoted forms are made once.
 */
static void
emit_annotated(const char *line, size_t n, const uint32_t *ids, int nids)
{
	static struct evb_buf names = EVB_BUF_INIT;
	static size_t *off;

	if (off == NULL) {
		off = xcalloc(rules.n + 1, sizeof(*off));
		for (size_t i = 0; i < rules.n; i++) {
			off[i] = names.len;
			evb_json_quote(&names, rules.rules[i].name,
			    strlen(rules.rules[i].name));
		}
		off[rules.n] = names.len;
	}
	evb_buf_reset(&scratch);
	evb_buf_adds(&scratch, "{\"matched-rules\":[");
	for (int i = 0; i < nids; i++) {
		if (i > 0)
			evb_buf_addc(&scratch, ',');
		evb_buf_add(&scratch, names.p + off[ids[i]],
		    off[ids[i] + 1] - off[ids[i]]);
	}
	evb_buf_adds(&scratch, "],\"event\":");
	evb_buf_add(&scratch, line, n);
	evb_buf_addc(&scratch, '}');
	emit(scratch.p, scratch.len);
}

static void
data_error(const char *file, unsigned long long line, const char *why)
{
	warnx("%s:%llu: %s", file, line, why);
	trouble = true;
}

/* Is the line selected?  -1: not an event. */
static int
selected(const char *file, unsigned long long lineno, const char *line,
    size_t n)
{
	const uint32_t *ids;
	struct evb_err e;
	int k;

	if (!opt.invert && !opt.no_skip && evb_matcher_skip(matcher, line, n))
		return 0;
	k = evb_matcher_match(matcher, line, n, opt.annotate ? EVB_MATCH_ALL :
	    EVB_MATCH_ANY, &ids, &e);
	if (k < 0) {
		if (e.col > 0)
			snprintf(e.msg + strlen(e.msg), sizeof(e.msg) -
			    strlen(e.msg), " at column %zu", e.col);
		data_error(file, lineno, e.msg);
		return -1;
	}
	if ((k > 0) == opt.invert)
		return 0;
	if (opt.annotate)
		emit_annotated(line, n, ids, k);
	else if (!opt.count && !opt.quiet && !opt.files_with &&
	    !opt.files_without)
		emit(line, n);
	return 1;
}

/* Count selected events of one input; stop early where grep would. */
static unsigned long long
scan(struct evb_reader *r)
{
	unsigned long long nsel = 0;
	const char *line;
	size_t n;
	enum evb_line st;

	while (!evb_sig_caught() && (st = evb_reader_next(r, &line, &n)) !=
	    EVB_LINE_EOF) {
		if (st == EVB_LINE_OK) {
			if (opt.explain) {
				struct evb_err e;
				int k = evb_explain_line(&out, &rules, opt.rule,
				    r->name, r->lineno, line, n, opt.max_depth,
				    &e);

				if (k < 0)
					data_error(r->name, r->lineno, e.msg);
				else if (k > 0 && ++nsel == opt.max_count)
					break;
				continue;
			}
			if (selected(r->name, r->lineno, line, n) <= 0)
				continue;
			nsel++;
			if (opt.quiet || opt.files_with || opt.files_without ||
			    (opt.max_count && nsel >= opt.max_count))
				break;
		} else if (st == EVB_LINE_LONG) {
			char why[64];

			snprintf(why, sizeof(why), "line longer than %zu bytes",
			    r->max_line);
			data_error(r->name, r->lineno, why);
		} else if (st == EVB_LINE_NUL)
			data_error(r->name, r->lineno, "NUL byte in line");
		else if (st == EVB_LINE_ERROR) {
			warn("%s", r->name);
			trouble = true;
			break;
		}
	}
	return nsel;
}

static void
finish(int code)
{
	int sig = evb_sig_caught();

	if (evb_writer_flush(&out) == -1)
		write_failed();
	if (sig != 0)
		evb_sig_reraise(sig);
	if (close(STDOUT_FILENO) == -1 && errno != EBADF)
		err(EVB_EXIT_TROUBLE, "%s", EVB_STDOUT_NAME);
	evb_matcher_free(matcher);
	evb_ruleset_fini(&rules);
	evb_writer_fini(&out);
	evb_buf_fini(&scratch);
	exit(code);
}

static void
scan_file(const char *path)
{
	struct evb_reader r;
	unsigned long long nsel;

	if (evb_reader_open(&r, path, opt.max_line) == -1) {
		warn("%s", path);
		trouble = true;
		return;
	}
	r.flush = &out;
	nsel = scan(&r);
	if (nsel > 0)
		status = EVB_EXIT_OK;
	if (opt.count) {
		evb_buf_reset(&scratch);
		if (multiple_files)
			evb_buf_printf(&scratch, "%s:", r.name);
		evb_buf_printf(&scratch, "%llu", nsel);
		emit(scratch.p, scratch.len);
	} else if ((opt.files_with && nsel > 0) ||
	    (opt.files_without && nsel == 0))
		emit(r.name, strlen(r.name));
	evb_reader_close(&r);
	if (opt.quiet && nsel > 0)
		finish(EVB_EXIT_OK);
}

/* The pattern from the command line or -f, or the rules of -r. */
static void
load(const char *pattern, const char *pattern_file, const char *rules_file)
{
	struct evb_err e;

	evb_ruleset_init(&rules);
	if (opt.max_complexity >= 0)
		rules.limits.max_complexity = (int)opt.max_complexity;
	rules.max_rules = opt.max_rules;
	evb_err_clear(&e);
	if (rules_file != NULL) {
		if (evb_ruleset_load(&rules, rules_file, &e) == -1) {
			if (e.line > 0)
				errx(EVB_EXIT_TROUBLE, "%s:%llu: %s", rules_file,
				    (unsigned long long)e.line, e.msg);
			errx(EVB_EXIT_TROUBLE, "%s: %s", rules_file, e.msg);
		}
	} else if (pattern_file != NULL) {
		char *text;
		size_t n;

		if (evb_read_file(pattern_file, 1024 * 1024, &text, &n) == -1)
			err(EVB_EXIT_TROUBLE, "%s", pattern_file);
		if (evb_ruleset_add(&rules, "pattern", text, n, &e) == -1)
			errx(EVB_EXIT_TROUBLE, "%s: %s", pattern_file,
			    e.msg + strlen("rule pattern: "));
		free(text);
	} else if (evb_ruleset_add(&rules, "pattern", pattern,
	    strlen(pattern), &e) == -1)
		errx(EVB_EXIT_TROUBLE, "%s", e.msg + strlen("rule pattern: "));
	if (opt.rule != NULL && evb_ruleset_find(&rules, opt.rule) == NULL)
		errx(EVB_EXIT_TROUBLE, "--rule %s: no such rule", opt.rule);
	if (opt.rule != NULL && evb_ruleset_find(&rules, opt.rule)->disabled)
		warnx("--rule %s: the rule is DISABLED and matches nothing",
		    opt.rule);
}

static void
build(void)
{
	matcher = evb_matcher_new();
	evb_matcher_set_max_depth(matcher, opt.max_depth);
	for (size_t i = 0; i < rules.n; i++) {
		const struct evb_rule *r = &rules.rules[i];

		if (r->disabled || (opt.rule && strcmp(opt.rule, r->name) != 0))
			continue;
		evb_matcher_add(matcher, (uint32_t)i, &r->pattern);
	}
	evb_matcher_build(matcher);
}

/* --test PATTERN EVENT, as TestEventPattern answers. */
static void
test(const char *event)
{
	const uint32_t *ids;
	struct evb_err e;
	int k;

	if (!evb_event_complete(event, strlen(event))) {
		warnx("ValidationException: Parameter Event is not valid.");
		finish(EVB_EXIT_TROUBLE);
	}
	build();
	if ((k = evb_matcher_match(matcher, event, strlen(event),
	    EVB_MATCH_ANY, &ids, &e)) < 0) {
		warnx("ValidationException: Parameter Event is not valid. "
		    "Reason: %s", e.msg);
		finish(EVB_EXIT_TROUBLE);
	}
	emit(k ? "{\"Result\":true}" : "{\"Result\":false}", k ? 15 : 16);
	finish(k ? EVB_EXIT_OK : EVB_EXIT_NO);
}

enum {
	OPT_RULE = 256,
	OPT_ANNOTATE,
	OPT_EXPLAIN,
	OPT_TEST,
	OPT_CHECK,
	OPT_LINE_BUFFERED,
	OPT_MAX_LINE,
	OPT_MAX_DEPTH,
	OPT_MAX_COMPLEXITY,
	OPT_MAX_RULES,
	OPT_NO_SKIP
};

static const struct option longopts[] = {
	{ "count",		no_argument,	   NULL, 'c' },
	{ "files-without-match", no_argument,	   NULL, 'L' },
	{ "files-with-matches",	no_argument,	   NULL, 'l' },
	{ "quiet",		no_argument,	   NULL, 'q' },
	{ "silent",		no_argument,	   NULL, 'q' },
	{ "invert-match",	no_argument,	   NULL, 'v' },
	{ "max-count",		required_argument, NULL, 'm' },
	{ "file",		required_argument, NULL, 'f' },
	{ "rules",		required_argument, NULL, 'r' },
	{ "rule",		required_argument, NULL, OPT_RULE },
	{ "annotate",		no_argument,	   NULL, OPT_ANNOTATE },
	{ "explain",		no_argument,	   NULL, OPT_EXPLAIN },
	{ "test",		no_argument,	   NULL, OPT_TEST },
	{ "check",		no_argument,	   NULL, OPT_CHECK },
	{ "line-buffered",	no_argument,	   NULL, OPT_LINE_BUFFERED },
	{ "max-line",		required_argument, NULL, OPT_MAX_LINE },
	{ "max-depth",		required_argument, NULL, OPT_MAX_DEPTH },
	{ "max-complexity",	required_argument, NULL, OPT_MAX_COMPLEXITY },
	{ "max-rules",		required_argument, NULL, OPT_MAX_RULES },
	{ "no-skip",		no_argument,	   NULL, OPT_NO_SKIP },
	{ "help",		no_argument,	   NULL, 'h' },
	{ "version",		no_argument,	   NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void
parse_options(int argc, char *argv[], const char **pf, const char **rf)
{
	const char *errstr;
	int ch;
	bool lb = false;

	while ((ch = getopt_long(argc, argv, "cLlqvm:f:r:hV", longopts,
	    NULL)) != -1) {
		switch (ch) {
		case 'c': opt.count = true; break;
		case 'L': opt.files_without = true; break;
		case 'l': opt.files_with = true; break;
		case 'q': opt.quiet = true; break;
		case 'v': opt.invert = true; break;
		case 'm':
			opt.max_count = (unsigned long long)evb_strtonum(optarg,
			    1, LLONG_MAX, &errstr);
			if (errstr != NULL)
				errx(EVB_EXIT_TROUBLE, "-m %s: %s", optarg,
				    errstr);
			break;
		case 'f': *pf = optarg; break;
		case 'r': *rf = optarg; break;
		case OPT_RULE: opt.rule = optarg; break;
		case OPT_ANNOTATE: opt.annotate = true; break;
		case OPT_EXPLAIN: opt.explain = true; break;
		case OPT_TEST: opt.test = true; break;
		case OPT_CHECK: opt.check = true; break;
		case OPT_LINE_BUFFERED: lb = true; break;
		case OPT_NO_SKIP: opt.no_skip = true; break;
		case OPT_MAX_LINE:
			if (evb_parse_size(optarg, &opt.max_line) == -1 ||
			    opt.max_line == 0)
				errx(EVB_EXIT_TROUBLE, "--max-line %s: not a size",
				    optarg);
			break;
		case OPT_MAX_DEPTH:
			opt.max_depth = (size_t)evb_strtonum(optarg, 1, 120,
			    &errstr);
			if (errstr != NULL)
				errx(EVB_EXIT_TROUBLE, "--max-depth %s: %s "
				    "(1 to 120)", optarg, errstr);
			break;
		case OPT_MAX_COMPLEXITY:
			opt.max_complexity = evb_strtonum(optarg, 0, 1000000,
			    &errstr);
			if (errstr != NULL)
				errx(EVB_EXIT_TROUBLE, "--max-complexity %s: %s",
				    optarg, errstr);
			break;
		case OPT_MAX_RULES:
			opt.max_rules = (size_t)evb_strtonum(optarg, 0,
			    EVB_MAX_RULES_LIMIT, &errstr);
			if (errstr != NULL)
				errx(EVB_EXIT_TROUBLE, "--max-rules %s: %s",
				    optarg, errstr);
			break;
		case 'h': help(); break;
		case 'V':
			printf("evmatch (evbus) %s\n", EVB_VERSION);
			exit(EVB_EXIT_OK);
		default:
			usage();
		}
	}
	out.line_buffered = lb;
	if (*pf && *rf)
		errx(EVB_EXIT_TROUBLE, "-f and -r are exclusive");
	if (opt.rule && !*rf)
		errx(EVB_EXIT_TROUBLE, "--rule needs -r");
	if (opt.annotate + opt.explain + opt.count + opt.quiet +
	    opt.files_with + opt.files_without > 1)
		errx(EVB_EXIT_TROUBLE, "-c, -L, -l, -q, --annotate and --explain "
		    "are exclusive");
	if ((opt.annotate || opt.explain) && opt.invert)
		errx(EVB_EXIT_TROUBLE, "-v does not go with --annotate or "
		    "--explain");
}

int
main(int argc, char *argv[])
{
	const char *pf = NULL, *rf = NULL, *pattern = NULL;

	if (evb_stdio_reserve() == -1)
		err(EVB_EXIT_TROUBLE, "/dev/null");
	evb_writer_init(&out, STDOUT_FILENO, EVB_STDOUT_NAME);
	opt.max_complexity = -1;
	opt.max_rules = EVB_MAX_RULES_DEFAULT;
	parse_options(argc, argv, &pf, &rf);
	argc -= optind;
	argv += optind;
	if (pf == NULL && rf == NULL) {
		if (argc == 0)
			usage();
		pattern = *argv++;
		argc--;
	}
	load(pattern, pf, rf);
	if (opt.test) {
		if (argc != 1 || pattern == NULL)
			usage();
		test(argv[0]);
	}
	if (opt.check) {
		if (argc != 0)
			usage();
		finish(EVB_EXIT_OK);
	}
	build();
	evb_sig_catch();
	multiple_files = argc > 1;
	if (argc == 0)
		scan_file("-");
	for (int i = 0; i < argc && !evb_sig_caught(); i++)
		scan_file(argv[i]);
	finish(trouble ? EVB_EXIT_TROUBLE : status);
}
