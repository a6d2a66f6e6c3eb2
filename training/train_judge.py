"""Fine-tune the judge: a MiniLM cross-encoder that reads (rebuttal sentence,
counterargument reference) and answers neither / makes / opposite.

Development-time only (torch, transformers); the bot runs the exported ONNX
file with onnxruntime. Runs on a GPU in about a minute, or on CPU in under an
hour:

    python training/train_judge.py --base MODEL_DIR --argkp ../shared/argkp \\
        --minicases training/data/minicases_*.jsonl --out build/judge

``MODEL_DIR`` holds sentence-transformers/all-MiniLM-L6-v2 (config.json,
vocab.txt, model weights); see training/README.md for where it comes from.
Prints ArgKP-2021 *dev* mAP after each epoch (train is trained on; test is
never read here).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

import torch
from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
from pairs import (  # noqa: E402
    MAKES,
    OPPOSITE,
    argkp_pairs,
    compound_pairs,
    identity_pairs,
    minicase_pairs,
    negation_pairs,
    off_topic_pairs,
    read_minicases,
    reversed_side_pairs,
)

from bot.negation import spell_out_negations  # noqa: E402  (standard library only: runs on a bare GPU machine)

MAX_LENGTH = 96


def build_model(base: Path, layers: int) -> BertForSequenceClassification:
    config = BertConfig.from_pretrained(base)
    config.num_hidden_layers = layers
    config.num_labels = 3
    # Unused weights (the pooler, layers past ``layers``) are dropped with a warning.
    return BertForSequenceClassification.from_pretrained(base, config=config, dtype=torch.float32)


def batches(pairs, size, rng):
    """Batches in random order, each of pairs of about one length: far less padding to compute,
    which is most of a CPU's time (about 100 pairs/s on 2 cores with three layers frozen)."""
    order = list(range(len(pairs)))
    rng.shuffle(order)
    window = size * 50  # sort within windows, so that batches still mix the sources
    order = [
        i
        for s in range(0, len(order), window)
        for i in sorted(order[s : s + window], key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
    ]
    starts = list(range(0, len(order), size))
    rng.shuffle(starts)
    for start in starts:
        yield [pairs[i] for i in order[start : start + size]]


def encode(tokenizer, pairs, device):
    """(text, reference) pairs as the model's inputs, as the bot's judge reads them (bot.neural)."""
    return tokenizer(
        [a for a, *_ in pairs],
        [b for _, b, *_ in pairs],
        truncation=True,
        max_length=MAX_LENGTH,
        padding=True,
        return_tensors="pt",
    ).to(device)


@torch.no_grad()
def read(model, tokenizer, pairs, device, size=256) -> torch.Tensor:
    """The model's probabilities of neither / makes / opposite for each pair, in evaluation mode."""
    model.eval()
    chunks = [
        model(**encode(tokenizer, pairs[start : start + size], device)).logits.float().softmax(-1).cpu()
        for start in range(0, len(pairs), size)
    ]
    model.train()
    return torch.cat(chunks) if chunks else torch.zeros((0, 3))


def predict_makes(model, tokenizer, pairs, device) -> list[float]:
    return read(model, tokenizer, pairs, device)[:, MAKES].tolist()


def held_out_report(model, tokenizer, pairs, device) -> str:
    """Accuracy and per-class recall on the held-out mini cases' pairs."""
    if not pairs:
        return ""
    predicted = read(model, tokenizer, pairs, device).argmax(-1).tolist()
    gold = [label for _, _, label in pairs]
    recall = [sum(p == g == c for p, g in zip(predicted, gold, strict=True)) / max(1, gold.count(c)) for c in range(3)]
    accuracy = sum(p == g for p, g in zip(predicted, gold, strict=True)) / len(gold)
    return f"held-out acc {accuracy:.3f} recall n/m/o {recall[0]:.2f}/{recall[1]:.2f}/{recall[2]:.2f}"


def reversal_report(model, tokenizer, cases: list[dict], device) -> tuple[float, str]:
    """How well the judge tells a reference's reversals from its paraphrases, on mini cases it never saw.

    Each counterargument's paraphrases, reversals and near miss are read beside
    its reference. Returns the AUC of P(opposite), reversals against paraphrases
    (what the bot's veto needs), and a line with the rates at the argmax: how many
    reversals and paraphrases are read OPPOSITE, how many paraphrases MAKES, and
    how many sentences read as the opposite of themselves.
    """
    from sklearn.metrics import roc_auc_score

    rows: list[tuple[str, str, int]] = []
    for case in cases:
        for arg in case["counterarguments"]:
            rows += [(text, arg["reference"], MAKES) for text in arg["makes"]]
            rows += [(text, arg["reference"], OPPOSITE) for text in arg["opposite"]]
    spelled = [(spell_out_negations(a), spell_out_negations(b)) for a, b, _ in rows]
    probabilities = [
        read(model, tokenizer, spelled, device),
        read(model, tokenizer, [(a, a) for a, _ in spelled], device),
    ]
    reads, self_reads = probabilities
    gold = torch.tensor([label for _, _, label in rows])
    predicted = reads.argmax(-1)
    reversal, paraphrase = gold == OPPOSITE, gold == MAKES
    auc = float(roc_auc_score(reversal[reversal | paraphrase].numpy(), reads[reversal | paraphrase, OPPOSITE].numpy()))
    line = (
        f"D: AUC {auc:.3f}, reversals read opposite {(predicted[reversal] == OPPOSITE).float().mean():.2f}, "
        f"paraphrases opposite {(predicted[paraphrase] == OPPOSITE).float().mean():.2f} "
        f"makes {(predicted[paraphrase] == MAKES).float().mean():.2f}, "
        f"self-opposite {(self_reads[:, OPPOSITE] >= 0.5).float().mean():.2f}"
    )
    return auc, line


def argkp_map(model, tokenizer, directory: Path, split: str, device) -> float:
    """Strict mAP on an ArgKP split, as bot/argkp.py computes it (P(makes) as the score)."""
    import csv

    from sklearn.metrics import average_precision_score

    read = lambda name: list(csv.DictReader((directory / f"{name}_{split}.csv").open(encoding="utf-8")))  # noqa: E731
    arguments, key_points = read("arguments"), read("key_points")
    labels = {(r["arg_id"], r["key_point_id"]): int(r["label"]) for r in read("labels")}
    by_group = defaultdict(list)
    for kp in key_points:
        by_group[(kp["topic"], kp["stance"])].append(kp)
    jobs = [(arg, kp) for arg in arguments for kp in by_group[(arg["topic"], arg["stance"])]]
    texts = [(spell_out_negations(a["argument"]), spell_out_negations(k["key_point"])) for a, k in jobs]
    scores = predict_makes(model, tokenizer, texts, device)
    best: dict[str, tuple[float, str]] = {}
    for (arg, kp), score in zip(jobs, scores, strict=True):
        if arg["arg_id"] not in best or score > best[arg["arg_id"]][0]:
            best[arg["arg_id"]] = (score, kp["key_point_id"])
    groups = defaultdict(list)
    for arg in arguments:
        score, kp_id = best.get(arg["arg_id"], (0.0, None))
        groups[(arg["topic"], arg["stance"])].append((score, labels.get((arg["arg_id"], kp_id), 0)))
    aps = []
    for rows in groups.values():
        kept = sorted(rows, key=lambda r: -r[0])[: int(len(rows) * 0.5)]
        y = [r[1] for r in kept]
        aps.append(average_precision_score(y, [r[0] for r in kept]) if any(y) else 0.0)
    return sum(aps) / len(aps)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--argkp", type=Path, required=True)
    parser.add_argument("--minicases", type=Path, nargs="*", default=[])
    parser.add_argument("--minicase-repeat", type=int, default=2, help="times the mini cases' pairs are seen per epoch")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--layers", type=int, default=6)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=4e-5)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--holdout", type=float, default=0.1, help="share of mini cases kept out, for the report")
    parser.add_argument("--no-argkp-opposite", action="store_true", help="no other-stance key points as OPPOSITE")
    parser.add_argument("--label-smoothing", type=float, default=0.1, help="keeps the probabilities calibrated")
    parser.add_argument(
        "--init", type=Path, help="continue from these trained weights (train_judge's trained.safetensors)"
    )
    parser.add_argument("--argkp-sample", type=int, default=0, help="use this many ArgKP pairs (0: all)")
    parser.add_argument("--limit", type=int, default=0, help="train on this many pairs only (a smoke test)")
    parser.add_argument(
        "--identity", action="store_true", help="also each mini-case sentence beside itself, MAKES (identity_pairs)"
    )
    parser.add_argument(
        "--graded-pairs",
        type=Path,
        nargs="*",
        default=[],
        help="also these pairs from graded rebuttals (training/graded_pairs.py's JSON lines)",
    )
    parser.add_argument("--graded-repeat", type=int, default=1, help="times the graded pairs are seen per epoch")
    parser.add_argument(
        "--dev-minicases",
        type=Path,
        nargs="*",
        default=[],
        help="mini cases never trained on; each epoch is reported on them, and the epoch kept is the best by "
        "ArgKP dev mAP plus their reversal AUC (without them: the last epoch)",
    )
    parser.add_argument(
        "--no-reversed-side",
        action="store_true",
        help="leave out the reversed-side pairs (pairs.reversed_side_pairs), as the shipped judge was trained",
    )
    parser.add_argument(
        "--negated-copies",
        action="store_true",
        help="also each reference and two paraphrases negated word for word, OPPOSITE (pairs.negation_pairs)",
    )
    parser.add_argument(
        "--keep-epochs", action="store_true", help="also save every epoch's weights (epochN.safetensors)"
    )
    parser.add_argument(
        "--deadline", type=float, default=0, help="start no epoch that would end past this many seconds"
    )
    args = parser.parse_args()

    rng = random.Random(args.seed)
    torch.manual_seed(args.seed)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    tokenizer = AutoTokenizer.from_pretrained(args.base)
    model = build_model(args.base, args.layers)
    if args.init:
        from safetensors.torch import load_file

        model.load_state_dict({k: v.float() for k, v in load_file(args.init).items()}, strict=False)
    model = model.to(device)
    # The word embeddings stay as released: the bot's file is then the base's
    # embeddings plus small trained layers, and rare words keep their meaning.
    model.bert.embeddings.word_embeddings.weight.requires_grad_(False)

    pairs = argkp_pairs(args.argkp, "train", rng, opposite_per_argument=0 if args.no_argkp_opposite else 1)
    if args.argkp_sample:
        pairs = rng.sample(pairs, args.argkp_sample)
    minicases = read_minicases(args.minicases)
    random.Random(0).shuffle(minicases)  # the same held-out cases whatever the seed
    kept = int(len(minicases) * args.holdout)
    held_out = [p for case in minicases[:kept] for p in minicase_pairs(case)]
    synthetic = [p for case in minicases[kept:] for p in minicase_pairs(case)]
    synthetic += off_topic_pairs(minicases[kept:], rng) + compound_pairs(minicases[kept:], rng)
    if not args.no_reversed_side:
        synthetic += reversed_side_pairs(minicases[kept:])
        held_out += reversed_side_pairs(minicases[:kept])
    if args.identity:
        synthetic += identity_pairs(minicases[kept:])
        held_out += identity_pairs(minicases[:kept])
    if args.negated_copies:
        synthetic += negation_pairs(minicases[kept:])
        held_out += negation_pairs(minicases[:kept])
    pairs += synthetic * args.minicase_repeat
    graded = [tuple(json.loads(line)) for path in args.graded_pairs for line in path.read_text("utf-8").splitlines()]
    pairs += graded * args.graded_repeat  # type: ignore[arg-type]
    if args.limit:
        pairs = rng.sample(pairs, args.limit)
    # As the bot reads them (bot.judging): negated contractions written out.
    pairs = [(spell_out_negations(a), spell_out_negations(b), label) for a, b, label in pairs]
    held_out = [(spell_out_negations(a), spell_out_negations(b), label) for a, b, label in held_out]
    counts = [sum(1 for p in pairs if p[2] == c) for c in range(3)]
    print(
        f"pairs: {len(pairs)} (synthetic {len(synthetic)} x{args.minicase_repeat}, the rest ArgKP; "
        f"{len(held_out)} held out); by class {counts}",
        flush=True,
    )

    steps = args.epochs * ((len(pairs) + args.batch - 1) // args.batch)
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.01)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, s / (0.1 * steps)) * max(0.0, (steps - s) / (0.9 * steps))
    )
    # A development case on a topic the training cases also cover (five of D's repeat A's or
    # B's topics) would measure memory, not reading: it is left out.
    trained_topics = {case["topic"] for case in minicases}
    dev_cases = [case for case in read_minicases(args.dev_minicases) if case["topic"] not in trained_topics]
    if args.dev_minicases:
        print(f"development mini cases: {len(dev_cases)} (topics also trained on left out)", flush=True)
    from safetensors.torch import save_file

    model.train()
    started = time.time()
    best: tuple[float, int, dict] | None = None
    for epoch in range(1, args.epochs + 1):
        elapsed = time.time() - started
        if args.deadline and epoch > 1 and elapsed + elapsed / (epoch - 1) > args.deadline:
            print(f"stopping before epoch {epoch}: it would end past the deadline ({elapsed:.0f} s so far)", flush=True)
            break
        total = 0.0
        for batch in batches(pairs, args.batch, rng):
            enc = encode(tokenizer, batch, device)
            labels = torch.tensor([label for _, _, label in batch], device=device)
            with torch.autocast(device.type, dtype=torch.bfloat16, enabled=device.type == "cuda"):
                logits = model(**enc).logits
                loss = torch.nn.functional.cross_entropy(logits.float(), labels, label_smoothing=args.label_smoothing)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            total += loss.item() * len(batch)
        dev = argkp_map(model, tokenizer, args.argkp, "dev", device)
        auc, reversals = reversal_report(model, tokenizer, dev_cases, device) if dev_cases else (0.0, "")
        print(
            f"epoch {epoch}: loss {total / len(pairs):.4f}  ArgKP dev mAP strict {dev:.3f}  "
            f"{held_out_report(model, tokenizer, held_out, device)}  {reversals}  ({time.time() - started:.0f} s)",
            flush=True,
        )
        merit = dev + auc if dev_cases else float(epoch)
        # The trained weights alone, in half precision: what a GPU machine sends back
        # (export_onnx.py puts them onto the base's word embeddings again).
        weights = {
            k: v.detach().half().contiguous().cpu() for k, v in model.state_dict().items() if "word_embeddings" not in k
        }
        if args.keep_epochs:
            args.out.mkdir(parents=True, exist_ok=True)
            save_file(weights, args.out / f"epoch{epoch}.safetensors")
        if best is None or merit > best[0]:
            best = (merit, epoch, weights)

    args.out.mkdir(parents=True, exist_ok=True)
    tokenizer.save_pretrained(args.out)
    assert best is not None, "no epoch ran"
    save_file(best[2], args.out / "trained.safetensors")
    print(f"saved epoch {best[1]} to {args.out}")


if __name__ == "__main__":
    main()
