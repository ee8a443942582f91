/*
 * The bus file: rules, each with EventBridge's event pattern and up to five
 * targets, in the shapes AWS uses for PutRule and PutTargets, with a target
 * address where AWS has an ARN.  See evbus-bus(5).
 *
 *	{"Name": "mystore",
 *	 "Rules": [{"Name": "orders", "EventPattern": {...},
 *	   "Targets": [{"Id": "email", "Arn": "exec:./send-email.sh",
 *	     "InputTransformer": {...}, "RetryPolicy": {...},
 *	     "DeadLetterConfig": {"Arn": "file:email.dlq"}}]}]}
 */
#ifndef EVB_BUS_H
#define EVB_BUS_H

#include <stdbool.h>
#include <stddef.h>

#include "retry.h"
#include "ruleset.h"
#include "transform.h"
#include "util.h"

#define EVB_TARGETS_PER_RULE	5	/* AWS's limit */
#define EVB_TARGET_ID_MAX	64
#define EVB_TIMEOUT_MIN		0.001	/* TimeoutSeconds */
#define EVB_TIMEOUT_MAX		86400.0

enum evb_tkind {
	EVB_T_STDOUT,		/* our standard output */
	EVB_T_FILE,		/* file:PATH, one line per event */
	EVB_T_EXEC,		/* exec:CMD ARG..., a process per event */
	EVB_T_PIPE		/* pipe:CMD ARG..., one process fed NDJSON */
};

struct evb_target {
	char			*id;
	char			*address;	/* as written */
	enum evb_tkind		 kind;
	char			*path;		/* EVB_T_FILE */
	char			**argv;		/* EVB_T_EXEC, EVB_T_PIPE */
	struct evb_transform	*xf;		/* NULL: the event as it came */
	struct evb_retry	 retry;
	char			*dlq;		/* dead-letter file, NULL: default */
	unsigned		 concurrency;	/* EVB_T_EXEC processes at once */
	double			 timeout;	/* seconds an attempt may take */
	bool			 fsync;		/* EVB_T_FILE: fsync each line */
	size_t			 rule;		/* index in the ruleset */
};

struct evb_bus {
	struct evb_ruleset	 rules;
	char			*name;		/* the bus name, for ARNs */
	char			*account;
	char			*region;
	struct evb_target	*targets;
	size_t			 ntargets;
	size_t			 max_targets;	/* per rule */
	bool			 strict;	/* transformers in strict mode */
};

void	evb_bus_init(struct evb_bus *);
void	evb_bus_fini(struct evb_bus *);

/*
 * Load a bus file.  Everything is checked before any event is read; err
 * names the rule, the target and the field.  Returns 0 or -1.
 */
int	evb_bus_load(struct evb_bus *, const char *, struct evb_err *);

/*
 * Add a target given by its address alone (evfan -t) to rule number rule.
 * Returns 0 or -1.
 */
int	evb_bus_add_target(struct evb_bus *, size_t, const char *,
	    struct evb_err *);

/* Parse an address: stdout, file:PATH, exec:CMD ARG..., pipe:CMD ARG... */
int	evb_target_address(struct evb_target *, const char *, struct evb_err *);

/*
 * What a run would find wrong with the files and programs of the targets,
 * found with access(2) alone, so that nothing is created, opened or run: a
 * file: target or a dead-letter file (default_dlq for targets without
 * DeadLetterConfig) that cannot be written is an error; an exec: or pipe:
 * program that cannot be run now is not, since it may be by then.  fn gets
 * each problem as a message, with whether it is an error.  Returns the
 * number of errors.
 */
typedef void (*evb_bus_check_fn)(void *, bool, const char *);
size_t	evb_bus_check(const struct evb_bus *, const char *, evb_bus_check_fn,
	    void *);

/*
 * Whether path can be written, or, when it does not exist, created in its
 * directory.  Returns 0, or -1 with errno set.
 */
int	evb_bus_writable(const char *);

/* The ARN of a rule of the bus, as EventBridge writes it. */
void	evb_bus_rule_arn(const struct evb_bus *, size_t, struct evb_buf *);

#endif
