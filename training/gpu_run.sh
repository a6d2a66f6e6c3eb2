#!/bin/bash
# The next judge, on one GPU: three variants trained side by side from the base
# model, mini cases A, B, C (and E where present) trained on, D kept out as the
# development set each epoch is judged on (train_judge.py --dev-minicases).
# Each variant keeps its best epoch (ArgKP dev mAP + D's reversal AUC) and sends
# back its trained weights in 15 MB parts, with one summary line per epoch.
#
# Prepared in session 5 (no device was lent then), not yet run. How to launch it
# within the device's limits (a 64 MiB working tree, 8 files back) is in
# training/README.md. Expected: about 6 minutes on one H100/H200. A smoke test on a
# CPU: EXTRA="--limit 32 --epochs 1" ARGKP=<a copy with a short arguments_dev.csv>.
set -u
export PYTHONUNBUFFERED=1
BASE=${BASE:-.devcarry/base}       # all-MiniLM-L6-v2 (config.json, vocab.txt, model.safetensors)
ARGKP=${ARGKP:-.devcarry/argkp}    # ArgKP-2021 train and dev CSVs (test is never read here)
OUT=${OUT:-build/gpu_run}
mkdir -p "$OUT"
nvidia-smi -L || true
python3 -c "import torch, transformers, sklearn; print('torch', torch.__version__, 'transformers', transformers.__version__)"
TRAIN="training/data/minicases_a.jsonl training/data/minicases_b.jsonl training/data/minicases_c.jsonl"
[ -f training/data/minicases_e.jsonl ] && TRAIN="$TRAIN training/data/minicases_e.jsonl"

variant() {
  local name=$1; shift
  python3 training/train_judge.py --base "$BASE" --argkp "$ARGKP" --minicases $TRAIN \
    --dev-minicases training/data/minicases_d.jsonl --out "/tmp/$name" --deadline 380 "$@" ${EXTRA:-} > "$OUT/$name.log" 2>&1
  grep -E "^(pairs|development|epoch|saved|stopping)|Error" "$OUT/$name.log" | sed "s/^/$name /" >> "$OUT/summary.txt"
  # Parts under the device's 16 MiB a file; the log goes once the weights are safe.
  split -b 15M "/tmp/$name/trained.safetensors" "$OUT/$name.part." && rm "$OUT/$name.log"
}
# About 78,000 pairs an epoch with E (26,000 of ArgKP): what varies is whether a
# sentence beside itself is taught as MAKES, and the learning rate and seed.
variant Y1 --lr 7e-5 --epochs 4 --minicase-repeat 1 --identity &
variant Y2 --lr 7e-5 --epochs 4 --minicase-repeat 1 &
variant Y3 --lr 5e-5 --epochs 4 --minicase-repeat 1 --identity --seed 7 &
wait
sort "$OUT/summary.txt"
ls -la "$OUT"
