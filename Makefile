# casepath: a plain Makefile (STYLE.md item 14).
#
#   make run     install what is missing, build, open the TUI on ./demo.db
#   make check   install what is missing, build, run the whole test suite
#   make bench   performance figures (never part of check)
#   make fuzz    each libFuzzer target for FUZZ_SECONDS (needs clang,
#                installed on demand; never part of check)

PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANPREFIX ?= $(PREFIX)/share/man
DATADIR   ?= $(PREFIX)/share/casepath
LOCALEDIR ?= $(PREFIX)/share/locale
DESTDIR   ?=

VERSION   := 0.1.0
BUILD     := build
PROG      := $(BUILD)/casepath

# Debian packages the build, the tests and the demo need.
DEB_PACKAGES := gcc make pkg-config libncurses-dev libsqlite3-dev libsodium-dev libssl-dev \
                check iso-codes groff tmux sqlite3 libxml2-utils gettext

PKGS      := ncursesw sqlite3 libsodium libcrypto
CC        ?= cc
WARN      := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
             -Wmissing-prototypes -Wformat=2 -Wwrite-strings -Wundef \
             -Wconversion -Wno-sign-conversion
STD       := -std=c11 -U_XOPEN_SOURCE -D_XOPEN_SOURCE=700 -D_POSIX_C_SOURCE=200809L -D_XOPEN_SOURCE_EXTENDED \
             -D_DEFAULT_SOURCE
DEFS      := -DCASEPATH_VERSION='"$(VERSION)"' -DCASEPATH_DATADIR='"$(DATADIR)"' \
             -DCASEPATH_LOCALEDIR='"$(LOCALEDIR)"'
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS))
CHECK_CFLAGS = $(shell pkg-config --cflags check)
CHECK_LIBS   = $(shell pkg-config --libs check)
CPPFLAGS  += -Iinclude -I$(BUILD)
CFLAGS    ?= -O2 -g
ALL_CFLAGS = $(PKG_CFLAGS) $(STD) $(WARN) $(DEFS) $(CFLAGS) -MMD -MP
SAN       := -fsanitize=address,undefined -fno-sanitize-recover=all \
             -fno-omit-frame-pointer

