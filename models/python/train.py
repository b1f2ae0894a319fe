"""Trains the exact ECG-SMART-NET (models/python/ecg_smart_net.py) on simulator output and exports the demo model.

The training set is synthetic (EcgBridge.Simulator, see docs/simulator.md): the weights are for demonstration and
integration testing, NOT for clinical use. Typical run on the 2-core development machine:

    dotnet run --project src/EcgBridge.Cli -- simulate --count 2400 --omi-fraction 0.5 --seed 1001 \\
        --format tensor --out /tmp/ecg-train
    dotnet run --project src/EcgBridge.Cli -- simulate --count 200 --omi-fraction 0.5 --seed 2002 \\
        --format tensor --out /tmp/ecg-val
    nice -n 19 /usr/bin/python3 models/python/train.py --train /tmp/ecg-train --val /tmp/ecg-val \\
        --budget-minutes 35 --export models/ecg-smart-net --version 0.1.0-demo-synthetic

Choices forced by the CPU budget (one forward pass of 12 x 5000 costs ~0.25 s on 2 cores):
- random 5 s crops (12 x 2500) during training; the network is convolutional in time with global average pooling,
  so it is applied unchanged to the full 10 s at inference (validation here and ONNX in production use 12 x 5000);
- a wall-clock budget with a cosine learning-rate schedule over the budget, so a slower machine trains fewer steps
  instead of overrunning; this makes the weights depend on machine speed (the log records the steps done).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shlex
import subprocess
import sys
import time

import numpy as np
import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from data import load, roc_auc  # noqa: E402
from ecg_smart_net import ECGSMARTNET, PARAMETER_COUNT, count_parameters  # noqa: E402

INTENDED_USE = ("DEMONSTRATION AND INTEGRATION TESTING ONLY. Trained on synthetic ECGs from the EcgBridge simulator "
                "(a 3-D dipole model with simulated occlusion-MI ST changes and mimics), not on patient data. Its "
                "outputs on real ECGs carry no clinical meaning. Not a medical device. Not for clinical use.")


def log(message: str) -> None:
    print(f"{datetime.datetime.now().strftime('%H:%M:%S')} {message}", flush=True)


def evaluate(model: nn.Module, x: np.ndarray, batch: int = 16) -> np.ndarray:
    """P(OMI) for each ECG on the full 12 x 5000 input."""
    model.eval()
    scores = []
    with torch.no_grad():
        for start in range(0, len(x), batch):
            inputs = torch.from_numpy(x[start:start + batch]).unsqueeze(1)
            scores.append(torch.softmax(model(inputs), dim=1)[:, 1].numpy())
    return np.concatenate(scores)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", required=True, help="directory written by simulate --format tensor")
    parser.add_argument("--val", help="validation directory (a different simulator seed)")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--crop", type=int, default=2500, help="training window in samples (<= 5000)")
    parser.add_argument("--budget-minutes", type=float, default=35.0, help="hard wall-clock limit of the training loop")
    parser.add_argument("--seed", type=int, default=20261123)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--checkpoint", default="/tmp/ecg-smart-net-demo.pt")
    parser.add_argument("--export", help="export directory (runs export.py), e.g. models/ecg-smart-net")
    parser.add_argument("--version", default="0.1.0-demo-synthetic")
    parser.add_argument("--name", default="ecg-smart-net", help="model name in the manifest (EcgBridge expects ecg-smart-net)")
    parser.add_argument("--data-command", default="", help="the simulate commands that wrote --train/--val (recorded)")
    args = parser.parse_args(argv)

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = np.random.default_rng(args.seed)

    x_train, y_train, _ = load(args.train)
    log(f"train: {len(y_train)} ECGs, {int(y_train.sum())} OMI")
    x_val = y_val = None
    if args.val:
        x_val, y_val, _ = load(args.val)
        log(f"val: {len(y_val)} ECGs, {int(y_val.sum())} OMI")

    model = ECGSMARTNET()
    assert count_parameters(model) == PARAMETER_COUNT
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = nn.CrossEntropyLoss()
    budget = args.budget_minutes * 60.0
    started = time.monotonic()
    steps = seen = 0
    stopped_by_budget = False
    losses: list[float] = []
    for epoch in range(args.epochs):
        # Balanced batches: the simulator writes exactly the requested OMI share (0.5), and a shuffle keeps it.
        order = rng.permutation(len(y_train))
        model.train()
        for start in range(0, len(order) - args.batch + 1, args.batch):
            elapsed = time.monotonic() - started
            if elapsed >= budget:
                stopped_by_budget = True
                break
            for group in optimizer.param_groups:
                group["lr"] = args.lr * 0.5 * (1.0 + np.cos(np.pi * min(elapsed / budget, 1.0)))
            index = order[start:start + args.batch]
            offsets = rng.integers(0, 5000 - args.crop + 1, size=len(index))
            batch = np.stack([x_train[i, :, o:o + args.crop] for i, o in zip(index, offsets)])
            batch *= rng.uniform(0.85, 1.15, size=(len(index), 1, 1)).astype(np.float32)
            inputs = torch.from_numpy(batch).unsqueeze(1)
            targets = torch.from_numpy(y_train[index])
            optimizer.zero_grad()
            loss = loss_fn(model(inputs), targets)
            loss.backward()
            optimizer.step()
            steps += 1
            seen += len(index)
            losses.append(float(loss))
            if steps % 10 == 0:
                log(f"epoch {epoch + 1} step {steps} seen {seen} loss(last 10) {np.mean(losses[-10:]):.4f} "
                    f"elapsed {elapsed / 60:.1f} min")
        if stopped_by_budget:
            log(f"budget reached in epoch {epoch + 1}")
            break
    train_seconds = time.monotonic() - started
    log(f"training done: {steps} steps, {seen} ECG crops, {train_seconds / 60:.1f} min")

    torch.save({"state_dict": model.state_dict()}, args.checkpoint)
    val_auc = None
    if x_val is not None:
        scores = evaluate(model, x_val)
        val_auc = roc_auc(y_val, scores)
        log(f"validation AUC {val_auc:.4f} on {len(y_val)} ECGs")

    provenance = {
        "kind": "trained-synthetic",
        "description": INTENDED_USE,
        "data": "EcgBridge.Simulator synthetic 12-lead ECGs, normalized by EcgNormalizer (preprocessing v1)",
        "dataCommand": args.data_command,
        "trainingCommand": f"nice -n {os.nice(0)} /usr/bin/python3 models/python/train.py " + shlex.join(argv or sys.argv[1:]),
        "trainEcgs": int(len(y_train)),
        "trainOmi": int(y_train.sum()),
        "validationEcgs": int(len(y_val)) if y_val is not None else 0,
        "validationAuc": round(val_auc, 4) if val_auc is not None else None,
        "torchSeed": args.seed,
        "epochsPlanned": args.epochs,
        "steps": steps,
        "ecgCropsSeen": seen,
        "batch": args.batch,
        "cropSamples": args.crop,
        "optimizer": f"Adam lr {args.lr} cosine over the wall-clock budget",
        "budgetMinutes": args.budget_minutes,
        "stoppedByBudget": stopped_by_budget,
        "trainingMinutes": round(train_seconds / 60, 1),
        "machine": f"{os.cpu_count()} CPU cores, torch {torch.__version__}, {args.threads} threads",
        "trainedAt": datetime.date.today().isoformat(),
    }
    log(json.dumps(provenance))
    if args.export:
        subprocess.run([sys.executable, os.path.join(HERE, "export.py"), "--checkpoint", args.checkpoint,
                        "--out", args.export, "--name", args.name, "--version", args.version,
                        "--training-note", INTENDED_USE], check=True)
        manifest_path = os.path.join(args.export, "manifest.json")
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
        manifest["training"] = {**manifest.get("training", {}), **provenance}
        manifest["intendedUse"] = INTENDED_USE
        manifest["notForClinicalUse"] = True
        manifest["trainedOn"] = "synthetic"
        with open(manifest_path, "w", encoding="utf-8") as f:
            json.dump(manifest, f, indent=2)
            f.write("\n")
        log(f"exported to {args.export}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
