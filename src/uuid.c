/*
 * Version-4 UUIDs from getrandom(2).
 */
#include "uuid.h"

#include <sys/random.h>
#include <errno.h>
#include <stddef.h>
#include <string.h>

/* Random bytes are fetched in blocks: one system call per 256 ids. */
static unsigned char pool[4096];
static size_t pool_left;

static int
refill(void)
{
	size_t got = 0;

	while (got < sizeof(pool)) {
		ssize_t n = getrandom(pool + got, sizeof(pool) - got, 0);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		got += (size_t)n;
	}
	pool_left = sizeof(pool);
	return 0;
}

int
evb_uuid4(char out[EVB_UUID_LEN + 1])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char b[16];
	size_t o = 0;

	if (pool_left < sizeof(b) && refill() == -1)
		return -1;
	memcpy(b, pool + sizeof(pool) - pool_left, sizeof(b));
	/* Do not hand the same bytes out twice. */
	memset(pool + sizeof(pool) - pool_left, 0, sizeof(b));
	pool_left -= sizeof(b);
	b[6] = (b[6] & 0x0f) | 0x40;	/* version 4 */
	b[8] = (b[8] & 0x3f) | 0x80;	/* RFC 4122 variant */
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[b[i] >> 4];
		out[o++] = hex[b[i] & 15];
	}
	out[o] = '\0';
	return 0;
}
