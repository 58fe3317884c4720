#!/usr/bin/python3
"""Makes the small models tests/unit/test_passes.c rewrites, one directory a
model: model.onnx + test_data_set_0/input_N.pb, output_N.pb. The reference
outputs come from torch (python3-torch) computing the same graph op by op,
independent of mlcc. Deterministic (fixed seed). Run with /usr/bin/python3
(python3-onnx, python3-torch, python3-numpy):

    /usr/bin/python3 tests/unit/data/passes/make_models.py
"""
import os

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import TensorProto as T
from onnx import helper as h
from onnx import numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
torch.set_num_threads(1)


def rnd(rng, *shape, lo=-1.0, hi=1.0):
    return rng.uniform(lo, hi, size=shape).astype(np.float32)


def save(name, nodes, inputs, outputs, inits, feeds, want, opset=13):
    """inputs/outputs: [(name, shape)], inits: {name: array}, feeds: [array], want: [array]"""
    d = os.path.join(HERE, name)
    os.makedirs(os.path.join(d, "test_data_set_0"), exist_ok=True)
    g = h.make_graph(
        nodes, name,
        [h.make_tensor_value_info(n, T.FLOAT, s) for n, s in inputs],
        [h.make_tensor_value_info(n, T.FLOAT, s) for n, s in outputs],
        initializer=[numpy_helper.from_array(np.asarray(v), k) for k, v in inits.items()])
    m = h.make_model(g, opset_imports=[h.make_opsetid("", opset)], producer_name="make_models.py")
    onnx.checker.check_model(m, full_check=True)
    onnx.save(m, os.path.join(d, "model.onnx"))
    for kind, arrs in (("input", feeds), ("output", want)):
        for i, a in enumerate(arrs):
            with open(os.path.join(d, "test_data_set_0", f"{kind}_{i}.pb"), "wb") as f:
                f.write(numpy_helper.from_array(np.asarray(a, np.float32)).SerializeToString())


def t(a):
    return torch.from_numpy(np.asarray(a, np.float32))


def bn_ref(x, s, b, m, v, eps):
    shape = [1, -1] + [1] * (x.dim() - 2)
    return (x - t(m).reshape(shape)) / torch.sqrt(t(v).reshape(shape) + eps) * t(s).reshape(shape) + t(b).reshape(shape)


def bn_params(rng, c, prefix):
    return {f"{prefix}_s": rnd(rng, c, lo=0.5, hi=1.5), f"{prefix}_b": rnd(rng, c),
            f"{prefix}_m": rnd(rng, c), f"{prefix}_v": rnd(rng, c, lo=0.2, hi=2.0)}


def bn_node(x, y, prefix, eps=1e-5):
    return h.make_node("BatchNormalization", [x, f"{prefix}_s", f"{prefix}_b", f"{prefix}_m", f"{prefix}_v"], [y],
                       epsilon=eps)


