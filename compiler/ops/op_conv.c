/* op_conv.c - Conv and ConvTranspose over 1 to 3 spatial dims: group (depthwise
 * included), pads, auto_pad, strides, dilations, kernel_shape (inferred from W
 * when absent), optional bias; ConvTranspose also output_padding and
 * output_shape (pads computed from it). (runtime-min/conv.c) */
#include "mlcc.h"

#include <string.h>

#define CONV_MAX_SP 3

/* The geometry of one Conv / ConvTranspose node, checked. */
typedef struct {
    int nsp;                                   /* spatial dims: 1..3 */
    int64_t n, c, m, group;                    /* batch, in channels, out channels, groups */
    int64_t in[CONV_MAX_SP], out[CONV_MAX_SP]; /* spatial sizes */
    int64_t k[CONV_MAX_SP], s[CONV_MAX_SP], d[CONV_MAX_SP];
    int64_t pb[CONV_MAX_SP], pe[CONV_MAX_SP];  /* leading and trailing pads */
} ConvGeom;

static int64_t floor_div(int64_t a, int64_t b) /* b > 0 */
{
    int64_t q = a / b;
    return (a % b != 0 && a < 0) ? q - 1 : q;
}

/* an ints attribute with exactly `want` values, each >= lo; false if absent */
static bool conv_ints(const Node *n, const char *name, int want, int64_t lo, int64_t *out)
{
    const int64_t *v;
    int cnt = attr_ints(n, name, &v);
    if (cnt < 0)
        return false;
    if (cnt != want)
        node_fail(n, "attribute '%s' has %d values, expected %d", name, cnt, want);
    for (int i = 0; i < cnt; i++) {
        if (v[i] < lo)
            node_fail(n, "attribute '%s' = %lld is not supported (must be >= %lld)", name, (long long)v[i],
                      (long long)lo);
        if (v[i] > 1000000)
            node_fail(n, "attribute '%s' = %lld is not supported (too large)", name, (long long)v[i]);
        out[i] = v[i];
    }
    return true;
}

enum { PAD_NOTSET, PAD_SAME_UPPER, PAD_SAME_LOWER, PAD_VALID };

static int conv_auto_pad(const Node *n)
{
    const char *ap = attr_s(n, "auto_pad", "NOTSET");
    if (!strcmp(ap, "NOTSET") || !ap[0])
        return PAD_NOTSET;
    if (!strcmp(ap, "SAME_UPPER"))
        return PAD_SAME_UPPER;
    if (!strcmp(ap, "SAME_LOWER"))
        return PAD_SAME_LOWER;
    if (!strcmp(ap, "VALID"))
        return PAD_VALID;
    node_fail(n, "attribute 'auto_pad' = '%s' is not supported", ap);
}

/* x: the node's input X as NCHW (NhwcConv passes a view with its dims so) */
static void conv_geom(Graph *g, const Node *n, const Tensor *x, bool transpose, ConvGeom *cg)
{
    memset(cg, 0, sizeof *cg);
    Tensor *w = node_input(g, n, 1), *b = node_input(g, n, 2);
    if (x->rank < 3 || x->rank > 2 + CONV_MAX_SP)
        node_fail(n, "input X of shape %s is not supported (1 to %d spatial dims)", shape_str(x), CONV_MAX_SP);
    if (w->rank != x->rank)
        node_fail(n, "weight W of shape %s does not match input X of shape %s", shape_str(w), shape_str(x));
    if (x->dtype != w->dtype || (b && b->dtype != x->dtype))
        node_fail(n, "inputs have different types (%s and %s)", dtype_name(x->dtype),
                  dtype_name(x->dtype != w->dtype ? w->dtype : b->dtype));
    int sp = x->rank - 2;
    cg->nsp = sp;
    cg->n = x->dims[0];
    cg->c = x->dims[1];
    cg->group = attr_i(n, "group", 1);
    if (cg->group < 1 || cg->group > cg->c || cg->c % cg->group)
        node_fail(n, "attribute 'group' = %lld is not supported for %lld input channels", (long long)cg->group,
                  (long long)cg->c);
    if (transpose) {
        if (w->dims[0] != cg->c)
            node_fail(n, "weight W of shape %s does not match %lld input channels", shape_str(w),
                      (long long)cg->c);
        cg->m = w->dims[1] * cg->group;
    } else {
        if (w->dims[1] != cg->c / cg->group)
            node_fail(n, "weight W of shape %s does not match %lld input channels in %lld groups", shape_str(w),
                      (long long)cg->c, (long long)cg->group);
        cg->m = w->dims[0];
        if (cg->m % cg->group)
            node_fail(n, "attribute 'group' = %lld does not divide %lld output channels", (long long)cg->group,
                      (long long)cg->m);
    }
    if (b && (b->rank != 1 || b->dims[0] != cg->m))
        node_fail(n, "bias B of shape %s does not match %lld output channels", shape_str(b), (long long)cg->m);

    int64_t ks[CONV_MAX_SP], pads[2 * CONV_MAX_SP] = {0}, opad[CONV_MAX_SP] = {0};
    for (int i = 0; i < sp; i++) {
        cg->in[i] = x->dims[2 + i];
        cg->s[i] = cg->d[i] = 1;
        cg->k[i] = w->dims[2 + i];
    }
    if (conv_ints(n, "kernel_shape", sp, 1, ks))
        for (int i = 0; i < sp; i++)
            if (ks[i] != cg->k[i])
                node_fail(n, "attribute 'kernel_shape' does not match weight W of shape %s", shape_str(w));
    conv_ints(n, "strides", sp, 1, cg->s);
    conv_ints(n, "dilations", sp, 1, cg->d);
    int ap = conv_auto_pad(n);
    if (ap == PAD_NOTSET)
        conv_ints(n, "pads", 2 * sp, 0, pads);
    if (transpose)
        conv_ints(n, "output_padding", sp, 0, opad);

    for (int i = 0; i < sp; i++) {
        int64_t in = cg->in[i], s = cg->s[i], eff = (cg->k[i] - 1) * cg->d[i] + 1;
        if (!transpose) {
            if (ap == PAD_SAME_UPPER || ap == PAD_SAME_LOWER) {
                int64_t o = (in + s - 1) / s, total = (o - 1) * s + eff - in;
                if (total < 0)
                    total = 0;
                cg->out[i] = o;
                cg->pb[i] = ap == PAD_SAME_UPPER ? total / 2 : total - total / 2;
                cg->pe[i] = total - cg->pb[i];
            } else {
                cg->pb[i] = pads[i];
                cg->pe[i] = pads[sp + i];
                int64_t span = in + cg->pb[i] + cg->pe[i];
                if (span < eff)
                    node_fail(n, "kernel extent %lld is larger than the padded input (%lld) on spatial axis %d",
                              (long long)eff, (long long)span, i);
                cg->out[i] = (span - eff) / s + 1;
            }
        } else {
            int64_t full = s * (in - 1) + opad[i] + eff; /* output size without pads */
            cg->pb[i] = pads[i];
            cg->pe[i] = pads[sp + i];
            cg->out[i] = full - cg->pb[i] - cg->pe[i];
        }
    }
    if (transpose) {
        /* output_shape (spatial, or with N and C in front), else SAME: in * stride */
        const int64_t *os;
        int cnt = attr_ints(n, "output_shape", &os);
        if (cnt >= 0 && cnt != sp && cnt != sp + 2)
            node_fail(n, "attribute 'output_shape' has %d values, expected %d", cnt, sp);
        if (cnt > sp)
            os += 2;
        if (cnt >= 0 || ap == PAD_SAME_UPPER || ap == PAD_SAME_LOWER) {
            for (int i = 0; i < sp; i++) {
                int64_t in = cg->in[i], s = cg->s[i], eff = (cg->k[i] - 1) * cg->d[i] + 1;
                int64_t o = cnt >= 0 ? os[i] : in * s;
                if (o < 1 || o > 1000000000)
                    node_fail(n, "attribute 'output_shape' = %lld is not supported", (long long)o);
                int64_t total = s * (in - 1) + opad[i] + eff - o;
                if (ap == PAD_SAME_UPPER) {
                    cg->pb[i] = floor_div(total, 2);
                    cg->pe[i] = total - cg->pb[i];
                } else {
                    cg->pe[i] = floor_div(total, 2);
                    cg->pb[i] = total - cg->pe[i];
                }
                cg->out[i] = o;
            }
        }
        for (int i = 0; i < sp; i++)
            if (cg->out[i] < 1)
                node_fail(n, "pads leave an empty output on spatial axis %d", i);
    }
    /* the kernel indexes with int32 */
    int64_t lim = (int64_t)1 << 31;
    int64_t xs = tensor_numel(x), ws = tensor_numel(w), ys = checked_mul(cg->n, cg->m, n->name);
    for (int i = 0; i < sp; i++) {
        ys = checked_mul(ys, cg->out[i], n->name);
        if (cg->pb[i] > 1000000 || cg->pb[i] < -1000000000)
            node_fail(n, "attribute 'pads' = %lld is not supported", (long long)cg->pb[i]);
    }
    if (xs >= lim || ws >= lim || ys >= lim)
        node_fail(n, "tensors of 2^31 or more elements are not supported");
}

