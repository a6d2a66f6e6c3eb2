"""Turn trained judge weights into the file the bot runs: ONNX, int8.

    python training/export_onnx.py --base MODEL_DIR --trained build/judge/trained.safetensors \\
        --out bot/resources/judge

``--trained`` is what train_judge.py writes (every weight but the word
embeddings, in half precision); the word embeddings come from ``--base``.
Writes ``judge.onnx`` (dynamic int8 quantisation of the linear layers, which
is what makes it small and fast on a CPU) and ``tokenizer.json``.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from safetensors.torch import load_file
from transformers import BertConfig, BertForSequenceClassification


def load_judge(base: Path, trained: Path) -> BertForSequenceClassification:
    weights = load_file(trained)
    layers = 1 + max(int(k.split(".")[3]) for k in weights if k.startswith("bert.encoder.layer."))
    config = BertConfig.from_pretrained(base)
    config.num_hidden_layers = layers
    config.num_labels = 3
    model = BertForSequenceClassification.from_pretrained(base, config=config, dtype=torch.float32)
    missing, unexpected = model.load_state_dict({k: v.float() for k, v in weights.items()}, strict=False)
    if unexpected or any("word_embeddings" not in k for k in missing):
        raise SystemExit(f"weights do not fit: missing {missing}, unexpected {unexpected}")
    return model.eval()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--trained", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--per-channel", action="store_true", help="a scale per output channel (closer to float)")
    args = parser.parse_args()

    model = load_judge(args.base, args.trained)
    args.out.mkdir(parents=True, exist_ok=True)
    sample = {
        "input_ids": torch.ones((2, 16), dtype=torch.int64),
        "attention_mask": torch.ones((2, 16), dtype=torch.int64),
        "token_type_ids": torch.zeros((2, 16), dtype=torch.int64),
    }
    dynamic = {name: {0: "batch", 1: "tokens"} for name in sample}
    with tempfile.TemporaryDirectory() as scratch:
        plain = Path(scratch) / "judge-fp32.onnx"
        torch.onnx.export(
            model,
            (),
            str(plain),
            kwargs=sample,
            input_names=list(sample),
            output_names=["logits"],
            dynamic_axes={**dynamic, "logits": {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )
        quantize_dynamic(
            str(plain), str(args.out / "judge.onnx"), weight_type=QuantType.QInt8, per_channel=args.per_channel
        )
    shutil.copy(args.base / "tokenizer.json", args.out / "tokenizer.json")
    print(f"wrote {args.out / 'judge.onnx'} ({(args.out / 'judge.onnx').stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