def make_bn(rng):
    """BatchNormalization after Conv (with and without bias), ConvTranspose
    (groups), Gemm (transB) and MatMul; the first BN's output is a graph
    output, the rest go through Relu."""
    x = rnd(rng, 1, 4, 7, 7)
    w1, b1 = rnd(rng, 6, 4, 3, 3), rnd(rng, 6)
    w2 = rnd(rng, 6, 3, 3, 3)              # Conv, group 2, no bias
    w3, b3 = rnd(rng, 6, 2, 2, 2), rnd(rng, 4)  # ConvTranspose, group 2: 6 -> 4
    a = rnd(rng, 3, 5)
    wg, bg = rnd(rng, 4, 5), rnd(rng, 4)   # Gemm transB: 3x4
    wm = rnd(rng, 5, 6)                    # MatMul 3x6
    inits = {"w1": w1, "b1": b1, "w2": w2, "w3": w3, "b3": b3, "wg": wg, "bg": bg, "wm": wm}
    for p, c in (("bn1", 6), ("bn2", 6), ("bn3", 4), ("bng", 4), ("bnm", 6)):
        inits.update(bn_params(rng, c, p))
    nodes = [
        h.make_node("Conv", ["x", "w1", "b1"], ["c1"], pads=[1, 1, 1, 1]),
        bn_node("c1", "y1", "bn1"),
        h.make_node("Conv", ["y1", "w2"], ["c2"], group=2),
        bn_node("c2", "n2", "bn2", eps=1e-3),
        h.make_node("Relu", ["n2"], ["r2"]),
        h.make_node("ConvTranspose", ["r2", "w3", "b3"], ["c3"], group=2, strides=[2, 2]),
        bn_node("c3", "y2", "bn3"),
        h.make_node("Gemm", ["a", "wg", "bg"], ["g1"], transB=1, alpha=0.5, beta=2.0),
        bn_node("g1", "y3", "bng"),
        h.make_node("MatMul", ["a", "wm"], ["m1"]),
        bn_node("m1", "y4", "bnm"),
    ]
    X, A = t(x), t(a)
    y1 = bn_ref(F.conv2d(X, t(w1), t(b1), padding=1), *[inits[f"bn1_{k}"] for k in "sbmv"], 1e-5)
    r2 = torch.relu(bn_ref(F.conv2d(y1, t(w2), groups=2), *[inits[f"bn2_{k}"] for k in "sbmv"], 1e-3))
    y2 = bn_ref(F.conv_transpose2d(r2, t(w3), t(b3), stride=2, groups=2), *[inits[f"bn3_{k}"] for k in "sbmv"], 1e-5)
    y3 = bn_ref(0.5 * A @ t(wg).T + 2.0 * t(bg), *[inits[f"bng_{k}"] for k in "sbmv"], 1e-5)
    y4 = bn_ref(A @ t(wm), *[inits[f"bnm_{k}"] for k in "sbmv"], 1e-5)
    save("bn", nodes, [("x", [1, 4, 7, 7]), ("a", [3, 5])],
         [("y1", [1, 6, 7, 7]), ("y2", list(y2.shape)), ("y3", [3, 4]), ("y4", [3, 6])], inits,
         [x, a], [y1.numpy(), y2.numpy(), y3.numpy(), y4.numpy()])


def make_affine(rng):
    """Conv -> Mul [C,1,1] -> Add [1,C,1,1]; Conv -> Div scalar -> Sub [C,1,1];
    Gemm -> Mul [N] -> Add [1,N]; a Mul whose constant varies along a spatial
    axis stays; a Conv output with two readers stays; Conv -> Add -> BN (the
    BN folds in the pipeline's second round)."""
    x = rnd(rng, 1, 3, 6, 6)
    w1, b1, w2 = rnd(rng, 4, 3, 3, 3), rnd(rng, 4), rnd(rng, 4, 3, 1, 1)
    m1, a1 = rnd(rng, 4, 1, 1, lo=0.5, hi=2), rnd(rng, 1, 4, 1, 1)
    d2, s2 = np.array(1.7, np.float32), rnd(rng, 4, 1, 1)
    a = rnd(rng, 2, 5)
    wg, mg, ag = rnd(rng, 5, 3), rnd(rng, 3), rnd(rng, 1, 3)
    sp = rnd(rng, 1, 1, 6)                 # varies along W: not per channel
    inits = {"w1": w1, "b1": b1, "w2": w2, "m1": m1, "a1": a1, "d2": d2, "s2": s2, "wg": wg, "mg": mg, "ag": ag,
             "sp": sp}
    nodes = [
        h.make_node("Conv", ["x", "w1", "b1"], ["c1"], pads=[1, 1, 1, 1]),
        h.make_node("Mul", ["m1", "c1"], ["c1m"]),
        h.make_node("Add", ["c1m", "a1"], ["y1"]),
        h.make_node("Conv", ["x", "w2"], ["c2"]),
        h.make_node("Div", ["c2", "d2"], ["c2d"]),
        h.make_node("Sub", ["c2d", "s2"], ["y2"]),
        h.make_node("Gemm", ["a", "wg"], ["g"]),
        h.make_node("Mul", ["g", "mg"], ["gm"]),
        h.make_node("Add", ["gm", "ag"], ["y3"]),
        h.make_node("Conv", ["x", "w2"], ["c4"]),
        h.make_node("Mul", ["c4", "sp"], ["y4"]),
        h.make_node("Mul", ["c4", "m1"], ["y5"]),
        h.make_node("Conv", ["x", "w6", "b1"], ["c6"], pads=[1, 1, 1, 1]),
        h.make_node("Add", ["c6", "a1"], ["c6a"]),
        bn_node("c6a", "y6", "bn6"),
    ]
    inits.update(bn_params(rng, 4, "bn6"))
    inits["w6"] = rnd(rng, 4, 3, 3, 3)
    X, A = t(x), t(a)
    y1 = F.conv2d(X, t(w1), t(b1), padding=1) * t(m1) + t(a1)
    c2 = F.conv2d(X, t(w2))
    y2 = c2 / t(d2) - t(s2)
    y3 = (A @ t(wg)) * t(mg) + t(ag)
    y4 = c2 * t(sp)
    y5 = c2 * t(m1)
    y6 = bn_ref(F.conv2d(X, t(inits["w6"]), t(b1), padding=1) + t(a1), *[inits[f"bn6_{k}"] for k in "sbmv"], 1e-5)
    save("affine", nodes, [("x", [1, 3, 6, 6]), ("a", [2, 5])],
         [("y1", [1, 4, 6, 6]), ("y2", [1, 4, 6, 6]), ("y3", [2, 3]), ("y4", [1, 4, 6, 6]), ("y5", [1, 4, 6, 6]),
          ("y6", [1, 4, 6, 6])],
         inits, [x, a], [y1.numpy(), y2.numpy(), y3.numpy(), y4.numpy(), y5.numpy(), y6.numpy()])