static void infer_conv_common(Graph *g, Node *n, bool transpose)
{
    need_inputs(n, 2, 3);
    ConvGeom cg;
    conv_geom(g, n, node_input(g, n, 0), transpose, &cg);
    Tensor *x = node_input(g, n, 0);
    if (!dtype_is_float(x->dtype))
        node_fail(n, "data type %s is not supported by this op", dtype_name(x->dtype));
    int64_t d[2 + CONV_MAX_SP] = {cg.n, cg.m};
    for (int i = 0; i < cg.nsp; i++)
        d[2 + i] = cg.out[i];
    tensor_set_shape(node_output(g, n, 0), x->dtype, 2 + cg.nsp, d);
}

static void infer_conv(Graph *g, Node *n) { infer_conv_common(g, n, false); }
static void infer_convtranspose(Graph *g, Node *n) { infer_conv_common(g, n, true); }

/* the fused activation: kind into ip, its parameters into fp (float32 only) */
static void push_act(Graph *g, const Node *n, Call *c)
{
    if (n->act.kind && node_output(g, n, 0)->dtype != DT_FLOAT)
        node_fail(n, "a fused activation on %s is not supported", dtype_name(node_output(g, n, 0)->dtype));
    ivec_push(&c->ip, n->act.kind);
    fvec_push(&c->fp, n->act.a);
    fvec_push(&c->fp, n->act.b);
}

/* a new constant float32 tensor of len values (zeroed), for packed weights */
static float *new_packed(Graph *g, const Tensor *w, int64_t len, int *id)
{
    Tensor *t = tensor_new(g, xfmt("%s.packed%d", w->name, g->n_t));
    tensor_set_shape(t, DT_FLOAT, 1, &len);
    count_constant_bytes(checked_mul(len, (int64_t)sizeof(float), w->name), t->name); /* the copy is a constant too */
    t->data = xmalloc((size_t)(len ? len : 1) * sizeof(float));
    *id = t->id;
    return t->data;
}

/* ---------------------------------------------------------------- fast Conv
 * (runtime-min/conv_fast.c): float32, a constant W, 1 or 2 spatial dims. */

#define CF_MR 8  /* rows of a weight panel in mode 0 (MLCC_GF_MR) */
#define CF_NR 32 /* columns of a tile (MLCC_GF_NR) */
#define CF_PR 12 /* pixels of a packed panel in mode 1 (MLCC_CF_MRX) */
#define CF_ROW_COST 30 /* mode 2: the cost of building one more plane row, beyond its values */
#define DW3R_MIN_W 16 /* 3x3 depthwise rows at least this wide: mlcc_conv_dw3r_f32 (24x24 measured faster than dw1) */
/* depthwise outputs of at most this many pixels (stride 1) or, with strides,
 * DWT_MAX_P: mlcc_conv_dwt_f32 (measured: 3x3 outputs faster than
 * mlcc_conv_dw1_f32, 6x6 slower; 6x6 and 3x3 faster than mlcc_conv_dws_f32) */
