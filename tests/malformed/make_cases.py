#!/usr/bin/python3
"""Makes the broken models of the malformed-input suite (run with Debian's
/usr/bin/python3 and python3-onnx; the outputs are checked in, so the tests
themselves need no Python). Each case: cases/NAME.onnx, and a line in
cases.txt: NAME|EXIT_CODE|substrings (;;-separated) the error lines must contain|extra mlcc args"""
import os
import onnx
from onnx import helper as h, TensorProto as T, numpy_helper
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "cases")
os.makedirs(out, exist_ok=True)
lines = []


def vi(name, dt=T.FLOAT, shape=(2, 3)):
    return h.make_tensor_value_info(name, dt, shape)


def model(nodes, inputs, outputs, inits=(), opset=13, **kw):
    g = h.make_graph(nodes, "g", inputs, outputs, initializer=list(inits))
    return h.make_model(g, opset_imports=[h.make_opsetid("", opset)], **kw)


def case(name, m, code, msg, args=""):
    path = os.path.join(out, name + ".onnx")
    data = m if isinstance(m, bytes) else m.SerializeToString()
    with open(path, "wb") as f:
        f.write(data)
    lines.append(f"{name}|{code}|{msg}|{args}")


good = model([h.make_node("Add", ["x", "y"], ["z"], name="add0")], [vi("x"), vi("y")], [vi("z")])
gb = good.SerializeToString()

