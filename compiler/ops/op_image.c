/* op_image.c - image sampling ops: GridSample RoiAlign MaxUnpool
 * (runtime-min/image.c) */
#include "mlcc.h"

#include <math.h>
#include <string.h>

static bool img_float_type(int dt) { return dt == DT_FLOAT || dt == DT_DOUBLE || dt == DT_FLOAT16; }

/* index of a string attribute's value in `names` (NULL-terminated); fails on others */
static int attr_choice(const Node *n, const char *name, const char *dflt, const char *const *names)
{
    const char *v = attr_s(n, name, dflt);
    for (int i = 0; names[i]; i++)
        if (!strcmp(v, names[i]))
            return i;
    node_fail(n, "attribute '%s' = '%s' is not supported", name, v);
}

static int64_t attr_flag(const Node *n, const char *name, int64_t dflt)
{
    int64_t v = attr_i(n, name, dflt);
    if (v != 0 && v != 1)
        node_fail(n, "attribute '%s' = %lld is not supported (0 or 1)", name, (long long)v);
    return v;
}

/* ------------------------------------------------------------ GridSample */

static const char *const gs_modes[] = {"bilinear", "nearest", "bicubic", NULL};
static const char *const gs_pads[] = {"zeros", "border", "reflection", NULL};

static void infer_gridsample(Graph *g, Node *n)
{
    need_inputs(n, 2, 2);
    Tensor *x = node_input(g, n, 0), *gr = node_input(g, n, 1);
    if (!img_float_type(x->dtype))
        node_fail(n, "data type %s is not supported by this op (float16/32/64 only)", dtype_name(x->dtype));
    if (gr->dtype != x->dtype)
        node_fail(n, "grid type %s differs from the input type %s; not supported", dtype_name(gr->dtype),
                  dtype_name(x->dtype));
    if (x->rank != 4)
        node_fail(n, "input has shape %s; only 4-D (N, C, H, W) is supported", shape_str(x));
    if (gr->rank != 4 || gr->dims[0] != x->dims[0] || gr->dims[3] != 2)
        node_fail(n, "grid has shape %s; expected (%lld, H_out, W_out, 2)", shape_str(gr), (long long)x->dims[0]);
    attr_choice(n, "mode", "bilinear", gs_modes);
    attr_choice(n, "padding_mode", "zeros", gs_pads);
    attr_flag(n, "align_corners", 0);
    int64_t d[4] = {x->dims[0], x->dims[1], gr->dims[1], gr->dims[2]};
    tensor_set_shape(node_output(g, n, 0), x->dtype, 4, d);
}

static void lower_gridsample(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0), *gr = node_input(g, n, 1);
    call_kernel(g, n, c, "gridsample", x->dtype);
    for (int i = 0; i < 4; i++)
        ivec_push(&c->ip, x->dims[i]);
    ivec_push(&c->ip, gr->dims[1]);
    ivec_push(&c->ip, gr->dims[2]);
    ivec_push(&c->ip, attr_choice(n, "mode", "bilinear", gs_modes));
    ivec_push(&c->ip, attr_choice(n, "padding_mode", "zeros", gs_pads));
    ivec_push(&c->ip, attr_flag(n, "align_corners", 0));
    call_in(c, n->in[0]);
    call_in(c, n->in[1]);
    call_out(c, n->out[0]);
}

/* ------------------------------------------------------------- RoiAlign */

static const char *const ra_modes[] = {"avg", "max", NULL};
static const char *const ra_ctms[] = {"half_pixel", "output_half_pixel", NULL};

static void infer_roialign(Graph *g, Node *n)
{
    need_inputs(n, 3, 3);
    Tensor *x = node_input(g, n, 0), *rois = node_input(g, n, 1), *bi = node_input(g, n, 2);
    if (!img_float_type(x->dtype))
        node_fail(n, "data type %s is not supported by this op (float16/32/64 only)", dtype_name(x->dtype));
    if (x->rank != 4)
        node_fail(n, "input has shape %s; expected 4-D (N, C, H, W)", shape_str(x));
    if (rois->dtype != x->dtype)
        node_fail(n, "rois type %s differs from the input type %s", dtype_name(rois->dtype), dtype_name(x->dtype));
    if (rois->rank != 2 || rois->dims[1] != 4)
        node_fail(n, "rois has shape %s; expected (num_rois, 4)", shape_str(rois));
    if (bi->dtype != DT_INT64)
        node_fail(n, "batch_indices type %s is not supported (int64)", dtype_name(bi->dtype));
    if (bi->rank != 1 || bi->dims[0] != rois->dims[0])
        node_fail(n, "batch_indices has shape %s; expected (%lld)", shape_str(bi), (long long)rois->dims[0]);
    attr_choice(n, "mode", "avg", ra_modes);
    if (n->opset >= 16)
        attr_choice(n, "coordinate_transformation_mode", "half_pixel", ra_ctms);
    int64_t oh = attr_i(n, "output_height", 1), ow = attr_i(n, "output_width", 1);
    if (oh < 1 || oh > 65536)
        node_fail(n, "attribute 'output_height' = %lld is not supported", (long long)oh);
    if (ow < 1 || ow > 65536)
        node_fail(n, "attribute 'output_width' = %lld is not supported", (long long)ow);
    int64_t sr = attr_i(n, "sampling_ratio", 0);
    if (sr < 0 || sr > 65536)
        node_fail(n, "attribute 'sampling_ratio' = %lld is not supported", (long long)sr);
    int64_t d[4] = {rois->dims[0], x->dims[1], oh, ow};
    tensor_set_shape(node_output(g, n, 0), x->dtype, 4, d);
}