#define DWT_MAX_P1 16
#define DWT_MAX_P 64
#define DW1C_MAX_W 8  /* depthwise stride 1 narrower than this, with at least */
#define DW1C_MIN_P 64 /* this many pixels: mlcc_conv_dw1c_f32 */

/* mode 1: the pixel rows its micro-kernels compute for P pixels (panels of
 * 12; the last one through the smallest of 12, 9, 8, 4, 2 rows that holds it) */
static int64_t gemmc_rows(int64_t P)
{
    int64_t r = P % CF_PR;
    return P - r + (r == 0 ? 0 : r > 9 ? 12 : r == 9 ? 9 : r > 4 ? 8 : r > 2 ? 4 : 2);
}

/* constant W (G groups of Mg output channels x K) as the GEMM core's panels
 * of pw output channels, [K][pw] each, zero-padded past Mg: 8-channel A
 * panels (modes 0 and 2, mlcc_conv_pwi_f32), 32-channel B panels (mode 1) */
static int pack_w_panels(Graph *g, Tensor *w, int64_t G, int64_t Mg, int64_t K, int64_t pw)
{
    int wid;
    int64_t mp = (Mg + pw - 1) / pw;
    float *d = new_packed(g, w, G * mp * pw * K, &wid);
    const float *wt = w->data;
    for (int64_t gi = 0; gi < G; gi++)
        for (int64_t p = 0; p < mp; p++)
            for (int64_t k = 0; k < K; k++)
                for (int64_t i = 0; i < pw; i++) {
                    int64_t m = p * pw + i;
                    d[((gi * mp + p) * K + k) * pw + i] = m < Mg ? wt[(gi * Mg + m) * K + k] : 0.0f;
                }
    return wid;
}

/* the start of the depthwise kernels' calls (conv_dwt, conv_dws, conv_dw):
 * the kernel, the 2-D geometry {N, C, iH, iW, oH, oW, kH, kW, sH, sW, dH, dW,
 * pT, pL}, the fused activation */
#define DW_GEOM 14
static void lower_dw_head(Graph *g, Node *n, Call *c, const char *kernel, const int64_t geom[DW_GEOM])
{
    call_kernel(g, n, c, kernel, DT_FLOAT);
    for (int i = 0; i < DW_GEOM; i++)
        ivec_push(&c->ip, geom[i]);
    push_act(g, n, c);
}

