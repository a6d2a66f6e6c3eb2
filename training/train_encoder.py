"""Fine-tune the encoder: all-MiniLM-L6-v2 as a bi-encoder that puts a sentence nearest the
reason it makes, among that reason's siblings.

Development-time only (torch, transformers); the bot runs the exported ONNX file
(``export_encoder.py``) with onnxruntime. About 4-5 minutes an epoch on 2 CPU cores:

    python training/train_encoder.py --base MODEL_DIR --argkp ../shared/argkp \\
        --minicases training/data/minicases_a.jsonl training/data/minicases_b.jsonl --out build/encoder

The encoder decides what each rebuttal sentence is *about* (its nearest reference across
the case) before the judge reads it, so a sentence sent to a sibling counterargument or to
the Point's claim loses its credit whatever the judge would say. This teaches exactly that
choice: ArgKP train's (argument, key point) matches, each with a key point of the same
topic and stance the annotators said it does not make as the hard negative; and the mini
cases' paraphrases with their counterargument's reference, a sibling's reference as the
hard negative. Loss: cross-entropy over the batch's cosines (scale 20), every other
example's key point an extra negative (sentence-transformers' MultipleNegativesRankingLoss,
written out so that the pooling is exactly the exported one). Prints, per epoch, how often
an ArgKP *dev* argument's nearest labelled key point is one it makes (test is never read).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

import torch
import torch.nn.functional as F
from transformers import AutoTokenizer, BertModel

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))
from pairs import read_minicases  # noqa: E402

from bot.argkp import ArgKPSplit, load_split  # noqa: E402  (the bot's own reader of the ArgKP files)
from bot.cases import load_case_file  # noqa: E402
from bot.text import normalize, split_sentences  # noqa: E402

MAX_LENGTH = 128
SCALE = 20.0

#: (sentence, the reference it makes, a reference it does not make or None)
Example = tuple[str, str, str | None]


def argkp_examples(split: ArgKPSplit, rng: random.Random) -> list[Example]:
    """ArgKP matches, each with one of its argument's labelled non-matches as the hard negative."""
    arguments = {argument.id: argument.text for argument in split.arguments}
    key_points = {kp.id: kp.text for kp in split.key_points}
    matches: list[tuple[str, str]] = []
    misses: dict[str, list[str]] = defaultdict(list)
    for (arg, kp), label in split.labels.items():
        if label == 1:
            matches.append((arg, kp))
        else:
            misses[arg].append(kp)
    return [
        (arguments[arg], key_points[kp], key_points[rng.choice(misses[arg])] if misses[arg] else None)
        for arg, kp in matches
    ]


def claim_examples(split: ArgKPSplit, rng: random.Random) -> list[Example]:
    """The scorer's other competition: a sentence nearest the Point's own claim argues *for* it.

    The Point is a claim the article rebuts, like an ArgKP topic; the counterarguments are the
    key points against it. So an argument *for* the topic goes nearest the topic itself, a
    key point against it the hard negative; and an argument against it that makes a key point
    goes nearest that key point, the topic the hard negative.
    """
    against: dict[str, list[str]] = defaultdict(list)
    for kp in split.key_points:
        if kp.stance == -1:
            against[kp.topic].append(kp.text)
    text_of = {kp.id: kp.text for kp in split.key_points}
    argument_of = {argument.id: argument for argument in split.arguments}
    examples: list[Example] = [
        (argument.text, argument.topic, rng.choice(against[argument.topic]))
        for argument in split.arguments
        if argument.stance == 1 and against[argument.topic]
    ]
    for (arg, kp), label in split.labels.items():
        argument = argument_of[arg]
        if label == 1 and argument.stance == -1:
            examples.append((argument.text, text_of[kp], argument.topic))
    return examples


def minicase_examples(paths: list[Path], rng: random.Random) -> list[Example]:
    """Each paraphrase with its counterargument's reference, a sibling's reference as the hard negative."""
    examples: list[Example] = []
    for case in read_minicases(paths):
        arguments = case["counterarguments"]
        for i, argument in enumerate(arguments):
            siblings = [other["reference"] for j, other in enumerate(arguments) if j != i]
            for paraphrase in argument.get("makes", []):
                examples.append((paraphrase, argument["reference"], rng.choice(siblings) if siblings else None))
    return examples


def case_examples(folders: list[Path], rng: random.Random) -> list[Example]:
    """What a draft case needs: a coach's own wording of a reason (its summary and phrasings, the words a
    student writes in) with one of the reason's article sentences, a sibling's article sentence as the
    hard negative. An imported draft has only the article's sentences to be near; a hand case's
    summaries and phrasings are where its sentences land instead (docs/scoring.md, session 17)."""
    examples: list[Example] = []
    for folder in folders:
        for path in sorted(folder.glob("*.toml")):
            for point in load_case_file(path).points:
                sources = {
                    arg.id: [s for text in arg.source for s in split_sentences(normalize(text))]
                    for arg in point.counterarguments
                }
                for arg in point.counterarguments:
                    own = sources[arg.id]
                    siblings = [s for other, texts in sources.items() if other != arg.id for s in texts]
                    wordings = [w for w in (arg.summary, *arg.phrasings) if w.strip() and "TODO" not in w]
                    for wording in wordings if own else []:
                        examples.append((wording, rng.choice(own), rng.choice(siblings) if siblings else None))
    return examples


