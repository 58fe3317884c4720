/* fuzz_mutate.c - structure-aware libFuzzer target: the same whole-compiler
 * entry as fuzz_model.c, with a custom mutator that edits valid models at the
 * ONNX level instead of bytes: dims, int/float attributes (extremes, NaN, inf),
 * string attributes (other known words), values inside initializers (pads,
 * axes, scales, indices), list lengths, omitted inputs, dtypes, op types
 * (swapped, or any op mlcc knows), attribute names, edges and the opset. */
#include "mlcc.h"
#include "onnx.pb-c.h"

#include <math.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t max_size);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned rnd(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 8;
}

static int64_t pick_value(unsigned *s, int64_t old)
{
    static const int64_t vals[] = {0, 1, -1, 2, 3, -2, 7, 64, 255, 1 << 20, INT32_MAX, INT64_MAX, INT64_MIN};
    switch (rnd(s) % 4) {
    case 0: return (int64_t)((uint64_t)old + 1u);
    case 1: return (int64_t)((uint64_t)old - 1u);
    case 2: return (int64_t)((uint64_t)old * 2u);
    default: return vals[rnd(s) % (sizeof vals / sizeof vals[0])];
    }
}

static float pick_float(unsigned *s, float old)
{
    static const float vals[] = {0.0f, -0.0f, 1.0f, -1.0f, 0.5f, 2.0f, 1e-30f, 1e30f, -1e30f, 3.0e38f,
                                 (float)INT32_MAX, (float)INT64_MAX};
    switch (rnd(s) % 5) {
    case 0: return old * 2.0f;
    case 1: return -old;
    case 2: return NAN;
    case 3: return (rnd(s) & 1) ? INFINITY : -INFINITY;
    default: return vals[rnd(s) % (sizeof vals / sizeof vals[0])];
    }
}

/* strings that ONNX string attributes take: modes, paddings, directions... */
static const char *const words[] = {
    "NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID", "nearest", "linear", "cubic", "bilinear", "bicubic",
    "half_pixel", "pytorch_half_pixel", "align_corners", "asymmetric", "tf_crop_and_resize", "round_prefer_ceil",
    "floor", "ceil", "constant", "reflect", "edge", "zeros", "border", "reflection", "forward", "reverse",
    "bidirectional", "LEFT", "RIGHT", "none", "sum", "mean", "add", "mul", "max", "min", "DCR", "CRD", "avg",
    "output_half_pixel", "Relu", "Tanh", "Sigmoid", "Affine", "HardSigmoid", "Softplus", "", "x"};

/* element k of an initializer's data, as stored: raw bytes or a typed field */
static void mutate_tensor_value(Onnx__TensorProto *t, unsigned *s)
{
    int dt = t->data_type;
    size_t es = dt == DT_DOUBLE || dt == DT_INT64 || dt == DT_UINT64 ? 8
              : dt == DT_FLOAT || dt == DT_INT32 || dt == DT_UINT32 ? 4
              : dt == DT_FLOAT16 || dt == DT_BFLOAT16 || dt == DT_INT16 || dt == DT_UINT16 ? 2 : 1;
    if (t->has_raw_data && t->raw_data.len >= es) {
        uint8_t *p = t->raw_data.data + es * (rnd(s) % (t->raw_data.len / es));
        if (dt == DT_FLOAT) {
            float f;
            memcpy(&f, p, 4);
            f = pick_float(s, f);
            memcpy(p, &f, 4);
        } else if (dt == DT_DOUBLE) {
            double f;
            memcpy(&f, p, 8);
            f = (double)pick_float(s, (float)f);
            memcpy(p, &f, 8);
        } else if (es == 8) {
            int64_t v;
            memcpy(&v, p, 8);
            v = pick_value(s, v);
            memcpy(p, &v, 8);
        } else if (es == 4) {
            int32_t v;
            memcpy(&v, p, 4);
            v = (int32_t)pick_value(s, v);
            memcpy(p, &v, 4);
        } else {
            for (size_t i = 0; i < es; i++)
                p[i] = (uint8_t)rnd(s);
        }
        return;
    }
    if (t->n_float_data)
        t->float_data[rnd(s) % t->n_float_data] = pick_float(s, t->float_data[0]);
    else if (t->n_double_data)
        t->double_data[rnd(s) % t->n_double_data] = (double)pick_float(s, (float)t->double_data[0]);
    else if (t->n_int64_data)
        t->int64_data[rnd(s) % t->n_int64_data] = pick_value(s, t->int64_data[0]);
    else if (t->n_int32_data)
        t->int32_data[rnd(s) % t->n_int32_data] = (int32_t)pick_value(s, t->int32_data[0]);
    else if (t->n_uint64_data)
        t->uint64_data[rnd(s) % t->n_uint64_data] = (uint64_t)pick_value(s, (int64_t)t->uint64_data[0]);
}

