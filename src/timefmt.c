/*
 * RFC 3339 times without the locale or the TZ variable.
 */
#include "timefmt.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant). */
static long long
days_from_civil(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

long long
evb_time_from_civil(int y, int mo, int d, int h, int mi, int s)
{
	return days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

/* Write v in exactly n decimal digits. */
static void
put_digits(char *out, unsigned v, int n)
{
	while (n-- > 0) {
		out[n] = (char)('0' + v % 10);
		v /= 10;
	}
}

void
evb_time_format(time_t t, char out[EVB_TIME_LEN + 1])
{
	long long z = (long long)t, days, secs, era, doe, yoe, y, doy, mp;
	int d, m;

	/* Four-digit years only: saturate rather than print a wrong date. */
	if (z < -62167219200LL)
		z = -62167219200LL;	/* 0000-01-01T00:00:00Z */
	else if (z > 253402300799LL)
		z = 253402300799LL;	/* 9999-12-31T23:59:59Z */
	days = z / 86400;
	secs = z % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = (int)(doy - (153 * mp + 2) / 5 + 1);
	m = (int)(mp < 10 ? mp + 3 : mp - 9);
	y += m <= 2;
	put_digits(out, (unsigned)y, 4);
	out[4] = '-';
	put_digits(out + 5, (unsigned)m, 2);
	out[7] = '-';
	put_digits(out + 8, (unsigned)d, 2);
	out[10] = 'T';
	put_digits(out + 11, (unsigned)(secs / 3600), 2);
	out[13] = ':';
	put_digits(out + 14, (unsigned)(secs / 60 % 60), 2);
	out[16] = ':';
	put_digits(out + 17, (unsigned)(secs % 60), 2);
	out[19] = 'Z';
	out[20] = '\0';
}

/* Read exactly n digits at *p into *v. */
static bool
digits(const char **p, const char *end, int n, int *v)
{
	*v = 0;
	if (end - *p < n)
		return false;
	for (int i = 0; i < n; i++) {
		char c = (*p)[i];

		if (c < '0' || c > '9')
			return false;
		*v = *v * 10 + (c - '0');
	}
	*p += n;
	return true;
}

static bool
expect(const char **p, const char *end, const char *set)
{
	if (*p < end && strchr(set, **p) != NULL && **p != '\0') {
		(*p)++;
		return true;
	}
	return false;
}

static int
days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : dm[m - 1];
}

static int
parse_rfc3339(const char *s, const char *end, time_t *out)
{
	int y, mo, d, h, mi, sec, oh = 0, om = 0, sign = 0;
	long long t;

	if (!digits(&s, end, 4, &y) || !expect(&s, end, "-") ||
	    !digits(&s, end, 2, &mo) || !expect(&s, end, "-") ||
	    !digits(&s, end, 2, &d) || !expect(&s, end, "Tt ") ||
	    !digits(&s, end, 2, &h) || !expect(&s, end, ":") ||
	    !digits(&s, end, 2, &mi) || !expect(&s, end, ":") ||
	    !digits(&s, end, 2, &sec))
		return -1;
	if (expect(&s, end, ".")) {
		const char *f = s;

		while (s < end && *s >= '0' && *s <= '9')
			s++;
		if (s == f)
			return -1;
	}
	if (expect(&s, end, "Zz"))
		;
	else if (s < end && (*s == '+' || *s == '-')) {
		sign = *s++ == '-' ? -1 : 1;
		if (!digits(&s, end, 2, &oh) || !expect(&s, end, ":") ||
		    !digits(&s, end, 2, &om) || oh > 23 || om > 59)
			return -1;
	} else
		return -1;
	if (s != end || mo < 1 || mo > 12 || d < 1 ||
	    d > days_in_month(y, mo) || h > 23 || mi > 59 || sec > 60)
		return -1;
	if (sec == 60)
		sec = 59;	/* a leap second is the last second of its minute */
	t = evb_time_from_civil(y, mo, d, h, mi, sec) - sign * (oh * 3600 +
	    om * 60);
	*out = (time_t)t;
	return 0;
}

static int
parse_epoch(const char *s, const char *end, time_t *out)
{
	long long v = 0;
	const char *p = s;

	if (p == end)
		return -1;
	while (p < end && *p >= '0' && *p <= '9') {
		if (v > 253402300799LL)	/* past 9999-12-31 */
			return -1;
		v = v * 10 + (*p++ - '0');
	}
	if (p == s)
		return -1;
	if (p < end && *p == '.') {
		const char *f = ++p;

		while (p < end && *p >= '0' && *p <= '9')
			p++;
		if (p == f)
			return -1;
	}
	if (p != end || v > 253402300799LL)
		return -1;
	*out = (time_t)v;
	return 0;
}

int
evb_time_parse(const char *s, size_t n, time_t *out)
{
	if (n >= 10 && s[4] == '-')
		return parse_rfc3339(s, s + n, out);
	return parse_epoch(s, s + n, out);
}