def make_matmul_add(rng):
    """MatMul + Add(bias [N]) -> Gemm; Add(bias [M,1]) with the bias first;
    a batched (3-D) MatMul + Add stays."""
    a, b, c = rnd(rng, 3, 5), rnd(rng, 5, 4), rnd(rng, 4)
    r = rnd(rng, 3, 1)
    a3 = rnd(rng, 2, 3, 5)
    inits = {"b": b, "c": c, "r": r}
    nodes = [
        h.make_node("MatMul", ["a", "b"], ["m"]),
        h.make_node("Add", ["m", "c"], ["y1"]),
        h.make_node("MatMul", ["a", "b2"], ["m2"]),
        h.make_node("Relu", ["m2"], ["m2r"]),
        h.make_node("MatMul", ["m2r", "bt"], ["m3"]),
        h.make_node("Add", ["r", "m3"], ["y2"]),
        h.make_node("MatMul", ["a3", "b"], ["m4"]),
        h.make_node("Add", ["m4", "c"], ["y3"]),
    ]
    bt, b2 = rnd(rng, 4, 2), rnd(rng, 5, 4)
    inits["bt"], inits["b2"] = bt, b2
    A, A3 = t(a), t(a3)
    y1 = A @ t(b) + t(c)
    y2 = t(r) + torch.relu(A @ t(b2)) @ t(bt)
    y3 = A3 @ t(b) + t(c)
    save("matmul_add", nodes, [("a", [3, 5]), ("a3", [2, 3, 5])], [("y1", [3, 4]), ("y2", [3, 2]), ("y3", [2, 3, 4])],
         inits, [a, a3], [y1.numpy(), y2.numpy(), y3.numpy()])


