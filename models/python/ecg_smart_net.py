"""ECG-SMART-NET (arXiv 2405.09567) in PyTorch.

The parameter names mirror the reference implementation's ``ECGSMARTNET`` module (conv1, bn1, layer1-layer4 -> blocks
0/1 -> conv1, bn1, conv2, bn2, shortcut.0, shortcut.1; conv2, bn2, fc), so a checkpoint trained with the reference code
loads with ``strict=True``.

Input: N x 1 x 12 x 5000 (leads as height, 10 s at 500 Hz as width), mV after EcgBridge preprocessing v1.
Output: N x 2 logits; softmax class 1 = occlusion myocardial infarction (OMI).

``ExportForm`` is the same function rewritten for inference only: BatchNorm folded into the convolutions and the
temporal trunk (all 1 x k convolutions) run as Conv1d with the 12 leads folded into the batch. export.py writes it with
``--form leads-in-batch``; measured on ONNX Runtime 1.31 (2 cores, AVX-512) it is slower than the Conv2d graph as
written, which ONNX Runtime runs with its blocked NCHWc convolutions, so the default export is the module itself.
"""

from __future__ import annotations

import torch
from torch import nn

PARAMETER_COUNT = 6_991_682
LEAD_ORDER = ["I", "II", "III", "aVR", "aVL", "aVF", "V1", "V2", "V3", "V4", "V5", "V6"]
LEADS = 12
SAMPLES = 5000


