/*
 * Records of refused input.
 */
#include "reject.h"

#include <stdarg.h>
#include <stdio.h>

#include "util.h"

void
evb_reject_set(struct evb_reject *rej, const char *code, const char *message,
    const char *fmt, ...)
{
	va_list ap;

	rej->code = code;
	snprintf(rej->message, sizeof(rej->message), "%s", message);
	va_start(ap, fmt);
	vsnprintf(rej->reason, sizeof(rej->reason), fmt, ap);
	va_end(ap);
}

void
evb_base64(struct evb_buf *b, const void *src, size_t n)
{
	static const char tab[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const unsigned char *p = src;
	size_t i;

	for (i = 0; i + 2 < n; i += 3) {
		char q[4] = { tab[p[i] >> 2], tab[(p[i] & 3) << 4 | p[i + 1] >> 4],
		    tab[(p[i + 1] & 15) << 2 | p[i + 2] >> 6], tab[p[i + 2] & 63] };

		evb_buf_add(b, q, 4);
	}
	if (i < n) {
		unsigned a = p[i], c = i + 1 < n ? p[i + 1] : 0;
		char q[4] = { tab[a >> 2], tab[(a & 3) << 4 | c >> 4],
		    i + 1 < n ? tab[(c & 15) << 2] : '=', '=' };

		evb_buf_add(b, q, 4);
	}
}

void
evb_reject_record(struct evb_buf *out, const struct evb_reject *rej,
    const char *file, unsigned long long line, const char *input, size_t n)
{
	struct evb_jgen *j = evb_jgen_new(out);

	evb_jgen_open_object(j);
	evb_jgen_key(j, "ErrorCode");
	evb_jgen_str(j, rej->code);
	evb_jgen_key(j, "ErrorMessage");
	evb_jgen_str(j, rej->message);
	evb_jgen_key(j, "reason");
	evb_jgen_str(j, rej->reason);
	if (file != NULL) {
		evb_jgen_key(j, "file");
		evb_jgen_str(j, file);
	}
	if (line > 0) {
		evb_jgen_key(j, "line");
		evb_jgen_int(j, (long long)line);
	}
	if (input == NULL) {
		evb_jgen_key(j, "input_bytes");
		evb_jgen_int(j, (long long)n);
	} else if (evb_utf8_valid(input, n)) {
		evb_jgen_key(j, "input");
		evb_jgen_strn(j, input, n);
	} else {
		struct evb_buf b64 = EVB_BUF_INIT;

		evb_base64(&b64, input, n);
		evb_jgen_key(j, "input_base64");
		evb_jgen_strn(j, b64.p ? b64.p : "", b64.len);
		evb_buf_fini(&b64);
	}
	evb_jgen_close_object(j);
	evb_jgen_free(j);
	evb_buf_addc(out, '\n');
}
