"""Writes parity fixtures: a few input tensors and the PyTorch module's logits for the exported model.

    /usr/bin/python3 models/python/parity.py [--model-dir models/ecg-smart-net] \\
        [--out tests/EcgBridge.Inference.Tests/TestData/parity] [--checkpoint file.pt]

The logits come from ``ECGSMARTNET`` itself (the reference form, BatchNorm unfolded), not from the exported graph, so the
C# test checks the whole chain: ONNX export and ONNX Runtime. To keep the fixtures small, inputs are quantized to a
1/2048 mV grid and stored as little-endian int16 (<name>.i16, 1 x 1 x 12 x 5000, value = int16 * scale); every grid value
is exact in float32, so both sides see the same input. The manifest's sha256 is recorded so a stale fixture is detected.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ecg_smart_net import ExportForm, synthetic_batch  # noqa: E402
from export import SEED, load_checkpoint  # noqa: E402
from ecg_smart_net import seeded_model  # noqa: E402


SCALE_INVERSE = 2048.0


def fixtures() -> dict[str, torch.Tensor]:
    """Three inputs: two ECG-like signals and one with a baseline step and a large artefact (wider logit range)."""
    ecg = synthetic_batch(2, 424242)
    generator = torch.Generator().manual_seed(99)
    artefact = synthetic_batch(1, 777)
    artefact[0, 0, :, 2500:] += 0.8
    artefact[0, 0, 3, 1000:1100] += 3.0 * torch.randn(100, generator=generator)
    return {"ecg-a": ecg[0:1], "ecg-b": ecg[1:2], "artefact": artefact}


def main(argv: list[str] | None = None) -> int:
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model-dir", default=os.path.join(root, "models", "ecg-smart-net"))
    parser.add_argument("--out", default=os.path.join(root, "tests", "EcgBridge.Inference.Tests", "TestData", "parity"))
    parser.add_argument("--checkpoint", help="the checkpoint model.onnx was exported from; omit for the seeded weights")
    args = parser.parse_args(argv)

    model = load_checkpoint(args.checkpoint) if args.checkpoint else seeded_model(SEED)
    folded = ExportForm(model).eval()
    with open(os.path.join(args.model_dir, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)

    os.makedirs(args.out, exist_ok=True)
    cases = []
    with torch.no_grad():
        for name, tensor in fixtures().items():
            quantized = torch.clamp(torch.round(tensor * SCALE_INVERSE), -32768, 32767)
            tensor = quantized / SCALE_INVERSE
            logits = model(tensor)[0]
            folded_logits = folded(tensor)[0]
            quantized.numpy().astype("<i2").tofile(os.path.join(args.out, f"{name}.i16"))
            cases.append({
                "name": name,
                "file": f"{name}.i16",
                "scale": 1.0 / SCALE_INVERSE,
                "shape": list(tensor.shape),
                "logits": [float(v) for v in logits],
                "probability": float(torch.softmax(logits.double(), 0)[1]),
                "foldedMaxAbsDiff": float((logits - folded_logits).abs().max()),
            })
    out = {
        "model": manifest["name"],
        "version": manifest["version"],
        "sha256": manifest["sha256"],
        "source": "PyTorch ECGSMARTNET (reference form), torch " + torch.__version__,
        "tolerance": 1e-4,
        "cases": cases,
    }
    with open(os.path.join(args.out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2)
        f.write("\n")
    print(json.dumps({c["name"]: c["logits"] for c in cases}))
    return 0


if __name__ == "__main__":
    np.set_printoptions(precision=6)
    sys.exit(main())