/* attribute names ONNX ops take: a renamed attribute lands on another op's */
static const char *const attr_names[] = {
    "axis", "axes", "pads", "strides", "kernel_shape", "dilations", "group", "keepdims", "perm", "split", "mode",
    "blocksize", "to", "alpha", "beta", "epsilon", "k", "largest", "batch_dims", "reduction", "direction",
    "hidden_size", "layout", "p", "ceil_mode", "storage_order", "count_include_pad", "auto_pad", "output_height",
    "output_width", "sampling_ratio", "spatial_scale", "onesided", "inverse", "exclusive", "reverse",
    "select_last_index", "noop_with_empty_axes", "upper", "coordinate_transformation_mode", "nearest_mode",
    "cubic_coeff_a", "exclude_outside", "extrapolation_value", "output_padding", "output_shape", "scales",
    "starts", "ends", "value", "broadcast", "linear_before_reset", "input_forget", "clip", "activations",
    "activation_alpha", "periodic", "output_datatype", "ignore_index", "align_corners", "padding_mode"};

/* every op name mlcc knows (from its op table), collected once */
static const char *op_names[1024];
static int n_op_names;
static void collect_op(const OpDef *d, void *ctx)
{
    (void)ctx;
    for (int i = 0; i < n_op_names; i++)
        if (!strcmp(op_names[i], d->name))
            return;
    if (n_op_names < (int)(sizeof op_names / sizeof op_names[0]))
        op_names[n_op_names++] = d->name;
}

/* a malloc'd copy (protobuf-c's default allocator frees the model's strings) */
static char *dup_str(const char *w)
{
    size_t len = strlen(w);
    char *p = malloc(len + 1);
    if (p)
        memcpy(p, w, len + 1);
    return p;
}

/* an initializer's raw data rewritten as element type `to` (values converted
 * through double); false when it has no raw data or a type without a size */
static bool convert_raw(Onnx__TensorProto *t, int to)
{
    int from = t->data_type, fs = dtype_size(from), ts = dtype_size(to);
    if (!t->has_raw_data || !fs || !ts || from == DT_STRING || to == DT_STRING || t->raw_data.len % (size_t)fs)
        return false;
    size_t n = t->raw_data.len / (size_t)fs;
    uint8_t *p = malloc(n * (size_t)ts + 1);
    if (!p)
        return false;
    for (size_t i = 0; i < n; i++) {
        double v = dtype_get_f(from, t->raw_data.data, (int64_t)i);
        if (dtype_is_int(to) || to == DT_BOOL) /* into the target's range: no undefined conversion */
            v = v != v ? 0 : v < -9.0e18 ? -9.0e18 : v > 9.0e18 ? 9.0e18 : v;
        dtype_set_f(to, p, (int64_t)i, v);
    }
    free(t->raw_data.data);
    t->raw_data.data = p;
    t->raw_data.len = n * (size_t)ts;
    t->data_type = to;
    return true;
}

static Onnx__AttributeProto *some_attribute(Onnx__GraphProto *g, unsigned *s)
{
    if (!g->n_node)
        return NULL;
    Onnx__NodeProto *n = g->node[rnd(s) % g->n_node];
    return n->n_attribute ? n->attribute[rnd(s) % n->n_attribute] : NULL;
}

