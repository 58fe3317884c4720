/* op_resize.c - Resize (opset 10: scales; 11-17: roi, scales, sizes) and
 * Upsample (7: scales attribute, 9: scales input). Every coordinate is
 * computed here in double precision and handed to the kernel as per-axis tap
 * tables (runtime-min/resize.c), following the ONNX reference implementation:
 * for each output coordinate, x_original by the coordinate transformation
 * mode, the n nearest input positions (in an edge-padded input; ties prefer
 * the lower one), and their coefficients (nearest: 0/1 by nearest_mode,
 * linear: 1-t, t; cubic: Keys with cubic_coeff_a; exclude_outside drops taps
 * outside the input and renormalizes). */
#include "mlcc.h"

#include <math.h>
#include <string.h>

enum { M_NEAREST, M_LINEAR, M_CUBIC };
enum { C_HALF_PIXEL, C_PYTORCH_HALF_PIXEL, C_ALIGN_CORNERS, C_ASYMMETRIC, C_TF_HALF_PIXEL_FOR_NN, C_TF_CROP };
enum { N_ROUND_PREFER_FLOOR, N_ROUND_PREFER_CEIL, N_FLOOR, N_CEIL, N_SIMPLE };

typedef struct {
    int rank;
    int64_t in[MLCC_MAX_RANK], out[MLCC_MAX_RANK];
    double scale[MLCC_MAX_RANK];       /* the scale of each axis (given, or out/in from sizes) */
    double resized[MLCC_MAX_RANK];     /* length_resized: scale*in with scales, out with sizes */
    double roi_start[MLCC_MAX_RANK], roi_end[MLCC_MAX_RANK];
    int mode, ctm, nearest;
    double cubic_a;
    bool exclude_outside;
    float extrapolation;
} RPlan;

/* the output dims (summed over the axes) that the tap tables may cover */
#define RESIZE_MAX_TAPS (1 << 18)

static int pick(const Node *n, const char *attr, const char *dflt, const char *const *names, int count)
{
    const char *v = attr_s(n, attr, dflt);
    for (int i = 0; i < count; i++)
        if (!strcmp(v, names[i]))
            return i;
    Buf b = {0};
    for (int i = 0; i < count; i++)
        buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
    node_fail(n, "attribute '%s' = '%s' is not supported (%s)", attr, v, b.s);
}

/* the floats of a constant input (scales, roi); count returned */
static int const_floats(Graph *g, const Node *n, int k, const char *what, double *out, int max)
{
    Tensor *t = node_input(g, n, k);
    need_const(g, n, k, what);
    if (!dtype_is_float(t->dtype))
        node_fail(n, "input %d ('%s', the %s) must be a floating-point tensor, not %s", k, t->name, what,
                  dtype_name(t->dtype));
    int64_t cnt = tensor_numel(t);
    if (cnt > max)
        node_fail(n, "input %d ('%s', the %s) has %lld values, expected at most %d", k, t->name, what,
                  (long long)cnt, max);
    for (int64_t i = 0; i < cnt; i++)
        out[i] = dtype_get_f(t->dtype, t->data, i);
    return (int)cnt;
}

static bool present(Graph *g, const Node *n, int k)
{
    Tensor *t = k < n->n_in ? node_input(g, n, k) : NULL;
    return t && tensor_numel(t) > 0;
}

static void plan_scales(Node *n, RPlan *p, const double *s, int cnt)
{
    if (cnt != p->rank)
        node_fail(n, "scales has %d values for an input of rank %d", cnt, p->rank);
    for (int i = 0; i < p->rank; i++) {
        if (!(s[i] > 0) || !isfinite(s[i]))
            node_fail(n, "scale %g of axis %d is not a positive number", s[i], i);
        p->scale[i] = s[i];
        p->resized[i] = s[i] * (double)p->in[i];
        double o = floor(p->resized[i]);
        if (o > 1e9)
            node_fail(n, "scale %g of axis %d gives an output that is too large", s[i], i);
        p->out[i] = (int64_t)o;
    }
}