def make_act(rng):
    """Add followed by each fusable activation, and by x * HardSigmoid(x); one
    Add whose output has a second reader is not fused."""
    a, b = rnd(rng, 2, 3, 4, lo=-4, hi=4), rnd(rng, 3, 4, lo=-4, hi=4)
    inits = {"lo": np.array(0.0, np.float32), "hi": np.array(6.0, np.float32), "b": b,
             "lo2": np.array(-1.5, np.float32)}
    acts = [
        ("Relu", {}, [], torch.relu),
        ("Clip", {}, ["lo", "hi"], lambda v: torch.clamp(v, 0.0, 6.0)),
        ("Clip", {}, ["lo2"], lambda v: torch.clamp(v, min=-1.5)),
        ("LeakyRelu", {"alpha": 0.2}, [], lambda v: F.leaky_relu(v, 0.2)),
        ("HardSigmoid", {"alpha": 0.3, "beta": 0.4}, [], lambda v: torch.clamp(0.3 * v + 0.4, 0, 1)),
        ("HardSwish", {}, [], lambda v: v * torch.clamp(v / 6 + 0.5, 0, 1)),
        ("Sigmoid", {}, [], torch.sigmoid),
        ("Tanh", {}, [], torch.tanh),
    ]
    nodes, outs, want = [], [], []
    A, B = t(a), t(b)
    for i, (op, attrs, extra, fn) in enumerate(acts):
        bi = (b + np.float32(0.25 * i)).astype(np.float32)  # one constant a branch: nothing to merge
        inits[f"b{i}"] = bi
        nodes.append(h.make_node("Add", ["a", f"b{i}"] if i % 2 == 0 else [f"b{i}", "a"], [f"s{i}"]))
        nodes.append(h.make_node(op, [f"s{i}"] + extra, [f"y{i}"], **attrs))
        outs.append((f"y{i}", [2, 3, 4]))
        want.append(fn(A + t(bi)).numpy())
    # x * HardSigmoid(x; 1/6, 1/2): HardSwish as exported before opset 14
    b8 = (b - np.float32(0.5)).astype(np.float32)
    inits["b8"] = b8
    nodes.append(h.make_node("Add", ["a", "b8"], ["s8"]))
    nodes.append(h.make_node("HardSigmoid", ["s8"], ["hs8"], alpha=1.0 / 6.0, beta=0.5))
    nodes.append(h.make_node("Mul", ["hs8", "s8"], ["y8"]))
    outs.append(("y8", [2, 3, 4]))
    s8 = A + t(b8)
    want.append((s8 * torch.clamp(s8 / 6 + 0.5, 0, 1)).numpy())
    # a second reader keeps the sum: not fused
    nodes.append(h.make_node("Add", ["a", "a"], ["s_shared"]))
    nodes.append(h.make_node("Relu", ["s_shared"], ["y_shared"]))
    nodes.append(h.make_node("Mul", ["s_shared", "b"], ["y_mul"]))
    outs += [("y_shared", [2, 3, 4]), ("y_mul", [2, 3, 4])]
    want += [torch.relu(A + A).numpy(), ((A + A) * B).numpy()]
    save("act", nodes, [("a", [2, 3, 4])], outs, inits, [a], want, opset=14)


def make_transpose(rng):
    """A cancelling Transpose pair, a composing pair, Gemm(Transpose(a)) and
    MatMul(a, Transpose(b)); a Transpose pair ending in a graph output."""
    x = rnd(rng, 2, 3, 4)
    a, bm = rnd(rng, 5, 3), rnd(rng, 4, 3)
    nodes = [
        h.make_node("Transpose", ["x"], ["t1"], perm=[0, 2, 1]),
        h.make_node("Transpose", ["t1"], ["t2"], perm=[0, 2, 1]),
        h.make_node("Relu", ["t2"], ["y1"]),
        h.make_node("Transpose", ["x"], ["u1"], perm=[1, 2, 0]),
        h.make_node("Transpose", ["u1"], ["y2"], perm=[1, 2, 0]),
        h.make_node("Transpose", ["a"], ["at"]),
        h.make_node("Gemm", ["at", "bw"], ["y3"]),
        h.make_node("Transpose", ["bm"], ["bt"], perm=[1, 0]),
        h.make_node("MatMul", ["a", "bt"], ["y4"]),
        h.make_node("Sigmoid", ["x"], ["sx"]),
        h.make_node("Transpose", ["sx"], ["v1"], perm=[2, 1, 0]),
        h.make_node("Transpose", ["v1"], ["y5"], perm=[2, 1, 0]),
    ]
    bw = rnd(rng, 5, 2)
    X, A = t(x), t(a)
    y1 = torch.relu(X)
    y2 = X.permute(1, 2, 0).permute(1, 2, 0)
    y3 = A.T @ t(bw)
    y4 = A @ t(bm).T
    y5 = torch.sigmoid(X)
    save("transpose", nodes, [("x", [2, 3, 4]), ("a", [5, 3]), ("bm", [4, 3])],
         [("y1", [2, 3, 4]), ("y2", list(y2.shape)), ("y3", [3, 2]), ("y4", [5, 4]), ("y5", [2, 3, 4])],
         {"bw": bw}, [x, a, bm], [y1.numpy(), y2.numpy(), y3.numpy(), y4.numpy(), y5.numpy()])


