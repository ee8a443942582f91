/*
 * IP addresses and CIDR blocks as EventBridge reads them.  A string is an
 * address only in the forms Java's InetAddress accepts for EventBridge:
 * dotted-quad IPv4 (four decimal parts, no leading zeros) or IPv6 in hex
 * and colons; an IPv4-mapped IPv6 address is its IPv4 address.
 */
#ifndef EVB_IP_H
#define EVB_IP_H

#include <stdbool.h>
#include <stddef.h>

struct evb_ip {
	unsigned char	len;	/* 4 or 16 */
	unsigned char	b[16];
};

/* An inclusive range of addresses of one family. */
struct evb_iprange {
	struct evb_ip	lo;
	struct evb_ip	hi;
};

/* True when the n bytes at s are an address; *out is then filled. */
bool	evb_ip_parse(const char *, size_t, struct evb_ip *);

/*
 * Parse a CIDR block.  As in EventBridge, the base address is not masked
 * (10.0.0.5/24 covers 10.0.0.5 to 10.0.0.255) and /32 and /128 are refused.
 * Returns NULL, or the reason it is refused (AWS's text, in buf).
 */
const char *evb_cidr_parse(const char *, size_t, struct evb_iprange *,
	    char *, size_t);

/* A range holding exactly one address. */
void	evb_iprange_single(struct evb_iprange *, const struct evb_ip *);

bool	evb_iprange_has(const struct evb_iprange *, const struct evb_ip *);

#endif