static void resize_plan(Graph *g, Node *n, RPlan *p)
{
    static const char *const modes[] = {"nearest", "linear", "cubic"};
    static const char *const ctms[] = {"half_pixel", "pytorch_half_pixel", "align_corners", "asymmetric",
                                       "tf_half_pixel_for_nn", "tf_crop_and_resize"};
    static const char *const nmodes[] = {"round_prefer_floor", "round_prefer_ceil", "floor", "ceil"};
    Tensor *x = node_input(g, n, 0);
    memset(p, 0, sizeof *p);
    p->rank = x->rank;
    memcpy(p->in, x->dims, sizeof p->in);
    for (int i = 0; i < x->rank; i++)
        p->roi_end[i] = 1;
    double s[MLCC_MAX_RANK];
    bool upsample = !strcmp(n->op, "Upsample");
    if (upsample || n->opset < 11) {
        /* Upsample, Resize-10: asymmetric coordinates, nearest rounds down when
         * upsampling and up when downsampling; modes nearest and linear */
        const char *m = attr_s(n, "mode", "nearest");
        if (!strcmp(m, "nearest"))
            p->mode = M_NEAREST;
        else if (!strcmp(m, "linear") || (upsample && !strcmp(m, "bilinear")))
            p->mode = M_LINEAR;
        else
            node_fail(n, "attribute 'mode' = '%s' is not supported (nearest, linear)", m);
        p->ctm = C_ASYMMETRIC;
        p->nearest = N_SIMPLE;
        int cnt;
        if (upsample && n->opset < 9) {
            need_inputs(n, 1, 1);
            const float *f;
            cnt = attr_floats(n, "scales", &f);
            if (cnt < 0)
                node_fail(n, "attribute 'scales' is missing");
            for (int i = 0; i < cnt && i < MLCC_MAX_RANK; i++)
                s[i] = f[i];
        } else {
            need_inputs(n, 2, 2);
            cnt = const_floats(g, n, 1, "scales", s, MLCC_MAX_RANK);
        }
        plan_scales(n, p, s, cnt);
        return;
    }
    need_inputs(n, 1, 4);
    p->mode = pick(n, "mode", "nearest", modes, 3);
    p->ctm = pick(n, "coordinate_transformation_mode", "half_pixel", ctms, 6);
    p->nearest = p->mode == M_NEAREST ? pick(n, "nearest_mode", "round_prefer_floor", nmodes, 4) : 0;
    p->cubic_a = attr_f(n, "cubic_coeff_a", -0.75f);
    int64_t ex = attr_i(n, "exclude_outside", 0);
    if (ex != 0 && ex != 1)
        node_fail(n, "attribute 'exclude_outside' = %lld is not supported (0 or 1)", (long long)ex);
    p->exclude_outside = ex;
    p->extrapolation = attr_f(n, "extrapolation_value", 0.0f);
    if (attr_get(n, "antialias") || attr_get(n, "axes") || attr_get(n, "keep_aspect_ratio_policy"))
        node_fail(n, "attributes antialias, axes and keep_aspect_ratio_policy (opset 18) are not supported");
    bool has_scales = present(g, n, 2), has_sizes = present(g, n, 3);
    if (has_scales == has_sizes)
        node_fail(n, "exactly one of the inputs 'scales' and 'sizes' must be given and non-empty");
    if (has_scales) {
        int cnt = const_floats(g, n, 2, "scales", s, MLCC_MAX_RANK);
        plan_scales(n, p, s, cnt);
    } else {
        int64_t sz[MLCC_MAX_RANK];
        need_const(g, n, 3, "sizes");
        int cnt = const_ints(g, n, 3, sz, MLCC_MAX_RANK);
        if (cnt != p->rank)
            node_fail(n, "sizes has %d values for an input of rank %d", cnt, p->rank);
        for (int i = 0; i < p->rank; i++) {
            if (sz[i] < 1 || sz[i] > 1000000000)
                node_fail(n, "size %lld of axis %d is not supported", (long long)sz[i], i);
            if (p->in[i] == 0)
                node_fail(n, "axis %d of the input is empty and cannot be resized to %lld", i, (long long)sz[i]);
            p->out[i] = sz[i];
            p->scale[i] = (double)sz[i] / (double)p->in[i];
            p->resized[i] = (double)sz[i];
        }
    }
    if (p->ctm == C_TF_CROP) {
        double roi[2 * MLCC_MAX_RANK];
        if (!present(g, n, 1))
            node_fail(n, "coordinate_transformation_mode tf_crop_and_resize needs the input 'roi'");
        int cnt = const_floats(g, n, 1, "roi", roi, 2 * MLCC_MAX_RANK);
        if (cnt != 2 * p->rank)
            node_fail(n, "roi has %d values, expected %d (starts and ends of every axis)", cnt, 2 * p->rank);
        for (int i = 0; i < 2 * p->rank; i++)
            if (!isfinite(roi[i]) || fabs(roi[i]) > 1e6)
                node_fail(n, "roi value %g is not a finite number of reasonable size", roi[i]);
        for (int i = 0; i < p->rank; i++) {
            p->roi_start[i] = roi[i];
            p->roi_end[i] = roi[p->rank + i];
        }
    }
}

