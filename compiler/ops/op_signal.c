/* op_signal.c - signal processing: DFT STFT (runtime-min/signal.c), and the
 * generators HannWindow HammingWindow BlackmanWindow MelWeightMatrix, whose
 * inputs must be constants: they are computed here at compile time and the
 * node is removed. */
#include "mlcc.h"

#include <math.h>
#include <string.h>

#define SIG_PI 3.14159265358979323846

static bool sig_float_type(int dt) { return dt == DT_FLOAT || dt == DT_DOUBLE || dt == DT_FLOAT16; }

/* a constant integer scalar input (one value) */
static int64_t const_scalar_int(Graph *g, const Node *n, int k, const char *what)
{
    Tensor *t = node_input(g, n, k);
    need_const(g, n, k, what);
    if (t->dtype != DT_INT32 && t->dtype != DT_INT64)
        node_fail(n, "input %d ('%s', the %s) must be int32 or int64, not %s", k, t->name, what,
                  dtype_name(t->dtype));
    if (tensor_numel(t) != 1)
        node_fail(n, "input %d ('%s', the %s) must be a scalar, it has shape %s", k, t->name, what, shape_str(t));
    return dtype_get_i(t->dtype, t->data, 0);
}

static double const_scalar_float(Graph *g, const Node *n, int k, const char *what)
{
    Tensor *t = node_input(g, n, k);
    need_const(g, n, k, what);
    if (!sig_float_type(t->dtype))
        node_fail(n, "input %d ('%s', the %s) must be a float tensor, not %s", k, t->name, what,
                  dtype_name(t->dtype));
    if (tensor_numel(t) != 1)
        node_fail(n, "input %d ('%s', the %s) must be a scalar, it has shape %s", k, t->name, what, shape_str(t));
    return dtype_get_f(t->dtype, t->data, 0);
}

static int64_t bool_attr(const Node *n, const char *name, int64_t dflt)
{
    int64_t v = attr_i(n, name, dflt);
    if (v != 0 && v != 1)
        node_fail(n, "attribute '%s' = %lld is not supported (0 or 1)", name, (long long)v);
    return v;
}

/* ------------------------------------------------------------------ DFT */

typedef struct {
    int axis;
    int64_t outer, nin, inner, C, n, nout;
    int inverse;
} DftGeom;

static void dft_geom(Graph *g, const Node *n, DftGeom *d)
{
    Tensor *x = node_input(g, n, 0);
    memset(d, 0, sizeof *d);
    if (!sig_float_type(x->dtype))
        node_fail(n, "data type %s is not supported by this op (float16/32/64 only)", dtype_name(x->dtype));
    int r = x->rank;
    if (r < 2)
        node_fail(n, "input has rank %d; expected [batch, signal dims..., 1 or 2]", r);
    d->C = x->dims[r - 1];
    if (d->C != 1 && d->C != 2)
        node_fail(n, "the last input dim is %lld; expected 1 (real) or 2 (complex)", (long long)d->C);
    int64_t axis = attr_i(n, "axis", 1);
    int64_t a = axis < 0 ? axis + r : axis;
    if (a < 0 || a > r - 2)
        node_fail(n, "attribute 'axis' = %lld is out of range for rank %d (the last dim holds the real and "
                  "imaginary parts)", (long long)axis, r);
    d->axis = (int)a;
    d->inverse = (int)bool_attr(n, "inverse", 0);
    int onesided = (int)bool_attr(n, "onesided", 0);
    d->nin = x->dims[a];
    d->n = d->nin;
    if (n->n_in > 1 && n->in[1] >= 0) {
        d->n = const_scalar_int(g, n, 1, "dft_length");
        if (d->n < 1 || d->n > INT32_MAX / 4)
            node_fail(n, "dft_length = %lld is not supported (must be positive)", (long long)d->n);
    }
    if (d->n < 1)
        node_fail(n, "the DFT axis %d has length 0", d->axis);
    d->nout = onesided ? d->n / 2 + 1 : d->n;
    d->outer = 1;
    for (int i = 0; i < a; i++)
        d->outer *= x->dims[i];
    d->inner = 1;
    for (int i = (int)a + 1; i < r - 1; i++)
        d->inner *= x->dims[i];
}

