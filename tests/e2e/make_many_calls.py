#!/usr/bin/python3
"""Makes tests/e2e/many_calls: 70 Adds in a chain (a_i = a_{i-1} + x, then
alternately + y), so that one kernel is called more than the 64 times up to
which the emitted C inlines a kernel into each call: that kernel must keep
one copy of its own. Run with Debian's /usr/bin/python3 (python3-onnx);
outputs are checked in."""
import os
import numpy as np
import onnx
from onnx import helper as h, TensorProto as T, numpy_helper

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "many_calls")
os.makedirs(os.path.join(here, "test_data_set_0"), exist_ok=True)
n = 70
nodes, prev = [], "x"
for i in range(n):
    out = "a%d" % i if i < n - 1 else "out"
    nodes.append(h.make_node("Add", [prev, "x" if i % 2 else "y"], [out], name="add%d" % i))
    prev = out
vi = lambda name: h.make_tensor_value_info(name, T.FLOAT, [4, 8])
g = h.make_graph(nodes, "many_calls", [vi("x"), vi("y")], [vi("out")])
m = h.make_model(g, opset_imports=[h.make_opsetid("", 13)])
onnx.checker.check_model(m)
onnx.save(m, os.path.join(here, "model.onnx"))
rng = np.random.default_rng(7)
x = rng.uniform(-1, 1, (4, 8)).astype(np.float32)
y = rng.uniform(-1, 1, (4, 8)).astype(np.float32)
z = x.copy()
for i in range(n):
    z = z + (x if i % 2 else y)
for name, arr in (("input_0.pb", x), ("input_1.pb", y), ("output_0.pb", z)):
    with open(os.path.join(here, "test_data_set_0", name), "wb") as f:
        f.write(numpy_helper.from_array(arr).SerializeToString())
