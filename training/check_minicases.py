"""Check hand-written mini case files and print their counts.

    python3 training/check_minicases.py training/data/minicases_*.jsonl

Checks the format (fields, five ``makes`` / three ``opposite`` / one
``near_miss`` per counterargument, no empty strings, no sentence twice within a
case, no topic in more than one case across the files) and prints, per file,
the cases, counterarguments and the share of ``opposite`` sentences that carry
no negation word (``bot.negation.NEGATORS``, after contractions are spelled
out). Exits 1 if any problem was found. Standard library and ``bot.negation``
only.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.negation import NEGATORS, spell_out_negations  # noqa: E402

CASE_FIELDS = {"topic": str, "claim": str, "counterarguments": list, "agree": list, "new_reasons": list}
COUNTS = {"makes": 5, "opposite": 3, "near_miss": 1}
WORD = re.compile(r"[a-z]+")


def has_negation(sentence: str) -> bool:
    words = WORD.findall(spell_out_negations(sentence).lower())
    return any(w in NEGATORS or w == "cannot" for w in words)


def check_case(case: object, where: str) -> list[str]:
    problems: list[str] = []
    if not isinstance(case, dict):
        return [f"{where}: not a JSON object"]
    for field, kind in CASE_FIELDS.items():
        if not isinstance(case.get(field), kind):
            problems.append(f"{where}: '{field}' missing or not a {kind.__name__}")
    extra = set(case) - set(CASE_FIELDS)
    if extra:
        problems.append(f"{where}: unexpected fields {sorted(extra)}")
    sentences: list[str] = []
    for field in ("topic", "claim"):
        if isinstance(case.get(field), str):
            if not case[field].strip():
                problems.append(f"{where}: empty '{field}'")
    if isinstance(case.get("claim"), str):
        sentences.append(case["claim"])
    for field in ("agree", "new_reasons"):
        for text in case.get(field) or []:
            if not isinstance(text, str) or not text.strip():
                problems.append(f"{where}: empty or non-string in '{field}'")
            else:
                sentences.append(text)
    for k, arg in enumerate(case.get("counterarguments") or []):
        at = f"{where} counterargument {k + 1}"
        if not isinstance(arg, dict):
            problems.append(f"{at}: not an object")
            continue
        extra = set(arg) - {"reference", *COUNTS}
        if extra:
            problems.append(f"{at}: unexpected fields {sorted(extra)}")
        reference = arg.get("reference")
        if not isinstance(reference, str) or not reference.strip():
            problems.append(f"{at}: empty or missing 'reference'")
        else:
            sentences.append(reference)
        for field, count in COUNTS.items():
            texts = arg.get(field)
            if not isinstance(texts, list):
                problems.append(f"{at}: '{field}' missing or not a list")
                continue
            if len(texts) != count:
                problems.append(f"{at}: {len(texts)} '{field}', expected {count}")
            for text in texts:
                if not isinstance(text, str) or not text.strip():
                    problems.append(f"{at}: empty or non-string in '{field}'")
                else:
                    sentences.append(text)
    seen: set[str] = set()
    for text in sentences:
        key = " ".join(text.lower().split())
        if key in seen:
            problems.append(f"{where}: sentence twice: {text!r}")
        seen.add(key)
    return problems


def main(paths: list[str]) -> int:
    problems: list[str] = []
    topics: dict[str, str] = {}
    print(
        f"{'file':<28} {'cases':>5} {'args':>5} {'makes':>6} {'opp':>5} {'opp no-neg':>11} "
        f"{'makes w/ neg':>13} {'cases != 3 args':>16}"
    )
    for name in paths:
        path = Path(name)
        cases = args = makes = opposite = opposite_plain = makes_negated = other_sizes = 0
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                case = json.loads(line)
            except json.JSONDecodeError as error:
                problems.append(f"{where}: not JSON ({error})")
                continue
            problems.extend(check_case(case, where))
            if not isinstance(case, dict):
                continue
            cases += 1
            topic = str(case.get("topic", "")).strip().lower()
            if topic in topics:
                problems.append(f"{where}: topic {case.get('topic')!r} already at {topics[topic]}")
            else:
                topics[topic] = where
            if len(case.get("counterarguments") or []) != 3:
                other_sizes += 1
            for arg in case.get("counterarguments") or []:
                if not isinstance(arg, dict):
                    continue
                args += 1
                for text in arg.get("makes") or []:
                    if isinstance(text, str):
                        makes += 1
                        makes_negated += has_negation(text)
                for text in arg.get("opposite") or []:
                    if isinstance(text, str):
                        opposite += 1
                        opposite_plain += not has_negation(text)
        share = f"{opposite_plain}/{opposite} {opposite_plain / opposite:.0%}" if opposite else "-"
        print(
            f"{path.name:<28} {cases:>5} {args:>5} {makes:>6} {opposite:>5} {share:>11} "
            f"{makes_negated:>13} {other_sizes:>16}"
        )
    for problem in problems:
        print("PROBLEM", problem)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