/* Folded at compile time (every input constant), the kernel takes
 * rois x C x output_height x output_width x its sampling grid steps, the
 * grid computed as the kernel does (adaptive: ceil of the scaled roi size
 * over the bins, at most 65536 each way). */
static void roialign_fold_cost(Graph *g, const Node *n)
{
    Tensor *x = node_input(g, n, 0), *rois = node_input(g, n, 1), *bi = node_input(g, n, 2);
    if (!x->data || !rois->data || !bi->data)
        return;
    int64_t oh = attr_i(n, "output_height", 1), ow = attr_i(n, "output_width", 1);
    int64_t sr = attr_i(n, "sampling_ratio", 0);
    bool half = n->opset >= 16 && attr_choice(n, "coordinate_transformation_mode", "half_pixel", ra_ctms) == 0;
    double scale = attr_f(n, "spatial_scale", 1.0f), worst = 0;
    for (int64_t r = 0; r < rois->dims[0]; r++) {
        double v[4], grid[2];
        for (int k = 0; k < 4; k++)
            v[k] = dtype_get_f(rois->dtype, rois->data, 4 * r + k) * scale;
        for (int k = 0; k < 2; k++) {
            double len = v[2 + k] - v[k], bins = (double)(k ? oh : ow);
            if (!half && !(len > 1))
                len = 1;
            double gsz = sr > 0 ? (double)sr : ceil(len / bins);
            grid[k] = gsz > 0 ? (gsz < 65536 ? gsz : 65536) : 0; /* NaN: 0 */
        }
        if (grid[0] * grid[1] > worst)
            worst = grid[0] * grid[1];
    }
    opguard_fold_cost(g, n, worst * (double)rois->dims[0] * (double)x->dims[1] * (double)oh * (double)ow);
}

static void lower_roialign(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0), *rois = node_input(g, n, 1);
    roialign_fold_cost(g, n);
    call_kernel(g, n, c, "roialign", x->dtype);
    for (int i = 0; i < 4; i++)
        ivec_push(&c->ip, x->dims[i]);
    ivec_push(&c->ip, rois->dims[0]);
    ivec_push(&c->ip, attr_i(n, "output_height", 1));
    ivec_push(&c->ip, attr_i(n, "output_width", 1));
    ivec_push(&c->ip, attr_i(n, "sampling_ratio", 0));
    /* opset 10 has no pixel shift (output_half_pixel) */
    ivec_push(&c->ip, n->opset >= 16 && attr_choice(n, "coordinate_transformation_mode", "half_pixel", ra_ctms) == 0);
    ivec_push(&c->ip, attr_choice(n, "mode", "avg", ra_modes));
    fvec_push(&c->fp, attr_f(n, "spatial_scale", 1.0f));
    call_in(c, n->in[0]);
    call_in(c, n->in[1]);
    call_in(c, n->in[2]);
    call_out(c, n->out[0]);
}

/* ------------------------------------------------------------ MaxUnpool */

