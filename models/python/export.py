"""Exports ECG-SMART-NET to ONNX with the EcgBridge manifest (DESIGN.md "Model contract").

    /usr/bin/python3 models/python/export.py --checkpoint trained.pt --out models/ecg-smart-net \\
        --name ecg-smart-net --version 1.0.0

Without --checkpoint, deterministic seeded weights are exported and marked untrained / not for clinical use.
The checkpoint may be a plain state_dict of the reference ECGSMARTNET, or a dict holding one under "state_dict" or
"model_state_dict"; a "module." prefix (DataParallel) is stripped. It is loaded with strict=True.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import sys

import onnx
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ecg_smart_net import (  # noqa: E402
    ECGSMARTNET, ExportForm, LEAD_ORDER, LEADS, PARAMETER_COUNT, SAMPLES, count_parameters, seeded_model)

OPSET = 17
INPUT_NAME = "ecg"
OUTPUT_NAME = "logits"
SEED = 20240515

# Preprocessing v1, property names as in EcgBridge.Core PreprocessingOptions / QualityGateOptions (camelCase).
PREPROCESSING = {
    "version": "v1",
    "sampleRateHz": 500,
    "windowSamples": SAMPLES,
    "minimumSeconds": 10.0,
    "highPassCutoffHz": 0.5,
    "highPassOrder": 2,
    "notchHz": None,
    "notchQuality": 30.0,
    "scale": 1.0,
    "quality": {
        "flatPeakToPeakMillivolts": 0.02,
        "maxAbsMillivolts": 10.0,
        "saturationRunSeconds": 0.1,
        "flat": "reject",
        "saturation": "reject",
        "implausible": "reject",
        "invalidSamples": "reject",
        "duplicate": "reject",
    },
}

# Property names as in EcgBridge.Core RiskThresholds.
THRESHOLDS = {"low": 0.05, "moderate": 0.2, "high": 0.5, "positive": 0.5}


def load_checkpoint(path: str) -> ECGSMARTNET:
    state = torch.load(path, map_location="cpu")
    if isinstance(state, ECGSMARTNET) or isinstance(state, torch.nn.Module):
        state = state.state_dict()
    for key in ("state_dict", "model_state_dict", "model"):
        if isinstance(state, dict) and key in state and isinstance(state[key], dict):
            state = state[key]
            break
    state = {k[len("module."):] if k.startswith("module.") else k: v for k, v in state.items()}
    model = ECGSMARTNET()
    model.load_state_dict(state, strict=True)
    return model.eval()


def sha256_of(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def export(model: ECGSMARTNET, out_dir: str, name: str, version: str, trained: bool, provenance: dict,
           form: str = "module", intended_use: str | None = None) -> dict:
    """Writes model.onnx and manifest.json into out_dir and returns the manifest."""
    assert count_parameters(model) == PARAMETER_COUNT, count_parameters(model)
    model = model.eval()
    graph = ExportForm(model).eval() if form == "leads-in-batch" else model
    os.makedirs(out_dir, exist_ok=True)
    onnx_path = os.path.join(out_dir, "model.onnx")
    dummy = torch.zeros(1, 1, LEADS, SAMPLES)
    with torch.no_grad():
        torch.onnx.export(graph, dummy, onnx_path, input_names=[INPUT_NAME], output_names=[OUTPUT_NAME],
                          dynamic_axes={INPUT_NAME: {0: "N"}, OUTPUT_NAME: {0: "N"}}, opset_version=OPSET,
                          do_constant_folding=True)

    proto = onnx.load(onnx_path)
    proto.producer_name = "EcgBridge models/python/export.py"
    proto.doc_string = "ECG-SMART-NET (arXiv 2405.09567). Not for clinical use." if not trained else \
        "ECG-SMART-NET (arXiv 2405.09567)."
    del proto.metadata_props[:]
    for key, value in (("name", name), ("version", version), ("lead_order", ",".join(LEAD_ORDER)),
                       ("sample_rate_hz", "500"), ("preprocessing_version", PREPROCESSING["version"]),
                       ("graph_form", form), ("not_for_clinical_use", "true")):
        entry = proto.metadata_props.add()
        entry.key, entry.value = key, value
    onnx.checker.check_model(proto)
    onnx.save(proto, onnx_path)

    if intended_use is None:
        intended_use = ("Research and integration testing of ECG AI middleware: estimates the probability of an "
                        "occlusion myocardial infarction (OMI) from a 10 s 12-lead ECG. Not a medical device. "
                        "Not for clinical use.")
    manifest = {
        "name": name,
        "version": version,
        "sha256": sha256_of(onnx_path),
        "architecture": "ECG-SMART-NET (arXiv 2405.09567)",
        "parameterCount": PARAMETER_COUNT,
        "opset": OPSET,
        "graphForm": form,
        "input": {"name": INPUT_NAME, "shape": [-1, 1, LEADS, SAMPLES], "elementType": "float32",
                  "layout": "N x 1 x lead x sample, mV after preprocessing"},
        "leadOrder": LEAD_ORDER,
        "sampleRateHz": 500,
        "preprocessing": PREPROCESSING,
        "output": {"name": OUTPUT_NAME, "shape": [-1, 2], "elementType": "float32",
                   "meaning": "2 logits; softmax, class 1 = occlusion myocardial infarction (OMI)",
                   "positiveClassIndex": 1},
        "thresholds": THRESHOLDS,
        "intendedUse": intended_use,
        "trained": trained,
        # Every model this repository ships is a demo; a site flips this only after its own validation.
        "notForClinicalUse": True,
        "shadow": False,
        "training": provenance,
        "exportedWith": {"torch": torch.__version__, "onnx": onnx.__version__},
    }
    with open(os.path.join(out_dir, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    return manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--checkpoint", help="state_dict of the reference ECGSMARTNET (.pt); omit for seeded weights")
    parser.add_argument("--out", required=True, help="output directory (model.onnx + manifest.json)")
    parser.add_argument("--name", default="ecg-smart-net")
    parser.add_argument("--version", default=None)
    parser.add_argument("--form", choices=["module", "leads-in-batch"], default="module",
                        help="module: the Conv2d graph as written (ONNX Runtime fuses BatchNorm and uses its blocked "
                             "NCHWc convolutions; fastest here, see docs/parts/benchmarks-inference.md); "
                             "leads-in-batch: Conv1d trunk with the 12 leads folded into the batch, BatchNorm folded")
    parser.add_argument("--training-note", default=None, help="free text recorded under training.description")
    args = parser.parse_args(argv)

    torch.manual_seed(SEED)
    if args.checkpoint:
        model = load_checkpoint(args.checkpoint)
        provenance = {"kind": "checkpoint", "checkpoint": os.path.basename(args.checkpoint),
                      "checkpointSha256": sha256_of(args.checkpoint),
                      "description": args.training_note or "Checkpoint of the reference ECGSMARTNET code.",
                      "exportedAt": datetime.date.today().isoformat()}
        version = args.version or "1.0.0"
        trained = True
    else:
        model = seeded_model(SEED)
        provenance = {"kind": "seeded", "seed": SEED,
                      "description": args.training_note or (
                          "Untrained: deterministic seeded weights with BatchNorm statistics estimated on a seeded "
                          "synthetic batch. Outputs carry no clinical meaning.")}
        version = args.version or "0.0.0-seeded"
        trained = False
    manifest = export(model, args.out, args.name, version, trained, provenance, args.form)
    print(json.dumps({"out": args.out, "sha256": manifest["sha256"], "version": manifest["version"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