static bool lower_conv_fast(Graph *g, Node *n, Call *c, const ConvGeom *cg)
{
    Tensor *x = node_input(g, n, 0), *w = node_input(g, n, 1);
    if ((g_target && g_target->reference_kernels) || x->dtype != DT_FLOAT || !w->data || cg->nsp > 2)
        return false;
    /* as 2-D: a 1-D convolution has height 1 */
    int h = cg->nsp == 2 ? 0 : -1, wd = cg->nsp - 1;
    int64_t iH = h < 0 ? 1 : cg->in[h], iW = cg->in[wd], oH = h < 0 ? 1 : cg->out[h], oW = cg->out[wd];
    int64_t kH = h < 0 ? 1 : cg->k[h], kW = cg->k[wd], sH = h < 0 ? 1 : cg->s[h], sW = cg->s[wd];
    int64_t dH = h < 0 ? 1 : cg->d[h], dW = cg->d[wd], pT = h < 0 ? 0 : cg->pb[h], pL = cg->pb[wd];
    int64_t Cg = cg->c / cg->group, Mg = cg->m / cg->group, T = kH * kW, K = Cg * T;
    int64_t Hq = oH + ((kH - 1) * dH) / sH, Wq = oW + ((kW - 1) * dW) / sW, L = (oH - 1) * Wq + oW, P = oH * oW;
    const int64_t dw_geom[DW_GEOM] = {cg->n, cg->c, iH, iW, oH, oW, kH, kW, sH, sW, dH, dW, pT, pL};
    const float *wt = w->data;
    int wid;

    Tensor *bt = n->n_in > 2 && n->in[2] >= 0 ? node_input(g, n, 2) : NULL;
    if (Cg == 1 && Mg == 1 && (P <= DWT_MAX_P1 || ((sH > 1 || sW > 1) && P <= DWT_MAX_P)) && kH * kW <= 64 &&
        (!bt || bt->data) && !(g_target && g_target->ram_bytes > 0)) {
        /* depthwise on small images: transposed, channels along the vector;
         * the weights packed [tap][channel] and the biases after them (a
         * target with a RAM budget: not this kernel, its scratch holds the
         * whole input and output) */
        int64_t C16 = align_up(cg->c, 16), Hp = (oH - 1) * sH + (kH - 1) * dH + 1;
        int64_t Wp = (oW - 1) * sW + (kW - 1) * dW + 1, scratch = (Hp * Wp + P) * C16;
        if (scratch < ((int64_t)1 << 28)) {
            const float *bd = bt ? bt->data : NULL;
            float *d = new_packed(g, w, (T + 1) * C16, &wid);
            for (int64_t t = 0; t <= T; t++)
                for (int64_t ch = 0; ch < C16; ch++)
                    d[t * C16 + ch] = ch >= cg->c ? 0.0f : t < T ? wt[ch * T + t] : bd ? bd[ch] : 0.0f;
            lower_dw_head(g, n, c, "conv_dwt", dw_geom);
            ivec_push(&c->ip, Hp);
            ivec_push(&c->ip, Wp);
            call_in(c, n->in[0]);
            call_in(c, wid);
            call_out(c, n->out[0]);
            c->scratch = scratch * (int64_t)sizeof(float);
            return true;
        }
    }
    if (Cg == 1 && Mg == 1 && kH == 3 && kW == 3 && dH == 1 && dW == 1 && sW == 1 && oW >= DW3R_MIN_W &&
        cg->nsp == 2 && pL <= 2 && oW + 2 - iW - pL <= 2) {
        /* depthwise 3x3, stride 1 along the rows, wide rows: straight from X,
         * a row at a time, the border blocks reading up to 2 values (the left
         * and right pads) past the row ends */
        call_kernel(g, n, c, "conv_dw3r", DT_FLOAT);
        int64_t v[] = {cg->n, cg->c, iH, iW, oH, oW, sH, sW, pT, pL};
        for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
            ivec_push(&c->ip, v[i]);
        push_act(g, n, c);
        call_in(c, n->in[0]);
        call_in(c, n->in[1]);
        call_in(c, n->n_in > 2 ? n->in[2] : -1);
        call_out(c, n->out[0]);
        c->scratch = (3 * (iW + 4) + (oW + 15) / 16 * 48) * 4;
        return true;
    }
    if (Cg == 1 && Mg == 1 && sH == 1 && sW == 1 && oW == iW && kH * kW <= 64) {
        /* depthwise, stride 1, as wide as the input: masks instead of copies
         * (a mask a tap); narrow images with enough pixels: a copy of each
         * channel between zero margins, a mask a kernel column (measured:
         * kws_dscnn's 25x5 faster; MobileNet's 12x12 and 6x6 no faster, 3x3 slower) */
        bool cols = oW < DW1C_MAX_W && oH * oW >= DW1C_MIN_P;
        int64_t masks = (cols ? 1 : kH) * kW * align_up(oH * oW, 16);
        if (masks + iH * iW >= ((int64_t)1 << 28))
            return false;
        /* the farthest a tap reaches from its output pixel, in flat values */
        int64_t margin = 0;
        for (int64_t kh = 0; kh < kH; kh++)
            for (int64_t kw = 0; kw < kW; kw++) {
                int64_t o = (kh * dH - pT) * iW + kw * dW - pL;
                if (o < 0)
                    o = -o;
                if (o > margin)
                    margin = o;
            }
        margin += 16; /* the last 16 pixels are computed whole */
        call_kernel(g, n, c, cols ? "conv_dw1c" : "conv_dw1", DT_FLOAT);
        int64_t v[] = {cg->n, cg->c, iH, iW, oH, kH, kW, dH, dW, pT, pL};
        for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
            ivec_push(&c->ip, v[i]);
        push_act(g, n, c);
        ivec_push(&c->ip, margin);
        call_in(c, n->in[0]);
        call_in(c, n->in[1]);
        call_in(c, n->n_in > 2 ? n->in[2] : -1);
        call_out(c, n->out[0]);
        c->scratch = (masks + 512 + 2 * margin) * 4;
        return true;
    }
    if (Cg == 1 && Mg == 1 && (sH > 1 || sW > 1) && kH * kW <= 64 && (iW + sW - 1) / sW <= oW) {
        /* depthwise with strides: phase planes oW wide, masks */
        int64_t Hph = (iH + sH - 1) / sH, PH = Hph * oW, total = sH * sW * PH, masks = kH * kW * align_up(P, 16);
        int64_t lo = 0, hi = 0; /* the reach of the taps before 0 and past the planes */
        for (int64_t kh = 0; kh < kH; kh++)
            for (int64_t kw = 0; kw < kW; kw++) {
                int64_t dr = kh * dH - pT, dc = kw * dW - pL;
                int64_t fy = ((dr % sH) + sH) % sH, fx = ((dc % sW) + sW) % sW;
                int64_t o = (fy * sW + fx) * PH + ((dr - fy) / sH) * oW + (dc - fx) / sW;
                if (-o > lo)
                    lo = -o;
                if (o + P - total > hi)
                    hi = o + P - total;
            }
        int64_t margin = (lo > hi ? lo : hi) + 16; /* the last 16 pixels are computed whole */
        if (masks + total + 2 * margin < ((int64_t)1 << 28)) {
            lower_dw_head(g, n, c, "conv_dws", dw_geom);
            ivec_push(&c->ip, Hph);
            ivec_push(&c->ip, margin);
            call_in(c, n->in[0]);
            call_in(c, n->in[1]);
            call_in(c, n->n_in > 2 ? n->in[2] : -1);
            call_out(c, n->out[0]);
            c->scratch = (masks + total + 2 * margin) * 4;
            return true;
        }
    }
    if (Cg == 1 && Mg == 1) {
        /* depthwise: the planes (+ 16 slack), the sums in blocks of 16, and
         * two index tables (planes and outputs) */
        int64_t PS = sH * sW * Hq * Wq, scratch = PS + 16 + align_up(L, 16) + PS + P;
        if (scratch >= ((int64_t)1 << 29))
            return false;
        lower_dw_head(g, n, c, "conv_dw", dw_geom);
        call_in(c, n->in[0]);
        call_in(c, n->in[1]);
        call_in(c, n->n_in > 2 ? n->in[2] : -1);
        call_out(c, n->out[0]);
        c->scratch = scratch * (int64_t)sizeof(float);
        return true;
    }

    /* 3x3 with the top and left pads 1 on small images, the sums in
     * registers, only the (pixel, tap) pairs inside the image (mode 1's
     * weight panels; not under a RAM budget: unrolled code). Measured per
     * layer on ResNet-18 at 96x96: conv_im3 (3x3 image, pads 1) 512 -> 340
     * us on its 512-channel layers, conv_im3s2 (6x6 -> 3x3) 259 -> 205,
     * conv_w6 (6 wide, pads 1, a row at a time) 445 -> 360 on its 256-channel
     * layers, conv_w6s2 (12 wide -> 6 wide) 235 -> 187 */
    const char *small = NULL;
    if (cg->group == 1 && cg->nsp == 2 && kH == 3 && kW == 3 && dH == 1 && dW == 1 && pT == 1 && pL == 1 &&
        (!bt || bt->data) && !(g_target && g_target->ram_bytes > 0)) {
        bool s1 = sH == 1 && sW == 1 && cg->pe[0] == 1 && cg->pe[1] == 1, s2 = sH == 2 && sW == 2;
        if (s1 && iH == 3 && iW == 3)
            small = "conv_im3";
        else if (s2 && iH == 6 && iW == 6 && oH == 3 && oW == 3)
            small = "conv_im3s2";
        else if (s2 && iW == 12 && oW == 6)
            small = "conv_w6s2";
        else if (s1 && iW == 6)
            small = "conv_w6";
    }
    if (small) {
        wid = pack_w_panels(g, w, 1, cg->m, K, CF_NR);
        call_kernel(g, n, c, small, DT_FLOAT);
        ivec_push(&c->ip, cg->n);
        ivec_push(&c->ip, cg->c);
        ivec_push(&c->ip, cg->m);
        if (!strncmp(small, "conv_w", 6)) /* the row kernels: the input rows (w6s2: and the output rows) */
            ivec_push(&c->ip, iH);
        if (!strcmp(small, "conv_w6s2"))
            ivec_push(&c->ip, oH);
        push_act(g, n, c);
        call_in(c, n->in[0]);
        call_in(c, wid);
        call_in(c, bt ? n->in[2] : -1);
        call_out(c, n->out[0]);
        return true;
    }

    bool direct = kH == 1 && kW == 1 && sH == 1 && sW == 1 && pT == 0 && pL == 0 && oH == iH && oW == iW;
    if (direct) {
        Hq = iH;
        Wq = iW;
        L = P;
    }
    int64_t PS = direct ? iH * iW : sH * sW * Hq * Wq;
    /* the cost of each orientation, roughly in cycles: tiles of 8 x 32 at 16
     * multiply-adds a cycle (padding included); mode 0 stores past the
     * dropped columns through a buffer, mode 1 packs the pixels (contiguous
     * copies when eight neighbours share a row) and stores transposed */
    int64_t cost0 = align_up(L, CF_NR) * align_up(Mg, CF_MR) * K / 16 + (Wq != oW ? Mg * L / 8 : 0);
    int64_t cost1 = gemmc_rows(P) * align_up(Mg, CF_NR) * K / 16 + (oW % 8 && oW < CF_PR ? 2 * K * P : K * P / 4) + 2 * Mg * P;
    /* mode 2, mode 0 on column planes (one a row phase and kernel column,
     * oW wide): tiles over the output pixels only, no buffer; but kW / sW
     * times more plane rows to build than the phase planes, each at a
     * per-row overhead of about CF_ROW_COST, and a quarter cycle a value (the
     * rows are vector copies) (measured: digits' 8x8 layers are slower in
     * mode 2, kws_dscnn's 25x5 first layer faster, ResNet-18's 96x96 7x7
     * stride 2 stem 451 -> 411 us, MobileNet's 3x3 stride 2 stem slower,
     * 35 -> 39 us; a cycle a value kept the ResNet stem on mode 0) */
    int64_t PS2 = sH * kW * Hq * oW, rows0 = Cg * sH * sW * Hq, rows2 = Cg * sH * kW * Hq;
    int64_t cost2 = align_up(P, CF_NR) * align_up(Mg, CF_MR) * K / 16 + (PS2 > PS ? Cg * (PS2 - PS) / 4 : 0) +
                    (rows2 > rows0 ? CF_ROW_COST * (rows2 - rows0) : 0);
    int mode = cost1 < cost0 ? 1 : 0;
    /* only instead of mode 0: against mode 1 it measured no better (ResNet-18's 12x12 layers) */
    if (mode == 0 && !direct && Wq != oW && cost2 < cost0)
        mode = 2;
    int64_t planes = direct ? 0 : Cg * PS + CF_NR;
    /* mode 0 with planes wider than the output: + 8 rows of the flat positions */
    int64_t wide = !direct && Wq != oW ? CF_MR * align_up(L, CF_NR) : 0;
    int64_t scratch0 = direct ? (L % CF_NR ? Cg * CF_NR : 0) : planes + wide, scratch1 = planes + K * align_up(P, CF_PR);
    int64_t scratch2 = Cg * PS2 + CF_NR;
    /* a target with a RAM budget (a microcontroller) keeps the arena small:
     * mode 1's packed pixels or mode 2's planes only when they cost little memory */
    if (mode && g_target && g_target->ram_bytes > 0 && (mode == 1 ? scratch1 : scratch2) > scratch0 + 1024)
        mode = 0;
    if (mode == 2) {
        Wq = oW;
        L = P;
    }
    int64_t scratch = mode == 0 ? scratch0 : mode == 1 ? scratch1 : scratch2;
    if (scratch >= ((int64_t)1 << 29) || cg->group * align_up(Mg, CF_NR) * K >= ((int64_t)1 << 29))
        return false;

    /* the weights, packed for the orientation (modes 0 and 2 alike) */
    wid = pack_w_panels(g, w, cg->group, Mg, K, mode != 1 ? CF_MR : CF_NR);

    call_kernel(g, n, c, mode != 1 ? "conv_gemm" : "conv_gemmc", DT_FLOAT);
    int64_t v[] = {cg->n, cg->group, Cg, Mg, iH, iW, oH, oW, sH, sW, pT, pL, Hq, Wq, mode, direct};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        ivec_push(&c->ip, v[i]);
    push_act(g, n, c);
    ivec_push(&c->ip, T);
    for (int64_t kh = 0; kh < kH; kh++)
        for (int64_t kw = 0; kw < kW; kw++) {
            int64_t phase = ((kh * dH) % sH) * sW + (kw * dW) % sW;
            if (mode == 2) /* column plane ((kh * dH) % sH, kw), oW wide */
                ivec_push(&c->ip, (((kh * dH) % sH) * kW + kw) * Hq * oW + ((kh * dH) / sH) * oW);
            else
                ivec_push(&c->ip, direct ? 0 : phase * Hq * Wq + ((kh * dH) / sH) * Wq + (kw * dW) / sW);
        }
    for (int64_t t = 0; t < T; t++)
        ivec_push(&c->ip, t * CF_MR);
    for (int64_t t = 0; t < T; t++)
        ivec_push(&c->ip, t * CF_NR);
    ivec_push(&c->ip, kW);
    ivec_push(&c->ip, dW);
    call_in(c, n->in[0]);
    call_in(c, wid);
    call_in(c, n->n_in > 2 ? n->in[2] : -1);
    call_out(c, n->out[0]);
    /* always some scratch: the kernel names out[1] on paths this geometry never takes */
    c->scratch = (scratch > CF_NR ? scratch : CF_NR) * (int64_t)sizeof(float);
    return true;
}

