"""Statically quantizes an exported ECG-SMART-NET ONNX model to int8 in QDQ form (DESIGN.md "Model contract").

    /usr/bin/python3 models/python/quantize.py --model models/ecg-smart-net --calibration /tmp/calib \\
        --out models/ecg-smart-net-int8 --version 0.1.0-demo-synthetic-int8

--calibration is a folder written by ``ecgbridge simulate --format tensor`` (simulator ECGs already normalized by the C#
EcgNormalizer, so calibration sees exactly what the service feeds the model).

What it produces (the form ONNX Runtime's own static quantizer writes, built here with the onnx package because Python
onnxruntime is not installable on the build machine):
- every Conv weight int8, symmetric, per output channel (zero point 0), behind a DequantizeLinear with axis 0;
- every Conv bias int32 with scale = input scale x weight scale of its channel (zero point 0);
- every activation a QuantizeLinear -> DequantizeLinear pair, uint8, scale and zero point from the calibration range;
  a Relu that follows a Conv or an Add is folded into the Q of its producer (range [0, max], zero point 0: uint8
  saturation at 0 *is* the Relu), so Conv -> Q and Add -> Q are fused by ONNX Runtime into QLinearConv / QLinearAdd
  (integer kernels, VNNI on this CPU) and MaxPool runs on uint8 between equal Q/DQ parameters;
- the head (GlobalAveragePool, Flatten, Gemm: 1,026 parameters, < 0.01 % of the FLOPs) stays float32.

Activation ranges are taken by a small interpreter of the exported graph's seven operator types in PyTorch
(the graph is the fp32 model.onnx itself, so calibration cannot drift from what is shipped); each range is the
--percentile of the absolute values seen over the calibration set (100 = plain min/max).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import sys

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from data import load  # noqa: E402
from export import sha256_of  # noqa: E402


def attributes(node: onnx.NodeProto) -> dict:
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def pad_torch(x: torch.Tensor, pads: list[int], value: float) -> tuple[torch.Tensor, tuple[int, int]]:
    """ONNX pads [h_begin, w_begin, h_end, w_end]: symmetric pads go to the op, asymmetric ones are applied here."""
    if not pads:
        return x, (0, 0)
    hb, wb, he, we = pads
    if hb == he and wb == we:
        return x, (hb, wb)
    return F.pad(x, (wb, we, hb, he), value=value), (0, 0)


def run_graph(model: onnx.ModelProto, x: torch.Tensor, observe) -> torch.Tensor:
    """Evaluates the fp32 graph (Conv, Relu, Add, MaxPool, GlobalAveragePool, Flatten, Gemm)."""
    weights = {i.name: torch.from_numpy(numpy_helper.to_array(i).astype(np.float32)) for i in model.graph.initializer}
    values = {model.graph.input[0].name: x}
    observe(model.graph.input[0].name, x)
    for node in model.graph.node:
        a = attributes(node)
        get = lambda i: values[node.input[i]] if node.input[i] in values else weights[node.input[i]]  # noqa: E731
        if node.op_type == "Conv":
            inp, padding = pad_torch(get(0), list(a.get("pads", [])), 0.0)
            bias = get(2) if len(node.input) > 2 and node.input[2] else None
            y = F.conv2d(inp, get(1), bias, stride=tuple(a.get("strides", [1, 1])), padding=padding,
                         dilation=tuple(a.get("dilations", [1, 1])), groups=a.get("group", 1))
        elif node.op_type == "Relu":
            y = torch.relu(get(0))
        elif node.op_type == "Add":
            y = get(0) + get(1)
        elif node.op_type == "MaxPool":
            inp, padding = pad_torch(get(0), list(a.get("pads", [])), float("-inf"))
            y = F.max_pool2d(inp, tuple(a["kernel_shape"]), stride=tuple(a.get("strides", a["kernel_shape"])),
                             padding=padding)
        elif node.op_type == "GlobalAveragePool":
            y = get(0).mean(dim=(2, 3), keepdim=True)
        elif node.op_type == "Flatten":
            y = torch.flatten(get(0), a.get("axis", 1))
        elif node.op_type == "Gemm":
            b = get(1).t() if a.get("transB", 0) else get(1)
            y = a.get("alpha", 1.0) * (get(0) @ b) + a.get("beta", 1.0) * get(2)
        else:
            raise ValueError(f"operator {node.op_type} is not in ECG-SMART-NET's exported graph")
        values[node.output[0]] = y
        observe(node.output[0], y)
    return values[model.graph.output[0].name]


class Ranges:
    """Per tensor: the running min, max, and a sample of |x| for percentile ranges."""

    def __init__(self, percentile: float):
        self.percentile = percentile
        self.low: dict[str, float] = {}
        self.high: dict[str, float] = {}
        self.abs_quantiles: dict[str, list[float]] = {}

    def __call__(self, name: str, value: torch.Tensor) -> None:
        lo, hi = float(value.min()), float(value.max())
        self.low[name] = min(lo, self.low.get(name, lo))
        self.high[name] = max(hi, self.high.get(name, hi))
        if self.percentile < 100:
            flat = value.abs().flatten()
            k = max(1, int(round(flat.numel() * self.percentile / 100.0)))
            self.abs_quantiles.setdefault(name, []).append(float(flat.kthvalue(k).values))

    def range(self, name: str, nonnegative: bool) -> tuple[float, float]:
        lo, hi = self.low[name], self.high[name]
        if self.percentile < 100:
            # The mean of per-batch percentiles: robust to a single outlier ECG, as ORT's percentile calibrator is.
            bound = float(np.mean(self.abs_quantiles[name]))
            lo, hi = max(lo, -bound), min(hi, bound)
        if nonnegative:
            lo = 0.0
        return min(lo, 0.0), max(hi, 0.0)


def uint8_params(lo: float, hi: float) -> tuple[float, int]:
    scale = (hi - lo) / 255.0 if hi > lo else 1.0
    zero_point = int(np.clip(round(-lo / scale), 0, 255))
    return scale, zero_point


def quantize(model: onnx.ModelProto, ranges: Ranges, float_stem: bool) -> onnx.ModelProto:
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    consumers: dict[str, list[onnx.NodeProto]] = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)

    # Relus folded into their producer: producer output -> relu output name.
    folded: dict[str, str] = {}
    dropped: set[int] = set()
    for node in graph.node:
        if node.op_type == "Relu":
            producer = next((n for n in graph.node if node.input[0] in n.output), None)
            if producer is not None and producer.op_type in ("Conv", "Add") and len(consumers[node.input[0]]) == 1:
                folded[node.input[0]] = node.output[0]
                dropped.add(id(node))

    new_nodes: list[onnx.NodeProto] = []
    new_inits: list[TensorProto] = []
    act: dict[str, tuple[float, int]] = {}  # dequantized tensor name -> (scale, zero point)
    renamed: dict[str, str] = {}  # float tensor -> its QDQ output

    def qdq(name: str, out_name: str, nonnegative: bool, params: tuple[float, int] | None = None) -> str:
        """Q -> DQ of tensor `name` (float), calibrated on `out_name`'s range; returns the dequantized name."""
        scale, zp = params or uint8_params(*ranges.range(out_name, nonnegative))
        base = out_name.replace("/", "_").strip("_")
        s, z = base + "_scale", base + "_zero_point"
        new_inits.append(numpy_helper.from_array(np.array(scale, dtype=np.float32), s))
        new_inits.append(numpy_helper.from_array(np.array(zp, dtype=np.uint8), z))
        q, dq = base + "_quantized", out_name + "_DequantizeLinear_Output"
        new_nodes.append(helper.make_node("QuantizeLinear", [name, s, z], [q], name=base + "_QuantizeLinear"))
        new_nodes.append(helper.make_node("DequantizeLinear", [q, s, z], [dq], name=base + "_DequantizeLinear"))
        act[dq] = (float(np.float32(scale)), zp)
        renamed[out_name] = dq
        return dq

    head = {"GlobalAveragePool", "Flatten", "Gemm"}
    stem = next(n for n in graph.node if n.op_type == "Conv")
    if not float_stem:
        qdq(graph.input[0].name, graph.input[0].name, nonnegative=False)
    for node in graph.node:
        if id(node) in dropped:
            continue
        inputs = [renamed.get(i, i) for i in node.input]
        if node.op_type == "Conv" and not (float_stem and node is stem):
            x_scale, _ = act[inputs[0]]
            w = numpy_helper.to_array(inits[node.input[1]]).astype(np.float64)
            w_scale = np.maximum(np.abs(w).reshape(w.shape[0], -1).max(axis=1), 1e-12) / 127.0
            w_q = np.clip(np.round(w / w_scale.reshape(-1, 1, 1, 1)), -127, 127).astype(np.int8)
            wn = node.input[1]
            new_inits += [numpy_helper.from_array(w_q, wn + "_quantized"),
                          numpy_helper.from_array(w_scale.astype(np.float32), wn + "_scale"),
                          numpy_helper.from_array(np.zeros(w.shape[0], dtype=np.int8), wn + "_zero_point")]
            new_nodes.append(helper.make_node("DequantizeLinear", [wn + "_quantized", wn + "_scale", wn + "_zero_point"],
                                              [wn + "_DequantizeLinear_Output"], name=wn + "_DequantizeLinear", axis=0))
            inputs[1] = wn + "_DequantizeLinear_Output"
            if len(node.input) > 2 and node.input[2]:
                bn = node.input[2]
                b = numpy_helper.to_array(inits[bn]).astype(np.float64)
                b_scale = (np.float32(x_scale) * w_scale.astype(np.float32)).astype(np.float32)
                b_q = np.round(b / b_scale).astype(np.int32)
                new_inits += [numpy_helper.from_array(b_q, bn + "_quantized"),
                              numpy_helper.from_array(b_scale, bn + "_scale"),
                              numpy_helper.from_array(np.zeros(w.shape[0], dtype=np.int32), bn + "_zero_point")]
                new_nodes.append(helper.make_node("DequantizeLinear", [bn + "_quantized", bn + "_scale", bn + "_zero_point"],
                                                  [bn + "_DequantizeLinear_Output"], name=bn + "_DequantizeLinear", axis=0))
                inputs[2] = bn + "_DequantizeLinear_Output"
        out = node.output[0]
        new_nodes.append(helper.make_node(node.op_type, inputs, [out], name=node.name, **attributes(node)))
        if node.op_type in ("Conv", "Add"):
            relu = folded.get(out)
            dq = qdq(out, relu or out, nonnegative=relu is not None)
            if relu:
                renamed[relu] = dq
        elif node.op_type == "MaxPool":
            # Same scale and zero point as its input: ONNX Runtime then runs it on uint8 and drops the pair.
            qdq(out, out, nonnegative=False, params=act[inputs[0]])
        elif node.op_type not in head and node.op_type != "Relu":
            raise ValueError(f"no quantization rule for {node.op_type}")

    replaced = {name for n in graph.node if n.op_type == "Conv" and not (float_stem and n is stem)
                for name in n.input[1:] if name}
    kept = [i for i in graph.initializer if i.name not in replaced]
    graph.ClearField("node")
    graph.node.extend(new_nodes)
    graph.ClearField("initializer")
    graph.initializer.extend(kept + new_inits)
    graph.ClearField("value_info")
    return model


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", required=True, help="fp32 model folder (model.onnx + manifest.json)")
    parser.add_argument("--calibration", required=True, help="ecgbridge simulate --format tensor folder")
    parser.add_argument("--out", required=True)
    parser.add_argument("--name", default="ecg-smart-net-int8")
    parser.add_argument("--version", required=True)
    parser.add_argument("--percentile", type=float, default=99.999)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--quantize-stem", action="store_true",
                        help="also quantize the input and the first Conv (by default they stay float32: the ECG in uint8 "
                             "steps of ~1/256 of its range loses ST-segment detail, and the stem is < 0.2 %% of the FLOPs)")
    parser.add_argument("--calibration-command", default=None, help="recorded in the manifest")
    args = parser.parse_args()

    torch.set_num_threads(2)
    source = onnx.load(os.path.join(args.model, "model.onnx"))
    with open(os.path.join(args.model, "manifest.json"), encoding="utf-8") as f:
        manifest = json.load(f)
    x, y, rows = load(args.calibration)
    ranges = Ranges(args.percentile)
    with torch.no_grad():
        for i in range(0, len(x), args.batch):
            run_graph(source, torch.from_numpy(x[i:i + args.batch]).unsqueeze(1), ranges)

    quantized = quantize(onnx.load(os.path.join(args.model, "model.onnx")), ranges, float_stem=not args.quantize_stem)
    quantized.producer_name = "ecgbridge models/python/quantize.py"
    onnx.checker.check_model(quantized)
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "model.onnx")
    onnx.save(quantized, path)

    source_sha, source_name, source_version = manifest["sha256"], manifest["name"], manifest["version"]
    manifest["name"] = args.name
    manifest["version"] = args.version
    manifest["sha256"] = sha256_of(path)
    manifest["graphForm"] = "qdq-int8"
    manifest["quantization"] = {
        "kind": "static QDQ",
        "weights": "int8, symmetric, per output channel (Conv)",
        "activations": "uint8, asymmetric, per tensor; Relu folded into its producer's QuantizeLinear",
        "bias": "int32, scale = input scale x weight scale",
        "floatOperators": (["GlobalAveragePool", "Flatten", "Gemm"] if args.quantize_stem
                           else ["the first Conv (stem)", "GlobalAveragePool", "Flatten", "Gemm"]),
        "calibration": {
            "ecgs": int(len(x)),
            "omi": int(y.sum()),
            "method": "min/max" if args.percentile >= 100 else f"percentile {args.percentile} of |x| per batch of {args.batch}, averaged",
            "command": args.calibration_command,
        },
        "sourceModel": {"name": source_name, "version": source_version, "sha256": source_sha},
        "tool": "models/python/quantize.py",
        "quantizedAt": datetime.date.today().isoformat(),
    }
    manifest["exportedWith"] = {"torch": torch.__version__, "onnx": onnx.__version__}
    with open(os.path.join(args.out, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print(json.dumps({"out": path, "sha256": manifest["sha256"], "bytes": os.path.getsize(path),
                      "nodes": len(quantized.graph.node)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
