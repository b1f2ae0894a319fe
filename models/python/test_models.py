"""Writes tiny ONNX models for EcgBridge.Inference.Tests (refusal paths), a few KB each.

    /usr/bin/python3 models/python/test_models.py [--out tests/EcgBridge.Inference.Tests/TestData/models]

wrong-input/: a model whose input is N x 12 x 5000 (no channel axis) behind a manifest that declares N x 1 x 12 x 5000;
the scorer must refuse it at start-up (MODEL-INPUT-SHAPE-MISMATCH).
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from export import PREPROCESSING, THRESHOLDS, sha256_of  # noqa: E402
from ecg_smart_net import LEAD_ORDER  # noqa: E402


class LeadMeans(nn.Module):
    """Per-lead mean, then a fixed linear map to two logits."""

    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(12, 2)
        with torch.no_grad():
            self.fc.weight.copy_(torch.linspace(-1, 1, 24).reshape(2, 12))
            self.fc.bias.zero_()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(x.mean(dim=-1))


def write(out_dir: str, input_shape: list[int]) -> None:
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "model.onnx")
    torch.onnx.export(LeadMeans().eval(), torch.zeros(*[1 if d < 0 else d for d in input_shape]), path,
                      input_names=["ecg"], output_names=["logits"],
                      dynamic_axes={"ecg": {0: "N"}, "logits": {0: "N"}}, opset_version=17)
    manifest = {
        "name": "test-wrong-input", "version": "0.0.0-test", "sha256": sha256_of(path), "opset": 17,
        "input": {"name": "ecg", "shape": [-1, 1, 12, 5000], "elementType": "float32"},
        "output": {"name": "logits", "shape": [-1, 2], "elementType": "float32", "positiveClassIndex": 1},
        "leadOrder": LEAD_ORDER, "sampleRateHz": 500, "preprocessing": PREPROCESSING, "thresholds": THRESHOLDS,
        "intendedUse": "Test fixture only.", "trained": False, "notForClinicalUse": True,
    }
    with open(os.path.join(out_dir, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


def main() -> int:
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=os.path.join(root, "tests", "EcgBridge.Inference.Tests", "TestData", "models"))
    args = parser.parse_args()
    write(os.path.join(args.out, "wrong-input"), [-1, 12, 5000])
    return 0


if __name__ == "__main__":
    sys.exit(main())
