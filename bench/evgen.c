/*
 * evgen: write a deterministic corpus of EventBridge events, one per line,
 * for benchmarks.  The same seed gives the same bytes on every machine.
 */
#include <err.h>
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "corpus.h"
#include "gen.h"
#include "jbuf.h"

#define FLUSH_AT	(1 << 20)
#define STDOUT_NAME	"(standard output)"

/* Line sizes, counted by size, for --stats. */
struct sizes {
	unsigned long long	*count;
	size_t			 n;
};

static const char usage_line[] =
    "usage: evgen [-n count] [--seed n] [--kinds list] [--payload] "
    "[--stats]\n";

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
	    "Write EventBridge events for benchmarks, one JSON object per "
	    "line.\n"
	    "\n"
	    "  -n, --count COUNT     number of events (default 1000)\n"
	    "      --seed N          random seed (default 1)\n"
	    "      --kinds LIST      restrict the mix, e.g. checkout,ec2\n"
	    "                        (checkout logs s3 ec2 inventory)\n"
	    "      --payload         write only each event's detail object\n"
	    "      --stats           print line size statistics to stderr\n"
	    "  -h, --help            show this help\n");
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

/* The kinds named in list, in the usual order and with their weights. */
static struct corpus_table *
restrict_kinds(const char *list)
{
	static struct corpus_choice v[CORPUS_NKINDS];
	static struct corpus_table t;
	char *copy, *name, *save = NULL;
	bool want[CORPUS_NKINDS] = { false };
	int k;

	if ((copy = strdup(list)) == NULL)
		errx(2, "out of memory");
	for (name = strtok_r(copy, ",", &save); name != NULL;
	    name = strtok_r(NULL, ",", &save)) {
		if ((k = corpus_find(&corpus_kinds, name)) == -1)
			errx(2, "%s: unknown kind (known: checkout, logs, s3, "
			    "ec2, inventory)", name);
		want[k] = true;
	}
	free(copy);
	for (size_t i = 0; i < corpus_kinds.n; i++)
		if (want[i])
			v[t.n++] = corpus_kinds.v[i];
	if (t.n == 0)
		errx(2, "--kinds: no kind given");
	t.v = v;
	return &t;
}

static void
count_size(struct sizes *s, size_t len)
{
	if (len >= s->n) {
		size_t n = len * 2;

		if ((s->count = realloc(s->count, n * sizeof(*s->count))) ==
		    NULL)
			errx(2, "out of memory");
		memset(s->count + s->n, 0, (n - s->n) * sizeof(*s->count));
		s->n = n;
	}
	s->count[len]++;
}

/* The size at rank k (0-based) of the sorted sizes. */
static size_t
rank(const struct sizes *s, unsigned long long k)
{
	unsigned long long seen = 0;
	size_t i;

	for (i = 0; i < s->n; i++)
		if ((seen += s->count[i]) > k)
			break;
	return i;
}

/* The summary line of the reference generator's --stats. */
static void
print_stats(const struct sizes *s, unsigned long long n)
{
	unsigned long long bytes = 0;

	if (n == 0)
		return;
	for (size_t i = 0; i < s->n; i++)
		bytes += s->count[i] * i;
	fprintf(stderr, "events=%llu bytes=%llu mean=%.1f min=%zu p5=%zu "
	    "p50=%zu p95=%zu max=%zu\n", n, bytes, (double)bytes / n,
	    rank(s, 0), rank(s, n / 20), rank(s, n / 2), rank(s, n * 19 / 20),
	    rank(s, n - 1));
}

static const struct option longopts[] = {
	{ "count",	required_argument, NULL, 'n' },
	{ "seed",	required_argument, NULL, 's' },
	{ "kinds",	required_argument, NULL, 'k' },
	{ "payload",	no_argument,	   NULL, 'p' },
	{ "stats",	no_argument,	   NULL, 'S' },
	{ "help",	no_argument,	   NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

int
main(int argc, char *argv[])
{
	struct corpus_table *kinds = &corpus_kinds;
	struct jbuf out = JBUF_INIT;
	struct sizes sizes = { NULL, 0 };
	unsigned long long count = 1000, seed = 1;
	bool payload = false, stats = false;
	struct gen g;
	int ch;

	while ((ch = getopt_long(argc, argv, "n:h", longopts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			count = number(optarg, "count");
			break;
		case 's':
			seed = number(optarg, "seed");
			break;
		case 'k':
			kinds = restrict_kinds(optarg);
			break;
		case 'p':
			payload = true;
			break;
		case 'S':
			stats = true;
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

	gen_init(&g, seed, payload);
	for (unsigned long long i = 0; i < count; i++) {
		size_t before = out.len;

		gen_event(&g, kinds, &out);
		if (stats)
			count_size(&sizes, out.len - before);
		if (out.len >= FLUSH_AT && jb_flush(&out, STDOUT_FILENO) == -1)
			err(2, "%s", STDOUT_NAME);
	}
	if (jb_flush(&out, STDOUT_FILENO) == -1 ||
	    (close(STDOUT_FILENO) == -1 && errno != EBADF))
		err(2, "%s", STDOUT_NAME);
	if (stats)
		print_stats(&sizes, count);
	jb_free(&out);
	free(sizes.count);
	return 0;
}