def make_pad(rng):
    """Pad(0) -> Conv; Pad(0) -> AveragePool (count_include_pad 0, no pads);
    Pad(-inf) -> MaxPool; Pad with a non-zero value -> Conv stays; Pad -> Pad
    -> AveragePool (count_include_pad 1, own pads): merged, then folded."""
    x = rnd(rng, 1, 2, 6, 6)
    w = rnd(rng, 3, 2, 3, 3)
    inits = {"w": w, "p1": np.array([0, 0, 1, 2, 0, 0, 2, 1], np.int64),
             "p2": np.array([0, 0, 1, 1, 0, 0, 1, 1], np.int64),
             "ninf": np.array(-np.inf, np.float32), "half": np.array(0.5, np.float32)}
    nodes = [
        h.make_node("Pad", ["x", "p1"], ["xp1"]),
        h.make_node("Conv", ["xp1", "w"], ["y1"], pads=[1, 0, 0, 1]),
        h.make_node("Pad", ["x", "p2"], ["xp2"]),
        h.make_node("AveragePool", ["xp2"], ["y2"], kernel_shape=[3, 3]),
        h.make_node("Pad", ["x", "p2", "ninf"], ["xp3"]),
        h.make_node("MaxPool", ["xp3"], ["y3"], kernel_shape=[3, 3], strides=[2, 2]),
        h.make_node("Pad", ["x", "p2", "half"], ["xp4"]),
        h.make_node("Conv", ["xp4", "w"], ["y4"]),
        h.make_node("Pad", ["x", "p2"], ["xp5"]),
        h.make_node("Pad", ["xp5", "p2"], ["xp6"]),
        h.make_node("AveragePool", ["xp6"], ["y5"], kernel_shape=[3, 3], pads=[1, 1, 1, 1], count_include_pad=1),
    ]
    X = t(x)
    # F.pad takes (W_begin, W_end, H_begin, H_end)
    y1 = F.conv2d(F.pad(F.pad(X, (2, 1, 1, 2)), (0, 1, 1, 0)), t(w))
    y2 = F.avg_pool2d(F.pad(X, (1, 1, 1, 1)), 3, stride=1)
    y3 = F.max_pool2d(F.pad(X, (1, 1, 1, 1), value=-np.inf), 3, stride=2)
    y4 = F.conv2d(F.pad(X, (1, 1, 1, 1), value=0.5), t(w))
    y5 = F.avg_pool2d(F.pad(X, (2, 2, 2, 2)), 3, stride=1, padding=1, count_include_pad=True)
    save("pad", nodes, [("x", [1, 2, 6, 6])],
         [("y1", list(y1.shape)), ("y2", list(y2.shape)), ("y3", list(y3.shape)), ("y4", list(y4.shape)),
          ("y5", list(y5.shape))],
         inits, [x], [y1.numpy(), y2.numpy(), y3.numpy(), y4.numpy(), y5.numpy()])


def make_views(rng):
    """Identity and Dropout removed, a view chain collapsed to one Reshape, an
    Identity whose output is a graph output (its input's producer writes it),
    an Identity of a graph input that is a graph output (stays: one copy)."""
    x = rnd(rng, 2, 3, 4)
    nodes = [
        h.make_node("Identity", ["x"], ["i1"]),
        h.make_node("Relu", ["i1"], ["r"]),
        h.make_node("Dropout", ["r"], ["d"]),
        h.make_node("Flatten", ["d"], ["f"], axis=1),
        h.make_node("Reshape", ["f", "shape"], ["rs"]),
        h.make_node("Unsqueeze", ["rs", "axes"], ["un"]),
        h.make_node("Sigmoid", ["un"], ["y1"]),
        h.make_node("Tanh", ["x"], ["th"]),
        h.make_node("Identity", ["th"], ["y2"]),
        h.make_node("Identity", ["x"], ["y3"]),
    ]
    inits = {"shape": np.array([6, 4], np.int64), "axes": np.array([0], np.int64)}
    X = t(x)
    y1 = torch.sigmoid(torch.relu(X)).reshape(1, 6, 4)
    save("views", nodes, [("x", [2, 3, 4])], [("y1", [1, 6, 4]), ("y2", [2, 3, 4]), ("y3", [2, 3, 4])],
         inits, [x], [y1.numpy(), torch.tanh(X).numpy(), x])


