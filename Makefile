# minutes: GNU make, non-recursive, one build flavour per directory (build/$(BUILD)).
# BUILD: debug | release | asan | fuzz
PROG    := minutes
VERSION := 0.1.0
PKGS    := poppler-glib cairo tesseract lept libpcre2-8 jansson glib-2.0 gio-2.0 hunspell
# the records store (issue 15): SQLite, and PostgreSQL through libpq
PKGS    += sqlite3 libpq
BUILD   ?= release
O       := build/$(BUILD)
PREFIX  ?= /usr/local
DESTDIR ?=
RULESDIR = $(PREFIX)/share/$(PROG)/rules
DATADIR  = $(PREFIX)/share/$(PROG)
MANDIR   = $(PREFIX)/share/man
# The Danish hunspell dictionary, and the compact form list built from it at `make` time
# (pipeline/words.h): one for every flavour, in build/, made by a plain -O2 build of the tool.
DICT_AFF ?= /usr/share/hunspell/da_DK.aff
DICT_DIC ?= $(DICT_AFF:.aff=.dic)
WORDS    := $(if $(wildcard $(DICT_AFF)),build/da_DK.words)
WORDS_SRC := tools/mkwords.c pipeline/words.c pipeline/buf.c pipeline/err.c pipeline/util.c

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
# tesseract is opened with dlopen when a page needs OCR (pipeline/tess.h), libpq when a
# PostgreSQL store is opened (pipeline/pq.h) and SQLite when a SQLite store is (lite.h), not
# linked: their sonames are read here from the development libraries' symlinks
PKG_LIBS   := $(shell pkg-config --libs $(filter-out tesseract libpq sqlite3,$(PKGS)))
soname_of = $(shell objdump -p $$(pkg-config --variable=libdir $(1))/$(2).so 2>/dev/null | \
              awk '$$1 == "SONAME" { print $$2 }')
TESS_SONAME  := $(call soname_of,tesseract,libtesseract)
LIBPQ_SONAME := $(call soname_of,libpq,libpq)
SQLITE_SONAME := $(call soname_of,sqlite3,libsqlite3)

CSTD := -std=c17
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wold-style-definition -Wwrite-strings -Wvla -Wformat=2 -Wpointer-arith -Wundef
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ipipeline \
            -DMN_VERSION='"$(VERSION)"' -DMN_RULESDIR='"$(RULESDIR)"' -DMN_WORDSDIR='"$(DATADIR)"' \
            $(PKG_CFLAGS) \
            $(if $(TESS_SONAME),-DMN_TESSERACT_SONAME='"$(TESS_SONAME)"') \
            $(if $(LIBPQ_SONAME),-DMN_LIBPQ_SONAME='"$(LIBPQ_SONAME)"') \
            $(if $(SQLITE_SONAME),-DMN_SQLITE_SONAME='"$(SQLITE_SONAME)"')
# libgomp: tesseract's OpenMP run-time, linked by name to switch its threads off (ocr.c)
# LINK_FIRST: the libraries whose symbols the dynamic linker looks up most, first in its search
# order. poppler, cairo, gio... are built to bind every symbol at start-up (BIND_NOW), and each
# lookup walks the loaded libraries in order until one defines the symbol: most of them are
# poppler's own C++ symbols, the C and C++ run-times' and glib's, which came 12th to 16th of 58
# in the order pkg-config gives. Named first: 21.7 M -> 17.7 M instructions before main (the
# start-up of 'minutes --version'). --no-as-needed: minutes calls no poppler C++ directly.
LINK_FIRST := -Wl,--push-state,--no-as-needed -lpoppler -lstdc++ -lc \
              $(shell pkg-config --libs-only-l glib-2.0 gobject-2.0 gio-2.0) -Wl,--pop-state
LDLIBS   += $(LINK_FIRST) $(PKG_LIBS) -lgomp -lm

ifeq ($(BUILD),debug)
  CFLAGS += -g -O0
else ifeq ($(BUILD),release)
  CFLAGS += -g -O2
else ifeq ($(BUILD),asan)
  SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
  CFLAGS  += -g -O1 $(SAN)
  LDFLAGS += $(SAN)
else ifeq ($(BUILD),fuzz)
  CC := clang
  CFLAGS += -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all \
            -fno-omit-frame-pointer
  LDFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all
endif
CFLAGS += $(CSTD) $(WARN) -MMD -MP

