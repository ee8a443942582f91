/*
 * NDJSON line input and buffered output on read(2) and write(2).
 *
 * The reader never holds more than one line (up to its limit) plus one read
 * chunk: an over-long line is reported and its rest discarded unread.  Before
 * a read that would block it flushes an attached writer, so a filter in a
 * `tail -f` pipeline emits each result at once, while bulk input still gets
 * large writes.
 */
#ifndef EVB_LINEIO_H
#define EVB_LINEIO_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct evb_writer {
	int		 fd;
	const char	*name;		/* for messages, e.g. "(standard output)" */
	char		*buf;
	size_t		 len;
	size_t		 cap;
	bool		 line_buffered;	/* flush after every line */
	int		 error;		/* errno of the first failure, sticky */
};

/* Buffer output to fd; name is borrowed. */
void	evb_writer_init(struct evb_writer *, int, const char *);
void	evb_writer_fini(struct evb_writer *);
/* Each returns 0, or -1 with w->error set; once failed, always fails. */
int	evb_writer_write(struct evb_writer *, const void *, size_t);
int	evb_writer_line(struct evb_writer *, const void *, size_t);
int	evb_writer_flush(struct evb_writer *);

enum evb_line {
	EVB_LINE_OK,		/* a line */
	EVB_LINE_EOF,		/* no more input */
	EVB_LINE_LONG,		/* a line over the limit, skipped */
	EVB_LINE_NUL,		/* a line holding a NUL byte (still returned) */
	EVB_LINE_INTR,		/* read(2) was interrupted by a signal */
	EVB_LINE_AGAIN,		/* poll mode: no whole line without reading */
	EVB_LINE_ERROR		/* read(2) failed; errno is set */
};

struct evb_reader {
	int		 fd;
	const char	*name;		/* "(standard input)" or the path */
	char		*buf;
	size_t		 cap;
	size_t		 start;		/* first unread byte */
	size_t		 scan;		/* no newline in [start, scan) */
	size_t		 end;		/* end of buffered data */
	size_t		 max_line;
	unsigned long long lineno;	/* number of the line last returned */
	bool		 eof;
	bool		 skipping;	/* discarding the rest of a long line */
	size_t		 long_len;	/* length of the last EVB_LINE_LONG line */
	unsigned long long base;	/* input offset of buf[0] */
	unsigned long long line_off;	/* input offset of the last line */
	bool		 own_fd;
	struct evb_writer *flush;	/* flushed before a blocking read */
	bool		 poll_mode;	/* read only when may_read is set */
	bool		 may_read;	/* poll(2) said input is ready */
};

/*
 * Open path for reading ("-" is standard input).  Returns 0, or -1 with errno
 * set.  max_line of 0 means EVB_MAX_LINE_DEFAULT.
 */
int	evb_reader_open(struct evb_reader *, const char *, size_t);
/* Read from an already open descriptor, not closed by evb_reader_close(). */
void	evb_reader_fdopen(struct evb_reader *, int, const char *, size_t);
void	evb_reader_close(struct evb_reader *);

/*
 * The next non-blank line, without its LF or CRLF.  *line stays valid until
 * the next call.  Line numbers count every line, blank ones included.
 */
enum evb_line evb_reader_next(struct evb_reader *, const char **, size_t *);

/*
 * The first byte of input that is not white space, without consuming it:
 * a byte value, -1 at end of input, or -2 with errno set on a read error.
 */
int	evb_reader_peek(struct evb_reader *);

/*
 * The next raw bytes of input, for a caller that parses a stream rather
 * than lines: what is buffered, else what one read(2) returns.
 */
enum evb_line evb_reader_chunk(struct evb_reader *, const char **, size_t *);

/*
 * Make sure descriptors 0, 1 and 2 are open, so that no file a command opens
 * takes the place of one that was closed: it would then receive the output.
 * A closed one is opened on /dev/null for the other direction, so that using
 * it still fails with EBADF.  Returns 0, or -1 with errno set.
 */
int	evb_stdio_reserve(void);

/* The display name of standard input in messages. */
#define EVB_STDIN_NAME	"(standard input)"
#define EVB_STDOUT_NAME	"(standard output)"

#endif
