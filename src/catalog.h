/*
 * The schemas of a registry by (source, detail-type), cached in memory:
 * what discovery and validation consult for every event.
 *
 * An event costs a hash look-up and an acceptance check against the cached
 * schema.  Only when the shape changed does discovery take the registry's
 * exclusive lock, re-read the latest version (another process may have
 * written one), merge the event into it and store the next version.
 *
 * Names are EventBridge's (source@DetailType).  When two (source,
 * detail-type) pairs give one name, the later one is stored as name-2,
 * name-3, ... (a name never has '-' after the '@' otherwise).
 */
#ifndef EVB_CATALOG_H
#define EVB_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "hmap.h"
#include "json.h"
#include "registry.h"
#include "reject.h"
#include "schemafmt.h"

struct evb_centry {
	struct evb_sdoc	 doc;		/* source, detail-type, schema */
	char		*name;
	unsigned long	 version;	/* the version in doc; 0: none */
	unsigned long	 latest;	/* the latest version; 0: none */
};

struct evb_catalog {
	struct evb_registry	*reg;
	unsigned long		 pin;		/* a fixed version; 0: latest */
	struct evb_hmap		 map;		/* key -> index + 1 */
	struct evb_centry	**v;
	size_t			 n;
	struct evb_buf		 key;
	struct evb_buf		 scratch;
};

/* A catalog of reg (borrowed); pin selects a version for validation. */
void	evb_catalog_init(struct evb_catalog *, struct evb_registry *,
	    unsigned long);
void	evb_catalog_fini(struct evb_catalog *);

/*
 * The (source, detail-type) of an event: its "source" and "detail-type"
 * strings.  Returns 0, or -1 with the reason in err when v is no event.
 */
int	evb_catalog_key(const struct evb_jv *, const struct evb_jv **,
	    const struct evb_jv **, struct evb_err *);

/*
 * The entry of the event's (source, detail-type), read from the registry on
 * first use.  Its version is 0 when the registry has no schema (or, with a
 * pin, not that version).  Returns NULL with err set on failure.
 */
struct evb_centry *evb_catalog_get(struct evb_catalog *,
	    const struct evb_jv *, struct evb_err *);

/*
 * Discovery: make the latest version of the event's schema accept the
 * event.  Returns 0 when it already did, 1 when a new version was stored
 * (*ent tells which), -1 with err set on failure (errno EINTR when a
 * signal interrupted the wait for the lock).
 */
int	evb_catalog_observe(struct evb_catalog *, const struct evb_jv *,
	    struct evb_centry **, struct evb_err *);

/*
 * A refused event's record (see reject.h), with "schema", "version" and
 * "pointer" members after the others when name is not NULL.
 */
void	evb_catalog_reject(struct evb_buf *, const struct evb_reject *,
	    const char *, unsigned long long, const char *, size_t,
	    const char *, unsigned long, const char *);

#endif