case("empty_file", b"", 1, "empty file")
case("truncated", gb[: len(gb) // 2], 1, "truncated or malformed")
case("garbage", bytes(range(256)) * 4, 1, "not a valid ONNX model")
case("text_file", b"this is not a model\n", 1, "not a valid ONNX model")
m = onnx.ModelProto(); m.ir_version = 8; m.opset_import.add().version = 13
case("no_graph", m, 1, "has no graph")
case("unknown_ops", model([h.make_node("FooBar", ["x"], ["t"], name="foo1"),
                           h.make_node("BazQux", ["t"], ["z"], name="baz2")], [vi("x")], [vi("z")]),
     1, "node 'foo1' (FooBar, opset 13): unsupported operator;;node 'baz2' (BazQux, opset 13): unsupported operator")
case("missing_input", model([h.make_node("Add", ["x", "nope"], ["z"], name="add0")], [vi("x")], [vi("z")]),
     1, "input 'nope' is not a graph input")
case("cycle", model([h.make_node("Add", ["x", "b"], ["a"], name="n1"), h.make_node("Add", ["x", "a"], ["b"], name="n2")],
                    [vi("x")], [vi("a")]), 1, "cycle")
bad = numpy_helper.from_array(np.zeros((2, 3), np.float32), "w"); bad.raw_data = b"\0" * 5
case("raw_data_size", model([h.make_node("Add", ["x", "w"], ["z"])], [vi("x")], [vi("z")], [bad]), 1, "holds 5 bytes")
neg = onnx.TensorProto(); neg.name = "w"; neg.data_type = T.FLOAT; neg.dims.extend([2, -3])
case("negative_dim", model([h.make_node("Add", ["x", "w"], ["z"])], [vi("x")], [vi("z")], [neg]), 1, "negative dimension")
huge = onnx.TensorProto(); huge.name = "w"; huge.data_type = T.FLOAT; huge.dims.extend([1 << 40, 1 << 40])
case("huge_dims_overflow", model([h.make_node("Add", ["x", "w"], ["z"])], [vi("x")], [vi("z")], [huge]), 1,
     "has dimension 1099511627776, above the limit")
# each dim within the element limit, their product past int64
huge2 = onnx.TensorProto(); huge2.name = "w"; huge2.data_type = T.FLOAT; huge2.dims.extend([1 << 28, 1 << 28, 1 << 28])
case("huge_dims_overflow_3d", model([h.make_node("Add", ["x", "w"], ["z"])], [vi("x")], [vi("z")], [huge2]), 1, "overflows")
# an empty tensor (a zero dim) with a huge dim next to it: sizes and strides derive from dims
empty_huge = onnx.TensorProto(); empty_huge.name = "w"; empty_huge.data_type = T.FLOAT; empty_huge.dims.extend([0, 1 << 62])
case("empty_tensor_huge_dim", model([h.make_node("Add", ["x", "w"], ["z"])], [vi("x")], [vi("z")], [empty_huge]), 1,
     "has dimension 4611686018427387904, above the limit")
case("huge_input", model([h.make_node("Relu", ["x"], ["z"])], [vi("x", shape=(100000, 100000))], [vi("z")]), 1, "above the limit")
case("unknown_dtype", model([h.make_node("Add", ["x", "x"], ["z"])], [vi("x", dt=99)], [vi("z")]), 1, "unknown element type 99")
case("string_input", model([h.make_node("Identity", ["x"], ["z"])], [vi("x", dt=T.STRING)], [vi("z", dt=T.STRING)]), 1, "unsupported or unknown element type 8")
case("unbound_symbolic_dim", model([h.make_node("Add", ["x", "x"], ["z"])], [vi("x", shape=("N", 3))], [vi("z")]), 1, "dim 0 ('N') is not static")
case("output_not_produced", model([h.make_node("Add", ["x", "x"], ["z"])], [vi("x")], [vi("zz")]), 1, "graph output 'zz' is not produced")
case("output_defined_twice", model([h.make_node("Add", ["x", "x"], ["z"], name="a1"), h.make_node("Sub", ["x", "x"], ["z"], name="a2")],
                                   [vi("x")], [vi("z")]), 1, "output 'z' is already defined")
case("no_broadcast", model([h.make_node("Add", ["x", "y"], ["z"], name="add0")], [vi("x", shape=(3, 4)), vi("y", shape=(5,))], [vi("z")]),
     1, "node 'add0' (Add, opset 13): shapes 3x4 and 5 do not broadcast")
case("reshape_runtime_shape", model([h.make_node("Reshape", ["x", "s"], ["z"], name="rs")], [vi("x"), vi("s", dt=T.INT64, shape=(2,))], [vi("z")]),
     1, "must be a constant")
s = numpy_helper.from_array(np.array([4, 4], np.int64), "s")
case("reshape_wrong_count", model([h.make_node("Reshape", ["x", "s"], ["z"], name="rs")], [vi("x")], [vi("z")], [s]), 1, "cannot view 2x3 as 4x4")
case("opset_too_new", model([h.make_node("Add", ["x", "x"], ["z"], name="add0")], [vi("x")], [vi("z")], opset=99),
     1, "opset 99 is outside the versions")
case("opset_18_unknown", model([h.make_node("Relu", ["x"], ["z"], name="r0")], [vi("x")], [vi("z")], opset=18),
     1, "node 'r0' (Relu, opset 18): opset 18 is outside the versions mlcc implements for Relu (6 to 17): mlcc knows the ONNX operator set up to opset 17")
case("opset_below_range", model([h.make_node("Mod", ["x", "x"], ["z"], name="m0")], [vi("x")], [vi("z")], opset=9),
     1, "node 'm0' (Mod, opset 9): opset 9 is outside the versions mlcc implements for Mod (10 to 17)")
case("rank_too_large", model([h.make_node("Relu", ["x"], ["z"])], [vi("x", shape=(1,) * 9)], [vi("z")]), 1, "rank 9, above the limit")
ext = numpy_helper.from_array(np.zeros((2, 3), np.float32), "w"); ext.ClearField("raw_data")
ext.data_location = T.EXTERNAL; e = ext.external_data.add(); e.key = "location"; e.value = "/etc/passwd"
case("external_data_absolute", model([h.make_node("Add", ["x", "w"], ["z"])], [vi("x")], [vi("z")], [ext]), 1,
     "external data location '/etc/passwd' must be a relative path inside the model's directory")


def ext_case(name, loc, msg, offset=None, length=None):
    t = numpy_helper.from_array(np.zeros((2, 3), np.float32), "w"); t.ClearField("raw_data")
    t.data_location = T.EXTERNAL
    for k, v in (("location", loc), ("offset", offset), ("length", length)):
        if v is not None:
            e = t.external_data.add(); e.key = k; e.value = str(v)
    case(name, model([h.make_node("Add", ["x", "w"], ["z"])], [vi("x")], [vi("z")], [t]), 1, msg)


# cases/ext_weights.bin holds 24 bytes; cases/ext_link_out is a symlink to /etc/hostname
with open(os.path.join(out, "ext_weights.bin"), "wb") as f:
    f.write(np.arange(6, dtype=np.float32).tobytes())
link = os.path.join(out, "ext_link_out")
if not os.path.islink(link):
    os.symlink("/etc/hostname", link)
ext_case("external_data_dotdot", "../cases/ext_weights.bin", "without '..'")
ext_case("external_data_symlink_out", "ext_link_out", "lies outside the model's directory")
ext_case("external_data_missing_file", "no_such_file.bin", "cannot open external data file 'no_such_file.bin'")
ext_case("external_data_past_end", "ext_weights.bin", "runs past its end", offset=8)
ext_case("external_data_wrong_length", "ext_weights.bin", "external data length 20, but float32 2x3 needs 24 bytes", length=20)
ext_case("external_data_bad_offset", "ext_weights.bin", "external data offset '-4' is not a byte count", offset=-4)
case("squeeze_non_one", model([h.make_node("Squeeze", ["x", "ax"], ["z"], name="sq")], [vi("x")], [vi("z")],
                              [numpy_helper.from_array(np.array([1], np.int64), "ax")]), 1, "cannot squeeze axis 1 of size 3")
case("unsqueeze_repeated_axis", model([h.make_node("Unsqueeze", ["x", "ax"], ["z"], name="us")], [vi("x")], [vi("z")],
                                      [numpy_helper.from_array(np.array([0, 0], np.int64), "ax")]), 1, "axis 0 is repeated")
case("no_op_type", model([h.make_node("", ["x"], ["z"], name="blank")], [vi("x")], [vi("z")]), 1, "no op_type")
case("no_outputs", model([h.make_node("Relu", ["x"], ["z"])], [vi("x")], []), 1, "no outputs")
case("constant_without_value", model([h.make_node("Constant", [], ["z"], name="c0")], [], [vi("z")]), 1, "no value attribute")
seq = h.make_tensor_sequence_value_info("x", T.FLOAT, (2,))
case("sequence_input", model([h.make_node("Identity", ["x"], ["z"])], [seq], [vi("z")]), 1, "is not a tensor")
case("flatten_axis_range", model([h.make_node("Flatten", ["x"], ["z"], name="fl", axis=5)], [vi("x")], [vi("z")]), 1, "axis 5 is out of range")
case("dtype_mismatch", model([h.make_node("Add", ["x", "y"], ["z"], name="add0")], [vi("x"), vi("y", dt=T.INT64)], [vi("z")]),
     1, "inputs have different types (float32 and int64)")
case("duplicate_initializer", model([h.make_node("Add", ["x", "w"], ["z"])], [vi("x")], [vi("z")],
                                    [numpy_helper.from_array(np.zeros((2, 3), np.float32), "w")] * 2), 1, "defined twice")
case("other_domain", model([h.make_node("FusedConv", ["x"], ["z"], name="fc", domain="com.microsoft")], [vi("x")], [vi("z")]),
     1, "unsupported operator domain")
case("wrong_input_count", model([h.make_node("Add", ["x"], ["z"], name="add0")], [vi("x")], [vi("z")]), 1, "has 1 inputs, expected 2 to 2")
# usage errors (exit 2) on a valid model
case("usage_missing_output", good, 2, "missing -o", "NO_OUTPUT")
case("usage_unknown_option", good, 2, "unknown option '--frobnicate'", "--frobnicate")
case("usage_bad_name", good, 2, "is not a C identifier", "--name 9lives")
case("usage_bad_shape", good, 2, "--shape expects NAME=DIMS", "--shape x")
case("usage_unknown_target", good, 2, "unknown target 'nosuch'", "--target nosuch")
case("usage_unknown_shape_name", good, 2, "--shape foo: the model has no graph input or symbolic dim of that name", "--shape foo=1")
case("usage_bad_freeze", good, 2, "--freeze expects NAME=FILE.pb", "--freeze x")
case("usage_bad_limit", good, 2, "--limit expects NAME=N", "--limit colours=3")
two = model([h.make_node("Add", ["x", "x"], ["t"]), h.make_node("Add", ["t", "x"], ["z"])], [vi("x")], [vi("z")])
case("limit_nodes", two, 1, "2 nodes, above the limit of 1 (raise it with --limit nodes=N)", "--limit nodes=1")
case("limit_tensor_elements", good, 1, "has 6 elements, above the limit of 5", "--limit tensor-elements=5")
case("limit_string_bytes", model([h.make_node("Relu", ["x"], ["z"], name="n" * 3000)], [vi("x")], [vi("z")]), 1,
     "a name or string of 3000 bytes is above the limit of 1000", "--limit string-bytes=1000")
wbig = numpy_helper.from_array(np.zeros((2, 3), np.float32), "w")
case("limit_constant_bytes", model([h.make_node("Add", ["x", "w"], ["z"])], [vi("x")], [vi("z")], [wbig]), 1,
     "constants exceed the limit of 16 bytes", "--limit constant-bytes=16")

with open(os.path.join(here, "cases.txt"), "w") as f:
    f.write("# NAME|EXIT_CODE|expected message substring|extra mlcc args (made by make_cases.py)\n")
    f.write("\n".join(lines) + "\n")
print(len(lines), "cases")
