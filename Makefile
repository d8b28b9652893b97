# handbook: Markdown career framework -> print-quality PDF handbook.
#   make          install missing Debian packages, build, write build/handbook.pdf
#   make check    build and run every test (last line: N passed, N failed)
#   make asan     the tests under AddressSanitizer and UBSan
#   make install  PREFIX=/usr/local: the program, its fonts, man page and completions
#   make deb      build/handbook_VERSION_ARCH.deb from a staged install

PREFIX ?= /usr/local
CC ?= cc
BUILD ?= build

# Debian packages: PKGS what building needs (the fonts are bundled), TEST_PKGS
# what the tests add.  pkg/deps.sh installs or names them, and off Debian
# checks PCMODS and the headers instead.
PKGS := gcc make pkg-config libhpdf-dev libcmark-gfm-dev libcmark-gfm-extensions-dev \
	libharfbuzz-dev libyaml-dev libhyphen-dev hyphen-en-us libpng-dev libjpeg62-turbo-dev zlib1g-dev \
	libdeflate-dev libgit2-dev libxml2-dev libfontconfig-dev libicu-dev
TEST_PKGS := qpdf poppler-utils python3 strace clang libclang-rt-dev valgrind mandoc zsh \
	hyphen-ru hyphen-de hyphen-el fonts-droid-fallback fonts-nanum fonts-dejavu-core fonts-symbola

# libraries found with pkg-config; libharu and libhyphen ship no .pc file
PCMODS := libcmark-gfm harfbuzz harfbuzz-subset libpng libjpeg yaml-0.1 libdeflate zlib libxml-2.0 fontconfig icu-uc
# libgit2 is not linked: stamp.c and history.c open it with dlopen, by this soname
GIT2_SONAME := $(shell objdump -p $$(pkg-config --variable=libdir libgit2 2>/dev/null)/libgit2.so 2>/dev/null | \
	sed -n 's/.*SONAME *//p')
# nor is libxml2 (html.c opens it when a file holds raw HTML), nor ICU
# (icu.c and index.c open it for text that needs it), nor fontconfig (font.c)
XML2_SONAME := $(shell objdump -p $$(pkg-config --variable=libdir libxml-2.0 2>/dev/null)/libxml2.so 2>/dev/null | \
	sed -n 's/.*SONAME *//p')
CFLAGS ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -Wall -Wextra -MMD -MP $(CFLAGS) \
	$(shell pkg-config --cflags $(PCMODS) libgit2 2>/dev/null) \
	$(if $(GIT2_SONAME),-DSTAMP_LIBGIT2='"$(GIT2_SONAME)"') \
	$(if $(XML2_SONAME),-DHTML_LIBXML2='"$(XML2_SONAME)"')
LIBS = -lhpdf -lhyphen -lcmark-gfm-extensions \
	$(shell pkg-config --libs $(filter-out libxml-2.0 icu-uc fontconfig,$(PCMODS)) 2>/dev/null) -lm -lpthread -ldl

# the pipeline, in order
SRC := util.c diagnostics.c dlib.c icu.c single.c frontmatter.c yamltree.c config.c configprint.c content.c listing.c md.c html.c split.c matrix.c level.c model.c style.c font.c lang.c messages.c hyph.c hyphdict.c image.c flate.c \
	parallel.c linebreak.c paragraph.c wordbreak.c lineset.c bidi.c table.c build.c buildinline.c buildbox.c dlist.c paginate.c frontpages.c sections.c framework.c infer.c explain.c diagram.c diagtext.c \
	index.c objstm.c tagtree.c pdfobj.c srgb.c pdflink.c pdfmeta.c pdf.c output.c gitchild.c stamp.c history.c since.c blockdiff.c made.c compare.c worksheet.c words.c dump.c book.c version.c watch.c
# pageref: the page-number loop; book.c split by job
SRC += settle.c bookfront.c bookout.c bookroles.c bookcheck.c indexsort.c indexpages.c titlewords.c buildhead.c wikilink.c topics.c sitenav.c
LIB_OBJ := $(SRC:%.c=$(BUILD)/obj/%.o)
UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_OBJ := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/obj/unit/%.o)

