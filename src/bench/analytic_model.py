"""The numpy anchor of `bench` (the exact clips model): the same guided evaluation written plainly
in numpy, and the memory bound as a plain pass over the collection.

The evaluation follows AnalyticFlowModel.velocities: for per-frame levels s_f,
evidence_i = sum_f [a_f/s_f^2 <x_f, c_if> - a_f^2/(2 s_f^2) |c_if|^2] (a_f = 1 - s_f), posterior
weights softmax(evidence + log prior) per prompt (float64), x0 = weights . clips, v = (x - x0)/s.
Clips are random (only the time is measured); the collection has the Java bench's shape.
Prints one JSON object.

Run by `java -jar target/timestep-studio.jar bench --numpy`, or alone:
    python3 src/bench/analytic_model.py --clips 256 --frames 16
"""
import argparse
import json
import time

import numpy as np


def velocities(x, sigmas, clips, norms, log_priors):
    n, frames, d = clips.shape
    s = np.maximum(sigmas, 1e-3)
    a = 1 - s
    scaled = (x * (a / s ** 2)[:, None]).astype(np.float32).reshape(-1)
    evidence = clips.reshape(n, -1) @ scaled + norms @ (-a * a / (2 * s * s)).astype(np.float32)
    out = []
    weights = []
    for prior in log_priors:
        e = evidence.astype(np.float64) + prior
        w = np.exp(e - e.max())
        weights.append(w / w.sum())
    estimates = np.asarray(weights, np.float32) @ clips.reshape(n, -1)
    for est in estimates:
        out.append((x - est.reshape(frames, d)) / s[:, None].astype(np.float32))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clips", type=int, default=256)
    parser.add_argument("--frames", type=int, default=16)
    parser.add_argument("--frame-size", type=int, default=3 * 32 * 32)
    parser.add_argument("--iterations", type=int, default=30)
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    clips = rng.random((args.clips, args.frames, args.frame_size), dtype=np.float32)
    norms = (clips * clips).sum(axis=2)
    x = rng.standard_normal((args.frames, args.frame_size), dtype=np.float32)
    sigmas = np.full(args.frames, 0.7)
    priors = [np.log(rng.dirichlet(np.ones(args.clips))), np.full(args.clips, -np.log(args.clips))]
    evals, passes = [], []
    for _ in range(3):
        velocities(x, sigmas, clips, norms, priors)
        clips.sum()
    for _ in range(args.iterations):
        start = time.perf_counter()
        velocities(x, sigmas, clips, norms, priors)
        evals.append(time.perf_counter() - start)
        start = time.perf_counter()
        clips.sum()  # one SIMD read of the collection: the memory bound
        passes.append(time.perf_counter() - start)
    print(json.dumps({"evaluation_seconds": float(np.median(evals)), "pass_seconds": float(np.median(passes)),
                      "bytes": int(clips.nbytes), "numpy": np.__version__}), flush=True)


if __name__ == "__main__":
    main()
