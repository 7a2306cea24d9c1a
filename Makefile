# Marsad — GNU Make with pkg-config.  `make` installs missing Debian
# packages (tools/deps.sh), then builds ./marsad.

VERSION := 0.1.0
CC ?= cc
PKGS := libutf8proc libxxhash jansson sqlite3 zlib libmicrohttpd
CSTD := -std=gnu11
WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2
OPT ?= -O2 -g
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS)) -lm
CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) $(PKG_CFLAGS) -DMARSAD_VERSION='"$(VERSION)"' $(CFLAGS)
SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

B := build
LIB_SRC := $(wildcard src/util/*.c src/text/*.c src/clean/*.c src/ingest/*.c src/store/*.c src/dedup/*.c src/search/*.c)
CLI_SRC := $(wildcard src/cli/*.c)
DATA_DIR ?= data
DATA := $(DATA_DIR)/stopwords.txt $(DATA_DIR)/protected.txt $(DATA_DIR)/waw-initial.txt \
	$(DATA_DIR)/boilerplate.txt $(DATA_DIR)/agencies.txt
GEN := $(B)/gen/data.c
# the page `marsad serve` gives, embedded in the binary (only marsad links it)
WEB := web/index.html web/app.js web/style.css web/favicon.svg
WEB_GEN := $(B)/gen/web.c
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(B)/tests/%)
UNIT_ASAN := $(UNIT_SRC:tests/unit/%.c=$(B)/asan/tests/%)

LIB_OBJ := $(LIB_SRC:%.c=$(B)/obj/%.o) $(B)/obj/gen/data.o
LIB_ASAN := $(LIB_SRC:%.c=$(B)/asan/%.o) $(B)/asan/gen/data.o

.PHONY: all deps test-deps demo test unit clean bench fuzz fuzz-build check-valgrind
.DELETE_ON_ERROR:
# objects reached through pattern rules are not throw-away intermediates
.SECONDARY:

all: deps marsad

deps:
	@sh tools/deps.sh build

test-deps:
	@sh tools/deps.sh test

marsad: $(LIB_OBJ) $(CLI_SRC:%.c=$(B)/obj/%.o) $(B)/obj/gen/web.o
	$(CC) $(CFLAGS_ALL) -o $@ $^ $(PKG_LIBS) -pthread $(LDFLAGS)

# The same command built with AddressSanitizer + UBSan, for the
# command-line suites (tests/run.sh runs them with it as well).
$(B)/asan/marsad: $(LIB_ASAN) $(CLI_SRC:%.c=$(B)/asan/%.o) $(B)/obj/gen/web.o
	$(CC) $(CFLAGS_ALL) $(SAN) -o $@ $^ $(PKG_LIBS) -pthread $(LDFLAGS)

$(B)/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(WARN) -O2 -o $@ $<

$(GEN): $(B)/tools/embed $(DATA)
	@mkdir -p $(@D)
	$(B)/tools/embed $@ stopwords=$(DATA_DIR)/stopwords.txt \
		protected=$(DATA_DIR)/protected.txt waw_initial=$(DATA_DIR)/waw-initial.txt \
		boilerplate=$(DATA_DIR)/boilerplate.txt agencies=$(DATA_DIR)/agencies.txt

$(B)/obj/gen/data.o $(B)/asan/gen/data.o: $(GEN)
	@mkdir -p $(@D)
	$(CC) $(CSTD) -c -o $@ $<

$(WEB_GEN): $(B)/tools/embed $(WEB)
	@mkdir -p $(@D)
	$(B)/tools/embed $@ web_index_html=web/index.html web_app_js=web/app.js \
		web_style_css=web/style.css web_favicon_svg=web/favicon.svg

$(B)/obj/gen/web.o: $(WEB_GEN)
	@mkdir -p $(@D)
	$(CC) $(CSTD) -c -o $@ $<

$(B)/obj/%.o: %.c | deps
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

$(B)/asan/%.o: %.c | deps
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(SAN) -MMD -MP -c -o $@ $<

# Unit tests: cmocka, built twice — plain and under ASan+UBSan.
TEST_LIBS = $(PKG_LIBS) $(shell pkg-config --libs cmocka)
TEST_CFLAGS = $(shell pkg-config --cflags cmocka)

# bench/corpus.c reads the shared data sets for the real-data tests too.
$(B)/tests/%: tests/unit/%.c tests/unit/helpers.h bench/corpus.c $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(TEST_CFLAGS) -o $@ $< bench/corpus.c $(LIB_OBJ) $(TEST_LIBS)

$(B)/asan/tests/%: tests/unit/%.c tests/unit/helpers.h bench/corpus.c $(LIB_ASAN)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) $(SAN) $(TEST_CFLAGS) -o $@ $< bench/corpus.c $(LIB_ASAN) $(TEST_LIBS)

unit: $(UNIT_BIN) $(UNIT_ASAN)

test: test-deps marsad $(B)/asan/marsad unit
	@B=$(B) sh tests/run.sh

# The unit tests of the plain build under valgrind's memcheck (about 4 min).
check-valgrind: test-deps unit
	@sh tools/deps.sh valgrind
	@B=$(B) sh tests/valgrind.sh

demo: all
	@sh tools/demo.sh

# Benchmarks: optimized builds of the measuring programs, then bench/run.sh;
# its tables replace the latest run's block in bench/RESULTS.md.
BENCH_LIBS = $(PKG_LIBS) -lstemmer

$(B)/bench/%: bench/%.c bench/corpus.c bench/corpus.h $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS_ALL) -o $@ $< bench/corpus.c $(LIB_OBJ) $(BENCH_LIBS)

bench:
	@sh tools/deps.sh bench
	@$(MAKE) -s --no-print-directory marsad $(B)/bench/text_speed $(B)/bench/stem_compare $(B)/bench/pair_similarity $(B)/bench/dedup_speed $(B)/bench/retrieval >&2
	@mkdir -p bench/out
	@B=$(B) sh bench/run.sh >bench/out/latest.md
	@cat bench/out/latest.md
	@python3 bench/splice.py bench/out/latest.md bench/RESULTS.md

# Fuzzing (not part of `make test`): libFuzzer targets in fuzz/, the library
# built with clang under ASan+UBSan, each run for FUZZ_SECONDS (fuzz/run.sh).
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_SRC := $(wildcard fuzz/fuzz_*.c)
FUZZ_BIN := $(FUZZ_SRC:fuzz/%.c=$(B)/fuzz/%)
FUZZ_OBJ := $(LIB_SRC:%.c=$(B)/fuzz/obj/%.o) $(B)/fuzz/obj/gen/data.o
FUZZ_CFLAGS = $(CSTD) $(WARN) -O1 -g $(PKG_CFLAGS) -DMARSAD_VERSION='"$(VERSION)"' $(FUZZ_SAN)

$(B)/fuzz/obj/gen/data.o: $(GEN)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(CSTD) -c -o $@ $<

$(B)/fuzz/obj/%.o: %.c | fuzz-deps
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(B)/fuzz/%: fuzz/%.c fuzz/reader_common.h $(FUZZ_OBJ)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(PKG_LIBS)

.PHONY: fuzz-deps
fuzz-deps:
	@sh tools/deps.sh fuzz

fuzz-build: $(FUZZ_BIN)

fuzz: fuzz-deps
	@$(MAKE) -s --no-print-directory fuzz-build >&2
	@B=$(B) FUZZ_SECONDS=$(FUZZ_SECONDS) sh fuzz/run.sh $(FUZZ_SRC:fuzz/%.c=%)

clean:
	rm -rf $(B) marsad

-include $(shell find $(B) -name '*.d' 2>/dev/null)
