# gradus — one plain Makefile (pkg-config, no generator).
PREFIX    ?= /usr/local
DESTDIR   ?=
BINDIR     = $(PREFIX)/bin
DATADIR    = $(PREFIX)/share
MANDIR     = $(DATADIR)/man
LOCALEDIR  = $(DATADIR)/locale
VERSION    = 0.1.0

CC        ?= cc
BUILD     ?= build
PKGS       = ncursesw panelw sqlite3 inih nettle xlsxwriter minizip expat
WARN       = -std=c11 -Wall -Wextra -Werror=implicit-function-declaration -Wshadow -Wformat=2 -Wstrict-prototypes \
             -Wmissing-prototypes -Wwrite-strings
CFLAGS    ?= -O2 -g
SANITIZE  ?=
ALL_CFLAGS = $(WARN) $(CFLAGS) $(SANITIZE) -D_GNU_SOURCE -Iinclude \
             $(shell pkg-config --cflags $(PKGS) 2>/dev/null) \
             -DGRADUS_VERSION='"$(VERSION)"' \
             -DGRADUS_SOURCE_DIR='"$(CURDIR)"' \
             -DGRADUS_DATADIR='"$(DATADIR)/gradus"' \
             -DGRADUS_LOCALEDIR='"$(LOCALEDIR)"' \
             -DGRADUS_BUILD_LOCALEDIR='"$(CURDIR)/$(BUILD)/locale"'
# libxlsxwriter is loaded when a workbook is written (src/report/xlsx_library.c),
# not linked: it brings libcrypto, a quarter of every start-up. minizip and
# expat (and zlib with minizip) are loaded when one is read (src/text/sheet_library.c).
LOADED     = xlsxwriter minizip expat
LIBS       = $(shell pkg-config --libs $(filter-out $(LOADED),$(PKGS)) 2>/dev/null) -lm -ldl -pthread
XLSX_LIBS  = $(shell pkg-config --libs xlsxwriter 2>/dev/null) # for the unit tests that write workbooks themselves
soname     = $(shell objdump -p "$$($(CC) -print-file-name=$(1))" 2>/dev/null | sed -n 's/^ *SONAME *//p')
XLSXWRITER = $(call soname,libxlsxwriter.so)
MINIZIP    = $(call soname,libminizip.so)
EXPAT      = $(call soname,libexpat.so)
LDFLAGS   ?=

