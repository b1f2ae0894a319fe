"""Reads simulator output for training and evaluation, and draws ECG sheets of it.

The simulator (``ecgbridge simulate --format tensor``) writes one ``<name>.f32`` per ECG -- 12 x 5000 little-endian
float32, lead-major, already normalized by EcgBridge.Core's EcgNormalizer (preprocessing v1) -- and a ``labels.csv``
(file,label,territory,severity,finding). Python never re-implements normalization: what the model trains on is exactly
what the C# path feeds it.

    /usr/bin/python3 models/python/data.py summary <dir>
    /usr/bin/python3 models/python/data.py plot <dir> <out.png> <index,index,...>
"""

from __future__ import annotations

import csv
import os
import sys

import numpy as np

LEADS = 12
SAMPLES = 5000
LEAD_NAMES = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"]


def read_labels(directory: str) -> list[dict]:
    with open(os.path.join(directory, "labels.csv"), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_tensor(path: str) -> np.ndarray:
    data = np.fromfile(path, dtype="<f4")
    if data.size != LEADS * SAMPLES:
        raise ValueError(f"{path}: expected {LEADS * SAMPLES} float32 values, found {data.size}")
    return data.reshape(LEADS, SAMPLES)


def load(directory: str) -> tuple[np.ndarray, np.ndarray, list[dict]]:
    """All tensors of a directory as float32 [N, 12, 5000], labels as int64 [N], and the labels.csv rows."""
    rows = read_labels(directory)
    x = np.empty((len(rows), LEADS, SAMPLES), dtype=np.float32)
    for i, row in enumerate(rows):
        x[i] = read_tensor(os.path.join(directory, row["file"]))
    y = np.array([int(row["label"]) for row in rows], dtype=np.int64)
    return x, y, rows


def roc_auc(labels: np.ndarray, scores: np.ndarray) -> float:
    """Area under the ROC curve as the Mann-Whitney statistic (ties count one half)."""
    labels = np.asarray(labels)
    scores = np.asarray(scores, dtype=np.float64)
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores), dtype=np.float64)
    sorted_scores = scores[order]
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2.0 + 1.0
        i = j + 1
    positives = labels == 1
    n_pos = int(positives.sum())
    n_neg = len(labels) - n_pos
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    return float((ranks[positives].sum() - n_pos * (n_pos + 1) / 2.0) / (n_pos * n_neg))


def plot(directory: str, out_path: str, indices: list[int], seconds: float = 10.0) -> None:
    """Draws each chosen ECG as a 4 x 3 sheet (2.5 s per column, 25 mm/s-like grid) with PIL; no matplotlib needed."""
    from PIL import Image, ImageDraw

    rows = read_labels(directory)
    px_per_s, px_per_mv, row_h = 100, 40, 80
    col_s = seconds / 4
    col_w = int(col_s * px_per_s) + 20
    width = 4 * col_w + 20
    sheet_h = 3 * row_h + 30
    image = Image.new("RGB", (width, sheet_h * len(indices)), "white")
    draw = ImageDraw.Draw(image)
    for k, index in enumerate(indices):
        row = rows[index]
        x = read_tensor(os.path.join(directory, row["file"]))
        top = k * sheet_h
        for gx in range(0, width, 20):  # 0.2 s
            draw.line([(gx, top + 20), (gx, top + sheet_h)], fill=(255, 215, 215))
        for gy in range(top + 20, top + sheet_h, 20):  # 0.5 mV
            draw.line([(0, gy), (width, gy)], fill=(255, 215, 215))
        draw.text((5, top + 4), f"{row['file']}: {row['finding']}  territory={row['territory']}  "
                                f"severity={row['severity']}   (grid 0.2 s x 0.5 mV)", fill="black")
        n = int(col_s * 500)
        for column in range(4):
            for r in range(3):
                lead = column * 3 + r
                base = top + 20 + row_h // 2 + r * row_h
                segment = x[lead, column * n:(column + 1) * n]
                xs = 10 + column * col_w + np.arange(n) * px_per_s / 500.0
                ys = base - segment * px_per_mv
                draw.line(list(zip(xs.tolist(), ys.tolist())), fill="black", width=1)
                draw.text((12 + column * col_w, base - row_h // 2 + 2), LEAD_NAMES[lead], fill="blue")
    image.save(out_path)


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "summary":
        rows = read_labels(argv[1])
        findings: dict[str, int] = {}
        for row in rows:
            findings[row["finding"]] = findings.get(row["finding"], 0) + 1
        print({"count": len(rows), "omi": sum(int(r["label"]) for r in rows), "findings": findings})
        return 0
    if len(argv) == 4 and argv[0] == "plot":
        plot(argv[1], argv[2], [int(i) for i in argv[3].split(",")])
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
