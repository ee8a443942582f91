# evbus: Amazon EventBridge's event model as small filters for Unix pipelines.

VERSION	= 0.1.0
PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
CFLAGS	?= -O2 -g

WARN	= -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	  -Wmissing-prototypes -Wwrite-strings -Wformat=2 -Wvla
PKGS	= yajl libutf8proc libmd
EVB_CPPFLAGS = -D_XOPEN_SOURCE=700 -DEVB_VERSION=\"$(VERSION)\" -Isrc \
	  $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
EVB_CFLAGS = -std=c11 $(WARN) $(if $(WERROR),-Werror)
EVB_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CHECK_CFLAGS = $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS = $(shell pkg-config --libs check 2>/dev/null)

# Build directory: build/ normally, build-san/ for the sanitizer build.
B	?= build

PROGS	= evput evmatch evfan evdlq evschema
MAINS	= $(PROGS:%=src/%.c)
LIBSRC	= $(filter-out $(MAINS),$(wildcard src/*.c))
LIBOBJ	= $(LIBSRC:src/%.c=$(B)/obj/%.o)
BINS	= $(PROGS:%=$(B)/%)
UNITSRC	= $(wildcard tests/unit/*.c)
UNITOBJ	= $(UNITSRC:tests/unit/%.c=$(B)/unit/%.o)
MANS	= $(wildcard man/*.[157])

COMPILE	= $(CC) $(EVB_CPPFLAGS) $(CPPFLAGS) $(EVB_CFLAGS) $(CFLAGS) -MMD -MP

.SECONDARY:

.PHONY: all check check-run lint unit cli conformance valgrind sanitize \
	install uninstall clean deps demo bench fuzz fuzz-short

all: $(BINS)

$(B)/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(COMPILE) -c -o $@ $<

$(B)/libevbus.a: $(LIBOBJ)
	rm -f $@
	$(AR) rcs $@ $(LIBOBJ)

$(B)/%: $(B)/obj/%.o $(B)/libevbus.a
	$(CC) $(EVB_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(B)/libevbus.a \
	    $(EVB_LIBS) $(LDLIBS)

$(B)/unit/%.o: tests/unit/%.c
	@mkdir -p $(@D)
	$(COMPILE) $(CHECK_CFLAGS) -c -o $@ $<

$(B)/check_evbus: $(UNITOBJ) $(B)/libevbus.a
	$(CC) $(EVB_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(UNITOBJ) \
	    $(B)/libevbus.a $(EVB_LIBS) $(CHECK_LIBS) $(LDLIBS)

# make check: install (as root) or name what is missing, then run every suite.
check: deps
	@$(MAKE) --no-print-directory check-run

check-run: all $(B)/check_evbus $(B)/conformance
	@B=$(B) tests/run-all

# The conformance runner: recorded cases through the real commands.
$(B)/conformance.o: tests/conformance/runner.c
	@mkdir -p $(@D)
	$(COMPILE) -c -o $@ tests/conformance/runner.c

$(B)/conformance: $(B)/conformance.o $(B)/libevbus.a
	$(CC) $(EVB_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $(B)/conformance.o \
	    $(B)/libevbus.a $(EVB_LIBS) $(LDLIBS)

unit: $(B)/check_evbus
	$(B)/check_evbus

conformance: all $(B)/conformance
	$(B)/conformance --bin $(B) tests/conformance

cli: all
	EVB_BIN=$(CURDIR)/$(B) bats tests/cli

lint:
	mandoc -Tlint -W warning $(MANS)

deps:
	@scripts/deps

# The same suites under AddressSanitizer and UndefinedBehaviorSanitizer.
sanitize: deps
	@$(MAKE) --no-print-directory B=build-san \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" check-run

# The unit tests, then the main path of every command, under valgrind.
valgrind: all $(B)/check_evbus
	CK_FORK=no valgrind -q --error-exitcode=1 --leak-check=full \
	    $(B)/check_evbus
	EVB_BIN=$(CURDIR)/$(B) bats tests/valgrind

# Benchmark corpus generators (bench/): plain C, no library beyond libc,
# and not part of "all".  -ffp-contract=off keeps their floating point
# free of fused multiply-adds, so a seed gives the same bytes everywhere.
BENCH_MAINS = bench/evgen.c bench/evrules.c bench/timeit.c bench/yajlparse.c
BENCH_SRC = $(filter-out $(BENCH_MAINS),$(wildcard bench/*.c))
BENCH_OBJ = $(BENCH_SRC:bench/%.c=$(B)/bench/%.o)
BENCH_LIB = $(B)/bench/libcorpus.a

.PHONY: bench-tools
bench-tools: $(B)/evgen $(B)/evrules $(B)/timeit $(B)/yajlparse

$(B)/bench/%.o: bench/%.c
	@mkdir -p $(@D)
	$(COMPILE) -ffp-contract=off -c -o $@ $<

$(BENCH_LIB): $(BENCH_OBJ)
	rm -f $@
	$(AR) rcs $@ $(BENCH_OBJ)

$(B)/evgen $(B)/evrules: $(B)/%: $(B)/bench/%.o $(BENCH_LIB)
	$(CC) $(EVB_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BENCH_LIB) $(LDLIBS)

$(B)/timeit: $(B)/bench/timeit.o
	$(CC) $(EVB_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LDLIBS)

$(B)/yajlparse: $(B)/bench/yajlparse.o
	$(CC) $(EVB_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(EVB_LIBS) $(LDLIBS)

# Every benchmark, each printing its table of ratios.
bench: all bench-tools
	bench/evput.sh
	bench/evmatch.sh

# libFuzzer harnesses (tests/fuzz/), built with clang into build-fuzz/: the
# library with -fsanitize=fuzzer-no-link, each harness linked with
# -fsanitize=fuzzer.  "make fuzz" runs each for FUZZ_TIME seconds on its
# seed corpus (tests/fuzz/corpus/NAME/), after replaying the inputs that
# once failed (tests/fuzz/regress/NAME/); crashes go to build-fuzz/crashes/.
FUZZ_CC	= clang
FUZZ_TIME ?= 60
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS = -O1 -g -fno-omit-frame-pointer $(FUZZ_SAN) \
	  -fsanitize=fuzzer-no-link
FUZZ_NAMES = $(basename $(notdir $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_BINS = $(FUZZ_NAMES:%=$(B)/fuzz/%)

.PHONY: fuzz-build fuzz-bins
fuzz-bins: $(FUZZ_BINS)

$(B)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(B)/libevbus.a
	@mkdir -p $(@D)
	$(CC) $(EVB_CPPFLAGS) $(CPPFLAGS) $(EVB_CFLAGS) $(CFLAGS) \
	    -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(B)/libevbus.a \
	    $(EVB_LIBS) $(LDLIBS)

fuzz-build:
	@command -v $(FUZZ_CC) >/dev/null || { \
	    echo "evbus: make fuzz needs clang; install it as root with:" >&2; \
	    echo "    apt-get install -y clang" >&2; exit 2; }
	@$(MAKE) --no-print-directory B=build-fuzz CC=$(FUZZ_CC) \
	    CFLAGS="$(FUZZ_CFLAGS)" LDFLAGS="$(FUZZ_SAN)" fuzz-bins

fuzz: fuzz-build
	FUZZ_TIME=$(FUZZ_TIME) tests/fuzz/run build-fuzz $(FUZZ_NAMES)

fuzz-short:
	@$(MAKE) --no-print-directory FUZZ_TIME=10 fuzz

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	install -m 0755 $(BINS) $(DESTDIR)$(BINDIR)
	for m in $(MANS); do \
	    s=$${m##*.}; install -m 0644 $$m $(DESTDIR)$(MANDIR)/man$$s; \
	done

uninstall:
	for p in $(PROGS); do rm -f $(DESTDIR)$(BINDIR)/$$p; done
	for m in $(MANS); do \
	    s=$${m##*.}; rm -f $(DESTDIR)$(MANDIR)/man$$s/$${m##*/}; \
	done

# The checkout story from the README.
demo: deps
	@$(MAKE) --no-print-directory all
	@examples/checkout/run

clean:
	rm -rf build build-san build-fuzz

-include $(wildcard $(B)/obj/*.d $(B)/unit/*.d)
-include $(wildcard $(B)/conformance.d)
-include $(wildcard $(B)/bench/*.d)
