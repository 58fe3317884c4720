#!/usr/bin/env bash
# Writes docs/MODELS.md: for every model in models/, the figures mlcc prints
# (arena, lower bound, weights), the compile time (median of 5 runs), and the
# Cortex-M4 sizes of the emitted code from arm-none-eabi-size.
#   model_report.sh MLCC > docs/MODELS.md
set -euo pipefail
MLCC=$(readlink -f "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
ARMFLAGS="-mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16 -Os -std=c99"
echo "# Models: memory, size and compile time"
echo
echo "Written by \`bash docs/tools/model_report.sh build/mlcc > docs/MODELS.md\` on $(uname -m), $(date -u +%Y-%m-%d)."
echo "Compiled with \`--target cortex-m4f\` (reference kernels, no im2col scratch). Arena and lower bound are what mlcc prints (the lower bound is the largest sum of live"
echo "tensor bytes at any step of mlcc's schedule; the file-order bound is the same for the model file's own order of whole nodes, without"
echo "channel chunks, as \`mlcc -v\` prints it). Cortex-M4 sizes: arm-none-eabi-size of the"
echo "emitted model compiled with \`arm-none-eabi-gcc $ARMFLAGS -c\`; text includes the weights"
echo "(static const data is placed in flash). Compile time: wall clock of \`mlcc model.onnx -o m.c\`, median of 5."
echo
echo "| model | kernel calls | arena bytes | lower bound | file-order bound | arena / bound | weights bytes | M4 text | M4 data | M4 bss | compile ms |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
for d in "$root"/models/*/; do
  m=$(basename "$d"); [ -f "$d/model.onnx" ] || continue
  line=$("$MLCC" "$d/model.onnx" -o "$tmp/$m.c" --name "$m" --target cortex-m4f)
  flb=$("$MLCC" "$d/model.onnx" -o "$tmp/v.c" --target cortex-m4f -v 2>&1 | sed -n 's/.*(file order: \([0-9]*\)).*/\1/p')
  calls=$(echo "$line" | sed -n 's/.*: \([0-9]*\) kernel calls.*/\1/p')
  arena=$(echo "$line" | sed -n 's/.*arena \([0-9]*\) bytes.*/\1/p')
  lb=$(echo "$line" | sed -n 's/.*lower bound \([0-9]*\)).*/\1/p')
  wb=$(echo "$line" | sed -n 's/.*weights \([0-9]*\) bytes.*/\1/p')
  ratio=$(awk -v a="$arena" -v b="$lb" 'BEGIN { printf "%.3f", (b ? a / b : 1) }')
  # shellcheck disable=SC2086
  arm-none-eabi-gcc $ARMFLAGS -c "$tmp/$m.c" -o "$tmp/$m.o"
  read -r text data bss _ < <(arm-none-eabi-size "$tmp/$m.o" | tail -1)
  times=()
  for _ in 1 2 3 4 5; do
    s=$(date +%s%N); "$MLCC" "$d/model.onnx" -o "$tmp/t.c" -q; e=$(date +%s%N)
    times+=($(( (e - s) / 1000000 )))
  done
  med=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
  echo "| $m | $calls | $arena | $lb | $flb | $ratio | $wb | $text | $data | $bss | $med |"
done