/* ------------------------------------------------------------ Winograd Conv
 * (runtime-min/conv_winograd.c): F(4 x 4, 3 x 3) for a float32 3x3 Conv, stride
 * 1, dilation 1, group 1, constant W, on a fast target without a RAM budget
 * (a microcontroller keeps the smaller mlcc_conv_gemm_f32: the transformed
 * weights are 36 / 9 times bigger, and the scratch too). */

#define WINO_NR 32 /* output channels a weight panel (MLCC_GF_NR) */
#define WINO_MR 8  /* tiles a GEMM tile (MLCC_WG_MR) */
#define WINO_L 16  /* channels a transform (MLCC_WG_L): the planes and V hold whole groups */

/* the kernel's scratch in floats, for the shape in cg */
static int64_t wino_scratch(const ConvGeom *cg)
{
    int64_t C = cg->c, M = cg->m, oH = cg->out[0], oW = cg->out[1], m = 4;
    int64_t a = m + 2, A2 = a * a, tH = (oH + m - 1) / m, tW = (oW + m - 1) / m, nt = tH * tW;
    int64_t TP = (nt + WINO_MR - 1) / WINO_MR, MP = (M + WINO_NR - 1) / WINO_NR, CP = (C + WINO_L - 1) / WINO_L * WINO_L;
    return CP * (tH * m + 2) * (tW * m + 2) + A2 * (TP * WINO_MR * (CP + MP * WINO_NR) + 32);
}