class MeanPooledEncoder:
    """The network with the pooling the bot's ONNX export has: token mean over the mask, unit length."""

    def __init__(self, base: Path):
        self.tokenizer = AutoTokenizer.from_pretrained(base)
        # float32 explicitly: the checkpoint may load as float16, where Adam's first step overflows.
        self.model = BertModel.from_pretrained(base, add_pooling_layer=False, dtype=torch.float32)

    def embed(self, texts: list[str]) -> torch.Tensor:
        inputs = self.tokenizer(texts, truncation=True, max_length=MAX_LENGTH, padding=True, return_tensors="pt")
        hidden = self.model(**inputs)[0]
        mask = inputs["attention_mask"].unsqueeze(-1).float()
        return F.normalize((hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9), dim=-1)


def batch_loss(encoder: MeanPooledEncoder, batch: list[Example]) -> torch.Tensor:
    sentences = encoder.embed([sentence for sentence, _, _ in batch])
    targets = [reference for _, reference, _ in batch]
    negatives = [negative for _, _, negative in batch if negative]
    columns = targets + negatives
    references = torch.cat([encoder.embed(targets), encoder.embed(negatives)]) if negatives else encoder.embed(targets)
    scores = sentences @ references.T * SCALE
    # Another example's reference that is this example's own (two arguments of one key point) is no negative.
    same = torch.tensor(
        [[text == targets[row] and col != row for col, text in enumerate(columns)] for row in range(len(batch))]
    )
    return F.cross_entropy(scores.masked_fill(same, -1e4), torch.arange(len(batch)))


@torch.no_grad()
def argkp_dev_report(encoder: MeanPooledEncoder, dev: ArgKPSplit) -> float:
    """Share of ArgKP dev arguments (with a match) whose nearest labelled key point is a match."""
    encoder.model.eval()
    arguments = {argument.id: argument.text for argument in dev.arguments}
    key_points = {kp.id: kp.text for kp in dev.key_points}
    labelled: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for (arg, kp), label in dev.labels.items():
        labelled[arg].append((kp, label == 1))
    ids = [arg for arg, rows in labelled.items() if any(match for _, match in rows)]
    kp_ids = sorted(key_points)
    argument_vectors = torch.cat(
        [encoder.embed([arguments[a] for a in ids[i : i + 128]]) for i in range(0, len(ids), 128)]
    )
    kp_vectors = torch.cat(
        [encoder.embed([key_points[k] for k in kp_ids[i : i + 128]]) for i in range(0, len(kp_ids), 128)]
    )
    row_of = {kp: i for i, kp in enumerate(kp_ids)}
    hits = 0
    for r, arg in enumerate(ids):
        _, match = max((float(argument_vectors[r] @ kp_vectors[row_of[kp]]), match) for kp, match in labelled[arg])
        hits += match
    encoder.model.train()
    return hits / len(ids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=Path, required=True, help="all-MiniLM-L6-v2 (config.json, weights, tokenizer)")
    parser.add_argument("--argkp", type=Path, required=True, help="the ArgKP-2021 folder")
    parser.add_argument("--minicases", type=Path, nargs="*", default=[])
    parser.add_argument(
        "--cases",
        type=Path,
        nargs="*",
        default=[],
        help="folders of hand-made cases (case_examples); never the external sets nor a batch measured on",
    )
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--claim-competition", action="store_true", help="also ArgKP's arguments against their topic (claim_examples)"
    )
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--lr", type=float, default=2e-5)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    torch.manual_seed(args.seed)
    train, dev = load_split(args.argkp, "train"), load_split(args.argkp, "dev")
    examples = argkp_examples(train, rng) + minicase_examples(args.minicases, rng)
    examples += case_examples(args.cases, rng)
    if args.claim_competition:
        examples += claim_examples(train, rng)
    encoder = MeanPooledEncoder(args.base)
    print(f"{len(examples)} examples; ArgKP dev nearest key point a match: {argkp_dev_report(encoder, dev):.3f}")
    optimizer = torch.optim.AdamW(encoder.model.parameters(), lr=args.lr, weight_decay=0.01)
    steps = args.epochs * (len(examples) // args.batch + 1)
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, 1 - s / steps)
    )
    encoder.model.train()
    for epoch in range(1, args.epochs + 1):
        rng.shuffle(examples)
        started = time.time()
        for start in range(0, len(examples), args.batch):
            loss = batch_loss(encoder, examples[start : start + args.batch])
            loss.backward()
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
        share = argkp_dev_report(encoder, dev)
        print(
            f"epoch {epoch}: {time.time() - started:.0f} s, ArgKP dev nearest key point a match {share:.3f}", flush=True
        )
        out = args.out / f"epoch{epoch}"
        encoder.model.save_pretrained(out)
        encoder.tokenizer.save_pretrained(out)


if __name__ == "__main__":
    main()