/* x_original of output index x on axis a; false when outside a tf_crop_and_resize crop */
static bool original_coord(const RPlan *p, int a, double x, double *xo)
{
    double in = (double)p->in[a], s = p->scale[a], len = p->resized[a];
    switch (p->ctm) {
    case C_HALF_PIXEL:
        *xo = (x + 0.5) / s - 0.5;
        break;
    case C_PYTORCH_HALF_PIXEL:
        *xo = len > 1 ? (x + 0.5) / s - 0.5 : 0.0;
        break;
    case C_ALIGN_CORNERS:
        *xo = len == 1 ? 0.0 : x * (in - 1) / (len - 1);
        break;
    case C_ASYMMETRIC:
        *xo = x / s;
        break;
    case C_TF_HALF_PIXEL_FOR_NN:
        *xo = (x + 0.5) / s;
        break;
    default: { /* tf_crop_and_resize */
        double st = p->roi_start[a], en = p->roi_end[a];
        *xo = len > 1 ? st * (in - 1) + x * (en - st) * (in - 1) / (len - 1) : 0.5 * (st + en) * (in - 1);
        if (*xo < 0 || *xo > in - 1)
            return false;
    }
    }
    return true;
}

static int coeffs(const RPlan *p, int a, double ratio, double *c)
{
    if (p->mode == M_LINEAR) {
        c[0] = 1 - ratio;
        c[1] = ratio;
        return 2;
    }
    if (p->mode == M_CUBIC) {
        double A = p->cubic_a, t = ratio, u = 1 - ratio;
        c[0] = ((A * (t + 1) - 5 * A) * (t + 1) + 8 * A) * (t + 1) - 4 * A;
        c[1] = ((A + 2) * t - (A + 3)) * t * t + 1;
        c[2] = ((A + 2) * u - (A + 3)) * u * u + 1;
        c[3] = ((A * (u + 1) - 5 * A) * (u + 1) + 8 * A) * (u + 1) - 4 * A;
        return 4;
    }
    bool lo; /* nearest: the lower of the two neighbours, or the upper */
    if (ratio == 1)
        lo = false; /* on an input position: neighbours are (x-1, x) */
    else
        switch (p->nearest) {
        case N_ROUND_PREFER_FLOOR: lo = ratio <= 0.5; break;
        case N_ROUND_PREFER_CEIL: lo = ratio < 0.5; break;
        case N_FLOOR: lo = true; break;
        case N_CEIL: lo = false; break;
        default: lo = p->scale[a] >= 1; break; /* Upsample, Resize-10 */
        }
    c[0] = lo;
    c[1] = !lo;
    return 2;
}

/* Taps of output index x on axis a: input indices and weights; -1 taps when
 * outside a crop. Duplicate indices (from the edge padding) are merged and
 * zero weights dropped. */
