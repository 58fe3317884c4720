# mlcc - ahead-of-time compiler from ONNX to one self-contained C file.
#   make            build/mlcc
#   make demo       install deps, build, compile the digits model, run it
#   make test       install deps, unit + end-to-end + conformance regression tests
#   make conformance  full ONNX backend node-test report
CC       ?= cc
ifeq ($(origin CC),default)
CC       := cc
endif
SAN      ?=
OPT      ?= -O2
CFLAGS   ?= $(OPT) -g
WARN     := -Wall -Wextra -Werror
BUILD    ?= build
GEN      := $(BUILD)/gen
ONNX_PROTO ?= /usr/include/onnx/onnx.proto
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)

COMPILER_SRC := $(wildcard compiler/*.c) $(wildcard compiler/ops/*.c)
RUNTIME_SRC  := $(sort $(wildcard runtime-min/*.c))
COMPILER_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(COMPILER_SRC))
RUNTIME_OBJ  := $(patsubst %.c,$(BUILD)/obj/%.o,$(RUNTIME_SRC))
GEN_OBJ      := $(BUILD)/obj/gen/onnx.pb-c.o $(BUILD)/obj/gen/kernels_gen.o
LIB_OBJ      := $(filter-out $(BUILD)/obj/compiler/main.o,$(COMPILER_OBJ)) $(RUNTIME_OBJ) $(GEN_OBJ)
LIBS         := -lprotobuf-c -lyaml -lm
INC          := -Icompiler -I$(GEN) -Iruntime-min

.PHONY: all demo test test-unit test-e2e test-malformed conformance conformance-check deps clean ops-table

all: $(BUILD)/mlcc

$(GEN)/onnx.pb-c.c $(GEN)/onnx.pb-c.h: $(ONNX_PROTO)
	@mkdir -p $(GEN)
	protoc-c --c_out=$(GEN) -I$(dir $(ONNX_PROTO)) $(ONNX_PROTO)

$(BUILD)/embed_kernels: compiler/tools/embed_kernels.c
	@mkdir -p $(BUILD)
	$(CC) -std=c11 $(WARN) -O1 -o $@ $<

$(GEN)/kernels_gen.c: $(BUILD)/embed_kernels runtime-min/mlcc_rt.h runtime-min/mlcc_shared.h $(RUNTIME_SRC)
	@mkdir -p $(GEN)
	$(BUILD)/embed_kernels $@ runtime-min/mlcc_rt.h runtime-min/mlcc_shared.h $(RUNTIME_SRC)

$(BUILD)/obj/gen/onnx.pb-c.o: $(GEN)/onnx.pb-c.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(CFLAGS) $(SAN) -w -I$(GEN) -c -o $@ $<

$(BUILD)/obj/gen/kernels_gen.o: $(GEN)/kernels_gen.c compiler/mlcc.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(CFLAGS) $(SAN) $(WARN) $(INC) -c -o $@ $<

# op tables (compiler/ops/) list the OpDef fields they use; the rest are zero
$(BUILD)/obj/compiler/%.o: compiler/%.c compiler/mlcc.h $(GEN)/onnx.pb-c.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 $(CFLAGS) $(SAN) $(WARN) -Wno-missing-field-initializers $(INC) -DMLCC_TARGET_DIR='"$(CURDIR)/targets"' -c -o $@ $<

$(BUILD)/obj/runtime-min/%.o: runtime-min/%.c runtime-min/mlcc_rt.h runtime-min/mlcc_shared.h
	@mkdir -p $(dir $@)
	$(CC) -std=c99 $(CFLAGS) $(SAN) $(WARN) -Wpedantic -Iruntime-min -c -o $@ $<

# conv_fast.c includes gemm_fast.c for the GEMM core
$(BUILD)/obj/runtime-min/conv_fast.o: runtime-min/gemm_fast.c
# conv_winograd.c too
$(BUILD)/obj/runtime-min/conv_winograd.o: runtime-min/gemm_fast.c

$(BUILD)/mlcc: $(COMPILER_OBJ) $(RUNTIME_OBJ) $(GEN_OBJ)
	$(CC) $(CFLAGS) $(SAN) -o $@ $^ $(LIBS)

$(BUILD)/libmlcc.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

deps:
	bash compiler/tools/install-deps.sh

include tests/tests.mk
include tests/bench/bench.mk

demo: deps
	$(MAKE) all
	$(MAKE) -C examples/host MLCC=$(CURDIR)/$(BUILD)/mlcc run

test: deps
	$(MAKE) all
	$(MAKE) test-unit test-e2e test-malformed conformance-check check-cmd ops-table-check cppcheck test-asan fuzz-ci

ops-table: $(BUILD)/mlcc
	bash docs/tools/ops_table.sh $(BUILD)/mlcc

clean:
	rm -rf $(BUILD)

# ---- fuzzing (libFuzzer, clang): two targets over the whole compiler ----
FUZZ_BUILD   := build/fuzz
FUZZ_SAN     := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
FUZZ_SECONDS ?= 840
FUZZ_CORPUS  := tests/fuzz/corpus

$(FUZZ_BUILD)/fuzz_model $(FUZZ_BUILD)/fuzz_mutate: compiler/fuzz/fuzz_model.c compiler/fuzz/fuzz_mutate.c FORCE
	$(MAKE) CC=clang BUILD=$(FUZZ_BUILD) OPT=-O1 SAN="$(FUZZ_SAN)" $(FUZZ_BUILD)/libmlcc.a
	clang -std=c11 -O1 -g -fsanitize=fuzzer,address,undefined $(WARN) -Icompiler -I$(FUZZ_BUILD)/gen -Iruntime-min -o $(FUZZ_BUILD)/fuzz_model \
	  compiler/fuzz/fuzz_model.c $(FUZZ_BUILD)/libmlcc.a $(LIBS)
	clang -std=c11 -O1 -g -fsanitize=fuzzer,address,undefined $(WARN) -Icompiler -I$(FUZZ_BUILD)/gen -Iruntime-min -o $(FUZZ_BUILD)/fuzz_mutate \
	  compiler/fuzz/fuzz_model.c compiler/fuzz/fuzz_mutate.c $(FUZZ_BUILD)/libmlcc.a $(LIBS)

FORCE:

# both targets side by side for FUZZ_SECONDS; any crash, leak, timeout or sanitizer report fails
fuzz: $(FUZZ_BUILD)/fuzz_model
	bash tests/fuzz/run.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

# the bounded run make test does: both targets side by side, a fixed seed and
# number of runs (reproducible), at most two minutes
fuzz-ci:
	FUZZ_SEED=1 FUZZ_RUNS_MODEL=100000 FUZZ_RUNS_MUTATE=5000 $(MAKE) fuzz FUZZ_SECONDS=120

.PHONY: fuzz fuzz-ci FORCE