def make_cse(rng):
    """Two identical Relu, two identical Convs (attributes in another order),
    whose sums (operands swapped) merge too; a Conv that differs in one
    attribute stays."""
    x = rnd(rng, 1, 2, 5, 5)
    w = rnd(rng, 2, 2, 3, 3)
    nodes = [
        h.make_node("Relu", ["x"], ["r1"]),
        h.make_node("Relu", ["x"], ["r2"]),
        h.make_node("Conv", ["r1", "w"], ["c1"], pads=[1, 1, 1, 1], strides=[1, 1]),
        h.make_node("Conv", ["r2", "w"], ["c2"], strides=[1, 1], pads=[1, 1, 1, 1]),
        h.make_node("Conv", ["r2", "w"], ["c3"], strides=[1, 1], pads=[1, 1, 1, 0]),
        h.make_node("Add", ["c1", "x"], ["s1"]),
        h.make_node("Add", ["x", "c2"], ["s2"]),  # commuted: still the same sum
        h.make_node("Mul", ["s1", "s2"], ["y1"]),
        h.make_node("Relu", ["c3"], ["y2"]),
    ]
    X = t(x)
    r = torch.relu(X)
    c = F.conv2d(r, t(w), padding=1)
    y1 = (c + X) * (c + X)
    y2 = torch.relu(F.conv2d(F.pad(r, (1, 0, 1, 1)), t(w)))
    save("cse", nodes, [("x", [1, 2, 5, 5])], [("y1", [1, 2, 5, 5]), ("y2", list(y2.shape))], {"w": w}, [x],
         [y1.numpy(), y2.numpy()])


def make_split_dw(rng):
    """An inverted-residual block at the memory peak: Conv 1x1 8->40 + Clip(0,
    6), depthwise 3x3 stride 2 + Relu, Conv 1x1 40->8 on a 16x16 image (more
    pixels than pass_layout's small images); split_dw cuts the first two into
    channel chunks (16, 16 and 8 on a host). split_dw_shared: the
    same, but the expanded tensor is also read by a ReduceMean (a graph
    output): nothing may be split."""
    x = rnd(rng, 1, 8, 16, 16)
    inits = {"we": rnd(rng, 40, 8, 1, 1, lo=-0.5, hi=0.5), "be": rnd(rng, 40), "wd": rnd(rng, 40, 1, 3, 3),
             "bd": rnd(rng, 40), "wp": rnd(rng, 8, 40, 1, 1, lo=-0.3, hi=0.3),
             "lo": np.array(0, np.float32), "hi": np.array(6, np.float32)}
    nodes = [
        h.make_node("Conv", ["x", "we", "be"], ["e"]),
        h.make_node("Clip", ["e", "lo", "hi"], ["e6"]),
        h.make_node("Conv", ["e6", "wd", "bd"], ["d"], group=40, kernel_shape=[3, 3], strides=[2, 2],
                    pads=[1, 1, 1, 1]),
        h.make_node("Relu", ["d"], ["dr"]),
        h.make_node("Conv", ["dr", "wp"], ["y"]),
    ]
    X = t(x)
    e6 = torch.clamp(F.conv2d(X, t(inits["we"]), t(inits["be"])), 0, 6)
    dr = torch.relu(F.conv2d(e6, t(inits["wd"]), t(inits["bd"]), stride=2, padding=1, groups=40))
    y = F.conv2d(dr, t(inits["wp"]))
    save("split_dw", nodes, [("x", [1, 8, 16, 16])], [("y", list(y.shape))], inits, [x], [y.numpy()])
    m = torch.mean(e6, dim=(2, 3), keepdim=True)
    save("split_dw_shared", nodes + [h.make_node("ReduceMean", ["e6"], ["m"], axes=[2, 3])],
         [("x", [1, 8, 16, 16])], [("y", list(y.shape)), ("m", list(m.shape))], inits, [x],
         [y.numpy(), m.numpy()])


