/*
 * A schema registry on disk: one directory per schema, one file per
 * version, written atomically, under one lock.
 *
 *	DIR/.lock			flock(2) lock shared by every process
 *	DIR/<name>/<version>.json	a version, JSON Schema draft 4
 *
 * Names are schema names (source@DetailType) and never begin with a dot;
 * versions count from 1.  A version is written to a temporary file, synced,
 * linked into place (never replacing an existing version) and its directory
 * synced, so a reader sees a whole version or none, even after a crash.
 * Files beginning with a dot are ignored.
 */
#ifndef EVB_REGISTRY_H
#define EVB_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

struct evb_registry {
	char	*dir;
	int	 dirfd;
	int	 lockfd;	/* -1 when the lock file cannot be opened */
	bool	 locked;
};

/*
 * Open the registry at dir, creating it (and its lock file) when create is
 * set.  Returns 0, or -1 with err set.
 */
int	evb_registry_open(struct evb_registry *, const char *, bool,
	    struct evb_err *);
void	evb_registry_close(struct evb_registry *);

/*
 * Take the lock, shared or exclusive, waiting for it.  Returns 0, or -1
 * with err set; errno is EINTR when a signal interrupted the wait.
 */
int	evb_registry_lock(struct evb_registry *, bool, struct evb_err *);
void	evb_registry_unlock(struct evb_registry *);

/*
 * The versions of name in increasing order, in a new array the caller
 * frees.  A missing schema has none.  Returns 0, or -1 with err set.
 */
int	evb_registry_versions(const struct evb_registry *, const char *,
	    unsigned long **, size_t *, struct evb_err *);
/* The latest version of name, 0 when there is none, or -1 on failure. */
long	evb_registry_latest(const struct evb_registry *, const char *,
	    struct evb_err *);
/* True when the schema directory name exists. */
bool	evb_registry_exists(const struct evb_registry *, const char *);

/* The schema names, sorted, in a new array of new strings. */
int	evb_registry_names(const struct evb_registry *, char ***, size_t *,
	    struct evb_err *);
void	evb_registry_free_names(char **, size_t);

/*
 * Read a version into a new NUL-terminated buffer.  Returns 0, or -1 with
 * err set (errno ENOENT when there is no such version).
 */
int	evb_registry_read(const struct evb_registry *, const char *,
	    unsigned long, char **, size_t *, struct evb_err *);

/*
 * Store a new version.  It fails (EEXIST) rather than replace one.
 * Returns 0, or -1 with err set.
 */
int	evb_registry_write(const struct evb_registry *, const char *,
	    unsigned long, const char *, size_t, struct evb_err *);

#endif
