"""The two small neural models behind the default scorer, run with onnxruntime.

* :class:`Encoder`: all-MiniLM-L6-v2, unchanged, as a sentence encoder. It
  embeds a rebuttal's sentences and the case's references; cosine similarity
  says which counterargument a sentence is *about*, in any words.
* :class:`Judge`: the same network fine-tuned as a cross-encoder that reads
  (a rebuttal's sentence, a counterargument) and says whether the sentence
  *makes* it, says the *opposite*, or *neither*.

Both are int8 ONNX files in ``bot/resources/`` with a model card
(``bot/resources/MODELS.md``). Only onnxruntime and tokenizers are needed at
run time, no torch. Inference releases the GIL, so the bot runs scoring in a
worker thread (see :mod:`bot.scoring_worker`).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

RESOURCES = Path(__file__).resolve().parent / "resources"
#: Longer inputs are cut: a rebuttal sentence and a reference fit well inside it.
MAX_TOKENS = 96
#: Inputs per inference call: one. The int8 models quantise activations with a scale taken
#: from each call's whole input, padding included, so in a batch one input's reading would
#: depend on what else is scored with it (a rebuttal's score on what else arrived at a
#: tournament's deadline). Alone it does not; and with no padding it is also faster and
#: smaller (benchmarks/judge_speed.py: p99 73 -> 60 ms, 232 -> 187 MB peak, against 8 a call).
BATCH = 1

NEITHER, MAKES, OPPOSITE = 0, 1, 2


class ModelUnavailable(RuntimeError):
    """A model file or its runtime is missing; the message says which."""


class _OnnxModel:
    """An ONNX BERT with its tokenizer; :meth:`_run` is thread-safe."""

    def __init__(self, directory: Path, filename: str, threads: int):
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError as error:  # pragma: no cover - both are dependencies
            raise ModelUnavailable(f"the scorer's models need onnxruntime and tokenizers: {error}") from None
        model, vocabulary = directory / filename, directory / "tokenizer.json"
        for path in (model, vocabulary):
            if not path.is_file():
                raise ModelUnavailable(f"the scorer's model file {path} is missing")
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # Without the arena, memory taken for one large batch goes back afterwards (measured:
        # about 10 MB less resident, no slower); clubs host on small machines.
        options.enable_cpu_mem_arena = False
        self._session = onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self._tokenizer = Tokenizer.from_file(str(vocabulary))
        self._tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer.no_padding()
        # A Tokenizer is not documented as thread-safe; encoding is cheap beside inference.
        self._tokenizer_lock = threading.Lock()

    def _run(self, inputs: Sequence[str | tuple[str, str]], width: int) -> np.ndarray:
        """The model's output for each input, ``(len(inputs), width)``, in ``inputs``' order."""
        out = np.zeros((len(inputs), width), dtype=np.float32)
        if not inputs:
            return out
        with self._tokenizer_lock:
            encodings = self._tokenizer.encode_batch(list(inputs))
        # Similar lengths batched together: less padding, less work.
        order = sorted(range(len(inputs)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), BATCH):
            chunk = order[start : start + BATCH]
            longest = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), longest), dtype=np.int64)
            types = np.zeros_like(ids)
            mask = np.zeros_like(ids)
            for row, i in enumerate(chunk):
                encoding = encodings[i]
                n = len(encoding.ids)
                ids[row, :n] = encoding.ids
                types[row, :n] = encoding.type_ids
                mask[row, :n] = 1
            (result,) = self._session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})
            out[chunk] = result
        return out


class Encoder(_OnnxModel):
    """Sentence embeddings (384 numbers, unit length)."""

    def __init__(self, directory: Path = RESOURCES / "encoder", threads: int = 1):
        super().__init__(directory, "encoder.onnx", threads)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        return self._run(texts, 384)


class Judge(_OnnxModel):
    """Probabilities of neither / makes / opposite for (text, reference) pairs."""

    def __init__(self, directory: Path = RESOURCES / "judge", threads: int = 1):
        super().__init__(directory, "judge.onnx", threads)

    def probabilities(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        logits = self._run(pairs, 3)
        logits -= logits.max(axis=1, keepdims=True)
        probabilities = np.exp(logits)
        return probabilities / probabilities.sum(axis=1, keepdims=True)


@functools.lru_cache(maxsize=4)
def shared_models(threads: int = 1) -> tuple[Encoder, Judge]:
    """The encoder and judge, loaded once per process: they are read-only and thread-safe,
    and every scorer (each bot, each test) can share them."""
    return Encoder(threads=threads), Judge(threads=threads)
