/*
 * evrules: write EventBridge event-pattern rules aimed at evgen's events,
 * each selecting roughly 1-5% of them, for benchmarks.  Deterministic.
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "jbuf.h"
#include "rules.h"

#define STDOUT_NAME	"(standard output)"

/*
 * Well-known single rules.  "selective" is decided by two envelope fields
 * and selects the aws.ec2 events (15%).  "fullparse" selects every event
 * but cannot be decided before the end of the line: region is an ordinary
 * leaf comparison, and proving detail.nonexistent absent means reading the
 * detail object, the envelope's last member, to its closing brace; the key
 * occurs nowhere in the corpus, at any depth.
 */
static const struct {
	const char	*name;
	const char	*pattern;
} known[] = {
	{ "selective", "{\"source\":[\"aws.ec2\"],\"detail-type\":"
	    "[\"EC2 Instance State-change Notification\"]}" },
	{ "fullparse", "{\"region\":[\"us-east-1\"],\"detail\":"
	    "{\"nonexistent\":[{\"exists\":false}]}}" }
};

static const char usage_line[] =
    "usage: evrules [-k count] [--seed n] [--ops list] [--rare] "
    "[--min-sel x] [--max-sel x]\n"
    "               [--format object|ndjson] [--stats]\n"
    "       evrules --one selective|fullparse\n";

static void
usage(void)
{
	fputs(usage_line, stderr);
	exit(2);
}

static void
help(void)
{
	printf("%s\n%s", usage_line,
	    "Write EventBridge event-pattern rules aimed at evgen's events.\n"
	    "\n"
	    "  -k, --count COUNT     number of rules (default 100)\n"
	    "      --seed N          random seed (default 1)\n"
	    "      --ops LIST        allowed operators and presets, comma "
	    "separated\n"
	    "                        (default all; names below)\n"
	    "      --rare            aim at 0.02-0.1% per rule, adding id-list"
	    " rules\n"
	    "      --min-sel X       lowest target share (default 0.01)\n"
	    "      --max-sel X       highest target share (default 0.05)\n"
	    "      --format FORMAT   object (name: pattern) or ndjson\n"
	    "                        ({\"name\":...,\"pattern\":...} per "
	    "line)\n"
	    "      --stats           print each rule's estimated share to "
	    "stderr\n"
	    "      --one NAME        print one well-known pattern, bare, on one"
	    " line:\n"
	    "                        selective or fullparse\n"
	    "  -h, --help            show this help\n");
	printf("\nOperators: %s\n", rules_op_names);
	exit(0);
}

static unsigned long long
number(const char *s, const char *what)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (*s < '0' || *s > '9' || *end != '\0' || errno == ERANGE)
		errx(2, "%s: invalid %s", s, what);
	return v;
}

static double
share(const char *s, const char *what)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end != '\0' || !(v > 0 && v <= 1))
		errx(2, "%s: invalid %s (a share in (0, 1])", s, what);
	return v;
}

static void
put_rules(struct jbuf *b, const struct ruleset *rs, bool ndjson)
{
	if (!ndjson)
		JB_LIT(b, "{\n");
	for (size_t i = 0; i < rs->n; i++) {
		if (ndjson) {
			JB_LIT(b, "{\"name\":");
			jb_qstr(b, rs->v[i].name);
			JB_LIT(b, ",\"pattern\":");
			jb_cstr(b, rs->v[i].pattern);
			JB_LIT(b, "}\n");
			continue;
		}
		jb_putc(b, ' ');
		jb_qstr(b, rs->v[i].name);
		JB_LIT(b, ": ");
		jb_cstr(b, rs->v[i].pattern);
		if (i + 1 < rs->n)
			jb_putc(b, ',');
		jb_putc(b, '\n');
	}
	if (!ndjson)
		JB_LIT(b, "}\n");
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
print_stats(const struct ruleset *rs)
{
	double *v;

	if (rs->n == 0)
		return;
	if ((v = calloc(rs->n, sizeof(*v))) == NULL)
		errx(2, "out of memory");
	for (size_t i = 0; i < rs->n; i++) {
		fprintf(stderr, "%s\t%.4f\n", rs->v[i].name, rs->v[i].est);
		v[i] = rs->v[i].est;
	}
	qsort(v, rs->n, sizeof(*v), cmp_double);
	fprintf(stderr, "estimated selectivity: min %.4f median %.4f "
	    "max %.4f\n", v[0], v[rs->n / 2], v[rs->n - 1]);
	free(v);
}

static const char *
known_pattern(const char *name)
{
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(known[i].name, name) == 0)
			return known[i].pattern;
	errx(2, "%s: unknown rule (known: selective, fullparse)", name);
}