/* whether the Winograd kernel takes Conv node n (geometry cg) */
static bool wino_fits(Graph *g, const Node *n, const ConvGeom *cg)
{
    Tensor *x = node_input(g, n, 0), *w = node_input(g, n, 1);
    if (!g_target || g_target->reference_kernels || g_target->ram_bytes > 0 || x->dtype != DT_FLOAT || !w->data ||
        cg->nsp != 2 || cg->group != 1 || cg->k[0] != 3 || cg->k[1] != 3 || cg->s[0] != 1 || cg->s[1] != 1 ||
        cg->d[0] != 1 || cg->d[1] != 1)
        return false;
    /* where it pays (measured on the host): outputs of 8 x 8 and more, 16
     * channels and more; and where the weights grow little (4 times as many
     * values): up to 128 x 128 channels, so a model's emitted C (the weights
     * as text) and its compile time grow by a few percent */
    if (cg->out[0] < 8 || cg->out[1] < 8 || cg->c < 16 || cg->m < 16 || cg->c * cg->m > 128 * 128)
        return false;
    return wino_scratch(cg) < ((int64_t)1 << 28);
}

bool conv_wino_ok(Graph *g, Node *n)
{
    if (strcmp(n->op, "Conv") != 0 || n->n_in < 2)
        return false;
    ConvGeom cg;
    conv_geom(g, n, node_input(g, n, 0), false, &cg);
    return wino_fits(g, n, &cg);
}

/* pool: 1 for ConvMaxPool (the output 2x2-max-pooled by the kernel) */
static bool lower_conv_wino(Graph *g, Node *n, Call *c, const ConvGeom *cg, int pool)
{
    if (!wino_fits(g, n, cg))
        return false;
    Tensor *w = node_input(g, n, 1);
    int64_t C = cg->c, M = cg->m, oH = cg->out[0], oW = cg->out[1], m = 4;
    int64_t a = m + 2, A2 = a * a, MP = (M + WINO_NR - 1) / WINO_NR, scratch = wino_scratch(cg);

    /* U = G g G^T of every channel pair, in double, as [a*a][MP][C][32]
     * (G of F(4x4, 3x3), interpolation points 0, 1, -1, 2, -2) */
    static const double G[6][3] = {{1.0 / 4, 0, 0},          {-1.0 / 6, -1.0 / 6, -1.0 / 6},
                                   {-1.0 / 6, 1.0 / 6, -1.0 / 6}, {1.0 / 24, 1.0 / 12, 1.0 / 6},
                                   {1.0 / 24, -1.0 / 12, 1.0 / 6}, {0, 0, 1}};
    const float *wt = w->data;
    int wid;
    float *u = new_packed(g, w, A2 * MP * WINO_NR * C, &wid);
    memset(u, 0, sizeof(float) * (size_t)(A2 * MP * WINO_NR * C));
    for (int64_t o = 0; o < M; o++)
        for (int64_t ci = 0; ci < C; ci++) {
            const float *k = wt + (o * C + ci) * 9;
            double gk[6][3];
            for (int64_t i = 0; i < a; i++)
                for (int j = 0; j < 3; j++) {
                    double s = 0;
                    for (int r = 0; r < 3; r++)
                        s += G[i][r] * k[r * 3 + j];
                    gk[i][j] = s;
                }
            for (int64_t i = 0; i < a; i++)
                for (int64_t j = 0; j < a; j++) {
                    double s = 0;
                    for (int r = 0; r < 3; r++)
                        s += gk[i][r] * G[j][r];
                    u[(((i * a + j) * MP + o / WINO_NR) * C + ci) * WINO_NR + o % WINO_NR] = (float)s;
                }
        }

    call_kernel(g, n, c, "conv_wino", DT_FLOAT);
    int64_t v[] = {cg->n, C, M, cg->in[0], cg->in[1], oH, oW, cg->pb[0], cg->pb[1]};
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
        ivec_push(&c->ip, v[i]);
    push_act(g, n, c);
    ivec_push(&c->ip, pool);
    call_in(c, n->in[0]);
    call_in(c, wid);
    call_in(c, n->n_in > 2 ? n->in[2] : -1);
    call_out(c, n->out[0]);
    c->scratch = scratch * (int64_t)sizeof(float);
    return true;
}