CLI_SRC  := pipeline/main.c pipeline/main_batch.c pipeline/main_store.c
LIB_SRC  := $(filter-out $(CLI_SRC),$(wildcard pipeline/*.c pipeline/segment/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(O)/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(O)/tests/%)
# Fuzz targets (tests/fuzz/fuzz_<t>.c): $(O)/fuzz/replay_<t> links a target with the plain
# file-replay driver (any flavour, gcc is enough: make check replays tests/fuzz/regress/ under
# ASan); build/fuzz/fuzz/fuzz_<t> is the libFuzzer binary (BUILD=fuzz, clang).
FUZZ_SRC     := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_NAMES   := $(FUZZ_SRC:tests/fuzz/fuzz_%.c=%)
REPLAY_BIN   := $(FUZZ_NAMES:%=$(O)/fuzz/replay_%)
FUZZ_TIME    ?= 60
# Sanitizer run-time options for every test run of an ASan build: leaks on, library leaks
# suppressed narrowly (tests/lsan.supp), sanitizer failures exit 86 so runners tell them apart.
SAN_ENV := ASAN_OPTIONS=detect_leaks=1:exitcode=86:abort_on_error=0:detect_stack_use_after_return=0 \
           LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0:exitcode=86 \
           UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=86

.PHONY: all check check-unit check-rules check-cli check-corpus asan install clean corpus bench fuzz
# keep the objects of unit tests and fuzz targets: no "rm" after the closing test line
.SECONDARY:
.PHONY: check-asan check-bad check-fuzz-regress fuzz-build
all: $(O)/$(PROG) $(WORDS) $(O)/rules.cache

build/tools/mkwords: $(WORDS_SRC) pipeline/words.h
	@mkdir -p $(dir $@)
	gcc -std=c17 -O2 $(WARN) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ipipeline \
	    $(shell pkg-config --cflags glib-2.0 hunspell) -o $@ $(WORDS_SRC) \
	    $(shell pkg-config --libs glib-2.0 hunspell)
build/da_DK.words: build/tools/mkwords $(DICT_AFF) $(DICT_DIC)
	nice build/tools/mkwords $(DICT_AFF) $(DICT_DIC) $@

# The rules compiled and checked once (pipeline/rules.h, the rules cache), beside the binary:
# a convert that loads these very texts takes their patterns from it and skips the check.
# A rule whose example fails stops the build here, with the rule's file:line.
$(O)/rules.cache: $(O)/$(PROG) $(wildcard rules/*.rules)
	$(O)/$(PROG) check-rules --rules-dir rules -o $@ >/dev/null

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(O)/libminutes.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(O)/$(PROG): $(CLI_SRC:%.c=$(O)/%.o) $(O)/libminutes.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(O)/tests/%: $(O)/tests/unit/%.o $(O)/libminutes.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(O)/tests/fuzz/%.o: CPPFLAGS += -DMN_FUZZ_RULES_DIR='"$(CURDIR)/rules"'
$(O)/fuzz/replay_%: $(O)/tests/fuzz/fuzz_%.o $(O)/tests/fuzz/replay.o $(O)/libminutes.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)
$(O)/fuzz/fuzz_%: $(O)/tests/fuzz/fuzz_%.o $(O)/libminutes.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(LDLIBS)

# The checks. Each runner prints "N passed, N failed"; tests/run-all.sh adds them up.
# 'check' first runs the sanitizer pass (a sub-make with BUILD=asan: every suite but the
# golden corpus, under ASan+UBSan with leak checking), then every suite but the bad-input
# ones on this flavour (their point is the sanitizers; they ran in the asan pass).
ifeq ($(BUILD),asan)
check: all $(UNIT_BIN) $(REPLAY_BIN)
	@env $(SAN_ENV) BUILD=asan bash tests/run-all.sh
else
check: all $(UNIT_BIN) $(REPLAY_BIN)
	+@$(MAKE) --no-print-directory BUILD=asan check-asan
	@BUILD=$(BUILD) MN_SKIP_SUITES="tests/run-bad-pdf.sh tests/run-bad.sh" bash tests/run-all.sh
endif

# The sanitizer pass of 'check': every suite but the golden corpus under ASan+UBSan.
ifeq ($(BUILD),asan)
check-asan: all $(UNIT_BIN) $(REPLAY_BIN)
	@env $(SAN_ENV) BUILD=asan MN_SKIP_SUITES="tests/run-corpus.sh" bash tests/run-all.sh
else
check-asan:
	+@$(MAKE) --no-print-directory BUILD=asan check-asan
endif

check-bad: all
	@env $(SAN_ENV) BUILD=$(BUILD) bash tests/run-bad.sh

check-fuzz-regress: $(REPLAY_BIN)
	@env $(SAN_ENV) BUILD=$(BUILD) bash tests/run-fuzz-regress.sh

check-unit: $(UNIT_BIN) $(WORDS)
	@BUILD=$(BUILD) bash tests/run-unit.sh

check-rules: all
	@BUILD=$(BUILD) bash tests/run-rules.sh

check-cli: all
	@BUILD=$(BUILD) bash tests/run-cli.sh

check-corpus: all
	@BUILD=$(BUILD) bash tests/run-corpus.sh

# Everything under ASan+UBSan, the golden corpus included (slow).
asan:
	+$(MAKE) BUILD=asan check

# libFuzzer: build every target with clang and run each for FUZZ_TIME seconds (FUZZ_JOBS at a
# time, default 2) on a working corpus in build/fuzz/corpus/<t>, seeded from tests/fuzz/seeds/,
# ../shared/seeds and rules/. Crashes land in build/fuzz/crashes/<t>/: move them to
# tests/fuzz/regress/<t>/ once fixed. FUZZ_TARGETS="rules segment" picks targets.
fuzz:
	+$(MAKE) BUILD=fuzz fuzz-build
	FUZZ_TIME=$(FUZZ_TIME) bash tests/fuzz/run-fuzz.sh $(FUZZ_TARGETS)
fuzz-build: $(FUZZ_NAMES:%=$(O)/fuzz/fuzz_%)

corpus:
	bash scripts/make-corpus build/corpus

bench: all
	bash scripts/bench

install: all
	install -Dm755 $(O)/$(PROG) $(DESTDIR)$(PREFIX)/bin/$(PROG)
	install -d $(DESTDIR)$(RULESDIR)
	install -m644 rules/*.rules $(DESTDIR)$(RULESDIR)/
	$(if $(WORDS),install -m644 $(WORDS) $(DESTDIR)$(DATADIR)/)
	install -m644 $(O)/rules.cache $(DESTDIR)$(DATADIR)/
	install -Dm644 doc/minutes.1 $(DESTDIR)$(MANDIR)/man1/minutes.1

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(CLI_SRC:%.c=$(O)/%.d) $(UNIT_SRC:tests/unit/%.c=$(O)/tests/unit/%.d)
-include $(FUZZ_SRC:%.c=$(O)/%.d) $(O)/tests/fuzz/replay.d