static void
write_out(struct jbuf *b)
{
	if (jb_flush(b, STDOUT_FILENO) == -1 ||
	    (close(STDOUT_FILENO) == -1 && errno != EBADF))
		err(2, "%s", STDOUT_NAME);
}

enum {
	OPT_SEED = 256, OPT_OPS, OPT_RARE, OPT_MIN, OPT_MAX, OPT_FORMAT,
	OPT_STATS, OPT_ONE
};

static const struct option longopts[] = {
	{ "count",	required_argument, NULL, 'k' },
	{ "seed",	required_argument, NULL, OPT_SEED },
	{ "ops",	required_argument, NULL, OPT_OPS },
	{ "rare",	no_argument,	   NULL, OPT_RARE },
	{ "min-sel",	required_argument, NULL, OPT_MIN },
	{ "max-sel",	required_argument, NULL, OPT_MAX },
	{ "format",	required_argument, NULL, OPT_FORMAT },
	{ "stats",	no_argument,	   NULL, OPT_STATS },
	{ "one",	required_argument, NULL, OPT_ONE },
	{ "help",	no_argument,	   NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

int
main(int argc, char *argv[])
{
	struct rules_opts o = { 100, 1, OP_ALL, 0, 0, false };
	struct ruleset rs = { NULL, 0 };
	struct jbuf out = JBUF_INIT;
	const char *one = NULL, *why = NULL;
	bool ndjson = false, stats = false;
	int ch;

	while ((ch = getopt_long(argc, argv, "k:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'k':
			o.count = (size_t)number(optarg, "count");
			break;
		case OPT_SEED:
			o.seed = number(optarg, "seed");
			break;
		case OPT_OPS:
			if (rules_parse_ops(optarg, &o.ops) == -1)
				errx(2, "%s: unknown operator or preset "
				    "(operators: %s)", optarg, rules_op_names);
			break;
		case OPT_RARE:
			o.rare = true;
			break;
		case OPT_MIN:
			o.min_sel = share(optarg, "--min-sel");
			break;
		case OPT_MAX:
			o.max_sel = share(optarg, "--max-sel");
			break;
		case OPT_FORMAT:
			if (strcmp(optarg, "ndjson") != 0 &&
			    strcmp(optarg, "object") != 0)
				errx(2, "%s: unknown format (object, ndjson)",
				    optarg);
			ndjson = strcmp(optarg, "ndjson") == 0;
			break;
		case OPT_STATS:
			stats = true;
			break;
		case OPT_ONE:
			one = optarg;
			break;
		case 'h':
			help();
			break;
		default:
			usage();
		}
	}
	if (optind != argc)
		usage();

	if (one != NULL) {
		jb_cstr(&out, known_pattern(one));
		jb_putc(&out, '\n');
		write_out(&out);
		jb_free(&out);
		return 0;
	}
	if (o.min_sel == 0)
		o.min_sel = o.rare ? 0.0002 : 0.01;
	if (o.max_sel == 0)
		o.max_sel = o.rare ? 0.001 : 0.05;
	if (o.min_sel > o.max_sel)
		errx(2, "--min-sel is above --max-sel");
	if (rules_generate(&rs, &o, &why) == -1)
		errx(2, "%s", why);
	put_rules(&out, &rs, ndjson);
	write_out(&out);
	if (stats)
		print_stats(&rs);
	rules_free(&rs);
	jb_free(&out);
	return 0;
}
