# tests.mk - test targets, included by the top-level Makefile.
# Unit tests: every tests/unit/test_*.c is one CMocka program linked with the
# compiler and kernel objects ($(BUILD)/libmlcc.a).
UNIT_SRC  := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN  := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
MLCC_BIN  := $(CURDIR)/$(BUILD)/mlcc

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libmlcc.a tests/unit/testutil.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(CFLAGS) $(SAN) $(WARN) $(INC) -Itests/unit -DMLCC_SOURCE_DIR='"$(CURDIR)"' -o $@ $< $(BUILD)/libmlcc.a -lcmocka $(LIBS)

test-asan: export ASAN_OPTIONS = detect_leaks=1
.PHONY: check-cmd test-asan test-unit test-e2e test-malformed conformance conformance-check conformance-update ops-table-check cppcheck

# the warnings the emitted C must compile without (gcc and clang, every test model)
EMIT_WARN := -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror

test-unit: $(UNIT_BIN)
	@fail=0; for t in $(UNIT_BIN); do $$t || fail=1; done; exit $$fail

# every model in models/: verify, warning-free C for gcc/clang/arm, determinism, two models in one program
test-e2e: $(BUILD)/mlcc
	bash tests/e2e/run.sh $(MLCC_BIN)

test-malformed: $(BUILD)/mlcc
	bash tests/malformed/run.sh $(MLCC_BIN)

# the full report over the ONNX 1.12 backend node tests
conformance: $(BUILD)/mlcc
	bash tests/conformance/run.sh $(MLCC_BIN) $(BUILD)/conformance node

# every test on the checked-in list must still pass, its emitted C built at -O2 (type-based
# alias analysis on, the kernels inlined into each other) with EMIT_WARN
conformance-check: export MLCC_VERIFY_CFLAGS ?= -O2 $(EMIT_WARN)
conformance-check: $(BUILD)/mlcc
	bash tests/conformance/check.sh $(MLCC_BIN) $(BUILD)/conformance-check tests/conformance/passing.txt

# rewrite the checked-in list from a full run (node + other suites)
conformance-update: $(BUILD)/mlcc
	@mkdir -p $(BUILD)/conformance
	bash tests/conformance/run.sh $(MLCC_BIN) $(BUILD)/conformance node pytorch-converted pytorch-operator simple \
	  | grep '^conformance' > $(BUILD)/conformance/summary.txt; cat $(BUILD)/conformance/summary.txt
	{ echo "# ONNX backend tests mlcc passes; written by make conformance-update, checked by make test"; \
	  grep '^PASS ' $(BUILD)/conformance/results.txt | awk '{print $$2}'; } > tests/conformance/passing.txt
	bash tests/conformance/report.sh $(BUILD)/conformance > docs/CONFORMANCE.md

# `mlcc check`: exit 1 on every out-of-scope conformance model, 0 on every passing one
check-cmd: $(BUILD)/mlcc
	bash tests/conformance/check_cmd.sh $(MLCC_BIN)

ops-table-check: $(BUILD)/mlcc
	@bash docs/tools/ops_table.sh $(BUILD)/mlcc --check

# the compiler and its tests again under AddressSanitizer + UndefinedBehaviorSanitizer
ASAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
# ... and the emitted C of every model and conformance test built and run with the same
# sanitizers (the conformance tests' C by clang here, by the default cc in conformance-check)
test-asan: export MLCC_VERIFY_CFLAGS = $(ASAN_FLAGS) $(EMIT_WARN)
test-asan:
	$(MAKE) BUILD=$(BUILD)/asan OPT=-O1 SAN="$(ASAN_FLAGS)" $(BUILD)/asan/mlcc
	$(MAKE) BUILD=$(BUILD)/asan OPT=-O1 SAN="$(ASAN_FLAGS)" test-unit test-malformed test-e2e
	CC=clang $(MAKE) BUILD=$(BUILD)/asan OPT=-O1 SAN="$(ASAN_FLAGS)" conformance-check

# cppcheck over the compiler and the kernels: any finding fails; the few false
# positives are suppressed inline (// cppcheck-suppress), each with its reason beside it
CPPCHECK := cppcheck --quiet --inline-suppr --error-exitcode=1 --enable=warning,portability,performance -j $(JOBS) \
  --template='{file}:{line}: {severity}: {id}: {message}'
cppcheck: $(GEN)/onnx.pb-c.h
	$(CPPCHECK) --std=c11 -Icompiler -I$(GEN) -Iruntime-min compiler/*.c compiler/ops/*.c compiler/fuzz/*.c compiler/tools/*.c
	$(CPPCHECK) --std=c99 -Iruntime-min runtime-min/*.c
	@echo "cppcheck: 2 passed, 0 failed"
