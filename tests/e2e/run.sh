#!/usr/bin/env bash
# End-to-end tests over every model in models/:
#  - `mlcc verify` against the model's stored outputs
#  - the emitted C compiles warning-free with gcc and clang (-std=c99 -Wall -Wextra
#    -Wpedantic -Wconversion -Wshadow -Werror) and with arm-none-eabi-gcc for Cortex-M4 (compile only)
#  - the arena is at most 1.25x the lower bound mlcc prints
#  - the same model compiled twice, from another working directory, is byte-identical
#  - two models with different --name link into one program
#  - names with quotes, backslashes, newlines, comment closers and non-ASCII bytes are escaped
#  - only the kernels a model uses are emitted: every kernel is called, every helper
#    referenced, and two models with disjoint op sets share no kernel or helper
#   run.sh MLCC
set -uo pipefail
MLCC=$(readlink -f "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
pass=0; failn=0
ok() { pass=$((pass+1)); echo "PASS $*"; }
bad() { failn=$((failn+1)); echo "FAIL $*"; }
ARMFLAGS="-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -Os -std=c99 -Wall -Wextra -Wconversion -Wshadow -Werror"
# the kernels (MLCC_KERNEL) and static inline helpers an emitted file defines
defined() { grep -oE "^(MLCC_KERNEL\(|static inline [a-zA-Z0-9_ ]*[ *])[a-z0-9_]+" "$1" | grep -oE "[a-z0-9_]+$" | sort -u; }
models=()
for d in "$root"/models/*/; do [ -f "$d/model.onnx" ] && models+=("$(basename "$d")"); done
[ ${#models[@]} -gt 0 ] || { bad "no models in models/"; }
# plus the test models in tests/e2e/: names that need escaping everywhere
# (make_weird_names.py), weights in an external data file (make_external_data.py),
# float16 constants (make_float16_const.py), a branching graph whose file order
# wastes memory and whose Concat can be written in place (make_branchy.py), one
# kernel called 70 times (make_many_calls.py)
extra=(weird_names external_data float16_const branchy many_calls)
for m in "${models[@]}" "${extra[@]}"; do
  dir="$root/models/$m"; [ -d "$root/tests/e2e/$m" ] && dir="$root/tests/e2e/$m"
  if "$MLCC" verify "$dir/model.onnx" "$dir" > "$tmp/$m.verify" 2>&1; then ok "$m verify"; else bad "$m verify"; cat "$tmp/$m.verify"; fi
  mkdir -p "$tmp/a" "$tmp/b"
  if ! (cd "$tmp/a" && "$MLCC" "$dir/model.onnx" -o "$tmp/a/$m.c") > "$tmp/$m.out" 2>&1; then
    bad "$m compile"; cat "$tmp/$m.out"; continue
  fi
  read -r arena lb < <(sed -n 's/.*arena \([0-9]*\) bytes (lower bound \([0-9]*\)).*/\1 \2/p' "$tmp/$m.out")
  if [ -n "$arena" ] && [ $((arena * 100)) -le $((lb * 125)) ]; then ok "$m arena $arena <= 1.25 x lower bound $lb"; else bad "$m arena $arena vs lower bound $lb"; fi
  for cc in gcc clang; do
    if $cc -std=c99 -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror -O2 -c "$tmp/a/$m.c" -o "$tmp/$m.$cc.o" 2> "$tmp/$m.$cc.log"; then ok "$m $cc -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror"; else bad "$m $cc"; head -20 "$tmp/$m.$cc.log"; fi
  done
  # shellcheck disable=SC2086
  if arm-none-eabi-gcc $ARMFLAGS -c "$tmp/a/$m.c" -o "$tmp/$m.arm.o" 2> "$tmp/$m.arm.log"; then ok "$m arm-none-eabi-gcc cortex-m4"; else bad "$m arm-none-eabi-gcc"; head -20 "$tmp/$m.arm.log"; fi
  # built for speed the kernels are specialized (inlined with constant parameters), where gcc's
  # loop analysis sees more: the same warnings-as-errors at -O2 for Cortex-M4 and -O3 -march=native
  # shellcheck disable=SC2086
  if arm-none-eabi-gcc ${ARMFLAGS/-Os/-O2} -c "$tmp/a/$m.c" -o "$tmp/$m.arm2.o" 2> "$tmp/$m.arm2.log" &&
     gcc -std=c99 -Wall -Wextra -Wpedantic -Wconversion -Wshadow -Werror -O3 -march=native -c "$tmp/a/$m.c" -o "$tmp/$m.o3.o" 2> "$tmp/$m.o3.log"; then
    ok "$m specialized: arm-none-eabi-gcc -O2 and gcc -O3 -march=native warning-free"
  else bad "$m specialized builds warn"; head -20 "$tmp/$m.arm2.log" "$tmp/$m.o3.log"; fi
  # every kernel emitted is called by the run function, every static helper is used
  unused=""
  for k in $(defined "$tmp/a/$m.c"); do
    if grep -q "^MLCC_KERNEL($k)" "$tmp/a/$m.c"; then
      grep -qE "^    $k\(p[0-9]+, " "$tmp/a/$m.c" || unused+=" $k"
    elif [ "$(grep -cE "\b$k\(" "$tmp/a/$m.c")" -lt 2 ]; then unused+=" $k"; fi
  done
  if [ -z "$unused" ]; then ok "$m: every emitted kernel and helper is used ($(defined "$tmp/a/$m.c" | wc -w) emitted)"
  else bad "$m: emitted but never used:$unused"; fi
  (cd / && "$MLCC" "$dir/model.onnx" -o "$tmp/b/$m.c" -q)
  if cmp -s "$tmp/a/$m.c" "$tmp/b/$m.c" && cmp -s "$tmp/a/$m.h" "$tmp/b/$m.h"; then ok "$m deterministic"; else bad "$m output differs between two runs"; fi
done
# two models, two prefixes, one program
if [ ${#models[@]} -ge 2 ]; then
  m1=${models[0]}; m2=${models[1]}
  "$MLCC" "$root/models/$m1/model.onnx" -o "$tmp/one.c" --name one -q && "$MLCC" "$root/models/$m2/model.onnx" -o "$tmp/two.c" --name two -q
  cat > "$tmp/both.c" <<'C'
#include "one.h"
#include "two.h"
static float i1[ONE_INPUT_0_COUNT], o1[ONE_OUTPUT_0_COUNT], i2[TWO_INPUT_0_COUNT], o2[TWO_OUTPUT_0_COUNT];
int main(void)
{
    const void *a[] = {i1}, *b[] = {i2};
    void *x[] = {o1}, *y[] = {o2};
    return one_run(a, x) | two_run(b, y);
}
C
  if gcc -std=c99 -Wall -Wextra -Werror -I"$tmp" "$tmp/both.c" "$tmp/one.c" "$tmp/two.c" -lm -o "$tmp/both" && "$tmp/both"; then
    ok "two models ($m1, $m2) link into one program"
  else bad "two models in one program"; fi
fi
# specialization: built for speed the kernels are inlined into their calls (no kernel
# left as a function of its own in the object); -Os and -DMLCC_NO_SPECIALIZE keep one
# copy of the kernels called more than once (mobilenet_96: seven such kernels)
if [ -f "$tmp/a/mobilenet_96.c" ]; then
  ksyms() { gcc -std=c99 "$@" -c "$tmp/a/mobilenet_96.c" -o "$tmp/sp.o" &&
    nm "$tmp/sp.o" | grep " t " | grep -oE "mlcc_[a-z0-9_]+" | sed 's/$/)/; s/^/MLCC_KERNEL(/' | grep -cxFf - <(grep -oE "^MLCC_KERNEL\([a-z0-9_]+\)" "$tmp/a/mobilenet_96.c"); }
  o2=$(ksyms -O2); os=$(ksyms -Os); ns=$(ksyms -O2 -DMLCC_NO_SPECIALIZE)
  if [ "$o2" = 0 ] && [ "$os" -gt 0 ] && [ "$ns" -gt 0 ]; then
    ok "mobilenet_96: kernels inlined into their calls at -O2; $os and $ns kernels of their own at -Os and with MLCC_NO_SPECIALIZE"
  else bad "mobilenet_96: kernels of their own at -O2 / -Os / MLCC_NO_SPECIALIZE: $o2 / $os / $ns (expected 0 / >0 / >0)"; fi
else bad "mobilenet_96 did not compile"; fi
# ... not on a microcontroller target (reference kernels: one copy each, for flash)
"$MLCC" "$root/models/kws_dscnn/model.onnx" -o "$tmp/km4.c" --target cortex-m4f -q
# shellcheck disable=SC2086
if arm-none-eabi-gcc ${ARMFLAGS/-Os/-O2} -c "$tmp/km4.c" -o "$tmp/km4.o" && arm-none-eabi-nm "$tmp/km4.o" | grep -qE " t mlcc_conv_f32($|\.)"; then
  ok "kws_dscnn cortex-m4f at -O2: the reference convolution keeps one copy"
else bad "kws_dscnn cortex-m4f at -O2: mlcc_conv_f32 inlined into its calls (or no object)"; fi
# ... but a kernel called more than 64 times keeps one copy (many_calls: 70 Adds)
if [ -f "$tmp/a/many_calls.c" ] && gcc -std=c99 -O2 -c "$tmp/a/many_calls.c" -o "$tmp/mc.o" && nm "$tmp/mc.o" | grep -qE " t mlcc_add_f32($|\.)"; then
  ok "many_calls: the kernel called 70 times keeps one copy at -O2"
else bad "many_calls: mlcc_add_f32 inlined into 70 calls (or no object)"; fi
# two models with disjoint op sets (digits: Conv, Relu, MaxPool, Gemm; weird_names: Add)
# have disjoint kernels and helpers: nothing of one op family leaks into the other
if [ -f "$tmp/a/digits.c" ] && [ -f "$tmp/a/weird_names.c" ]; then
  both=$(comm -12 <(defined "$tmp/a/digits.c") <(defined "$tmp/a/weird_names.c") | tr '\n' ' ')
  if [ -z "$both" ] && [ -n "$(defined "$tmp/a/weird_names.c")" ] && ! grep -qE "mlcc_(conv|gemm|pool|gf|cf)_" "$tmp/a/weird_names.c" \
     && ! grep -q "mlcc_add_" "$tmp/a/digits.c"; then
    ok "digits and weird_names (disjoint op sets) emit disjoint kernels"
  else bad "digits and weird_names share kernels or helpers: $both"; fi
else bad "digits or weird_names did not compile"; fi
# the memory-aware order beats the file's order on branchy, and its Concat is written in place
line=$("$MLCC" "$root/tests/e2e/branchy/model.onnx" -o "$tmp/br.c" -v 2>&1 | grep 'pass plan')
lbc=$(echo "$line" | sed -n 's/.*lower bound \([0-9]*\) (file order: \([0-9]*\)).*/\1/p')
lbf=$(echo "$line" | sed -n 's/.*lower bound \([0-9]*\) (file order: \([0-9]*\)).*/\2/p')
if [ -n "$lbc" ] && [ "$lbc" -lt "$lbf" ] && echo "$line" | grep -q '1 concats in place'; then
  ok "branchy: chosen order's lower bound $lbc < file order's $lbf, Concat in place"
else bad "branchy: expected a better order and an in-place Concat: $line"; fi
# mobilenet_96 (an inverted-residual network) on the Cortex-M4 target: the expand + depthwise
# chain at the memory peak runs in channel chunks and depthwise convolutions run in place, so
# the chosen schedule's bound is below the file order's and the arena fits the target's 256 KB
# (and the emitted C of that plan, in-place depthwise and pointwise included, still gives the stored outputs)
for m in mobilenet_96 kws_dscnn; do
  if "$MLCC" verify "$root/models/$m/model.onnx" "$root/models/$m" --target cortex-m4f > "$tmp/$m.m4verify" 2>&1; then
    ok "$m verify, cortex-m4f plan (reference kernels, channel chunks of 4, depthwise and pointwise in place)"
  else bad "$m verify, cortex-m4f plan"; cat "$tmp/$m.m4verify"; fi
done
line=$("$MLCC" "$root/models/mobilenet_96/model.onnx" -o "$tmp/mb.c" --target cortex-m4f -v 2>&1 | grep 'pass plan')
lbc=$(echo "$line" | sed -n 's/.*lower bound \([0-9]*\) (file order: \([0-9]*\)).*/\1/p')
lbf=$(echo "$line" | sed -n 's/.*lower bound \([0-9]*\) (file order: \([0-9]*\)).*/\2/p')
arena=$(echo "$line" | sed -n 's/.*arena \([0-9]*\) bytes.*/\1/p')
if [ -n "$lbc" ] && [ "$lbc" -lt "$lbf" ] && [ "$arena" -le 262144 ]; then
  ok "mobilenet_96 cortex-m4f: arena $arena <= 256 KB, chosen schedule's bound $lbc < file order's $lbf"
else bad "mobilenet_96 cortex-m4f: expected a split schedule inside 256 KB: $line"; fi
# examples/Makefile-rule: a Make project regenerates the C when the model changes
mr="$tmp/mr"; mkdir -p "$mr/models/kws_dscnn"; cp -r "$root/examples/Makefile-rule/." "$mr/rule"
cp "$root/models/kws_dscnn/model.onnx" "$mr/models/kws_dscnn/"
mk=(make -s -C "$mr/rule" MLCC="$MLCC" MODELS="$mr/models")
if "${mk[@]}" >/dev/null && "${mk[@]}" -q 2>/dev/null; then
  sleep 1; touch "$mr/models/kws_dscnn/model.onnx"
  if ! "${mk[@]}" -q 2>/dev/null && "${mk[@]}" >/dev/null && "${mk[@]}" -q 2>/dev/null; then
    ok "examples/Makefile-rule rebuilds after the model changes, and only then"
  else bad "examples/Makefile-rule did not regenerate after the model changed"; fi
else bad "examples/Makefile-rule does not build or is not up to date after a build"; fi
echo "e2e: $pass passed, $failn failed"
[ "$failn" = 0 ]