static void infer_dft(Graph *g, Node *n)
{
    need_inputs(n, 1, 2);
    Tensor *x = node_input(g, n, 0);
    DftGeom d;
    dft_geom(g, n, &d);
    int64_t dims[MLCC_MAX_RANK];
    memcpy(dims, x->dims, sizeof dims);
    dims[d.axis] = d.nout;
    dims[x->rank - 1] = 2;
    tensor_set_shape(node_output(g, n, 0), x->dtype, x->rank, dims);
}

static void lower_dft(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0);
    DftGeom d;
    dft_geom(g, n, &d);
    opguard_fold_cost(g, n, (double)d.outer * (double)d.inner * (double)d.nout * (double)d.n);
    call_kernel(g, n, c, "dft", x->dtype);
    ivec_push(&c->ip, d.outer);
    ivec_push(&c->ip, d.nin);
    ivec_push(&c->ip, d.inner);
    ivec_push(&c->ip, d.C);
    ivec_push(&c->ip, d.n);
    ivec_push(&c->ip, d.nout);
    ivec_push(&c->ip, d.inverse);
    c->scratch = checked_mul(2 * (d.n + d.inner), 8, n->name);
    call_in(c, n->in[0]);
    call_out(c, n->out[0]);
}

/* ------------------------------------------------------------------ STFT */

typedef struct {
    int64_t batch, len, C, step, L, frames, nout;
} StftGeom;

static void stft_geom(Graph *g, const Node *n, StftGeom *s)
{
    Tensor *x = node_input(g, n, 0), *w = node_input(g, n, 2);
    memset(s, 0, sizeof *s);
    if (!sig_float_type(x->dtype))
        node_fail(n, "data type %s is not supported by this op (float16/32/64 only)", dtype_name(x->dtype));
    if (x->rank != 3)
        node_fail(n, "signal has shape %s; expected [batch, length, 1 or 2]", shape_str(x));
    s->batch = x->dims[0];
    s->len = x->dims[1];
    s->C = x->dims[2];
    if (s->C != 1 && s->C != 2)
        node_fail(n, "the last signal dim is %lld; expected 1 (real) or 2 (complex)", (long long)s->C);
    s->step = const_scalar_int(g, n, 1, "frame_step");
    if (s->step < 1 || s->step > INT32_MAX / 4)
        node_fail(n, "frame_step = %lld is not supported (must be positive)", (long long)s->step);
    int64_t L = -1;
    if (w) {
        if (w->rank != 1)
            node_fail(n, "window has shape %s; expected rank 1", shape_str(w));
        if (w->dtype != x->dtype)
            node_fail(n, "window type %s differs from the signal type %s", dtype_name(w->dtype), dtype_name(x->dtype));
        L = w->dims[0];
    }
    if (n->n_in > 3 && n->in[3] >= 0) {
        int64_t fl = const_scalar_int(g, n, 3, "frame_length");
        if (L >= 0 && fl != L)
            node_fail(n, "frame_length = %lld differs from the window length %lld", (long long)fl, (long long)L);
        L = fl;
    }
    if (L < 0)
        node_fail(n, "needs a window or a frame_length input");
    if (L < 1 || L > s->len)
        node_fail(n, "frame length %lld is not supported for a signal of length %lld", (long long)L,
                  (long long)s->len);
    s->L = L;
    s->frames = (s->len - L) / s->step + 1;
    s->nout = bool_attr(n, "onesided", 1) ? L / 2 + 1 : L;
}

static void infer_stft(Graph *g, Node *n)
{
    need_inputs(n, 2, 4);
    StftGeom s;
    stft_geom(g, n, &s);
    int64_t dims[4] = {s.batch, s.frames, s.nout, 2};
    tensor_set_shape(node_output(g, n, 0), node_input(g, n, 0)->dtype, 4, dims);
}