# Translations: assets/locale/LL.po, compiled into the build tree's
# locale directory (which make run and the tests use through
# CASEPATH_LOCALEDIR) and installed under LOCALEDIR.
LINGUAS   := $(patsubst assets/locale/%.po,%,$(wildcard assets/locale/*.po))
MOS       := $(LINGUAS:%=$(BUILD)/locale/%/LC_MESSAGES/casepath.mo)
export CASEPATH_LOCALEDIR := $(CURDIR)/$(BUILD)/locale

SRCS      := $(wildcard src/*.c)
LIB_SRCS  := $(filter-out src/main.c,$(SRCS))
OBJS      := $(SRCS:src/%.c=$(BUILD)/obj/%.o)
SAN_OBJS  := $(SRCS:src/%.c=$(BUILD)/san/%.o)
SAN_LIB_OBJS := $(LIB_SRCS:src/%.c=$(BUILD)/san/%.o)
TEST_SRCS := $(wildcard tests/test_*.c)
TEST_OBJS := $(TEST_SRCS:tests/%.c=$(BUILD)/san/tests/%.o) $(BUILD)/san/tests/check_main.o \
             $(BUILD)/san/tests/fixture.o
TEST_PROG := $(BUILD)/casepath-tests
LIB_OBJS  := $(LIB_SRCS:src/%.c=$(BUILD)/obj/%.o)
PLAN_PROG := $(BUILD)/casepath-plan
SAN_PROG  := $(BUILD)/san/casepath

# libFuzzer targets (tests/fuzz/fuzz_NAME.c, corpus tests/fuzz/corpus/NAME/):
# `make fuzz` runs them under clang; `make check` replays their corpus
# with gcc's sanitizers through tests/fuzz/replay.c, so it needs no clang.
FUZZ_TARGETS := csv date duration rules filter
FUZZ_SECONDS ?= 60
FUZZ_DEB_PACKAGES := clang libclang-rt-14-dev
FUZZ_CC   := clang
FUZZ_SAN  := -fsanitize=address,undefined -fno-sanitize-recover=all \
             -fno-omit-frame-pointer
FUZZ_LIB_OBJS := $(LIB_SRCS:src/%.c=$(BUILD)/fuzz/obj/%.o)
FUZZ_PROGS := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)
REPLAY_PROGS := $(FUZZ_TARGETS:%=$(BUILD)/san/fuzz/replay_%)
# the hostile-string corpus's generator (tests/hostile/gen.c); defined
# before build-check names it, or the prerequisite expands to nothing
HOSTILE_GEN := $(BUILD)/san/hostile_gen

.PHONY: all run check bench deps build-run build-check check-unit check-suites asan install uninstall \
        clean man-lint update-golden valgrind fuzz build-fuzz fuzz-replay pot mo i18n-check

all: $(PROG) $(MOS)

# --- the newcomer's two commands -------------------------------------------
run: deps
	@$(MAKE) --no-print-directory build-run

check: deps
	@$(MAKE) --no-print-directory build-check

build-run: $(PROG) $(MOS)
	@if [ ! -e demo.db ]; then \
		echo "creating the fictional demo database ./demo.db"; \
		$(PROG) demo --db demo.db --persons 2000 --seed 1 || exit 1; \
	fi
	$(PROG) --db demo.db

# The tests compare English text: a caller's LANGUAGE must not leak in.
NO_LANG   := env -u LANGUAGE -u LC_MESSAGES -u LC_ALL

# Two jobs on two cores: the unit tests beside every other suite. The
# unit tests' output is held in a file and shown whole when they end,
# so the two never interleave.
build-check: $(PROG) $(TEST_PROG) $(SAN_PROG) $(PLAN_PROG) $(REPLAY_PROGS) $(HOSTILE_GEN) $(MOS) man-lint
	@echo "== unit tests start (libcheck, ASan+UBSan; their report comes when they end)"
	@$(MAKE) --no-print-directory -j2 check-unit check-suites

check-unit: $(TEST_PROG)
	@$(NO_LANG) CK_DEFAULT_TIMEOUT=60 TZ=UTC LANG=C.UTF-8 $(TEST_PROG) > $(BUILD)/unit.log 2>&1; \
		rc=$$?; echo "== unit tests (libcheck, ASan+UBSan)"; cat $(BUILD)/unit.log; exit $$rc

check-suites: $(PROG) $(SAN_PROG) $(PLAN_PROG) $(REPLAY_PROGS) $(HOSTILE_GEN) $(MOS)
	@echo "== fuzz corpus replay (ASan+UBSan, no clang)"
	@$(MAKE) --no-print-directory fuzz-replay
	@echo "== query plans at 200,000 persons (no scan, no sort)"
	@$(NO_LANG) TZ=UTC LANG=C.UTF-8 sh tests/plan_test.sh $(PROG) $(PLAN_PROG)
	@echo "== batch-command tests"
	@$(NO_LANG) TZ=UTC LANG=C.UTF-8 sh tests/cli_test.sh $(SAN_PROG)
	@$(NO_LANG) TZ=UTC LANG=C.UTF-8 sh tests/report_test.sh $(SAN_PROG)
	@echo "== screen tests (script mode)"
	@$(NO_LANG) sh tests/ui_test.sh $(SAN_PROG)
	@echo "== hostile strings: import, export and back, every screen, tmux"
	@$(NO_LANG) sh tests/hostile_test.sh $(SAN_PROG) $(HOSTILE_GEN) $(PROG)
	@echo "== backup tests (encrypted backup, checked restore)"
	@$(NO_LANG) sh tests/backup_test.sh $(SAN_PROG)
	@echo "== trust tests (disk full, two writers; SIGKILL with the fast binary)"
	@$(NO_LANG) sh tests/trust_test.sh $(SAN_PROG) $(PROG)
	@echo "== translations (template, unmarked strings, catalogues)"
	@$(NO_LANG) I18N_STRICT=1 sh tests/i18n_check.sh
	@echo "== terminal test (tmux)"
	@$(NO_LANG) sh tests/tui_tmux.sh $(PROG)

# The batch tests and every scripted screen session under valgrind: zero
# errors and zero definite leaks, or it fails (not part of check: slow).
valgrind: $(PROG)
	@printf '#!/bin/sh\nexec valgrind -q --leak-check=full --errors-for-leak-kinds=definite --error-exitcode=9 %s "$$@"\n' "$(CURDIR)/$(PROG)" > $(BUILD)/valgrind-casepath
	@chmod +x $(BUILD)/valgrind-casepath
	@TZ=UTC LANG=C.UTF-8 sh tests/cli_test.sh $(BUILD)/valgrind-casepath
	@sh tests/ui_test.sh $(BUILD)/valgrind-casepath

# Re-blesses the screen tests' goldens after a deliberate change: review
# `git diff tests/ui/golden` before committing.
update-golden: $(SAN_PROG)
	@UPDATE_GOLDEN=1 sh tests/ui_test.sh $(SAN_PROG)

# Installs the Debian packages that are missing: as root directly, else
# through sudo when it works without a password prompt.
deps:
	@missing=""; \
	if ! command -v dpkg-query >/dev/null 2>&1; then \
		echo "deps: not a Debian system; make sure these are installed: $(DEB_PACKAGES)"; \
		exit 0; \
	fi; \
	for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' \
			|| missing="$$missing $$p"; \
	done; \
	[ -z "$$missing" ] && exit 0; \
	echo "deps: installing$$missing"; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; \
	else \
		echo "deps: missing$$missing, and I cannot install them (not root, no password-less sudo)."; \
		echo "deps: run: sudo apt-get install$$missing"; \
		exit 1; \
	fi; \
	export DEBIAN_FRONTEND=noninteractive; \
	$$SUDO apt-get install -y -q --no-install-recommends $$missing >/dev/null 2>&1 || \
	{ $$SUDO apt-get update -q >/dev/null 2>&1 && \
	  $$SUDO apt-get install -y -q --no-install-recommends $$missing; } || \
	{ echo "deps: apt-get could not install$$missing"; exit 1; }

# --- building ----------------------------------------------------------------
# Quiet by default; make V=1 shows the commands.
Q = $(if $(V),,@)

$(PROG): $(OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $(OBJS) $(PKG_LIBS) -lm

$(BUILD)/obj/%.o: src/%.c | $(BUILD)/obj
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(SAN_PROG): $(SAN_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(SAN) -o $@ $(SAN_OBJS) $(PKG_LIBS) -lm

$(BUILD)/san/%.o: src/%.c | $(BUILD)/san
	@echo "  CC/SAN  $<"
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -O1 $(SAN) -c -o $@ $<

# The test runner collects every "Suite *suite_NAME(void)" in tests/.
$(BUILD)/suites.h: $(TEST_SRCS) | $(BUILD)
	@names=$$(grep -ho '^suite_[a-z0-9_]*' $(TEST_SRCS) | sort -u); \
	{ for n in $$names; do echo "Suite *$$n(void);"; done; \
	  printf '#define SUITES(X)'; for n in $$names; do printf ' X(%s)' $$n; done; echo; } > $@.tmp
	@mv $@.tmp $@

$(BUILD)/san/tests/%.o: tests/%.c $(BUILD)/suites.h | $(BUILD)/san/tests
	@echo "  CC/SAN  $<"
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Wno-missing-prototypes $(CHECK_CFLAGS) -O1 $(SAN) \
		-DTESTS_DIR='"$(CURDIR)/tests"' -c -o $@ $<

$(TEST_PROG): $(TEST_OBJS) $(SAN_LIB_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(SAN) -o $@ $(TEST_OBJS) $(SAN_LIB_OBJS) $(CHECK_LIBS) $(PKG_LIBS) -lm

# The query-plan check: the fast objects, run against a big database.
$(BUILD)/obj/tests/plan_check.o: tests/plan_check.c | $(BUILD)/obj/tests
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(PLAN_PROG): $(BUILD)/obj/tests/plan_check.o $(LIB_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(CFLAGS) -o $@ $(BUILD)/obj/tests/plan_check.o $(LIB_OBJS) $(PKG_LIBS) -lm

$(BUILD) $(BUILD)/obj $(BUILD)/obj/tests $(BUILD)/san $(BUILD)/san/tests $(BUILD)/san/fuzz $(BUILD)/fuzz/obj $(BUILD)/san/hostile:
	@mkdir -p $@

asan: $(TEST_PROG) $(SAN_PROG)

man-lint:
	@for m in man/*.[0-9]; do \
		out=$$(groff -mdoc -ww -z $$m 2>&1); \
		if [ -n "$$out" ]; then echo "$$m:"; echo "$$out"; exit 1; fi; \
	done; echo "== man pages lint clean"

# Figures at the realistic scale (BENCH_PERSONS=1000000 for the stress
# scale); databases are cached under build/bench/.
BENCH_PERSONS ?= 100000
bench: deps
	@$(MAKE) --no-print-directory $(PROG)
	@sh tests/bench.sh $(PROG) $(BENCH_PERSONS)

# Each libFuzzer target for FUZZ_SECONDS, on a working corpus under
# build/fuzz/corpus/NAME/ that starts from tests/fuzz/corpus/NAME/ and
# grows across runs. Afterwards the working inputs needed to reach every
# code edge reached (a greedy set cover, counters ignored: tens of
# files, not thousands) are merged into tests/fuzz/corpus/NAME/ for
# review and commit. A crash leaves its input as build/fuzz/crash-NAME-*:
# fix it, then keep the input in the corpus as crash-NAME-WHAT.
fuzz:
	@$(MAKE) --no-print-directory deps DEB_PACKAGES="$(FUZZ_DEB_PACKAGES)"
	@$(MAKE) --no-print-directory build-fuzz

build-fuzz: $(FUZZ_PROGS)
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p $(BUILD)/fuzz/corpus/$$t tests/fuzz/corpus/$$t; \
		log=$(BUILD)/fuzz/$$t.log; \
		echo "== fuzz $$t for $(FUZZ_SECONDS) s"; \
		LANG=C.UTF-8 TZ=UTC $(BUILD)/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
			-max_len=4096 -print_final_stats=1 \
			-artifact_prefix=$(BUILD)/fuzz/crash-$$t- \
			$(BUILD)/fuzz/corpus/$$t tests/fuzz/corpus/$$t > $$log 2>&1; \
		rc=$$?; \
		runs=$$(sed -n 's/^stat::number_of_executed_units: *//p' $$log | tail -1); \
		crashes=$$(ls $(BUILD)/fuzz/crash-$$t-* 2>/dev/null | wc -l); \
		echo "   $$t: $${runs:-?} executions, $$crashes crash files, exit $$rc (log $$log)"; \
		$(BUILD)/fuzz/fuzz_$$t -set_cover_merge=1 -use_counters=0 \
			tests/fuzz/corpus/$$t $(BUILD)/fuzz/corpus/$$t >> $$log 2>&1 || true; \
		echo "   $$t: $$(ls tests/fuzz/corpus/$$t | wc -l) corpus files kept"; \
	done

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(BUILD)/fuzz/libcasepath.a
	@echo "  FUZZ    $@"
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(PKG_CFLAGS) $(STD) $(DEFS) -g -O1 $(FUZZ_SAN) \
		-fsanitize=fuzzer -o $@ $< $(BUILD)/fuzz/libcasepath.a $(PKG_LIBS) -lm

$(BUILD)/fuzz/libcasepath.a: $(FUZZ_LIB_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $(FUZZ_LIB_OBJS)

$(BUILD)/fuzz/obj/%.o: src/%.c | $(BUILD)/fuzz/obj
	@echo "  CC/FUZZ $<"
	$(Q)$(FUZZ_CC) $(CPPFLAGS) $(PKG_CFLAGS) $(STD) $(DEFS) -g -O1 $(FUZZ_SAN) \
		-fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

.SECONDARY: $(FUZZ_TARGETS:%=$(BUILD)/san/fuzz/fuzz_%.o) $(BUILD)/san/fuzz/replay.o

# The hostile-string corpus's generator and export checker (issue 6).
$(HOSTILE_GEN): $(BUILD)/san/hostile/gen.o $(SAN_LIB_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(SAN) -o $@ $< $(SAN_LIB_OBJS) $(PKG_LIBS) -lm

$(BUILD)/san/hostile/%.o: tests/hostile/%.c | $(BUILD)/san/hostile
	@echo "  CC/SAN  $<"
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Wno-missing-prototypes -O1 $(SAN) -c -o $@ $<

# make check: every saved corpus file through its target, gcc ASan+UBSan.
fuzz-replay: $(REPLAY_PROGS)
	@for t in $(FUZZ_TARGETS); do \
		LANG=C.UTF-8 TZ=UTC $(BUILD)/san/fuzz/replay_$$t tests/fuzz/corpus/$$t || exit 1; \
	done

$(BUILD)/san/fuzz/replay_%: $(BUILD)/san/fuzz/fuzz_%.o $(BUILD)/san/fuzz/replay.o $(SAN_LIB_OBJS)
	@echo "  LD      $@"
	$(Q)$(CC) $(SAN) -o $@ $< $(BUILD)/san/fuzz/replay.o $(SAN_LIB_OBJS) $(PKG_LIBS) -lm

$(BUILD)/san/fuzz/%.o: tests/fuzz/%.c tests/fuzz/fuzz.h | $(BUILD)/san/fuzz
	@echo "  CC/SAN  $<"
	$(Q)$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Wno-missing-prototypes -O1 $(SAN) -c -o $@ $<

# --- translations ------------------------------------------------------------
# make pot: regenerates the template from the sources and the rule files'
# explanations, then merges it into every .po (translators' work kept).
mo: $(MOS)

$(BUILD)/locale/%/LC_MESSAGES/casepath.mo: assets/locale/%.po
	@mkdir -p $(@D)
	@echo "  MSGFMT  $<"
	$(Q)msgfmt --check -o $@ $<

pot:
	@sh tests/i18n_check.sh --pot assets/locale/casepath.pot
	@for l in $(LINGUAS); do \
		msgmerge -q --update --backup=none assets/locale/$$l.po assets/locale/casepath.pot || exit 1; \
	done

i18n-check:
	@sh tests/i18n_check.sh

# --- installing --------------------------------------------------------------
install: $(PROG) $(MOS)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANPREFIX)/man1 \
		$(DESTDIR)$(MANPREFIX)/man5 $(DESTDIR)$(DATADIR)/rules
	install -m 755 $(PROG) $(DESTDIR)$(BINDIR)/casepath
	install -m 644 man/casepath.1 $(DESTDIR)$(MANPREFIX)/man1/casepath.1
	install -m 644 man/casepath-rules.5 $(DESTDIR)$(MANPREFIX)/man5/casepath-rules.5
	install -m 644 assets/rules/*.rules $(DESTDIR)$(DATADIR)/rules/
	@for l in $(LINGUAS); do \
		echo "install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/casepath.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/casepath.mo"; \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES || exit 1; \
		install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/casepath.mo \
			$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/casepath.mo || exit 1; \
	done

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/casepath $(DESTDIR)$(MANPREFIX)/man1/casepath.1 \
		$(DESTDIR)$(MANPREFIX)/man5/casepath-rules.5
	rm -rf $(DESTDIR)$(DATADIR)
	for l in $(LINGUAS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/casepath.mo; done

clean:
	rm -rf $(BUILD)

-include $(OBJS:.o=.d) $(SAN_OBJS:.o=.d) $(TEST_OBJS:.o=.d) $(FUZZ_LIB_OBJS:.o=.d) \
	$(BUILD)/obj/tests/plan_check.d
