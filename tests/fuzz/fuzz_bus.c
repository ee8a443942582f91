/*
 * The bus-file loader: the input is loaded as a bus file (rules, targets,
 * their addresses, transformers, retry policies and dead-letter settings),
 * then, if it loads, every rule's ARN is formed.
 */
#define _GNU_SOURCE
#include "fuzz.h"

#include "buf.h"
#include "bus.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct evb_bus b;
	struct evb_buf arn = EVB_BUF_INIT;
	struct evb_err e;
	char path[32];
	int fd = fuzz_file(data, size, path);

	evb_bus_init(&b);
	if (evb_bus_load(&b, path, &e) == 0)
		for (size_t i = 0; i < b.rules.n; i++) {
			evb_buf_reset(&arn);
			evb_bus_rule_arn(&b, i, &arn);
		}
	evb_bus_fini(&b);
	evb_buf_fini(&arn);
	close(fd);
	return 0;
}
