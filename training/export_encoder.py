"""Export all-MiniLM-L6-v2, unchanged, as the bot's sentence encoder: ONNX, int8.

    python training/export_encoder.py --base MODEL_DIR --out bot/resources/encoder

The encoder is the judge's prefilter: it embeds a rebuttal's sentences once and
picks, by cosine similarity, which counterarguments (and which of their
phrasings) the judge reads. The output is the mean of the last layer's token
vectors over the attention mask, L2-normalised, exactly as sentence-transformers
pools this model.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from transformers import BertModel


class MeanPooled(torch.nn.Module):
    def __init__(self, bert: BertModel):
        super().__init__()
        self.bert = bert

    def forward(self, input_ids, attention_mask, token_type_ids):
        hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids)[0]
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, dim=-1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()

    model = MeanPooled(BertModel.from_pretrained(args.base, dtype=torch.float32, add_pooling_layer=False)).eval()
    args.out.mkdir(parents=True, exist_ok=True)
    sample = tuple(torch.ones((2, 12), dtype=torch.int64) for _ in range(2)) + (
        torch.zeros((2, 12), dtype=torch.int64),
    )
    names = ["input_ids", "attention_mask", "token_type_ids"]
    with tempfile.TemporaryDirectory() as scratch:
        plain = Path(scratch) / "encoder-fp32.onnx"
        torch.onnx.export(
            model,
            sample,
            str(plain),
            input_names=names,
            output_names=["embedding"],
            dynamic_axes={**{n: {0: "batch", 1: "tokens"} for n in names}, "embedding": {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )
        quantize_dynamic(str(plain), str(args.out / "encoder.onnx"), weight_type=QuantType.QInt8)
    shutil.copy(args.base / "tokenizer.json", args.out / "tokenizer.json")
    print(f"wrote {args.out / 'encoder.onnx'} ({(args.out / 'encoder.onnx').stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
