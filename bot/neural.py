"""The judge: a small cross-encoder that reads (a rebuttal's sentence, a
counterargument) and says whether the sentence *makes* it, *says the opposite*,
or *neither*.

It is MiniLM-L6 (all-MiniLM-L6-v2's weights) fine-tuned for this three-way
question and exported to ONNX with int8 weights; ``bot/resources/judge/`` holds
the file and its model card. At run time only onnxruntime and tokenizers are
needed: no torch. Inference releases the GIL, so callers run it in a worker
thread (see :class:`bot.practice.PracticeService`).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: The shipped model, beside this module.
DEFAULT_MODEL_DIR = Path(__file__).resolve().parent / "resources" / "judge"
#: Longer pairs are cut: a rebuttal sentence and a reference fit well inside it.
MAX_TOKENS = 96
#: Pairs per inference call: bounds memory for a hostile rebuttal of many sentences.
BATCH = 32

NEITHER, MAKES, OPPOSITE = 0, 1, 2


class JudgeUnavailable(RuntimeError):
    """The model file or its runtime is missing; the message says which."""


@dataclass(frozen=True)
class Verdict:
    """Probabilities for one (text, reference) pair; they sum to 1."""

    neither: float
    makes: float
    opposite: float


class Judge:
    """Loads the model once; :meth:`probabilities` is thread-safe."""

    def __init__(self, model_dir: Path = DEFAULT_MODEL_DIR, threads: int = 1):
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as error:  # pragma: no cover - both are dependencies
            raise JudgeUnavailable(f"the judge needs onnxruntime and tokenizers: {error}") from None
        model, vocabulary = model_dir / "judge.onnx", model_dir / "tokenizer.json"
        for path in (model, vocabulary):
            if not path.is_file():
                raise JudgeUnavailable(f"the judge's model file {path} is missing")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        self._session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self._tokenizer = Tokenizer.from_file(str(vocabulary))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()
        # The tokenizer object is not documented as thread-safe; encoding is cheap beside inference.
        self._tokenizer_lock = threading.Lock()

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """``(len(pairs), 3)`` probabilities of neither / makes / opposite, in ``pairs``' order."""
        out = np.zeros((len(pairs), 3), dtype=np.float32)
        # Similar lengths batched together: less padding, less work.
        with self._tokenizer_lock:
            encodings = self._tokenizer.encode_batch([(a, b) for a, b in pairs])
        order = sorted(range(len(pairs)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            width = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            types = np.zeros_like(ids)
            mask = np.zeros_like(ids)
            for row, i in enumerate(chunk):
                encoding = encodings[i]
                n = len(encoding.ids)
                ids[row, :n] = encoding.ids
                types[row, :n] = encoding.type_ids
                mask[row, :n] = 1
            (logits,) = self._session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})
            logits = logits - logits.max(axis=1, keepdims=True)
            probs = np.exp(logits)
            out[chunk] = probs / probs.sum(axis=1, keepdims=True)
        return out