static void mutate_model(Onnx__ModelProto *m, unsigned *s)
{
    Onnx__GraphProto *g = m->graph;
    if (!g)
        return;
    switch (rnd(s) % 15) {
    case 0: /* a dim of a graph input */
        if (g->n_input) {
            Onnx__TypeProto *tp = g->input[rnd(s) % g->n_input]->type;
            if (tp && tp->value_case == ONNX__TYPE_PROTO__VALUE_TENSOR_TYPE && tp->tensor_type &&
                tp->tensor_type->shape && tp->tensor_type->shape->n_dim) {
                Onnx__TensorShapeProto *sh = tp->tensor_type->shape;
                Onnx__TensorShapeProto__Dimension *d = sh->dim[rnd(s) % sh->n_dim];
                if (d->value_case == ONNX__TENSOR_SHAPE_PROTO__DIMENSION__VALUE_DIM_VALUE)
                    d->dim_value = pick_value(s, d->dim_value);
            }
        }
        break;
    case 1: /* an int or ints attribute */
    case 2: {
        Onnx__AttributeProto *a = some_attribute(g, s);
        if (!a)
            break;
        if (a->n_ints)
            a->ints[rnd(s) % a->n_ints] = pick_value(s, a->ints[0]);
        else if (a->has_i)
            a->i = pick_value(s, a->i);
        else if (a->n_floats)
            a->floats[rnd(s) % a->n_floats] = pick_float(s, a->floats[0]);
        else if (a->has_f)
            a->f = pick_float(s, a->f);
        break;
    }
    case 3: /* op types swapped between two nodes (strings stay owned by the model) */
        if (g->n_node > 1) {
            Onnx__NodeProto *a = g->node[rnd(s) % g->n_node], *b = g->node[rnd(s) % g->n_node];
            char *t = a->op_type;
            a->op_type = b->op_type;
            b->op_type = t;
        }
        break;
    case 4: /* an edge: a node input swapped with another node's output name */
        if (g->n_node > 1) {
            Onnx__NodeProto *a = g->node[rnd(s) % g->n_node], *b = g->node[rnd(s) % g->n_node];
            if (a->n_input && b->n_output) {
                char **x = &a->input[rnd(s) % a->n_input], **y = &b->output[rnd(s) % b->n_output], *t = *x;
                *x = *y;
                *y = t;
            }
        }
        break;
    case 5: /* an element type: of an initializer, its values converted (raw data), or of a graph input */
        if (g->n_initializer && (rnd(s) % 4)) {
            Onnx__TensorProto *t = g->initializer[rnd(s) % g->n_initializer];
            int to = (int)(rnd(s) % 17);
            if (!convert_raw(t, to))
                t->data_type = to; /* a mismatch the loader must refuse */
        } else if (g->n_input) {
            Onnx__TypeProto *tp = g->input[rnd(s) % g->n_input]->type;
            if (tp && tp->value_case == ONNX__TYPE_PROTO__VALUE_TENSOR_TYPE && tp->tensor_type)
                tp->tensor_type->elem_type = (int32_t)(rnd(s) % 17);
        }
        break;
    case 6: /* an initializer's dims */
        if (g->n_initializer) {
            Onnx__TensorProto *t = g->initializer[rnd(s) % g->n_initializer];
            if (t->n_dims)
                t->dims[rnd(s) % t->n_dims] = pick_value(s, t->dims[0]);
        }
        break;
    case 7: /* a value inside an initializer (pads, axes, scales, sizes, indices...) */
    case 8:
        if (g->n_initializer)
            mutate_tensor_value(g->initializer[rnd(s) % g->n_initializer], s);
        break;
    case 9: { /* a string attribute: another known word (malloc'd: protobuf-c frees it) */
        Onnx__AttributeProto *a = some_attribute(g, s);
        const char *w = words[rnd(s) % (sizeof words / sizeof words[0])];
        ProtobufCBinaryData *b = a && a->has_s ? &a->s : a && a->n_strings ? &a->strings[rnd(s) % a->n_strings] : NULL;
        char *p = b ? dup_str(w) : NULL;
        if (p) {
            free(b->data);
            b->data = (uint8_t *)p;
            b->len = strlen(p);
        }
        break;
    }
    case 10: { /* fewer values in a list attribute, or a node input dropped (count mismatches) */
        Onnx__AttributeProto *a = some_attribute(g, s);
        if (a && a->n_ints)
            a->n_ints--;
        else if (a && a->n_floats)
            a->n_floats--;
        else if (g->n_node) {
            Onnx__NodeProto *n = g->node[rnd(s) % g->n_node];
            char **in = n->n_input ? &n->input[rnd(s) % n->n_input] : NULL;
            if (in && (*in)[0] && (rnd(s) & 1))
                (*in)[0] = '\0'; /* an omitted optional input */
            else if (n->n_input)
                free(n->input[--n->n_input]); /* protobuf-c's default allocator is malloc */
        }
        break;
    }
    case 11: /* two initializers' names swapped: values move between inputs */
        if (g->n_initializer > 1) {
            Onnx__TensorProto *a = g->initializer[rnd(s) % g->n_initializer],
                              *b = g->initializer[rnd(s) % g->n_initializer];
            char *t = a->name;
            a->name = b->name;
            b->name = t;
        }
        break;
    case 12: /* a node becomes another op (single-node seeds have nothing to swap with) */
        if (g->n_node) {
            if (!n_op_names)
                ops_foreach(collect_op, NULL);
            Onnx__NodeProto *n = g->node[rnd(s) % g->n_node];
            char *t = n_op_names ? dup_str(op_names[rnd(s) % (unsigned)n_op_names]) : NULL;
            if (t) {
                if (n->op_type != protobuf_c_empty_string) /* the static default of an absent field */
                    free(n->op_type);
                n->op_type = t;
            }
        }
        break;
    case 13: { /* an attribute renamed: its value reaches another attribute (or op) */
        Onnx__AttributeProto *a = some_attribute(g, s);
        char *t = a ? dup_str(attr_names[rnd(s) % (sizeof attr_names / sizeof attr_names[0])]) : NULL;
        if (t) {
            if (a->name != protobuf_c_empty_string)
                free(a->name);
            a->name = t;
        }
        break;
    }
    default: /* the opset */
        if (m->n_opset_import)
            m->opset_import[0]->version = (int64_t)(rnd(s) % 20);
        break;
    }
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t max_size, unsigned int seed)
{
    Onnx__ModelProto *m = onnx__model_proto__unpack(NULL, size, data);
    if (!m || !m->graph) {
        if (m)
            onnx__model_proto__free_unpacked(m, NULL);
        return LLVMFuzzerMutate(data, size, max_size);
    }
    unsigned s = seed;
    int k = 1 + (int)(rnd(&s) % 3);
    for (int i = 0; i < k; i++)
        mutate_model(m, &s);
    size_t n = onnx__model_proto__get_packed_size(m);
    size_t out = size;
    if (n <= max_size) {
        uint8_t *buf = malloc(n ? n : 1);
        if (buf) {
            onnx__model_proto__pack(m, buf);
            memcpy(data, buf, n);
            out = n;
            free(buf);
        }
    }
    onnx__model_proto__free_unpacked(m, NULL);
    return out;
}
