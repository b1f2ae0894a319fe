"""Times PyTorch eager inference of ECG-SMART-NET (the reference module) per ECG at batch 1 and batch 8.

    nice -n 10 /usr/bin/python3 models/python/bench.py [--threads 2] [--repeats 5] [--checkpoint file.pt] [--json out.json]

Same weights as the shipped seeded model, same input as the C# benchmark (zero-mean random mV values, seed 1).
Reports the median and minimum ms per ECG over the repeats, after two warm-up runs per batch size.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ecg_smart_net import seeded_model  # noqa: E402
from export import SEED, load_checkpoint  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--batches", default="1,8")
    parser.add_argument("--checkpoint")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args(argv)

    torch.set_num_threads(args.threads)
    model = load_checkpoint(args.checkpoint) if args.checkpoint else seeded_model(SEED)
    model.eval()
    generator = torch.Generator().manual_seed(1)
    results = {"torch": torch.__version__, "threads": torch.get_num_threads(), "machine": platform.processor() or
               platform.machine(), "cpus": os.cpu_count(), "batches": {}}
    with torch.inference_mode():
        for batch in (int(b) for b in args.batches.split(",")):
            x = torch.rand(batch, 1, 12, 5000, generator=generator) - 0.5
            for _ in range(2):
                model(x)
            per_ecg = []
            for _ in range(args.repeats):
                start = time.perf_counter()
                model(x)
                per_ecg.append((time.perf_counter() - start) * 1000.0 / batch)
            per_ecg.sort()
            results["batches"][str(batch)] = {"medianMsPerEcg": round(per_ecg[len(per_ecg) // 2], 1),
                                              "minMsPerEcg": round(per_ecg[0], 1), "repeats": args.repeats}
            print(f"pytorch eager, {torch.get_num_threads()} threads, batch {batch}: "
                  f"median {per_ecg[len(per_ecg) // 2]:.1f} ms/ECG, min {per_ecg[0]:.1f} ms/ECG", flush=True)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(results, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
