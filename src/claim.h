/*
 * Claim-check: an oversized detail is stored in a directory under its
 * SHA-256 name and the event carries a small reference instead, so it stays
 * within EventBridge's limits and can still be routed.  The reference is
 *
 *	{"claimCheck":{"uri":"file:///dir/<sha256>.json","sha256":"<hex>",
 *	    "size":<bytes>,"contentType":"application/json"}, kept members...}
 *
 * No part of a stored name comes from the event.
 */
#ifndef EVB_CLAIM_H
#define EVB_CLAIM_H

#include <stddef.h>

#include "buf.h"
#include "jgen.h"
#include "json.h"
#include "util.h"

struct evb_claimstore {
	char	*dir;		/* absolute path */
	int	 dirfd;
};

struct evb_claim {
	char	 sha256[65];
	size_t	 size;
	char	*uri;		/* owned */
};

/* Open dir, which must be a writable directory.  Returns 0, or -1 with err. */
int	evb_claim_open(struct evb_claimstore *, const char *, struct evb_err *);
void	evb_claim_close(struct evb_claimstore *);

/*
 * Store the n bytes at p (atomically: a temporary file, fsync, rename; mode
 * 0600 less the umask) and describe them in c, whose uri the caller frees
 * with evb_claim_fini().  Returns 0, or -1 with err.
 */
int	evb_claim_store(struct evb_claimstore *, const char *, size_t,
	    struct evb_claim *, struct evb_err *);
void	evb_claim_fini(struct evb_claim *);

/*
 * Write the reference object; members of detail (an object, may be NULL)
 * named in keep[0..nkeep) are copied next to it so rules can still use them.
 */
void	evb_claim_write_ref(struct evb_jgen *, const struct evb_claim *,
	    const struct evb_jv *, char *const *, size_t);

#endif
