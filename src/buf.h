/*
 * A growable byte buffer.  Bytes, not strings: it may hold NULs, and it is
 * NUL-terminated only after evb_buf_cstr().
 */
#ifndef EVB_BUF_H
#define EVB_BUF_H

#include <stddef.h>

struct evb_buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
};

#define EVB_BUF_INIT { NULL, 0, 0 }

void	evb_buf_fini(struct evb_buf *);
void	evb_buf_reset(struct evb_buf *);
/* Make room for n more bytes; returns a pointer to the first free byte. */
char	*evb_buf_reserve(struct evb_buf *, size_t);
void	evb_buf_add(struct evb_buf *, const void *, size_t);
void	evb_buf_addc(struct evb_buf *, char);
void	evb_buf_adds(struct evb_buf *, const char *);
void	evb_buf_printf(struct evb_buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* NUL-terminate without counting the NUL; returns b->p. */
char	*evb_buf_cstr(struct evb_buf *);
/* Hand the storage to the caller, who frees it; the buffer becomes empty. */
char	*evb_buf_take(struct evb_buf *, size_t *);

#endif