static void lower_stft(Graph *g, Node *n, Call *c)
{
    StftGeom s;
    stft_geom(g, n, &s);
    opguard_fold_cost(g, n, (double)s.batch * (double)s.frames * (double)s.nout * (double)s.L);
    call_kernel(g, n, c, "stft", node_input(g, n, 0)->dtype);
    ivec_push(&c->ip, s.batch);
    ivec_push(&c->ip, s.len);
    ivec_push(&c->ip, s.C);
    ivec_push(&c->ip, s.step);
    ivec_push(&c->ip, s.L);
    ivec_push(&c->ip, s.frames);
    ivec_push(&c->ip, s.nout);
    c->scratch = checked_mul(4 * s.L, 8, n->name);
    call_in(c, n->in[0]);
    call_in(c, n->n_in > 2 ? n->in[2] : -1);
    call_out(c, n->out[0]);
}

/* ------------------------------------------------- compile-time generators */

/* output_datatype: any numeric type the compiler stores */
static int out_datatype(const Node *n)
{
    int64_t dt = attr_i(n, "output_datatype", DT_FLOAT);
    if (dt <= 0 || dt >= DT_COUNT || dt == DT_BOOL || dt == DT_STRING || !dtype_size((int)dt))
        node_fail(n, "attribute 'output_datatype' = %lld is not supported", (long long)dt);
    return (int)dt;
}

/* a folded output of `cnt` elements must fit the limits before it is computed */
static void check_output_size(const Node *n, int64_t cnt, int dt)
{
    if (cnt > g_limits.tensor_elements || cnt > g_limits.constant_bytes / dtype_size(dt))
        node_fail(n, "output of %lld elements is above the tensor_elements or constant_bytes limit", (long long)cnt);
}

/* the output as a constant of `cnt` values computed in double */
static void set_output(Graph *g, Node *n, int dt, int rank, const int64_t *dims, const double *v)
{
    Tensor *y = node_output(g, n, 0);
    tensor_set_shape(y, dt, rank, dims);
    int64_t cnt = tensor_numel(y), b = tensor_bytes(y);
    count_constant_bytes(b, y->name);
    y->data = xmalloc((size_t)b + 1);
    for (int64_t i = 0; i < cnt; i++)
        dtype_set_f(dt, y->data, i, v[i]);
    n->dead = true;
}

static void infer_window(Graph *g, Node *n)
{
    need_inputs(n, 1, 1);
    int dt = out_datatype(n);
    int64_t size = const_scalar_int(g, n, 0, "size");
    if (size < 0)
        node_fail(n, "window size %lld is not supported", (long long)size);
    check_output_size(n, size, dt);
    int periodic = (int)bool_attr(n, "periodic", 1);
    /* y[k] = a0 - a1 cos(2 pi k / N) + a2 cos(4 pi k / N); N = size (periodic) or size - 1 */
    double a0, a1, a2 = 0;
    if (!strcmp(n->op, "HannWindow"))
        a0 = 0.5, a1 = 0.5;
    else if (!strcmp(n->op, "HammingWindow"))
        a0 = 25.0 / 46.0, a1 = 21.0 / 46.0;
    else
        a0 = 0.42, a1 = 0.5, a2 = 0.08;
    double N = (double)(periodic ? size : size - 1);
    double *v = xmalloc(sizeof(double) * (size_t)(size + 1));
    for (int64_t k = 0; k < size; k++) {
        if (N <= 0) { /* a symmetric window of one point */
            v[k] = 1.0;
            continue;
        }
        double t = 2.0 * SIG_PI * (double)k / N;
        v[k] = a0 - a1 * cos(t) + a2 * cos(2.0 * t);
    }
    set_output(g, n, dt, 1, &size, v);
}