def make_layout(rng):
    """A depthwise-separable stretch on a 6x6 image, for pass_layout: Conv 1x1
    8->24 + Clip(0, 6), depthwise 3x3 + Clip(0, 6), Conv 1x1 24->8, Add of the
    block input (a residual, the sum also a graph output), Conv 1x1 8->20 +
    Relu, depthwise 3x3 stride 2 (20 channels: 16 + 4), depthwise 5x5 pads 2
    on the 3x3 result, Conv 1x1 20->8, and a GlobalAveragePool of the 5x5's
    output. Every Conv and the Add become channel-last on a host, the pool a
    ReduceMean of the channel-last value; the reference kernels keep them
    NCHW."""
    x = rnd(rng, 1, 8, 6, 6)
    inits = {"we": rnd(rng, 24, 8, 1, 1, lo=-0.5, hi=0.5), "be": rnd(rng, 24), "wd": rnd(rng, 24, 1, 3, 3),
             "bd": rnd(rng, 24), "wp": rnd(rng, 8, 24, 1, 1, lo=-0.3, hi=0.3), "bp": rnd(rng, 8),
             "wf": rnd(rng, 20, 8, 1, 1, lo=-0.5, hi=0.5), "bf": rnd(rng, 20), "ws": rnd(rng, 20, 1, 3, 3),
             "bs": rnd(rng, 20), "w5": rnd(rng, 20, 1, 5, 5, lo=-0.3, hi=0.3), "wy": rnd(rng, 8, 20, 1, 1),
             "lo": np.array(0, np.float32), "hi": np.array(6, np.float32)}
    nodes = [
        h.make_node("Conv", ["x", "we", "be"], ["e"]),
        h.make_node("Clip", ["e", "lo", "hi"], ["e6"]),
        h.make_node("Conv", ["e6", "wd", "bd"], ["d"], group=24, kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        h.make_node("Clip", ["d", "lo", "hi"], ["d6"]),
        h.make_node("Conv", ["d6", "wp", "bp"], ["p"]),
        h.make_node("Add", ["p", "x"], ["r"]),
        h.make_node("Conv", ["r", "wf", "bf"], ["f"]),
        h.make_node("Relu", ["f"], ["fr"]),
        h.make_node("Conv", ["fr", "ws", "bs"], ["s"], group=20, kernel_shape=[3, 3], strides=[2, 2],
                    pads=[1, 1, 1, 1]),
        h.make_node("Conv", ["s", "w5"], ["s5"], group=20, kernel_shape=[5, 5], pads=[2, 2, 2, 2]),
        h.make_node("Conv", ["s5", "wy"], ["y"]),
        h.make_node("GlobalAveragePool", ["s5"], ["gp"]),
    ]
    X = t(x)
    e6 = torch.clamp(F.conv2d(X, t(inits["we"]), t(inits["be"])), 0, 6)
    d6 = torch.clamp(F.conv2d(e6, t(inits["wd"]), t(inits["bd"]), padding=1, groups=24), 0, 6)
    r = F.conv2d(d6, t(inits["wp"]), t(inits["bp"])) + X
    fr = torch.relu(F.conv2d(r, t(inits["wf"]), t(inits["bf"])))
    s_ = F.conv2d(fr, t(inits["ws"]), t(inits["bs"]), stride=2, padding=1, groups=20)
    s5 = F.conv2d(s_, t(inits["w5"]), padding=2, groups=20)
    y = F.conv2d(s5, t(inits["wy"]))
    gp = torch.mean(s5, dim=(2, 3), keepdim=True)
    save("layout", nodes, [("x", [1, 8, 6, 6])], [("y", list(y.shape)), ("r", list(r.shape)), ("gp", list(gp.shape))],
         inits, [x], [y.numpy(), r.numpy(), gp.numpy()])


def make_layout_island(rng):
    """A stride-2 depthwise Conv on a 32x32 image, for pass_layout's islands:
    Conv 1x1 8->48 + Relu, depthwise 3x3 + Relu, Conv 1x1 48->8 (NCHW: not a
    small image), then Conv 1x1 8->16 + Relu (its 16384 values at most half the
    graph's largest, 49152), depthwise 3x3 stride 2 pads 1 + Clip(0, 6) to
    16x16 (not a small image either), Conv 1x1 16->12: the last three
    channel-last on a host, the first reading NCHW and the last writing NCHW,
    no Transpose."""
    x = rnd(rng, 1, 8, 32, 32)
    inits = {"we": rnd(rng, 48, 8, 1, 1, lo=-0.5, hi=0.5), "be": rnd(rng, 48), "wd": rnd(rng, 48, 1, 3, 3),
             "bd": rnd(rng, 48), "wp": rnd(rng, 8, 48, 1, 1, lo=-0.3, hi=0.3), "bp": rnd(rng, 8),
             "wf": rnd(rng, 16, 8, 1, 1, lo=-0.5, hi=0.5), "bf": rnd(rng, 16), "ws": rnd(rng, 16, 1, 3, 3),
             "bs": rnd(rng, 16), "wy": rnd(rng, 12, 16, 1, 1, lo=-0.3, hi=0.3), "by": rnd(rng, 12),
             "lo": np.array(0, np.float32), "hi": np.array(6, np.float32)}
    nodes = [
        h.make_node("Conv", ["x", "we", "be"], ["e"]),
        h.make_node("Relu", ["e"], ["er"]),
        h.make_node("Conv", ["er", "wd", "bd"], ["d"], group=48, kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        h.make_node("Relu", ["d"], ["dr"]),
        h.make_node("Conv", ["dr", "wp", "bp"], ["p"]),
        h.make_node("Conv", ["p", "wf", "bf"], ["f"]),
        h.make_node("Relu", ["f"], ["fr"]),
        h.make_node("Conv", ["fr", "ws", "bs"], ["s"], group=16, kernel_shape=[3, 3], strides=[2, 2],
                    pads=[1, 1, 1, 1]),
        h.make_node("Clip", ["s", "lo", "hi"], ["s6"]),
        h.make_node("Conv", ["s6", "wy", "by"], ["y"]),
    ]
    X = t(x)
    er = torch.relu(F.conv2d(X, t(inits["we"]), t(inits["be"])))
    dr = torch.relu(F.conv2d(er, t(inits["wd"]), t(inits["bd"]), padding=1, groups=48))
    p_ = F.conv2d(dr, t(inits["wp"]), t(inits["bp"]))
    fr = torch.relu(F.conv2d(p_, t(inits["wf"]), t(inits["bf"])))
    s6 = torch.clamp(F.conv2d(fr, t(inits["ws"]), t(inits["bs"]), stride=2, padding=1, groups=16), 0, 6)
    y = F.conv2d(s6, t(inits["wy"]), t(inits["by"]))
    save("layout_island", nodes, [("x", [1, 8, 32, 32])], [("y", list(y.shape))], inits, [x], [y.numpy()])


def make_pool(rng):
    """MaxPool 2x2 stride 2 after a 3x3 Conv, for pass_fuse_pool: Conv 16->24 +
    Relu + MaxPool (fused on a host: the Winograd kernel pools); a Conv whose
    output a MaxPool and an Add both read (not fused); a MaxPool 3x3 stride 2
    after a Conv (not fused)."""
    x = rnd(rng, 1, 16, 12, 10)
    s1, s2 = 1.0 / np.sqrt(16 * 9), 1.0 / np.sqrt(16 * 9)
    inits = {"w1": rnd(rng, 24, 16, 3, 3, lo=-s1, hi=s1), "b1": rnd(rng, 24),
             "w2": rnd(rng, 16, 16, 3, 3, lo=-s2, hi=s2), "w4": rnd(rng, 16, 16, 3, 3, lo=-s2, hi=s2)}
    nodes = [
        h.make_node("Conv", ["x", "w1", "b1"], ["c1"], kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        h.make_node("Relu", ["c1"], ["r1"]),
        h.make_node("MaxPool", ["r1"], ["y1"], kernel_shape=[2, 2], strides=[2, 2]),
        h.make_node("Conv", ["x", "w2"], ["c2"], kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        h.make_node("MaxPool", ["c2"], ["y2"], kernel_shape=[2, 2], strides=[2, 2]),
        h.make_node("Add", ["c2", "x"], ["y3"]),
        h.make_node("Conv", ["x", "w4"], ["c4"], kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
        h.make_node("MaxPool", ["c4"], ["y4"], kernel_shape=[3, 3], strides=[2, 2]),
    ]
    X = t(x)
    y1 = F.max_pool2d(torch.relu(F.conv2d(X, t(inits["w1"]), t(inits["b1"]), padding=1)), 2, 2)
    c2 = F.conv2d(X, t(inits["w2"]), padding=1)
    y2, y3 = F.max_pool2d(c2, 2, 2), c2 + X
    y4 = F.max_pool2d(F.conv2d(X, t(inits["w4"]), padding=1), 3, 2)
    outs = [y1, y2, y3, y4]
    save("pool", nodes, [("x", [1, 16, 12, 10])], [(f"y{i}", list(o.shape)) for i, o in zip((1, 2, 3, 4), outs)],
         inits, [x], [o.numpy() for o in outs])


if __name__ == "__main__":
    rng = np.random.default_rng(20261124)
    for f in (make_bn, make_affine, make_matmul_add, make_act, make_transpose, make_pad, make_views, make_cse,
              make_split_dw, make_layout, make_layout_island, make_pool):
        f(rng)
