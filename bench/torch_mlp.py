"""PyTorch CPU float64 reference for bench_mlp's mlp/gradient: the same 784-256-128-10 ReLU network,
softmax cross-entropy (mean over the batch), batch 256, one forward + loss + backward per step.

Run by bench/run with Debian's /usr/bin/python3 (python3-torch).  Prints one JSON object:
  {"examples_per_second": ..., "seconds_per_step": ..., "threads": ..., "torch": "<version>"}
Timing: CPU time of this process (like Google Benchmark's default), the fastest of `--reps` blocks
of at least `--min-time` seconds each, after a warm-up (bench_summary treats lib's repetitions the
same way: on a shared machine noise only ever adds time).
"""
import argparse
import json
import statistics
import time

import torch


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--min-time", type=float, default=0.5)
    ap.add_argument("--batch", type=int, default=256)
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    dt = torch.float64
    sizes = [784, 256, 128, 10]
    layers = []
    for i in range(len(sizes) - 1):
        layers.append(torch.nn.Linear(sizes[i], sizes[i + 1], dtype=dt))
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    net = torch.nn.Sequential(*layers)
    x = torch.rand(args.batch, sizes[0], dtype=dt)
    y = torch.randint(0, sizes[-1], (args.batch,))
    loss_fn = torch.nn.CrossEntropyLoss()

    def step():
        for p in net.parameters():
            p.grad = None
        loss = loss_fn(net(x), y)
        loss.backward()
        return loss

    for _ in range(5):  # warm-up: allocator, BLAS buffers
        step()

    per_step = []
    for _ in range(args.reps):
        n = 0
        t0 = time.process_time()
        while True:
            step()
            n += 1
            t = time.process_time() - t0
            if t >= args.min_time:
                break
        per_step.append(t / n)
    s = min(per_step)
    print(json.dumps({
        "examples_per_second": args.batch / s,
        "seconds_per_step": s,
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
        "reps": per_step,
        "median_seconds_per_step": statistics.median(per_step),
    }))


if __name__ == "__main__":
    main()