static int axis_taps(const RPlan *p, int a, int64_t x, int64_t *idx, double *w)
{
    double xo;
    if (!original_coord(p, a, (double)x, &xo)) {
        idx[0] = -1;
        w[0] = 0;
        return 1;
    }
    if (!(xo > -1e15 && xo < 1e15)) /* NaN or far outside: clamped like any outside position */
        xo = xo < 0 ? -1e15 : 1e15;
    double c[4];
    double fl = floor(xo), ratio = xo == fl ? 1.0 : xo - fl;
    int cnt = coeffs(p, a, ratio, c);
    int64_t in = p->in[a], pad = (cnt + 1) / 2, lim = in + 2 * pad;
    double xp = xo + (double)pad;
    /* the cnt nearest of [0, lim) to xp, ties to the lower; in ascending order */
    int64_t f = (int64_t)floor(xp < 0 ? 0 : xp > (double)(lim - 1) ? (double)(lim - 1) : xp);
    int64_t lo = f - cnt < 0 ? 0 : f - cnt, hi = f + cnt > lim - 1 ? lim - 1 : f + cnt;
    int64_t cand[16] = {0}, pickd[4];
    int nc = 0;
    for (int64_t i = lo; i <= hi; i++)
        cand[nc++] = i;
    bool used[16] = {0};
    for (int k = 0; k < cnt; k++) {
        int best = -1;
        for (int j = 0; j < nc; j++) {
            if (used[j])
                continue;
            if (best < 0 || fabs(xp - (double)cand[j]) < fabs(xp - (double)cand[best]))
                best = j;
        }
        if (best < 0) /* fewer candidates than taps: not for an axis of size >= 1 */
            best = 0;
        used[best] = true;
        pickd[k] = cand[best];
    }
    for (int i = 1; i < cnt; i++) /* sort ascending */
        for (int j = i; j > 0 && pickd[j] < pickd[j - 1]; j--) {
            int64_t t = pickd[j];
            pickd[j] = pickd[j - 1];
            pickd[j - 1] = t;
        }
    if (p->exclude_outside) {
        double sum = 0, c2[4];
        for (int k = 0; k < cnt; k++) {
            int64_t ii = pickd[k] - pad;
            c2[k] = ii < 0 || ii >= in ? 0 : c[k];
            sum += c2[k];
        }
        if (sum != 0)
            for (int k = 0; k < cnt; k++)
                c[k] = c2[k] / sum;
    }
    int nt = 0;
    for (int k = 0; k < cnt; k++) {
        if (c[k] == 0)
            continue;
        int64_t ii = pickd[k] - pad;
        ii = ii < 0 ? 0 : ii >= in ? in - 1 : ii;
        int j = 0;
        while (j < nt && idx[j] != ii)
            j++;
        if (j == nt) {
            idx[nt] = ii;
            w[nt++] = 0;
        }
        w[j] += c[k];
    }
    if (nt == 0) { /* every coefficient zero: keep the nearest position */
        double r = floor(xo + 0.5);
        idx[0] = !(r >= 0) ? 0 : r >= (double)in ? in - 1 : (int64_t)r;
        w[0] = 1;
        nt = 1;
    }
    return nt;
}

static void infer_resize(Graph *g, Node *n)
{
    need_inputs(n, 1, 4);
    Tensor *x = node_input(g, n, 0);
    RPlan p;
    resize_plan(g, n, &p);
    if (x->rank == 0)
        node_fail(n, "input '%s' is a scalar; nothing to resize", x->name);
    if (p.mode != M_NEAREST && !dtype_is_float(x->dtype))
        node_fail(n, "mode %s on data type %s is not supported (float32, float64)",
                  p.mode == M_LINEAR ? "linear" : "cubic", dtype_name(x->dtype));
    if (!dtype_size(x->dtype))
        node_fail(n, "data type %s is not supported by this op", dtype_name(x->dtype));
    for (int i = 0; i < x->rank; i++)
        if (p.in[i] == 0 && p.out[i] > 0)
            node_fail(n, "axis %d of the input is empty and cannot be resized", i);
    /* the per-axis tap tables (up to 4 taps an output index) are emitted as parameters */
    int64_t taps = 0;
    for (int i = 0; i < x->rank; i++)
        taps += p.out[i];
    if (taps > RESIZE_MAX_TAPS)
        node_fail(n, "output dims summing to %lld are too long for the interpolation tables (limit %d)",
                  (long long)taps, RESIZE_MAX_TAPS);
    Tensor *y = node_output(g, n, 0);
    tensor_set_shape(y, x->dtype, x->rank, p.out);
    if (tensor_bytes(y) > INT32_MAX || tensor_bytes(x) > INT32_MAX)
        node_fail(n, "tensors larger than 2 GiB are not supported");
}

