# bench.mk - `make bench`, included by the top-level Makefile.
#
# Times mlcc's emitted C (-O3 -march=native and -O2) against ONNX Runtime 1.30
# (one thread, through its C API) on every models/*/model.onnx and on the
# larger models tests/bench/make_bench_models.py generates into
# $(BENCH_DIR)/models, counts instructions per inference with callgrind,
# measures the Cortex-M4 sections, and writes docs/BENCHMARKS.md.
#   make bench [BENCH_SECONDS=3] [BENCH_JOBS=2] [BENCH_ONLY=digits,resnet18_96]
BENCH_DIR     ?= $(BUILD)/bench
BENCH_SECONDS ?= 3
BENCH_JOBS    ?= $(JOBS)
BENCH_ONLY    ?=
BENCH_DOC     ?= docs/BENCHMARKS.md

.PHONY: bench

bench:
	MLCC_AUTHORING=1 bash compiler/tools/install-deps.sh
	bash tests/bench/install-tools.sh
	$(MAKE) all
	/usr/bin/python3 tests/bench/run_bench.py --mlcc $(BUILD)/mlcc --dir $(BENCH_DIR) --doc $(BENCH_DOC) \
	  --seconds $(BENCH_SECONDS) --jobs $(BENCH_JOBS) $(if $(BENCH_ONLY),--only $(BENCH_ONLY))