static void infer_mel(Graph *g, Node *n)
{
    need_inputs(n, 5, 5);
    int dt = out_datatype(n);
    int64_t bins = const_scalar_int(g, n, 0, "num_mel_bins");
    int64_t dft_len = const_scalar_int(g, n, 1, "dft_length");
    int64_t rate = const_scalar_int(g, n, 2, "sample_rate");
    double lo = const_scalar_float(g, n, 3, "lower_edge_hertz");
    double hi = const_scalar_float(g, n, 4, "upper_edge_hertz");
    if (bins < 1 || bins > 1000000)
        node_fail(n, "num_mel_bins = %lld is not supported", (long long)bins);
    if (dft_len < 1 || dft_len > 100000000)
        node_fail(n, "dft_length = %lld is not supported", (long long)dft_len);
    if (rate < 1)
        node_fail(n, "sample_rate = %lld is not supported (must be positive)", (long long)rate);
    if (!(lo >= 0) || !(hi >= lo) || !(hi <= 1e9))
        node_fail(n, "edge frequencies %g..%g are not supported (0 <= lower <= upper <= 1e9 Hz)", lo, hi);
    int64_t nspec = dft_len / 2 + 1;
    int64_t dims[2] = {nspec, bins};
    int64_t cnt = checked_mul(nspec, bins, n->name);
    check_output_size(n, cnt, dt);
    double *v = xmalloc(sizeof(double) * (size_t)(cnt + 1));
    /* bin edges: num_mel_bins + 2 points evenly spaced on the mel scale, then
     * mapped to spectrogram bins floor((dft_length + 1) * hz / sample_rate) */
    int64_t *fb = xmalloc(sizeof(int64_t) * (size_t)(bins + 2));
    double lo_mel = 2595.0 * log10(1.0 + lo / 700.0), hi_mel = 2595.0 * log10(1.0 + hi / 700.0);
    double step = (hi_mel - lo_mel) / (double)(bins + 2);
    for (int64_t i = 0; i < bins + 2; i++) {
        double hz = 700.0 * (pow(10.0, ((double)i * step + lo_mel) / 2595.0) - 1.0);
        /* below 1e17: hz <= 1e9, dft_length <= 1e8 */
        fb[i] = (int64_t)floor((double)(dft_len + 1) * hz / (double)rate);
    }
    for (int64_t i = 0; i < bins; i++) {
        int64_t left = fb[i], center = fb[i + 1], right = fb[i + 2];
#define MEL_SET(j, val)                                                                 \
    do {                                                                                \
        if ((j) >= 0 && (j) < nspec)                                                    \
            v[(j) * bins + i] = (val);                                                  \
    } while (0)
        /* only the bins inside the spectrogram are visited */
        if (center == left)
            MEL_SET(center, 1.0);
        else
            for (int64_t j = left > 0 ? left : 0; j <= center && j < nspec; j++)
                MEL_SET(j, (double)(j - left) / (double)(center - left));
        if (right > center)
            for (int64_t j = center > 0 ? center : 0; j < right && j < nspec; j++)
                MEL_SET(j, (double)(right - j) / (double)(right - center));
#undef MEL_SET
    }
    set_output(g, n, dt, 2, dims, v);
}

GUARD_INFER(infer_dft)
GUARD_INFER(infer_mel)
GUARD_INFER(infer_stft)
GUARD_INFER(infer_window)
GUARD_LOWER(lower_dft)
GUARD_LOWER(lower_stft)

const OpDef ops_signal[] = {
    {"DFT", 17, 17, infer_dft_guarded, lower_dft_guarded, 1u << 1, 0, "signal",
     "any length (O(n^2), double sums); axis, inverse, onesided, dft_length; f16/f32/f64"},
    {"STFT", 17, 17, infer_stft_guarded, lower_stft_guarded, (1u << 1) | (1u << 3), 0, "signal",
     "window and/or frame_length, onesided; real or complex signal; f16/f32/f64"},
    {"HannWindow", 17, 17, infer_window_guarded, NULL, 1u << 0, 0, "signal", "folded (constant size)"},
    {"HammingWindow", 17, 17, infer_window_guarded, NULL, 1u << 0, 0, "signal", "folded (constant size)"},
    {"BlackmanWindow", 17, 17, infer_window_guarded, NULL, 1u << 0, 0, "signal", "folded (constant size)"},
    {"MelWeightMatrix", 17, 17, infer_mel_guarded, NULL, 0x1fu, 0, "signal", "folded (constant inputs)"},
    {0},
};