static void lower_resize(Graph *g, Node *n, Call *c)
{
    Tensor *x = node_input(g, n, 0), *y = node_output(g, n, 0);
    RPlan p;
    resize_plan(g, n, &p);
    int r = p.rank;
    int64_t stride[MLCC_MAX_RANK] = {0}, s = 1;
    for (int a = r - 1; a >= 0; a--) {
        stride[a] = s;
        s *= p.in[a];
    }
    /* per axis: taps of every output index, padded to the axis maximum */
    int64_t *tidx[MLCC_MAX_RANK];
    double *tw[MLCC_MAX_RANK];
    int ntap[MLCC_MAX_RANK];
    bool unit = true; /* every tap weight exactly 1: a plain copy per element */
    /* table lengths: an empty output reads no table (its other axes may be long) */
    int64_t tl[MLCC_MAX_RANK];
    for (int a = 0; a < r; a++)
        tl[a] = tensor_numel(y) ? p.out[a] : 0;
    for (int a = 0; a < r; a++) {
        int64_t o = tl[a];
        int64_t *ti = xmalloc(sizeof(int64_t) * 4 * (size_t)(o + 1));
        double *w = xmalloc(sizeof(double) * 4 * (size_t)(o + 1));
        int *cnt = xmalloc(sizeof(int) * (size_t)(o + 1));
        int m = 1;
        for (int64_t i = 0; i < o; i++) {
            cnt[i] = axis_taps(&p, a, i, ti + 4 * i, w + 4 * i);
            if (cnt[i] > m)
                m = cnt[i];
        }
        tidx[a] = xmalloc(sizeof(int64_t) * (size_t)(o * m + 1));
        tw[a] = xmalloc(sizeof(double) * (size_t)(o * m + 1));
        for (int64_t i = 0; i < o; i++)
            for (int k = 0; k < m; k++) {
                bool real = k < cnt[i];
                int64_t e = real ? ti[4 * i + k] : ti[4 * i];
                tidx[a][i * m + k] = e < 0 ? -1 : e * stride[a];
                tw[a][i * m + k] = real ? w[4 * i + k] : 0;
                if (real && e >= 0 && w[4 * i + k] != 1)
                    unit = false;
            }
        ntap[a] = m;
        if (m > 1)
            unit = false;
    }
    double cost = (double)tensor_numel(y);
    for (int a = 0; a < r; a++)
        cost *= (double)ntap[a];
    opguard_fold_cost(g, n, cost);
    bool sized = unit;
    if (sized) {
        int sz = dtype_size(x->dtype);
        char *k = xfmt("mlcc_resize_nearest_x%d", 8 * sz);
        if (!kernel_find(k))
            node_fail(n, "data type %s is not supported by this op", dtype_name(x->dtype));
        c->kernel = k;
    } else {
        call_kernel(g, n, c, "resize", x->dtype);
    }
    fvec_push(&c->fp, p.extrapolation);
    ivec_push(&c->ip, r);
    for (int a = 0; a < r; a++)
        ivec_push(&c->ip, p.out[a]);
    for (int a = 0; a < r; a++)
        ivec_push(&c->ip, ntap[a]);
    int64_t ipos = 1 + 4 * (int64_t)r, fpos = 1;
    for (int a = 0; a < r; a++) {
        ivec_push(&c->ip, ipos);
        ipos += tl[a] * ntap[a];
    }
    for (int a = 0; a < r; a++) {
        ivec_push(&c->ip, sized ? 0 : fpos);
        fpos += tl[a] * ntap[a];
    }
    if (ipos > INT32_MAX)
        node_fail(n, "the interpolation tables are too large");
    for (int a = 0; a < r; a++)
        for (int64_t i = 0; i < tl[a] * ntap[a]; i++)
            ivec_push(&c->ip, tidx[a][i]);
    if (!sized)
        for (int a = 0; a < r; a++)
            for (int64_t i = 0; i < tl[a] * ntap[a]; i++)
                fvec_push(&c->fp, (float)tw[a][i]);
    call_in(c, n->in[0]);
    if (sized)
        call_in(c, const_scalar(g, x->dtype, p.extrapolation)->id);
    call_out(c, n->out[0]);
}

GUARD_INFER(infer_resize)
GUARD_LOWER(lower_resize)

const OpDef ops_resize[] = {
    {"Resize", 10, 10, infer_resize_guarded, lower_resize_guarded, 1u << 1, 0, "resize",
     "constant scales; nearest (any type), linear (f32 f64)"},
    {"Resize", 11, 17, infer_resize_guarded, lower_resize_guarded, (1u << 1) | (1u << 2) | (1u << 3), 0, "resize",
     "constant roi/scales/sizes; nearest (any type), linear, cubic (f32 f64); no opset-18 attributes"},
    {"Upsample", 7, 9, infer_resize_guarded, lower_resize_guarded, 1u << 1, 0, "resize",
     "deprecated; constant scales; nearest (any type), linear (f32 f64)"},
    {0},
};
