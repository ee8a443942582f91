/*
 * yajlparse: the baseline for evmatch's full-parse benchmark — yajl alone,
 * no callbacks, one handle per line, reading as evmatch reads.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <yajl/yajl_parse.h>

int
main(void)
{
	static char buf[1 << 20];
	size_t have = 0, lines = 0, bad = 0;
	ssize_t n;

	while ((n = read(0, buf + have, sizeof(buf) - have)) > 0) {
		char *p = buf, *end = buf + have + (size_t)n, *nl;

		while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL) {
			yajl_handle h = yajl_alloc(NULL, NULL, NULL);

			if (yajl_parse(h, (unsigned char *)p,
			    (size_t)(nl - p)) != yajl_status_ok ||
			    yajl_complete_parse(h) != yajl_status_ok)
				bad++;
			yajl_free(h);
			lines++;
			p = nl + 1;
		}
		have = (size_t)(end - p);
		memmove(buf, p, have);
		if (have == sizeof(buf))
			errx(2, "line too long");
	}
	printf("%zu lines, %zu invalid\n", lines, bad);
	return 0;
}