all: $(BUILD)/handbook.pdf

$(BUILD)/.deps-ok: Makefile pkg/deps.sh
	@mkdir -p $(BUILD)
	@PCMODS="$(PCMODS)" CC="$(CC)" sh pkg/deps.sh build $(PKGS)
	@touch $@

$(BUILD)/.test-deps-ok: Makefile pkg/deps.sh
	@mkdir -p $(BUILD)
	@sh pkg/deps.sh test $(TEST_PKGS)
	@touch $@

# --version names libhyphen's version, which the library cannot tell
$(BUILD)/obj/version.o: ALL_CFLAGS += -DHANDBOOK_HYPHEN_VERSION='"$(shell dpkg-query -W -f='$${Version}' libhyphen0 2>/dev/null || echo unknown)"'

$(BUILD)/obj/%.o: src/%.c | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/obj/unit/%.o: tests/unit/%.c | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Isrc -c $< -o $@

# main.c and cli.c, the only code that prints, are the program's alone
$(BUILD)/handbook: $(LIB_OBJ) $(BUILD)/obj/main.o $(BUILD)/obj/cli.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/unit-tests: $(LIB_OBJ) $(UNIT_OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

# the source side of the text-preservation oracle (tests/e2e/textloss.sh)
$(BUILD)/obj/tools/%.o: tests/tools/%.c | $(BUILD)/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Isrc -c $< -o $@

$(BUILD)/mdwords: $(LIB_OBJ) $(BUILD)/obj/tools/mdwords.o
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/handbook.pdf: $(BUILD)/handbook $(wildcard content/*) $(wildcard fonts/*)
	$(BUILD)/handbook -o $@ content

# rewrites the expected dumps of tests/golden/ (read `git diff tests/golden` before committing)
golden: $(BUILD)/handbook
	HANDBOOK=$(BUILD)/handbook bash tests/golden/update.sh

# speed and memory figures (not part of check: timing belongs to benchmarks)
bench: $(BUILD)/handbook
	tests/bench/run
	tests/bench/watch

# make check: the unit tests and every tests/e2e/*.sh at once (each one
# mostly waits on the programs it runs), each under tests/suite.sh's time
# limit; the outputs are printed afterwards in this order, then the total.
# The sub-make gets its own -j, not the caller's job slots (MAKEFLAGS=).
SUITES := unit $(patsubst tests/e2e/%.sh,e2e-%,$(sort $(wildcard tests/e2e/*.sh)))
CHECK_JOBS ?= $(words $(SUITES))

check: $(BUILD)/handbook $(BUILD)/unit-tests $(BUILD)/mdwords $(BUILD)/.test-deps-ok
	@rm -rf $(BUILD)/results
	@mkdir -p $(BUILD)/results
	@MAKEFLAGS= $(MAKE) -s --no-print-directory -j$(CHECK_JOBS) BUILD=$(BUILD) $(SUITES:%=$(BUILD)/results/%.txt)
	@for s in $(SUITES); do cat $(BUILD)/results/$$s.txt; done
	@echo "suite times: $$(cat $(SUITES:%=$(BUILD)/results/%.time) | tr '\n' ' ')"
	@bash tests/summary.sh $(BUILD)/results

$(BUILD)/results/unit.txt:
	@bash tests/suite.sh unit $@ $(BUILD)/unit-tests
$(BUILD)/results/e2e-%.txt:
	@HANDBOOK=$(BUILD)/handbook bash tests/suite.sh $* $@ bash tests/e2e/$*.sh

# intercept_tls_get_addr=0: clang 14's __tls_get_addr interceptor takes a
# dynamic TLS block at offset 16 of a 4 KiB page for a glibc 2.19 one and
# records a garbage range, on which LeakSanitizer's tracer dies at exit
# ("Tracer caught signal 11"), by the chance of where malloc put the block
# (google/sanitizers#1322; tests/fixtures/lang-ru from a long path did it)
asan:
	HANDBOOK_SLOW=4 ASAN_OPTIONS=fast_unwind_on_malloc=0:intercept_tls_get_addr=0 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	$(MAKE) BUILD=build/asan CC=clang \
		CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined" \
		LDFLAGS="-fsanitize=address,undefined" check

# memcheck: zero errors and zero definite or indirect leaks, or the target fails
VALGRIND = valgrind -q --error-exitcode=9 --leak-check=full --errors-for-leak-kinds=definite,indirect \
	--suppressions=tests/valgrind.supp
valgrind: $(BUILD)/handbook $(BUILD)/unit-tests
	$(VALGRIND) $(BUILD)/unit-tests
	$(VALGRIND) $(BUILD)/handbook -q --date 2026-01-15 -o $(BUILD)/vg.pdf content
	$(VALGRIND) $(BUILD)/handbook -q --date 2026-01-15 -o $(BUILD)/vg6.pdf tests/fixtures/six-levels
	for f in tests/fuzz/regress/*.md; do rm -rf $(BUILD)/vgfz && mkdir -p $(BUILD)/vgfz && \
		printf '# Fuzz\n\n- [L1: Fuzz](./L1-Fuzz.md)\n' >$(BUILD)/vgfz/README.md && \
		cp $$f $(BUILD)/vgfz/L1-Fuzz.md && \
		$(VALGRIND) $(BUILD)/handbook -q -o $(BUILD)/vgfz.pdf $(BUILD)/vgfz 2>/dev/null || exit 1; done
	@echo "valgrind: no errors, no leaks"

# libFuzzer over the whole pipeline; FUZZ_SECONDS bounds the run
FUZZ_SECONDS ?= 60
fuzz:
	@mkdir -p build/fuzz/obj build/fuzz/corpus
	for f in $(SRC); do clang -std=c11 -D_GNU_SOURCE -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
		$(shell pkg-config --cflags $(PCMODS)) -c src/$$f -o build/fuzz/obj/$${f%.c}.o || exit 1; done
	clang -std=c11 -D_GNU_SOURCE -O1 -g -fsanitize=fuzzer,address,undefined -Isrc \
		tests/fuzz/fuzz_book.c build/fuzz/obj/*.o -o build/fuzz/fuzz_book $(LIBS)
	ASAN_OPTIONS=fast_unwind_on_malloc=0 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp build/fuzz/fuzz_book -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=20 \
		-rss_limit_mb=2048 build/fuzz/corpus tests/fuzz/corpus

install: $(BUILD)/handbook
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/handbook/fonts \
		$(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions
	install -m 755 $(BUILD)/handbook $(DESTDIR)$(PREFIX)/bin/handbook
	install -m 644 fonts/*.ttf fonts/OFL.txt $(DESTDIR)$(PREFIX)/share/handbook/fonts/
	install -d $(DESTDIR)$(PREFIX)/share/handbook/themes
	install -m 644 themes/*.yml $(DESTDIR)$(PREFIX)/share/handbook/themes/
	install -m 644 pkg/handbook.1 $(DESTDIR)$(PREFIX)/share/man/man1/handbook.1
	install -m 644 pkg/handbook.bash $(DESTDIR)$(PREFIX)/share/bash-completion/completions/handbook
	install -m 644 pkg/_handbook $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_handbook

# a Debian package of `make install PREFIX=/usr`; CI unpacks it with dpkg -x and runs it
deb: $(BUILD)/handbook
	rm -rf $(BUILD)/deb
	$(MAKE) --no-print-directory install DESTDIR=$(CURDIR)/$(BUILD)/deb PREFIX=/usr
	sh pkg/mkdeb.sh $(BUILD)/deb $(BUILD)

clean:
	rm -rf build

.PHONY: all check asan valgrind fuzz bench install deb clean golden

-include $(LIB_OBJ:.o=.d) $(UNIT_OBJ:.o=.d) $(BUILD)/obj/main.d $(BUILD)/obj/cli.d $(BUILD)/obj/tools/mdwords.d