static void lower_conv_common(Graph *g, Node *n, Call *c, bool transpose)
{
    ConvGeom cg;
    conv_geom(g, n, node_input(g, n, 0), transpose, &cg);
    if (!transpose && (lower_conv_wino(g, n, c, &cg, 0) || lower_conv_fast(g, n, c, &cg)))
        return;
    call_kernel(g, n, c, transpose ? "convtranspose" : "conv", node_input(g, n, 0)->dtype);
    /* 3-D view: missing leading spatial dims are size 1 */
    int64_t in[3], out[3], k[3], s[3], d[3], p[3];
    int lead = CONV_MAX_SP - cg.nsp;
    for (int i = 0; i < CONV_MAX_SP; i++) {
        int j = i - lead;
        in[i] = j >= 0 ? cg.in[j] : 1;
        out[i] = j >= 0 ? cg.out[j] : 1;
        k[i] = j >= 0 ? cg.k[j] : 1;
        s[i] = j >= 0 ? cg.s[j] : 1;
        d[i] = j >= 0 ? cg.d[j] : 1;
        p[i] = j >= 0 ? cg.pb[j] : 0;
    }
    ivec_push(&c->ip, cg.n);
    ivec_push(&c->ip, cg.group);
    ivec_push(&c->ip, cg.c / cg.group);
    ivec_push(&c->ip, cg.m / cg.group);
    const int64_t *rows[] = {in, out, k, s, d, p};
    for (int r = 0; r < 6; r++)
        for (int i = 0; i < CONV_MAX_SP; i++)
            ivec_push(&c->ip, rows[r][i]);
    push_act(g, n, c);
    if (!transpose) {
        /* may run in place (runtime-min/conv.c): a depthwise Conv with output
         * planes as big as the input's, through a scratch plane; a pointwise
         * one with as many outputs as inputs, through blocks of 16 pixels */
        int64_t isz = in[0] * in[1] * in[2], osz = out[0] * out[1] * out[2], esz = dtype_size(node_input(g, n, 0)->dtype);
        bool dw = cg.c == cg.group && cg.m == cg.group, pw = cg.group == 1 && cg.c == cg.m && isz == osz;
        for (int i = 0; i < CONV_MAX_SP; i++)
            pw = pw && k[i] == 1 && s[i] == 1 && p[i] == 0;
        int64_t blk = osz < 16 ? osz : 16;
        ivec_push(&c->ip, dw && isz == osz ? 1 : pw ? 2 : 0);
        ivec_push(&c->ip, pw ? blk : 0);
        if (dw && isz == osz) {
            c->inplace = 1u;
            c->scratch = osz * esz;
        } else if (pw && blk > 0) {
            c->inplace = 1u;
            c->scratch = cg.m * blk * esz;
        }
    }
    call_in(c, n->in[0]);
    call_in(c, n->in[1]);
    call_in(c, n->n_in > 2 ? n->in[2] : -1);
    call_out(c, n->out[0]);
}

static void lower_conv(Graph *g, Node *n, Call *c) { lower_conv_common(g, n, c, false); }
static void lower_convtranspose(Graph *g, Node *n, Call *c) { lower_conv_common(g, n, c, true); }

/* ------------------------------------------------------------ NhwcConv
 * Conv on channel-last (NHWC) input and output, made only by pass_layout.c for
 * the fast kernels (not an op of model files): the attributes, W and B of
 * Conv; X is [N, H, W, C], Y [N, oH, oW, M] (with attribute layout_io 1, X is
 * [N, C, H, W]; with 2, Y is [N, M, oH, oW]). A 1x1 convolution (stride 1, no
 * pads, group 1) is a GEMM of pixels x channels (mlcc_conv_pwc_f32; from NCHW
 * mlcc_conv_pwo_f32, to NCHW mlcc_conv_pwi_f32), a depthwise one
 * mlcc_conv_dwc_f32; pass_layout.c makes no other. */

/* attribute layout_io: 0 NHWC in and out, 1 NCHW in and NHWC out (a
 * stretch's first 1x1 Conv), 2 NHWC in and NCHW out (its last) */
static int64_t nhwc_io(const Node *n)
{
    int64_t io = attr_i(n, "layout_io", 0);
    if (io < 0 || io > 2)
        node_fail(n, "attribute layout_io %lld is not 0, 1 or 2", (long long)io);
    return io;
}

/* X as an NCHW view, for conv_geom */
static Tensor nhwc_view(Graph *g, const Node *n)
{
    Tensor *x = node_input(g, n, 0), v = *x;
    if (x->rank != 4 || x->dtype != DT_FLOAT)
        node_fail(n, "input X of shape %s (%s) is not supported: NHWC float32 only", shape_str(x),
                  dtype_name(x->dtype));
    if (nhwc_io(n) == 1)
        return v;
    v.dims[1] = x->dims[3];
    v.dims[2] = x->dims[1];
    v.dims[3] = x->dims[2];
    return v;
}

static void infer_nhwc_conv(Graph *g, Node *n)
{
    need_inputs(n, 2, 3);
    Tensor xv = nhwc_view(g, n);
    ConvGeom cg;
    conv_geom(g, n, &xv, false, &cg);
    int64_t d[4] = {cg.n, cg.out[0], cg.out[1], cg.m};
    if (nhwc_io(n) == 2) {
        d[1] = cg.m;
        d[2] = cg.out[0];
        d[3] = cg.out[1];
    }
    tensor_set_shape(node_output(g, n, 0), DT_FLOAT, 4, d);
}

