/*
 * Handing lines on, counting what the reader took.
 */
#include "handoff.h"

#include <sys/ioctl.h>
#include <sys/stat.h>
#include <errno.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#define HANDOFF_CHUNK	65536
#define HANDOFF_SETTLE_MS 100

void
evb_handoff_init(struct evb_handoff *h, int fd, int (*stop)(void))
{
	struct stat st;

	memset(h, 0, sizeof(*h));
	h->fd = fd;
	h->stop = stop;
	h->pipe = fstat(fd, &st) == 0 && S_ISFIFO(st.st_mode);
}

void
evb_handoff_fini(struct evb_handoff *h)
{
	evb_buf_fini(&h->buf);
}

static bool
stopped(const struct evb_handoff *h)
{
	return h->stop != NULL && h->stop();
}

int
evb_handoff_flush(struct evb_handoff *h)
{
	size_t done = 0;
	int rc = 0;

	if (h->error)
		return -1;
	while (done < h->buf.len) {
		ssize_t k;

		if (stopped(h)) {
			h->error = EINTR;
			rc = -1;
			break;
		}
		k = write(h->fd, h->buf.p + done, h->buf.len - done);
		if (k > 0) {
			done += (size_t)k;
			h->written += (unsigned long long)k;
		} else if (k < 0 && errno == EAGAIN) {
			struct pollfd pfd = { h->fd, POLLOUT, 0 };

			(void)poll(&pfd, 1, 100);
		} else if (k < 0 && errno != EINTR) {
			h->error = errno;
			rc = -1;
			break;
		}
	}
	/* What was not written stays queued, but is never written now. */
	if (done > 0) {
		memmove(h->buf.p, h->buf.p + done, h->buf.len - done);
		h->buf.len -= done;
	}
	return rc;
}

int
evb_handoff_line(struct evb_handoff *h, const char *p, size_t n,
    unsigned long long *end)
{
	if (h->error)
		return -1;
	evb_buf_add(&h->buf, p, n);
	evb_buf_addc(&h->buf, '\n');
	h->queued += n + 1;
	*end = h->queued;
	return h->buf.len >= HANDOFF_CHUNK ? evb_handoff_flush(h) : 0;
}

/* Bytes still in the pipe, or -1 when that cannot be known. */
static long long
in_pipe(const struct evb_handoff *h)
{
	int n;

	if (!h->pipe || ioctl(h->fd, FIONREAD, &n) == -1 || n < 0)
		return -1;
	return n;
}

void
evb_handoff_settle(const struct evb_handoff *h)
{
	struct pollfd pfd = { h->fd, 0, 0 };

	if (h->pipe && !(h->stop != NULL && h->stop()))
		(void)poll(&pfd, 1, HANDOFF_SETTLE_MS);
}

bool
evb_handoff_gone(const struct evb_handoff *h)
{
	struct pollfd pfd = { h->fd, 0, 0 };

	return h->pipe && poll(&pfd, 1, 0) == 1 &&
	    (pfd.revents & (POLLERR | POLLHUP)) != 0;
}

int
evb_handoff_drain(struct evb_handoff *h)
{
	if (evb_handoff_flush(h) == -1)
		return -1;
	while (in_pipe(h) > 0) {
		struct pollfd pfd = { h->fd, 0, 0 };

		if (stopped(h)) {
			h->error = EINTR;
			return -1;
		}
		/* Only errors are reported for no events: the reader left. */
		if (poll(&pfd, 1, 20) == 1 &&
		    (pfd.revents & (POLLERR | POLLHUP)) != 0) {
			h->error = EPIPE;
			return -1;
		}
	}
	return 0;
}

unsigned long long
evb_handoff_taken(const struct evb_handoff *h)
{
	long long n = in_pipe(h);

	if (n < 0)
		return h->written;
	return (unsigned long long)n >= h->written ? 0 :
	    h->written - (unsigned long long)n;
}
