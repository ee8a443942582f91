/*
 * The pattern compiler and the rules-file loader: the input is compiled as
 * one event pattern, then loaded as a rules file in any of its shapes
 * (object of patterns, NDJSON rules, AWS put-rule JSON, lists of these).
 */
#define _GNU_SOURCE
#include "fuzz.h"

#include "arena.h"
#include "pattern.h"
#include "ruleset.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct evb_arena a = EVB_ARENA_INIT;
	struct evb_pattern p;
	struct evb_ruleset rs;
	struct evb_err e;
	char path[32];
	int fd;

	(void)evb_pattern_compile(&a, (const char *)data, size, NULL, &p, &e);
	evb_arena_fini(&a);

	fd = fuzz_file(data, size, path);
	evb_ruleset_init(&rs);
	(void)evb_ruleset_load(&rs, path, &e);
	evb_ruleset_fini(&rs);
	close(fd);
	return 0;
}