class ResidualBlock2D(nn.Module):
    """Two (1, k) convolutions with BatchNorm and an identity or 1 x 1 projection shortcut."""

    def __init__(self, in_channels: int, out_channels: int, stride: int = 1, kernel: int = 3):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, kernel_size=(1, kernel), stride=(1, stride),
                               padding=(0, kernel // 2), bias=False)
        self.bn1 = nn.BatchNorm2d(out_channels)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(out_channels, out_channels, kernel_size=(1, kernel), stride=(1, 1),
                               padding=(0, kernel // 2), bias=False)
        self.bn2 = nn.BatchNorm2d(out_channels)
        self.shortcut = nn.Sequential()
        if stride != 1 or in_channels != out_channels:
            self.shortcut = nn.Sequential(
                nn.Conv2d(in_channels, out_channels, kernel_size=(1, 1), stride=(1, stride), bias=False),
                nn.BatchNorm2d(out_channels),
            )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        out = out + self.shortcut(x)
        return self.relu(out)


class ECGSMARTNET(nn.Module):
    """ECG-SMART-NET: a temporal ResNet-18 trunk per lead, then a (12, 1) spatial convolution across leads."""

    def __init__(self, num_classes: int = 2, kernel: int = 7, kernel1: int = 3, num_leads: int = LEADS,
                 dropout: bool = False):
        super().__init__()
        self.in_channels = 64
        self.conv1 = nn.Conv2d(1, 64, kernel_size=(1, kernel), stride=(1, 2), padding=(0, kernel // 2), bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(kernel_size=(1, 3), stride=(1, 2), padding=(0, 1))
        self.layer1 = self._make_layer(64, 2, stride=1, kernel=kernel1)
        self.layer2 = self._make_layer(128, 2, stride=2, kernel=kernel1)
        self.layer3 = self._make_layer(256, 2, stride=2, kernel=kernel1)
        self.layer4 = self._make_layer(512, 2, stride=2, kernel=kernel1)
        self.conv2 = nn.Conv2d(512, 512, kernel_size=(num_leads, 1), stride=(1, 1), padding=(0, 0), bias=False)
        self.bn2 = nn.BatchNorm2d(512)
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(512, num_classes)
        # Dropout has no parameters, so the state_dict is the same with or without it.
        self.dropout = dropout
        self.do = nn.Dropout(p=0.2)

    def _make_layer(self, out_channels: int, num_blocks: int, stride: int, kernel: int) -> nn.Sequential:
        layers = [ResidualBlock2D(self.in_channels, out_channels, stride, kernel)]
        self.in_channels = out_channels
        for _ in range(1, num_blocks):
            layers.append(ResidualBlock2D(out_channels, out_channels, 1, kernel))
        return nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        out = self.layer4(self.layer3(self.layer2(self.layer1(out))))
        out = self.relu(self.bn2(self.conv2(out)))
        out = torch.flatten(self.avgpool(out), 1)
        out = self.fc(out)
        if self.dropout:
            out = self.do(out)
        return out


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def synthetic_batch(count: int, seed: int) -> torch.Tensor:
    """Deterministic ECG-like input (sum of sinusoids at heart-rate harmonics plus noise, ~1 mV), N x 1 x 12 x 5000."""
    generator = torch.Generator().manual_seed(seed)
    t = torch.arange(SAMPLES, dtype=torch.float64) / 500.0
    out = torch.zeros(count, 1, LEADS, SAMPLES, dtype=torch.float64)
    for i in range(count):
        rate = 0.8 + 1.2 * torch.rand(1, generator=generator, dtype=torch.float64)
        for lead in range(LEADS):
            signal = torch.zeros(SAMPLES, dtype=torch.float64)
            for harmonic in range(1, 9):
                amplitude = 0.4 * torch.rand(1, generator=generator, dtype=torch.float64) / harmonic
                phase = 6.283185307179586 * torch.rand(1, generator=generator, dtype=torch.float64)
                signal += amplitude * torch.sin(6.283185307179586 * harmonic * rate * t + phase)
            signal += 0.02 * torch.randn(SAMPLES, generator=generator, dtype=torch.float64)
            out[i, 0, lead] = signal
    return out.float()


def seeded_model(seed: int = 20240515) -> ECGSMARTNET:
    """Deterministic untrained weights, for the pipeline only (not for clinical use).

    Convolutions get seeded He-normal weights; BatchNorm running statistics are then estimated from a seeded synthetic
    batch (cumulative average), so activations stay in range and the logits vary with the input instead of saturating.
    """
    generator = torch.Generator().manual_seed(seed)
    model = ECGSMARTNET()
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, nn.Conv2d):
                fan_in = module.in_channels * module.kernel_size[0] * module.kernel_size[1]
                module.weight.copy_(torch.randn(module.weight.shape, generator=generator) * (2.0 / fan_in) ** 0.5)
            elif isinstance(module, nn.BatchNorm2d):
                n = module.num_features
                module.weight.copy_(0.5 + 0.5 * torch.rand(n, generator=generator))
                module.bias.copy_(0.1 * torch.randn(n, generator=generator))
                module.momentum = None  # cumulative moving average over the calibration pass
            elif isinstance(module, nn.Linear):
                module.weight.copy_(torch.randn(module.weight.shape, generator=generator) * 0.1)
                module.bias.copy_(torch.tensor([0.5, -0.5]))
        model.train()
        model(synthetic_batch(4, seed + 1))
    for module in model.modules():
        if isinstance(module, nn.BatchNorm2d):
            module.momentum = 0.1
            module.num_batches_tracked.zero_()
    model.eval()
    return model


def _fold(conv_weight: torch.Tensor, bn: nn.BatchNorm2d) -> tuple[torch.Tensor, torch.Tensor]:
    """Folds an inference-mode BatchNorm into the preceding bias-free convolution; done in float64 then rounded."""
    scale = bn.weight.double() / torch.sqrt(bn.running_var.double() + bn.eps)
    shape = [-1] + [1] * (conv_weight.dim() - 1)
    weight = conv_weight.double() * scale.reshape(shape)
    bias = bn.bias.double() - bn.running_mean.double() * scale
    return weight.float(), bias.float()


def _conv1d(conv: nn.Conv2d, bn: nn.BatchNorm2d) -> nn.Conv1d:
    """A (1, k) Conv2d + BatchNorm as one Conv1d with bias."""
    weight, bias = _fold(conv.weight.detach(), bn)
    out = nn.Conv1d(conv.in_channels, conv.out_channels, kernel_size=conv.kernel_size[1], stride=conv.stride[1],
                    padding=conv.padding[1], bias=True)
    with torch.no_grad():
        out.weight.copy_(weight.squeeze(2))
        out.bias.copy_(bias)
    return out


class _Block1D(nn.Module):
    def __init__(self, block: ResidualBlock2D):
        super().__init__()
        self.conv1 = _conv1d(block.conv1, block.bn1)
        self.conv2 = _conv1d(block.conv2, block.bn2)
        self.shortcut = _conv1d(block.shortcut[0], block.shortcut[1]) if len(block.shortcut) > 0 else None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = self.conv2(torch.relu(self.conv1(x)))
        out = out + (self.shortcut(x) if self.shortcut is not None else x)
        return torch.relu(out)


class ExportForm(nn.Module):
    """Inference-only equivalent of ECGSMARTNET (same logits to float rounding) in the faster graph form.

    The (1, k) convolutions never mix leads, so N x 1 x 12 x T is reshaped to (N*12) x 1 x T and the trunk runs as
    Conv1d with BatchNorm folded in; the trunk output is reshaped back to N x 512 x 12 x T' for the (12, 1) spatial
    convolution, which is a MatMul over (512*12) inputs per time step.
    """

    def __init__(self, model: ECGSMARTNET):
        super().__init__()
        model = model.eval()
        self.leads = model.conv2.kernel_size[0]
        self.stem = _conv1d(model.conv1, model.bn1)
        self.blocks = nn.ModuleList(_Block1D(b) for layer in (model.layer1, model.layer2, model.layer3, model.layer4)
                                    for b in layer)
        weight, bias = _fold(model.conv2.weight.detach(), model.bn2)
        # Spatial conv (512, 512, 12, 1) as a Conv1d over (512 * 12) channels, channel index = c * 12 + lead.
        self.spatial = nn.Conv1d(512 * self.leads, 512, kernel_size=1, bias=True)
        with torch.no_grad():
            self.spatial.weight.copy_(weight.reshape(512, 512 * self.leads, 1))
            self.spatial.bias.copy_(bias)
        self.fc = nn.Linear(512, model.fc.out_features)
        with torch.no_grad():
            self.fc.weight.copy_(model.fc.weight)
            self.fc.bias.copy_(model.fc.bias)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        n = x.shape[0]
        out = x.reshape(n * self.leads, 1, x.shape[3])
        out = torch.relu(self.stem(out))
        out = nn.functional.max_pool1d(out, kernel_size=3, stride=2, padding=1)
        for block in self.blocks:
            out = block(out)
        # (N*12, 512, T') -> (N, 12, 512, T') -> (N, 512, 12, T') -> (N, 512*12, T')
        t = out.shape[2]
        out = out.reshape(n, self.leads, 512, t).transpose(1, 2).reshape(n, 512 * self.leads, t)
        out = torch.relu(self.spatial(out))
        out = out.mean(dim=2)
        return self.fc(out)


if __name__ == "__main__":
    m = ECGSMARTNET()
    print(count_parameters(m))
    assert count_parameters(m) == PARAMETER_COUNT
