/*
 * IP addresses and CIDR blocks.
 */
#include "ip.h"

#include <sys/socket.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>

/* True when all n bytes at s are hex digits or colons. */
static bool
hex_colons(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
		    (c >= 'A' && c <= 'F') || c == ':'))
			return false;
	}
	return true;
}

static bool
ipv4_parse(const char *s, size_t n, struct evb_ip *out)
{
	size_t i = 0;

	for (int part = 0; part < 4; part++) {
		unsigned v = 0;
		size_t start = i;

		if (part > 0) {
			if (i >= n || s[i] != '.')
				return false;
			start = ++i;
		}
		while (i < n && s[i] >= '0' && s[i] <= '9' && i - start < 4)
			v = v * 10 + (unsigned)(s[i++] - '0');
		if (i == start || v > 255 || (s[start] == '0' && i - start > 1))
			return false;
		out->b[part] = (unsigned char)v;
	}
	out->len = 4;
	return i == n;
}

static bool
ipv6_parse(const char *s, size_t n, struct evb_ip *out)
{
	static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	    0xff, 0xff };
	char text[48];

	/* Only hex digits and colons, and at least one colon. */
	if (n == 0 || n >= sizeof(text) || memchr(s, ':', n) == NULL ||
	    !hex_colons(s, n))
		return false;
	memcpy(text, s, n);
	text[n] = '\0';
	if (inet_pton(AF_INET6, text, out->b) != 1)
		return false;
	out->len = 16;
	if (memcmp(out->b, mapped, sizeof(mapped)) == 0) {
		memmove(out->b, out->b + 12, 4);
		out->len = 4;
	}
	return true;
}

bool
evb_ip_parse(const char *s, size_t n, struct evb_ip *out)
{
	memset(out, 0, sizeof(*out));
	if (n > 0 && memchr(s, ':', n) != NULL)
		return ipv6_parse(s, n, out);
	return ipv4_parse(s, n, out);
}

void
evb_iprange_single(struct evb_iprange *r, const struct evb_ip *ip)
{
	r->lo = *ip;
	r->hi = *ip;
}

bool
evb_iprange_has(const struct evb_iprange *r, const struct evb_ip *ip)
{
	return ip->len == r->lo.len && memcmp(ip->b, r->lo.b, ip->len) >= 0 &&
	    memcmp(ip->b, r->hi.b, ip->len) <= 0;
}

/*
 * Whether text has the shape EventBridge tests before parsing an address
 * ([0-9]+.[0-9]+.[0-9]+.[0-9]+ or hex digits and colons with a colon): a
 * failure to parse such text is "Invalid", any other "Nonstandard".
 */
static bool
ip_shaped(const char *s, size_t n)
{
	size_t i = 0;

	if (memchr(s, ':', n) != NULL)
		return hex_colons(s, n);
	for (int part = 0; part < 4; part++) {
		size_t start;

		if (part > 0 && (i >= n || s[i++] != '.'))
			return false;
		start = i;
		while (i < n && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == start)
			return false;
	}
	return i == n;
}

/* Java's Integer.parseInt: optional sign, decimal digits, fits an int. */
static bool
parse_int(const char *s, size_t n, long *out)
{
	size_t i = 0;
	bool neg = false;
	long v = 0;

	if (i < n && (s[i] == '+' || s[i] == '-'))
		neg = s[i++] == '-';
	if (i == n)
		return false;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9' || v > 214748364L)
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = neg ? -v : v;
	return true;
}

const char *
evb_cidr_parse(const char *s, size_t n, struct evb_iprange *r, char *buf,
    size_t size)
{
	const char *slash = memchr(s, '/', n);
	size_t alen, hostbits;
	long mask;
	struct evb_ip ip;

	/* Java's split("/") drops a trailing empty part: "1.2.3.4/" has one. */
	if (slash == NULL || slash == s + n - 1 ||
	    memchr(slash + 1, '/', n - (size_t)(slash + 1 - s)) != NULL)
		return "Malformed CIDR, one '/' required";
	alen = (size_t)(slash - s);
	if (!parse_int(slash + 1, n - alen - 1, &mask))
		return "Malformed CIDR, mask bits must be an integer";
	if (mask < 0)
		return "Malformed CIDR, mask bits must not be negative";
	if (!evb_ip_parse(s, alen, &ip)) {
		snprintf(buf, size, "%s IP address: %.*s", ip_shaped(s, alen) ?
		    "Invalid" : "Nonstandard", (int)(alen > 64 ? 64 : alen), s);
		return buf;
	}
	if (ip.len == 4 && mask > 31)
		return "IPv4 mask bits must be < 32";
	if (ip.len == 16 && mask > 127)
		return "IPv6 mask bits must be < 128";
	r->lo = ip;
	r->hi = ip;
	hostbits = (size_t)ip.len * 8 - (size_t)mask;
	for (size_t i = ip.len; i-- > 0 && hostbits > 0;) {
		size_t k = hostbits >= 8 ? 8 : hostbits;

		r->hi.b[i] |= (unsigned char)((1u << k) - 1);
		hostbits -= k;
	}
	return NULL;
}
