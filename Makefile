# minutes: GNU make, non-recursive, one build flavour per directory (build/$(BUILD)).
# BUILD: debug | release | asan | fuzz
PROG    := minutes
VERSION := 0.1.0
PKGS    := poppler-glib cairo tesseract lept libpcre2-8 jansson glib-2.0 gio-2.0 hunspell
BUILD   ?= release
O       := build/$(BUILD)
PREFIX  ?= /usr/local
DESTDIR ?=
RULESDIR = $(PREFIX)/share/$(PROG)/rules

PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))

CSTD := -std=c17
WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
        -Wold-style-definition -Wwrite-strings -Wvla -Wformat=2 -Wpointer-arith -Wundef
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Ipipeline \
            -DMN_VERSION='"$(VERSION)"' -DMN_RULESDIR='"$(RULESDIR)"' $(PKG_CFLAGS)
LDLIBS   += $(PKG_LIBS) -lm

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
  CFLAGS += -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
endif
CFLAGS += $(CSTD) $(WARN) -MMD -MP

LIB_SRC  := $(filter-out pipeline/main.c,$(wildcard pipeline/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(O)/%.o)
UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(O)/tests/%)

.PHONY: all check check-unit check-rules check-cli check-corpus asan install clean corpus bench fuzz
all: $(O)/$(PROG)

$(O)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(O)/libminutes.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(O)/$(PROG): $(O)/pipeline/main.o $(O)/libminutes.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(O)/tests/%: $(O)/tests/unit/%.o $(O)/libminutes.a
	@mkdir -p $(dir $@)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The checks. Each runner prints "N passed, N failed"; tests/summary.sh adds them up.
check: all $(UNIT_BIN)
	@BUILD=$(BUILD) bash tests/run-all.sh

check-unit: $(UNIT_BIN)
	@BUILD=$(BUILD) bash tests/run-unit.sh

check-rules: all
	@BUILD=$(BUILD) bash tests/run-rules.sh

check-cli: all
	@BUILD=$(BUILD) bash tests/run-cli.sh

check-corpus: all
	@BUILD=$(BUILD) bash tests/run-corpus.sh

asan:
	$(MAKE) BUILD=asan check

corpus:
	bash scripts/make-corpus build/corpus

bench: all
	bash scripts/bench

install: all
	install -Dm755 $(O)/$(PROG) $(DESTDIR)$(PREFIX)/bin/$(PROG)
	install -d $(DESTDIR)$(RULESDIR)
	install -m644 rules/*.rules $(DESTDIR)$(RULESDIR)/

clean:
	rm -rf build

-include $(LIB_OBJ:.o=.d) $(O)/pipeline/main.d $(UNIT_SRC:tests/unit/%.c=$(O)/tests/unit/%.d)