static void lower_nhwc_conv(Graph *g, Node *n, Call *c)
{
    Tensor xv = nhwc_view(g, n), *w = node_input(g, n, 1), *bt = node_input(g, n, 2);
    ConvGeom cg;
    conv_geom(g, n, &xv, false, &cg);
    if (!w->data || (bt && !bt->data))
        node_fail(n, "channel-last convolution needs constant weights");
    bool pw = cg.group == 1 && cg.k[0] == 1 && cg.k[1] == 1 && cg.s[0] == 1 && cg.s[1] == 1 && cg.pb[0] == 0 &&
              cg.pb[1] == 0 && cg.pe[0] == 0 && cg.pe[1] == 0;
    int64_t io = nhwc_io(n);
    if (io && !pw)
        node_fail(n, "layout_io %lld: only a 1x1 convolution has a kernel", (long long)io);
    if (pw) {
        /* pwc and pwo: 32-channel weight panels, a panel of 12 pixels packed
         * in scratch (pwo: only the last, partial one); pwi: 8-channel
         * panels, 32 pixels' channels k-major in scratch. pwc's pixels run
         * over all images, the others' an image at a time. */
        static const char *const kernel[3] = {"conv_pwc", "conv_pwo", "conv_pwi"};
        call_kernel(g, n, c, kernel[io], DT_FLOAT);
        if (io)
            ivec_push(&c->ip, cg.n);
        ivec_push(&c->ip, (io ? 1 : cg.n) * cg.in[0] * cg.in[1]);
        ivec_push(&c->ip, cg.m);
        ivec_push(&c->ip, cg.c);
        push_act(g, n, c);
        call_in(c, n->in[0]);
        call_in(c, io == 2 ? pack_w_panels(g, w, 1, cg.m, cg.c, CF_MR) : gemm_pack_b(g, w, cg.c, cg.m, true));
        if (bt && io != 2) {
            /* pwc, pwo: the bias zero-padded to whole 32-channel panels, the
             * tiles' start values as they are */
            int bid;
            float *bp = new_packed(g, bt, align_up(cg.m, CF_NR), &bid);
            memset(bp, 0, sizeof(float) * (size_t)align_up(cg.m, CF_NR));
            memcpy(bp, bt->data, sizeof(float) * (size_t)cg.m);
            call_in(c, bid);
        } else {
            call_in(c, bt ? n->in[2] : -1);
        }
        call_out(c, n->out[0]);
        c->scratch = (io == 2 ? CF_NR : CF_PR) * cg.c * (int64_t)sizeof(float);
        return;
    }
    if (cg.group != cg.c || cg.m != cg.c)
        node_fail(n, "channel-last convolution: only 1x1 and depthwise ones have a kernel");
    int64_t C = cg.c, T = cg.k[0] * cg.k[1], C16 = align_up(C, 16);
    if (T > 64)
        node_fail(n, "channel-last depthwise convolution of more than 64 taps has no kernel");
    int wid;
    float *d = new_packed(g, w, C16 / 16 * (T + 1) * 16, &wid);
    const float *wt = w->data, *bd = bt ? bt->data : NULL;
    /* per 16 channels: the 16 weights of each tap, then the 16 biases */
    for (int64_t ch = 0; ch < C; ch++)
        for (int64_t t = 0; t <= T; t++)
            d[(ch / 16 * (T + 1) + t) * 16 + ch % 16] = t < T ? wt[ch * T + t] : bd ? bd[ch] : 0.0f;
    const int64_t geom[DW_GEOM] = {cg.n, C, cg.in[0], cg.in[1], cg.out[0], cg.out[1], cg.k[0], cg.k[1],
                                   cg.s[0], cg.s[1], cg.d[0], cg.d[1], cg.pb[0], cg.pb[1]};
    lower_dw_head(g, n, c, "conv_dwc", geom);
    call_in(c, n->in[0]);
    call_in(c, wid);
    call_out(c, n->out[0]);
    c->scratch = cg.in[1] * C * (int64_t)sizeof(float); /* an input row of zeros for the taps in the padding */
}

GUARD_INFER(infer_nhwc_conv)
GUARD_LOWER(lower_nhwc_conv)
const OpDef op_nhwc_conv = {"NhwcConv", 1, 1, infer_nhwc_conv_guarded, lower_nhwc_conv_guarded, 0,
                            OPF_FUSE_ACT | OPF_NOFOLD, "conv", "internal (pass_layout.c): channel-last Conv",
                            NULL, "mlcc"};

/* ------------------------------------------------------------ ConvMaxPool
 * A Conv followed by a MaxPool of kernel 2x2, stride 2, no pads (made only by
 * pass_fuse_pool.c, not an op of model files): the attributes, W and B of
 * Conv, and its Node.act applied before the pooling; Y is the pooled output,
 * [N, M, oH / 2, oW / 2] of the Conv's even oH x oW. Lowered only to the
 * Winograd kernel, which pools each output tile before it stores it; the
 * pass makes no other. */

static void infer_conv_maxpool(Graph *g, Node *n)
{
    need_inputs(n, 2, 3);
    ConvGeom cg;
    Tensor *x = node_input(g, n, 0);
    conv_geom(g, n, x, false, &cg);
    if (cg.nsp != 2 || x->dtype != DT_FLOAT || cg.out[0] % 2 || cg.out[1] % 2)
        node_fail(n, "Conv + MaxPool on input %s (%s): float32, 2 spatial dims and an even output only",
                  shape_str(x), dtype_name(x->dtype));
    int64_t d[4] = {cg.n, cg.m, cg.out[0] / 2, cg.out[1] / 2};
    tensor_set_shape(node_output(g, n, 0), DT_FLOAT, 4, d);
}

static void lower_conv_maxpool(Graph *g, Node *n, Call *c)
{
    ConvGeom cg;
    conv_geom(g, n, node_input(g, n, 0), false, &cg);
    if (!lower_conv_wino(g, n, c, &cg, 1))
        node_fail(n, "Conv + MaxPool: only the Winograd convolution's shapes have a kernel");
}

GUARD_INFER(infer_conv_maxpool)
GUARD_LOWER(lower_conv_maxpool)
const OpDef op_conv_maxpool = {"ConvMaxPool", 1, 1, infer_conv_maxpool_guarded, lower_conv_maxpool_guarded, 0,
                               OPF_NOFOLD, "conv", "internal (pass_fuse_pool.c): Conv, then MaxPool 2x2 stride 2",
                               NULL, "mlcc"};

const OpDef ops_conv[] = {
    {"Conv", 1, 17, infer_conv, lower_conv, 0, OPF_FUSE_ACT, "conv",
     "1-3 spatial dims, group/depthwise, pads, auto_pad, strides, dilations, bias; float32/float64"},
    {"ConvTranspose", 1, 17, infer_convtranspose, lower_convtranspose, 0, OPF_FUSE_ACT, "conv",
     "1-3 spatial dims, group, pads, auto_pad, output_padding, output_shape, dilations, bias; float32/float64"},
    {0},
};