/* the shape MaxUnpool infers from kernel_shape, strides and pads */
static void unpool_inferred(const Node *n, const Tensor *x, int64_t *dims)
{
    int S = x->rank - 2;
    const int64_t *k, *s = NULL, *p = NULL;
    if (attr_ints(n, "kernel_shape", &k) != S)
        node_fail(n, "attribute 'kernel_shape' is missing or does not have %d values", S);
    int ns = attr_ints(n, "strides", &s), np = attr_ints(n, "pads", &p);
    if (ns >= 0 && ns != S)
        node_fail(n, "attribute 'strides' has %d values, expected %d", ns, S);
    if (np >= 0 && np != 2 * S)
        node_fail(n, "attribute 'pads' has %d values, expected %d", np, 2 * S);
    dims[0] = x->dims[0];
    dims[1] = x->dims[1];
    for (int i = 0; i < S; i++) {
        int64_t st = ns > 0 ? s[i] : 1, pb = np > 0 ? p[i] : 0, pe = np > 0 ? p[S + i] : 0;
        if (k[i] < 1 || st < 1 || pb < 0 || pe < 0 || k[i] > INT32_MAX || st > INT32_MAX || pb > INT32_MAX ||
            pe > INT32_MAX)
            node_fail(n, "kernel_shape/strides/pads of axis %d (%lld/%lld/%lld+%lld) are not supported", i,
                      (long long)k[i], (long long)st, (long long)pb, (long long)pe);
        dims[2 + i] = (x->dims[2 + i] - 1) * st + k[i] - pb - pe;
        if (dims[2 + i] < 1 || dims[2 + i] > INT32_MAX)
            node_fail(n, "inferred output dim %d is %lld", 2 + i, (long long)dims[2 + i]);
    }
    int64_t tot = 1;
    for (int i = 0; i < x->rank; i++)
        tot = checked_mul(tot, dims[i], n->name);
    if (tot > INT32_MAX)
        node_fail(n, "inferred output of %lld elements is too large", (long long)tot);
}

static void infer_maxunpool(Graph *g, Node *n)
{
    need_inputs(n, 2, 3);
    Tensor *x = node_input(g, n, 0), *ix = node_input(g, n, 1);
    if (!dtype_size(x->dtype))
        node_fail(n, "data type %s is not supported by this op", dtype_name(x->dtype));
    if (x->rank < 3)
        node_fail(n, "input has shape %s; expected (N, C, D1, ...)", shape_str(x));
    if (ix->dtype != DT_INT64)
        node_fail(n, "indices type %s is not supported (int64)", dtype_name(ix->dtype));
    if (ix->rank != x->rank || memcmp(ix->dims, x->dims, sizeof(int64_t) * (size_t)x->rank))
        node_fail(n, "indices shape %s differs from the input shape %s", shape_str(ix), shape_str(x));
    int64_t dims[MLCC_MAX_RANK];
    unpool_inferred(n, x, dims);
    if (n->n_in > 2 && n->in[2] >= 0) {
        int64_t os[MLCC_MAX_RANK];
        Tensor *t = node_input(g, n, 2);
        need_const(g, n, 2, "output_shape");
        if (tensor_numel(t) != x->rank)
            node_fail(n, "output_shape has %lld values, expected %d", (long long)tensor_numel(t), x->rank);
        const_ints(g, n, 2, os, MLCC_MAX_RANK);
        for (int i = 0; i < x->rank; i++) {
            if (os[i] < 1 || os[i] > INT32_MAX)
                node_fail(n, "output_shape value %lld is not supported", (long long)os[i]);
            dims[i] = os[i];
        }
    }
    tensor_set_shape(node_output(g, n, 0), x->dtype, x->rank, dims);
}

static void lower_maxunpool(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0), *y = node_output(g, n, 0);
    c->kernel = xfmt("mlcc_maxunpool_x%d", dtype_size(x->dtype) * 8);
    if (!kernel_find(c->kernel))
        node_fail(n, "data type %s is not supported by this op", dtype_name(x->dtype));
    int64_t inf[MLCC_MAX_RANK];
    unpool_inferred(n, x, inf);
    ivec_push(&c->ip, tensor_numel(x));
    ivec_push(&c->ip, x->rank);
    for (int i = 0; i < x->rank; i++)
        ivec_push(&c->ip, inf[i]);
    for (int i = 0; i < x->rank; i++)
        ivec_push(&c->ip, y->dims[i]);
    call_in(c, n->in[0]);
    call_in(c, n->in[1]);
    call_out(c, n->out[0]);
}

GUARD_INFER(infer_gridsample)
GUARD_INFER(infer_maxunpool)
GUARD_INFER(infer_roialign)
GUARD_LOWER(lower_gridsample)
GUARD_LOWER(lower_maxunpool)
GUARD_LOWER(lower_roialign)

const OpDef ops_image[] = {
    {"GridSample", 16, 17, infer_gridsample_guarded, lower_gridsample_guarded, 0, 0, "image",
     "4-D; bilinear/nearest/bicubic, zeros/border/reflection, align_corners; f16/f32/f64"},
    {"RoiAlign", 10, 17, infer_roialign_guarded, lower_roialign_guarded, 0, 0, "image",
     "avg/max, sampling_ratio (adaptive when 0), half_pixel/output_half_pixel; f16/f32/f64"},
    {"MaxUnpool", 9, 17, infer_maxunpool_guarded, lower_maxunpool_guarded, 1u << 2, 0, "image",
     "any spatial rank; pads, strides, output_shape (zero padded at the end, as the reference)"},
    {0},
};