# One static library per layer (ARCHITECTURE.md), linked top-down so that a
# layer can only use those after it: a use upwards does not link.
LAYERS     = tui cli report store forms core text
LAYER_LIBS = $(LAYERS:%=$(BUILD)/lib/libgradus-%.a)
LIB_OBJ    = $(foreach l,$(LAYERS),$(patsubst %.c,$(BUILD)/obj/%.o,$(sort $(wildcard src/$(l)/*.c))))
# Tests may use a layer's private headers, named with their layer
# ("store/store_private.h"); the program's sources may not.
TEST_CFLAGS = $(ALL_CFLAGS) -Isrc
UNIT_SRC   = $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN   = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
MO         = $(BUILD)/locale/zh_CN/LC_MESSAGES/gradus.mo

# Debian packages the build needs, and those only the tests need (the
# reports are printed to PDF in headless Chromium); `deps` installs what is
# missing of the first, `test-deps` of both.
DEB_PKGS   = gcc make pkg-config libncurses-dev libsqlite3-dev libinih-dev \
             libcmocka-dev nettle-dev libxlsxwriter-dev libminizip-dev libexpat1-dev gettext locales
TEST_PKGS  = sqlite3 tmux python3 time chromium poppler-utils fonts-wqy-zenhei faketime \
             clang libclang-rt-14-dev
LOCALES    = zh_CN.UTF-8 zh_CN.GB18030

.PHONY: FORCE all deps test-deps run check test asan asan-security fuzz fuzz-targets install uninstall clean bench
all: $(BUILD)/gradus $(MO)

# The install paths are compiled in: rebuild when PREFIX changes.
$(BUILD)/prefix: FORCE
	@mkdir -p $(BUILD)
	@echo '$(PREFIX)' | cmp -s - $@ || echo '$(PREFIX)' >$@

$(BUILD)/obj/src/report/xlsx_library.o: ALL_CFLAGS += -DGRADUS_XLSXWRITER='"$(or $(XLSXWRITER),libxlsxwriter.so)"'
$(BUILD)/obj/src/text/sheet_library.o: ALL_CFLAGS += -DGRADUS_MINIZIP='"$(or $(MINIZIP),libminizip.so.1)"' \
	-DGRADUS_EXPAT='"$(or $(EXPAT),libexpat.so.1)"'

$(BUILD)/obj/%.o: %.c $(BUILD)/prefix
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

define layer_lib
$(BUILD)/lib/libgradus-$(1).a: $(patsubst %.c,$(BUILD)/obj/%.o,$(sort $(wildcard src/$(1)/*.c)))
	@mkdir -p $$(dir $$@)
	@rm -f $$@
	ar rcs $$@ $$^
endef
$(foreach l,$(LAYERS),$(eval $(call layer_lib,$(l))))

$(BUILD)/gradus: $(BUILD)/obj/src/main.o $(LAYER_LIBS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(BUILD)/obj/src/main.o $(LAYER_LIBS) $(LIBS)

# Every unit test is linked with the tests' kit (tests/unit/testkit.h).
TESTKIT    = $(BUILD)/tests/testkit.o
$(TESTKIT): tests/unit/testkit.c tests/unit/testkit.h
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -c $< -o $@

$(BUILD)/tests/test_%: tests/unit/test_%.c tests/unit/testkit.h $(TESTKIT) $(LAYER_LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) $(LDFLAGS) -o $@ $< $(TESTKIT) $(LAYER_LIBS) $(LIBS) $(XLSX_LIBS) -lcmocka

# libFuzzer targets (tests/fuzz/fuzz_NAME.c) link against a library built
# by clang with the same sanitizers, in its own directory.
FUZZ_BUILD   = build/fuzz
FUZZ_NAMES   = $(sort $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_SECONDS ?= 60
FUZZ_SANITIZE = -fsanitize=address,undefined -fno-sanitize-recover=undefined

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(LAYER_LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(LAYER_LIBS) $(LIBS)

# The security tests' forging tool: hashes a bundle exactly as gradus does.
$(BUILD)/tests/forge: tests/security/forge.c $(LAYER_LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) $(LDFLAGS) -o $@ $< $(LAYER_LIBS) $(LIBS)

$(BUILD)/bench/generate: tests/bench/generate.c $(TESTKIT) $(LAYER_LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(TEST_CFLAGS) $(LDFLAGS) -o $@ $< $(TESTKIT) $(LAYER_LIBS) $(LIBS) -lcmocka

$(MO): locale/zh_CN.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

test-deps:
	@$(MAKE) --no-print-directory deps DEB_PKGS="$(DEB_PKGS) $(TEST_PKGS)"

deps:
	@missing=""; for p in $(DEB_PKGS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 1; \
	fi; \
	for l in $(LOCALES); do \
	  n=$$(echo $$l | tr 'A-Z' 'a-z' | tr -d -- '-'); \
	  locale -a 2>/dev/null | tr 'A-Z' 'a-z' | tr -d -- '-' | grep -qx "$$n" && continue; \
	  echo "generating locale $$l"; \
	  c=$${l#*.}; grep -qx "$$l $$c" /etc/locale.gen 2>/dev/null || echo "$$l $$c" | $$sudo tee -a /etc/locale.gen >/dev/null; \
	  $$sudo locale-gen >/dev/null || exit 1; \
	done

run: deps all
	./$(BUILD)/gradus --demo-if-new

check: test-deps all $(UNIT_BIN) $(BUILD)/tests/forge fuzz-targets
	@BUILD=$(BUILD) FUZZ_BUILD=$(FUZZ_BUILD) sh tests/run.sh
	@$(MAKE) --no-print-directory asan-security

# The attacks of tests/security/ once more against a build with
# AddressSanitizer and UBSan (part of make check). They run without address
# randomisation where the machine allows it: GCC 12's libasan can fail to
# place its shadow memory on kernels that randomise mmap with more bits.
# (The command of authority.sh that failed in CI once was not that, but
# libfaketime's leftovers of a killed process: see tests/gradus-at.)
asan-security: test-deps
	@$(MAKE) -s --no-print-directory BUILD=build/asan CFLAGS='-O1 -g -fno-omit-frame-pointer' \
	  SANITIZE='-fsanitize=address,undefined -fno-sanitize-recover=undefined' all build/asan/tests/forge
	@echo "security suite under AddressSanitizer:"
	@norandom=; if setarch "$$(uname -m)" -R true 2>/dev/null; then norandom="setarch $$(uname -m) -R"; fi; \
	  BUILD=build/asan SHELL_TESTS="$$(echo tests/security/*.sh)" $$norandom sh tests/run.sh

test: all $(UNIT_BIN) $(BUILD)/tests/forge fuzz-targets
	@BUILD=$(BUILD) sh tests/run.sh

# One table: gradus beside the sqlite3 shell and the goals of issue 18 at
# 10,000 and 100,000 cases (the databases are generated once into
# $(BUILD)/bench/ and kept; tests/bench/import.py is run by hand).
bench: test-deps all $(BUILD)/bench/generate
	BUILD=$(BUILD) python3 tests/bench/bench.py

asan: test-deps
	$(MAKE) BUILD=build/asan CFLAGS='-O1 -g -fno-omit-frame-pointer' \
	  SANITIZE='-fsanitize=address,undefined -fno-sanitize-recover=undefined' test

fuzz-targets:
	@$(MAKE) -s --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang CFLAGS='-O1 -g -fno-omit-frame-pointer' \
	  SANITIZE='-fsanitize=fuzzer-no-link $(FUZZ_SANITIZE)' $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz/fuzz_%)

# Each fuzz target for FUZZ_SECONDS on its corpus (new inputs are kept in
# $(FUZZ_BUILD)/corpus/NAME, crashes in $(FUZZ_BUILD)/crashes/).
fuzz: test-deps fuzz-targets
	@FUZZ_BUILD=$(FUZZ_BUILD) FUZZ_OUT=$(FUZZ_BUILD) sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ)

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/gradus $(DESTDIR)$(MANDIR)/man1 \
	  $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES
	install -m 755 $(BUILD)/gradus $(DESTDIR)$(BINDIR)/gradus
	cp -R forms $(DESTDIR)$(DATADIR)/gradus/
	install -m 644 man/gradus.1 $(DESTDIR)$(MANDIR)/man1/gradus.1
	install -m 644 man/gradus-forms.5 $(DESTDIR)$(MANDIR)/man5/gradus-forms.5
	install -m 644 $(MO) $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES/gradus.mo

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/gradus $(DESTDIR)$(MANDIR)/man1/gradus.1 \
	  $(DESTDIR)$(MANDIR)/man5/gradus-forms.5 $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES/gradus.mo
	rm -rf $(DESTDIR)$(DATADIR)/gradus

clean:
	rm -rf $(BUILD)

-include $(LIB_OBJ:.o=.d) $(BUILD)/obj/src/main.d
