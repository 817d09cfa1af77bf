"""The numpy anchor of `bench wan-block`: the same one-layer Wan transformer forward, written
plainly in numpy (OpenBLAS), timed the same way (median of alternating GEMM / forward passes).

Each step follows diffusers' WanTransformer3DModel (transformer_wan.py, batch 1, one timestep):
patch embedding; sinusoidal timestep embedding, time MLP and its 6-way projection; a block of
modulated LayerNorm -> self-attention (RMSNorm across heads on q and k, 3-D RoPE) -> gated
residual, LayerNorm (affine) -> cross-attention to 512 cached text keys/values -> residual,
modulated LayerNorm -> tanh-GELU FFN -> gated residual; modulated output norm and projection.
Random weights: only the time is measured. Prints one JSON object per token count.

Run by `java -jar target/timestep-studio.jar bench wan-block --numpy`, or alone:
    python3 src/bench/wan_block.py --tokens 640,4096
"""
import argparse
import json
import math
import time

import numpy as np


def layer_norm(x, eps=1e-6):
    mean = x.mean(axis=1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps)


def rms_norm(x, weight, eps=1e-6):
    return x / np.sqrt((x * x).mean(axis=1, keepdims=True) + eps) * weight


def gelu_tanh(x):
    return 0.5 * x * (1 + np.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))


def silu(x):
    return x / (1 + np.exp(-x))


def softmax_(s):
    """Softmax along the last axis, in place."""
    s -= s.max(axis=-1, keepdims=True)
    np.exp(s, out=s)
    s /= s.sum(axis=-1, keepdims=True)
    return s


def attend(q, k, v, heads, score_budget=64 << 20):
    """softmax(Q·Kᵀ/√d)·V per head, in blocks of queries of at most score_budget scores (as the Java port)."""
    t, dim = q.shape
    d = dim // heads
    qh = q.reshape(t, heads, d).transpose(1, 0, 2) * (1 / math.sqrt(d))
    out = np.empty((heads, t, d), np.float32)
    rows = max(1, min(t, score_budget // (heads * k.shape[1])))
    for start in range(0, t, rows):
        scores = softmax_(qh[:, start:start + rows] @ k.transpose(0, 2, 1))
        np.matmul(scores, v, out=out[:, start:start + rows])
    return out.transpose(1, 0, 2).reshape(t, dim)


def split_heads(x, heads):
    t, dim = x.shape
    return np.ascontiguousarray(x.reshape(t, heads, dim // heads).transpose(1, 0, 2))


def rope_tables(frames, rows, cols, head_dim, heads):
    # diffusers WanRotaryPosEmbed: the head's pairs split into frame / row / column parts
    h_dim = w_dim = 2 * (head_dim // 6)
    t_dim = head_dim - h_dim - w_dim
    angles = []
    for n, d in ((frames, t_dim), (rows, h_dim), (cols, w_dim)):
        freqs = 1.0 / 10000 ** (np.arange(0, d, 2, dtype=np.float64) / d)
        angles.append(np.outer(np.arange(n), freqs))
    f, h, w = np.meshgrid(np.arange(frames), np.arange(rows), np.arange(cols), indexing="ij")
    a = np.concatenate([angles[0][f.ravel()], angles[1][h.ravel()], angles[2][w.ravel()]], axis=1)
    return np.tile(np.cos(a), heads).astype(np.float32), np.tile(np.sin(a), heads).astype(np.float32)


def rope(x, cos, sin):
    even, odd = x[:, 0::2], x[:, 1::2]
    out = np.empty_like(x)
    out[:, 0::2] = even * cos - odd * sin
    out[:, 1::2] = even * sin + odd * cos
    return out


class OneLayerWan:
    def __init__(self, dim, heads, ffn, text_tokens, rng):
        def w(out_dim, in_dim):
            return (rng.standard_normal((in_dim, out_dim), dtype=np.float32) / math.sqrt(in_dim)), \
                rng.standard_normal(out_dim, dtype=np.float32) * 0.01

        self.dim, self.heads = dim, heads
        self.patch = w(dim, 64)
        self.time1, self.time2, self.time_proj = w(dim, 256), w(dim, dim), w(6 * dim, dim)
        self.qkv, self.self_out = w(3 * dim, dim), w(dim, dim)
        self.cross_q, self.cross_out = w(dim, dim), w(dim, dim)
        self.ffn_in, self.ffn_out = w(ffn, dim), w(dim, ffn)
        self.proj_out = w(64, dim)
        self.modulation = rng.standard_normal((6, dim), dtype=np.float32) * 0.01
        self.out_modulation = rng.standard_normal((2, dim), dtype=np.float32) * 0.01
        self.norm_w = [np.ones(dim, np.float32) for _ in range(3)]
        self.norm2 = np.ones(dim, np.float32), np.zeros(dim, np.float32)
        d = dim // heads
        self.text_k = rng.standard_normal((heads, text_tokens, d), dtype=np.float32)
        self.text_v = rng.standard_normal((heads, text_tokens, d), dtype=np.float32)

    @staticmethod
    def linear(x, wb):
        return x @ wb[0] + wb[1]

    def forward(self, latent, timestep, cos, sin):
        c, f, h, w = latent.shape
        patches = latent.reshape(c, f, h // 2, 2, w // 2, 2).transpose(1, 2, 4, 0, 3, 5).reshape(-1, c * 4)
        x = self.linear(patches, self.patch)
        # (scalars are Python floats: a numpy float64 scalar would promote the FLOAT32 arrays)
        half = 128
        freqs = np.exp(-np.log(10000) * np.arange(half) / half) * timestep
        sinusoid = np.concatenate([np.cos(freqs), np.sin(freqs)])[None].astype(np.float32)
        temb = self.linear(silu(self.linear(sinusoid, self.time1)), self.time2)
        mod = (self.modulation + self.linear(silu(temb), self.time_proj).reshape(6, self.dim))
        shift, scale, gate, c_shift, c_scale, c_gate = mod
        dim = self.dim
        # self-attention
        normed = layer_norm(x) * (1 + scale) + shift
        qkv = normed @ self.qkv[0] + self.qkv[1]
        q = rope(rms_norm(qkv[:, :dim], self.norm_w[0]), cos, sin)
        k = rope(rms_norm(qkv[:, dim:2 * dim], self.norm_w[1]), cos, sin)
        v = qkv[:, 2 * dim:]
        x = x + self.linear(attend(q, split_heads(k, self.heads), split_heads(v, self.heads), self.heads),
                            self.self_out) * gate
        # cross-attention
        normed = layer_norm(x) * self.norm2[0] + self.norm2[1]
        q = rms_norm(self.linear(normed, self.cross_q), self.norm_w[2])
        x = x + self.linear(attend(q, self.text_k, self.text_v, self.heads), self.cross_out)
        # feed-forward
        normed = layer_norm(x) * (1 + c_scale) + c_shift
        x = x + self.linear(gelu_tanh(self.linear(normed, self.ffn_in)), self.ffn_out) * c_gate
        # output
        o_shift, o_scale = self.out_modulation + temb
        out = self.linear(layer_norm(x) * (1 + o_scale) + o_shift, self.proj_out)
        return out.reshape(f, h // 2, w // 2, 16, 2, 2).transpose(3, 0, 1, 4, 2, 5).reshape(c, f, h, w)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tokens", default="640,4096")
    parser.add_argument("--dim", type=int, default=1536)
    parser.add_argument("--heads", type=int, default=12)
    parser.add_argument("--ffn", type=int, default=8960)
    parser.add_argument("--text-tokens", type=int, default=512)
    parser.add_argument("--iterations", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    model = OneLayerWan(args.dim, args.heads, args.ffn, args.text_tokens, rng)
    for tokens in map(int, args.tokens.split(",")):
        frames = tokens // 64  # latent [16, frames, 16, 16]: 64 tokens a frame, as the Java bench
        latent = rng.standard_normal((16, frames, 16, 16), dtype=np.float32)
        cos, sin = rope_tables(frames, 8, 8, args.dim // args.heads, args.heads)
        a = rng.standard_normal((tokens, args.dim), dtype=np.float32)
        b = rng.standard_normal((args.dim, args.ffn), dtype=np.float32)
        model.forward(latent, 500.0, cos, sin)
        gemm, block = [], []
        for _ in range(args.iterations):
            start = time.perf_counter()
            np.matmul(a, b)
            gemm.append(time.perf_counter() - start)
            start = time.perf_counter()
            out = model.forward(latent, 500.0, cos, sin)
            block.append(time.perf_counter() - start)
        assert out.shape == latent.shape and out.dtype == np.float32, (out.shape, out.dtype)
        print(json.dumps({"tokens": tokens, "block_seconds": float(np.median(block)),
                          "gemm_seconds": float(np.median(gemm)), "numpy": np.__version__}), flush=True)


if __name__ == "__main__":
    main()
