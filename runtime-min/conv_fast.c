/* conv_fast.c - fast float32 convolutions over 1 or 2 spatial dims (the
 * compiler picks them when the target asks for fast kernels; conv.c holds
 * the reference they are tested against), each applying the bias and the
 * fused activation as it stores.
 *
 * Both start from "phase planes": one input channel, zero-padded, split by
 * stride into sH x sW planes of Hq x Wq values,
 *   P[(py * sW + px) * Hq * Wq + r * Wq + q] = xpad[r * sH + py][q * sW + px]
 * with Hq = oH + ((kH - 1) * dH) / sH, Wq = oW + ((kW - 1) * dW) / sW. Kernel
 * tap (kh, kw) then reads, for the output at flat index f = oh * Wq + ow, the
 * plane value at f + xtap(kh, kw): a tap is a contiguous shifted window, for
 * any pads, strides and dilations. Outputs are computed at every flat index
 * below L = (oH - 1) * Wq + oW; those with ow >= oW are dropped at the store.
 *
 * Depthwise (one input and one output channel a group), seven kernels:
 *   mlcc_conv_dw3r_f32 - 3x3, stride 1, wide rows: a row at a time from row
 *     copies between zero margins (see the kernel);
 *   mlcc_conv_dw1_f32 - stride 1, output as wide as the input: no copies, a
 *     mask a tap (see the kernel);
 *   mlcc_conv_dw1c_f32 - the same on narrow images: a copy of each channel
 *     between zero margins, a mask a kernel column (see the kernel);
 *   mlcc_conv_dws_f32 - strides, phase planes oW wide (see the kernel);
 *   mlcc_conv_dwt_f32 - small images: transposed, channels along the vector
 *     (see the kernel);
 *   mlcc_conv_dwc_f32 - input and output channel-last (NHWC): channels along
 *     the vector as they are (see the kernel);
 *   mlcc_conv_dw_f32 - anything else (and dilations with strides where the
 *     phase planes would be wider than the output):
 *     ip = [N, C, iH, iW, oH, oW, kH, kW, sH, sW, dH, dW, pT, pL, act]
 *     fp = [act_a, act_b]   in = [X, W (C x kH x kW), B or NULL]
 *     out = [Y, scratch: the planes PS = sH*sW*Hq*Wq + 16 slack, the sums at
 *     L rounded up to 16, then two int32 tables of PS and oH*oW entries]
 *     One channel at a time: its planes (rows copied, or gathered through a
 *     table when rows are short), then the sum over the taps at every flat
 *     index as one contiguous loop (3x3: all nine taps in one pass).
 *
 * mlcc_conv_gemm_f32 (mode 0) and mlcc_conv_gemmc_f32 (mode 1) - any other
 * grouping, as a GEMM per group through the micro-kernel of gemm_fast.c with
 * the reduction over (input channel, tap); op_conv.c picks the mode by a
 * cost estimate (mode 0 unless the image is small for the channel count):
 *   ip = [N, G, Cg, Mg, iH, iW, oH, oW, sH, sW, pT, pL, Hq, Wq, mode, direct, act, T,
 *         xtap[T], tap8[T] (t * 8), tap32[T] (t * 32), kW, dW]
 *   fp = [act_a, act_b]   in = [X, Wp (packed), B or NULL]   out = [Y, scratch]
 *   direct = 1 (1x1, stride 1, no pad): the planes are X itself.
 *   mode 0, pixels along the vector: tiles of 8 output channels x 32 flat
 *     positions; Wp = G x ceil(Mg / 8) panels of [Cg][T][8] (zero-padded);
 *     B reads the planes directly; full tiles go straight from the registers
 *     to Y (with the bias as the start value and the activation); when the
 *     planes are wider than the output (Wq > oW), tiles go whole to a buffer
 *     of 8 rows of L rounded up to 32, and the output rows are copied out of
 *     it, one panel of 8 output channels at a time. Scratch: Cg planes + 32
 *     floats (+ that buffer when Wq > oW; direct: a zero-padded Cg x 32 copy
 *     of the last, partial column panel; at least 32 floats).
 *   mode 2, as mode 0 on column planes (phase planes much wider than the
 *     output: a narrow output, a wide kernel): one plane a row phase py and
 *     kernel column kw, oW wide (Wq = oW in ip), Hq x oW values
 *       P[(py * kW + kw) * Hq * oW + r * oW + q] = xpad[r * sH + py][q * sW + kw * dW],
 *     so that tap (kh, kw) is again a contiguous window, now over the output
 *     pixels themselves: no tile on dropped columns and every tile straight
 *     to Y. ip carries kW and dW after tap32. Scratch: Cg planes of
 *     sH * kW * Hq * oW values + 32 floats.
 *   mode 1, channels along the vector (small images): tiles of 12 output
 *     pixels x 32 channels (9 for a 3x3 image); Wp = G x ceil(Mg / 32)
 *     panels of [Cg][T][32]; the pixels are first packed
 *     [P / 12][Cg][T][12] (P = oH * oW, zero-padded). Scratch: the planes
 *     (unless direct) + Cg * T * ceil(P / 12) * 12 floats.
 *
 * mlcc_conv_pwc_f32 - a 1x1 convolution on channel-last input and output, a
 * GEMM of pixels x channels through mode 1's micro-kernels (see the kernel);
 * mlcc_conv_pwo_f32 the same from NCHW input, mlcc_conv_pwi_f32 from
 * channel-last input to NCHW output, through mode 0's (see the kernels). */
#define MLCC_GF_CORE_ONLY
#include "gemm_fast.c"

/* mlcc:helper mlcc_cf_common */
#define MLCC_CF_RESTRICT restrict
#define MLCC_CF_B 16       /* the depthwise sums are computed in blocks of this many */
#define MLCC_CF_MAXTAP 64  /* tap offsets precomputed for up to this many taps */
#define MLCC_CF_SHORT 24   /* depthwise planes narrower than this are gathered through a table */
#define MLCC_CF_PB 512     /* pixels a block in mlcc_conv_dw1_f32 */
/* mlcc:end */

/* mlcc:helper mlcc_cf_even uses mlcc_cf_common */
/* row[q] = xr[2 * q] for q in [lo, hi): 16 at a time (one vector, the
 * compiler shuffles the even values together), the last 16 moved back to end
 * at hi, so no scalar remainder when there are at least 16 */
static inline void mlcc_cf_even(float *MLCC_CF_RESTRICT row, const float *MLCC_CF_RESTRICT xr, int32_t lo,
                                int32_t hi)
{
    int32_t q, q0, j;
    if (hi - lo < 16) {
        for (q = lo; q < hi; q++)
            row[q] = xr[2 * q];
        return;
    }
    for (q0 = lo; q0 < hi; q0 += 16) {
        if (q0 + 16 > hi)
            q0 = hi - 16;
        for (j = 0; j < 16; j++)
            row[q0 + j] = xr[2 * (q0 + j)];
    }
}
/* mlcc:end */

/* mlcc:helper mlcc_cf_planes uses mlcc_cf_common mlcc_cf_even */
/* the indices o in [0, n) with 0 <= o * s + off < bound, as [*lo, *hi) */
static inline void mlcc_cf_range(int32_t n, int32_t off, int32_t s, int32_t bound, int32_t *lo, int32_t *hi)
{
    int32_t a = 0, b = 0;
    if (off < 0)
        a = (-off + s - 1) / s;
    if (bound - 1 - off >= 0)
        b = (bound - 1 - off) / s + 1;
    if (b > n)
        b = n;
    if (a > b)
        a = b;
    *lo = a;
    *hi = b;
}

/* one plane of Hq x Wq values of one channel x (iH x iW), row by row:
 * pl[r * Wq + q] = xpad[r * sH + py][q * sW + px] (0 in the padding) */
static inline void mlcc_cf_plane(const float *x, int32_t iH, int32_t iW, int32_t sH, int32_t sW, int32_t pT,
                                 int32_t pL, int32_t Hq, int32_t Wq, int32_t py, int32_t px, float *pl)
{
    int32_t r, q, q0, q1;
    mlcc_cf_range(Wq, px - pL, sW, iW, &q0, &q1);
    for (r = 0; r < Hq; r++) {
        const int32_t ih = r * sH + py - pT;
        float *row = pl + r * Wq;
        if (ih < 0 || ih >= iH) {
            for (q = 0; q < Wq; q++)
                row[q] = 0.0f;
            continue;
        }
        for (q = 0; q < q0; q++)
            row[q] = 0.0f;
        if (sW == 1) {
            const float *xr = x + ih * iW + px - pL;
            for (q = q0; q < q1; q++)
                row[q] = xr[q];
        } else if (sW == 2) {
            mlcc_cf_even(row, x + ih * iW + px - pL, q0, q1);
        } else {
            const float *xr = x + ih * iW + px - pL;
            for (q = q0; q < q1; q++)
                row[q] = xr[q * sW];
        }
        for (q = q1; q < Wq; q++)
            row[q] = 0.0f;
    }
}

/* the phase planes of one channel x (iH x iW) into P (see conv_fast.c) */
static inline void mlcc_cf_planes(const float *x, int32_t iH, int32_t iW, int32_t sH, int32_t sW, int32_t pT,
                                  int32_t pL, int32_t Hq, int32_t Wq, float *P)
{
    int32_t py, px;
    for (py = 0; py < sH; py++)
        for (px = 0; px < sW; px++)
            mlcc_cf_plane(x, iH, iW, sH, sW, pT, pL, Hq, Wq, py, px, P + (py * sW + px) * Hq * Wq);
}
/* mlcc:end */

/* mlcc:helper mlcc_cf_cplanes uses mlcc_cf_planes */
/* the column planes of one channel (mode 2 of mlcc_conv_gemm_f32): one a
 * row phase py and kernel column kw, oW wide,
 *   P[(py * kW + kw) * Hq * oW + r * oW + q] = xpad[r * sH + py][q * sW + kw * dW] */
static inline void mlcc_cf_cplanes(const float *x, int32_t iH, int32_t iW, int32_t sH, int32_t sW, int32_t pT,
                                   int32_t pL, int32_t Hq, int32_t oW, int32_t kW, int32_t dW, float *P)
{
    int32_t py, kw;
    for (py = 0; py < sH; py++)
        for (kw = 0; kw < kW; kw++)
            mlcc_cf_plane(x, iH, iW, sH, sW, pT, pL, Hq, oW, py, kw * dW, P + (py * kW + kw) * Hq * oW);
}
/* mlcc:end */

/* mlcc:kernel mlcc_conv_dw_f32 uses mlcc_cf_planes mlcc_gf_fma mlcc_shared_act */
MLCC_KERNEL(mlcc_conv_dw_f32)
{
    const float *X = (const float *)in[0], *W = (const float *)in[1], *Bs = (const float *)in[2];
    float *Y = (float *)out[0];
    const int32_t N = ip[0], C = ip[1], iH = ip[2], iW = ip[3], oH = ip[4], oW = ip[5], kH = ip[6], kW = ip[7];
    const int32_t sH = ip[8], sW = ip[9], dH = ip[10], dW = ip[11], pT = ip[12], pL = ip[13], kind = ip[14];
    const float aa = fp[0], ab = fp[1];
    const int32_t Hq = oH + ((kH - 1) * dH) / sH, Wq = oW + ((kW - 1) * dW) / sW, L = (oH - 1) * Wq + oW;
    const int32_t HW = Hq * Wq, PS = sH * sW * HW, osz = oH * oW, ksz = kH * kW;
    const int32_t LB = (L + MLCC_CF_B - 1) / MLCC_CF_B * MLCC_CF_B;
    /* scratch: planes (+ MLCC_CF_B slack), the sums at the LB flat indices, then
     * two index tables: plane value <- input offset (-1: padding), output <- flat index */
    float *MLCC_CF_RESTRICT P = (float *)out[1];
    float *MLCC_CF_RESTRICT acc = P + PS + MLCC_CF_B;
    int32_t *MLCC_CF_RESTRICT src = (int32_t *)(void *)(acc + LB), *MLCC_CF_RESTRICT fpos = src + PS;
    int32_t n, c, i, j, k, py, px, r, q, t, kh, kw;
    int32_t tap[MLCC_CF_MAXTAP];
    if (Wq < MLCC_CF_SHORT) {
        for (py = 0; py < sH; py++)
            for (px = 0; px < sW; px++)
                for (r = 0; r < Hq; r++)
                    for (q = 0; q < Wq; q++) {
                        const int32_t ih = r * sH + py - pT, iw = q * sW + px - pL;
                        src[(py * sW + px) * HW + r * Wq + q] =
                            ih >= 0 && ih < iH && iw >= 0 && iw < iW ? ih * iW + iw : -1;
                    }
        for (i = 0; i < osz; i++)
            fpos[i] = (i / oW) * Wq + i % oW;
    }
    for (i = 0; i < MLCC_CF_B; i++)
        P[PS + i] = 0.0f;
    for (kh = 0; kh < kH; kh++)
        for (kw = 0; kw < kW; kw++)
            if (kh * kW + kw < MLCC_CF_MAXTAP)
                tap[kh * kW + kw] = ((((kh)*dH) % sH) * sW + ((kw)*dW) % sW) * HW + (((kh)*dH) / sH) * Wq + ((kw)*dW) / sW;
    for (n = 0; n < N; n++)
        for (c = 0; c < C; c++) {
            const float *MLCC_CF_RESTRICT x = X + (n * C + c) * iH * iW;
            const float *w = W + c * ksz;
            const float bias = Bs ? Bs[c] : 0.0f;
            float *MLCC_CF_RESTRICT y = Y + (n * C + c) * osz;
            if (Wq < MLCC_CF_SHORT) {
                /* short rows: one gather through the table */
                for (k = 0; k < PS; k++)
                    P[k] = src[k] >= 0 ? x[src[k]] : 0.0f;
            } else {
                mlcc_cf_planes(x, iH, iW, sH, sW, pT, pL, Hq, Wq, P);
            }
            if (ksz == 9) {
                const float w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5];
                const float w6 = w[6], w7 = w[7], w8 = w[8];
                const float *MLCC_CF_RESTRICT p0 = P + tap[0], *MLCC_CF_RESTRICT p1 = P + tap[1];
                const float *MLCC_CF_RESTRICT p2 = P + tap[2], *MLCC_CF_RESTRICT p3 = P + tap[3];
                const float *MLCC_CF_RESTRICT p4 = P + tap[4], *MLCC_CF_RESTRICT p5 = P + tap[5];
                const float *MLCC_CF_RESTRICT p6 = P + tap[6], *MLCC_CF_RESTRICT p7 = P + tap[7];
                const float *MLCC_CF_RESTRICT p8 = P + tap[8];
                for (j = 0; j < LB; j++) {
                    float v = w0 * p0[j];
                    v = MLCC_FMA(w1, p1[j], v);
                    v = MLCC_FMA(w2, p2[j], v);
                    v = MLCC_FMA(w3, p3[j], v);
                    v = MLCC_FMA(w4, p4[j], v);
                    v = MLCC_FMA(w5, p5[j], v);
                    v = MLCC_FMA(w6, p6[j], v);
                    v = MLCC_FMA(w7, p7[j], v);
                    acc[j] = MLCC_FMA(w8, p8[j], v);
                }
            } else {
                for (i = 0; i < LB; i++)
                    acc[i] = 0.0f;
                for (kh = 0; kh < kH; kh++)
                    for (kw = 0; kw < kW; kw++) {
                        const float *MLCC_CF_RESTRICT pt;
                        const float wv = w[kh * kW + kw];
                        t = kh * kW + kw;
                        pt = P + (t < MLCC_CF_MAXTAP ? tap[t] : ((((kh)*dH) % sH) * sW + ((kw)*dW) % sW) * HW +
                                                                     (((kh)*dH) / sH) * Wq + ((kw)*dW) / sW);
                        for (j = 0; j < LB; j++)
                            acc[j] = MLCC_FMA(wv, pt[j], acc[j]);
                    }
            }
            /* the bias and the activation, dropping the columns past oW */
            if (Wq < MLCC_CF_SHORT) {
#define MLCC_CF_DW_OUT(K, X)                                                                       \
    for (i = 0; i < osz; i++)                                                                     \
        y[i] = mlcc_act(acc[fpos[i]] + bias, K, aa, ab);
                MLCC_ACT_SWITCH(kind, MLCC_CF_DW_OUT, 0)
#undef MLCC_CF_DW_OUT
                continue;
            }
            for (r = 0; r < oH; r++) {
                const float *MLCC_CF_RESTRICT ar = acc + r * Wq;
                float *MLCC_CF_RESTRICT yr = y + r * oW;
#define MLCC_CF_DW_ROW(K, X)                                                                       \
    for (i = 0; i < oW; i++)                                                                      \
        yr[i] = mlcc_act(ar[i] + bias, K, aa, ab);
                MLCC_ACT_SWITCH(kind, MLCC_CF_DW_ROW, 0)
#undef MLCC_CF_DW_ROW
            }
        }
}
/* mlcc:end */

/* mlcc:helper mlcc_cf_dw9 uses mlcc_cf_common mlcc_gf_fma mlcc_shared_act */
/* 3x3 depthwise over pixels 0 .. np of a block (restrict parameters: no alias
 * checks): y[p] = act(bias + sum_t w[t] * (m[t * ms + p] ? xs[p + off[t]] : 0)).
 * The pixels go 16 at a time; the last, partial 16 goes through a buffer, so
 * the masks must be 0 and xs readable up to the next multiple of 16. */
#define MLCC_CF_DW9(LO, HI, Y, YO, ACT)                                                            \
    for (p = (LO); p < (HI); p++) {                                                                \
        const float x0 = xs[p + o0], x1 = xs[p + o1], x2 = xs[p + o2], x3 = xs[p + o3];            \
        const float x4 = xs[p + o4], x5 = xs[p + o5], x6 = xs[p + o6], x7 = xs[p + o7];            \
        const float x8 = xs[p + o8];                                                               \
        /* two partial sums: half the dependency chain */                                         \
        float va = MLCC_FMA(w0, m[p] ? x0 : 0.0f, bias), vb = w1 * (m[ms + p] ? x1 : 0.0f), v;     \
        va = MLCC_FMA(w2, m[2 * ms + p] ? x2 : 0.0f, va);                                          \
        vb = MLCC_FMA(w3, m[3 * ms + p] ? x3 : 0.0f, vb);                                          \
        va = MLCC_FMA(w4, m[4 * ms + p] ? x4 : 0.0f, va);                                          \
        vb = MLCC_FMA(w5, m[5 * ms + p] ? x5 : 0.0f, vb);                                          \
        va = MLCC_FMA(w6, m[6 * ms + p] ? x6 : 0.0f, va);                                          \
        vb = MLCC_FMA(w7, m[7 * ms + p] ? x7 : 0.0f, vb);                                          \
        va = MLCC_FMA(w8, m[8 * ms + p] ? x8 : 0.0f, va);                                          \
        v = va + vb;                                                                               \
        (Y)[p - (YO)] = ACT;                                                                       \
    }
#define MLCC_CF_DW9_ALL(ACT)                                                                       \
    MLCC_CF_DW9(0, full, y, 0, ACT)                                                                \
    if (full < np) {                                                                               \
        MLCC_CF_DW9(full, full + 16, tmp, full, ACT)                                               \
        for (p = 0; p < np - full && p < 16; p++)                                                  \
            y[full + p] = tmp[p];                                                                  \
    }
static inline void mlcc_cf_dw9(int32_t np, const float *MLCC_CF_RESTRICT xs, const int32_t *MLCC_CF_RESTRICT m,
                               int32_t ms, const int32_t *off, const float *w, float bias, float *MLCC_CF_RESTRICT y,
                               int32_t kind, float aa, float ab)
{
    const int32_t o0 = off[0], o1 = off[1], o2 = off[2], o3 = off[3], o4 = off[4];
    const int32_t o5 = off[5], o6 = off[6], o7 = off[7], o8 = off[8];
    const float w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5];
    const float w6 = w[6], w7 = w[7], w8 = w[8];
    const int32_t full = np / 16 * 16;
    float tmp[16];
    int32_t p;
#define MLCC_CF_DW9_K(K, X) MLCC_CF_DW9_ALL(mlcc_act(v, K, aa, ab))
    MLCC_ACT_SWITCH(kind, MLCC_CF_DW9_K, 0)
#undef MLCC_CF_DW9_K
}
#undef MLCC_CF_DW9_ALL
#undef MLCC_CF_DW9
/* mlcc:end */

/* mlcc:helper mlcc_cf_dw9c uses mlcc_cf_common mlcc_gf_fma mlcc_shared_act */
/* 3x3 depthwise over pixels 0 .. np of a block with column masks only
 * (restrict parameters: no alias checks): y[p] = act(bias + sum_kw (mc[kw *
 * ms + p] ? sum_kh w[kh * 3 + kw] * xs[p + off[kh * 3 + kw]] : 0)); the rows
 * outside the image read zeros (xs is a copy between zero margins). The
 * pixels go 16 at a time, the last 16 moved back to end at np (np >= 16),
 * else through a buffer, so the masks must be 0 and xs readable up to the
 * next multiple of 16. */
#define MLCC_CF_DW9C(LO, HI, Y, YO, ACT)                                                           \
    for (p = (LO); p < (HI); p++) {                                                                \
        /* a partial sum a kernel column: one select each */                                       \
        float sl = w0 * xs[p + o0], sm = w1 * xs[p + o1], sr = w2 * xs[p + o2], v;                 \
        sl = MLCC_FMA(w3, xs[p + o3], sl);                                                         \
        sm = MLCC_FMA(w4, xs[p + o4], sm);                                                         \
        sr = MLCC_FMA(w5, xs[p + o5], sr);                                                         \
        sl = MLCC_FMA(w6, xs[p + o6], sl);                                                         \
        sm = MLCC_FMA(w7, xs[p + o7], sm);                                                         \
        sr = MLCC_FMA(w8, xs[p + o8], sr);                                                         \
        v = bias + (m[p] ? sl : 0.0f) + (m[ms + p] ? sm : 0.0f) + (m[2 * ms + p] ? sr : 0.0f);     \
        (Y)[p - (YO)] = ACT;                                                                       \
    }
#define MLCC_CF_DW9C_ALL(ACT)                                                                      \
    if (np >= 16) {                                                                                \
        MLCC_CF_DW9C(0, full, y, 0, ACT)                                                           \
        if (full < np)                                                                             \
            MLCC_CF_DW9C(np - 16, np, y, 0, ACT)                                                   \
    } else {                                                                                       \
        MLCC_CF_DW9C(0, 16, tmp, 0, ACT)                                                           \
        for (p = 0; p < np; p++)                                                                   \
            y[p] = tmp[p];                                                                         \
    }
static inline void mlcc_cf_dw9c(int32_t np, const float *MLCC_CF_RESTRICT xs, const int32_t *MLCC_CF_RESTRICT m,
                                int32_t ms, const int32_t *off, const float *w, float bias, float *MLCC_CF_RESTRICT y,
                                int32_t kind, float aa, float ab)
{
    const int32_t o0 = off[0], o1 = off[1], o2 = off[2], o3 = off[3], o4 = off[4];
    const int32_t o5 = off[5], o6 = off[6], o7 = off[7], o8 = off[8];
    const float w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5];
    const float w6 = w[6], w7 = w[7], w8 = w[8];
    const int32_t full = np / 16 * 16;
    float tmp[16];
    int32_t p;
#define MLCC_CF_DW9C_K(K, X) MLCC_CF_DW9C_ALL(mlcc_act(v, K, aa, ab))
    MLCC_ACT_SWITCH(kind, MLCC_CF_DW9C_K, 0)
#undef MLCC_CF_DW9C_K
}
#undef MLCC_CF_DW9C_ALL
#undef MLCC_CF_DW9C
/* mlcc:end */

/* mlcc:kernel mlcc_conv_dw1_f32 uses mlcc_cf_dw9 mlcc_gf_fma mlcc_shared_act */
/* Depthwise, stride 1, output as wide as the input (any pads on H, "same"
 * pads on W, any dilation): output pixel p reads input pixel p + off(t) for
 * tap t, and a mask (int32, computed once a call in scratch: kH*kW*P16
 * values, P16 = oH*oW rounded up to 16) says whether that pixel is inside the image. The load itself is
 * unconditional, then selected (no masked or gathered loads); it may reach
 * up to M = max |off| values into the neighbouring planes, so a plane within
 * M values of either end of X is read from a copy in scratch between zero
 * margins. The pixels go in blocks of MLCC_CF_PB, every channel for one
 * block before the next, so that the block's masks stay in cache.
 *   ip = [N, C, iH, iW, oH, kH, kW, dH, dW, pT, pL, act, M]   fp = [act_a, act_b]
 *   in = [X, W (C x kH x kW), B or NULL]   out = [Y, scratch] */
MLCC_KERNEL(mlcc_conv_dw1_f32)
{
    const float *X = (const float *)in[0], *W = (const float *)in[1], *Bs = (const float *)in[2];
    float *Y = (float *)out[0];
    int32_t *MLCC_CF_RESTRICT mk = (int32_t *)out[1];
    const int32_t N = ip[0], C = ip[1], iH = ip[2], iW = ip[3], oH = ip[4], kH = ip[5], kW = ip[6];
    const int32_t dH = ip[7], dW = ip[8], pT = ip[9], pL = ip[10], kind = ip[11], Mg = ip[12];
    const float aa = fp[0], ab = fp[1];
    const int32_t P = oH * iW, T = kH * kW, isz = iH * iW, P16 = (P + 15) / 16 * 16;
    float *MLCC_CF_RESTRICT xc = (float *)(void *)(mk + T * P16);
    int32_t n, c, t, p, p0, np, r, q, kh, kw;
    int32_t off[MLCC_CF_MAXTAP];
    for (kh = 0; kh < kH; kh++)
        for (kw = 0; kw < kW; kw++) {
            const int32_t dr = kh * dH - pT, dc = kw * dW - pL;
            int32_t *m = mk + (kh * kW + kw) * P16;
            if (kh * kW + kw < MLCC_CF_MAXTAP)
                off[kh * kW + kw] = dr * iW + dc;
            for (r = 0; r < oH; r++) {
                const int32_t rok = r + dr >= 0 && r + dr < iH;
                for (q = 0; q < iW; q++)
                    m[r * iW + q] = rok && q + dc >= 0 && q + dc < iW;
            }
            for (p = P; p < P16; p++)
                m[p] = 0;
        }
    for (p0 = 0; p0 < P; p0 += MLCC_CF_PB) {
        np = P - p0 < MLCC_CF_PB ? P - p0 : MLCC_CF_PB;
        for (n = 0; n < N; n++)
            for (c = 0; c < C; c++) {
                const int32_t gc = n * C + c;
                /* xs[j + off] is input pixel p0 + j + off */
                const float *MLCC_CF_RESTRICT xs = X + gc * isz + p0;
                const float *w = W + c * T;
                const float bias = Bs ? Bs[c] : 0.0f;
                float *MLCC_CF_RESTRICT y = Y + gc * P + p0;
                if (gc * isz + p0 < Mg || (N * C - gc) * isz - p0 - np < Mg) {
                    /* near an end of X: a copy of pixels p0 - M .. p0 + np + M, zero outside the plane */
                    for (p = 0; p < np + 2 * Mg; p++) {
                        const int32_t src = p0 - Mg + p;
                        xc[p] = src >= 0 && src < isz ? X[gc * isz + src] : 0.0f;
                    }
                    xs = xc + Mg;
                }
                if (T == 9) {
                    mlcc_cf_dw9(np, xs, mk + p0, P16, off, w, bias, y, kind, aa, ab);
                    continue;
                }
                for (p = 0; p < np; p++)
                    y[p] = bias;
                for (t = 0; t < T; t++) {
                    const int32_t *MLCC_CF_RESTRICT m = mk + t * P16 + p0;
                    const float wv = w[t];
                    const int32_t o = t < MLCC_CF_MAXTAP ? off[t] : ((t / kW) * dH - pT) * iW + (t % kW) * dW - pL;
                    for (p = 0; p < np; p++) {
                        const float xv = xs[p + o];
                        y[p] = MLCC_FMA(wv, m[p] ? xv : 0.0f, y[p]);
                    }
                }
                if (kind)
                    for (p = 0; p < np; p++)
                        y[p] = mlcc_act(y[p], kind, aa, ab);
            }
    }
}
/* mlcc:end */

/* mlcc:kernel mlcc_conv_dw1c_f32 uses mlcc_cf_dw9c mlcc_gf_fma mlcc_shared_act */
/* The same convolutions as mlcc_conv_dw1_f32 (same ip), for narrow images
 * (op_conv.c): output pixel p reads input pixel p + off(t) for tap t. The
 * pixels go in blocks of MLCC_CF_PB, every channel for one block
 * before the next; each channel's block is first copied, with the M = max
 * |off| + 16 values on either side, into scratch (zero outside the plane),
 * so that a tap's row outside the image reads zeros: only the column needs
 * a check, a mask (int32, computed once a call in scratch: kW*P16 values,
 * P16 = oH*oW rounded up to 16) a kernel column, applied with a select after
 * the unconditional loads (3x3: once per column sum, after its three taps).
 *   ip = [N, C, iH, iW, oH, kH, kW, dH, dW, pT, pL, act, M]   fp = [act_a, act_b]
 *   in = [X, W (C x kH x kW), B or NULL]
 *   out = [Y, scratch: the masks, then MLCC_CF_PB + 2 * M floats] */
MLCC_KERNEL(mlcc_conv_dw1c_f32)
{
    const float *X = (const float *)in[0], *W = (const float *)in[1], *Bs = (const float *)in[2];
    float *Y = (float *)out[0];
    int32_t *MLCC_CF_RESTRICT mk = (int32_t *)out[1];
    const int32_t N = ip[0], C = ip[1], iH = ip[2], iW = ip[3], oH = ip[4], kH = ip[5], kW = ip[6];
    const int32_t dH = ip[7], dW = ip[8], pT = ip[9], pL = ip[10], kind = ip[11], Mg = ip[12];
    const float aa = fp[0], ab = fp[1];
    const int32_t P = oH * iW, T = kH * kW, isz = iH * iW, P16 = (P + 15) / 16 * 16;
    float *MLCC_CF_RESTRICT xc = (float *)(void *)(mk + kW * P16);
    int32_t n, c, t, p, p0, np, q, kh, kw;
    int32_t off[MLCC_CF_MAXTAP];
    for (kh = 0; kh < kH; kh++)
        for (kw = 0; kw < kW; kw++)
            if (kh * kW + kw < MLCC_CF_MAXTAP)
                off[kh * kW + kw] = (kh * dH - pT) * iW + kw * dW - pL;
    for (kw = 0; kw < kW; kw++) {
        const int32_t dc = kw * dW - pL;
        int32_t *m = mk + kw * P16;
        for (p = 0; p < P; p++) {
            q = p % iW;
            m[p] = q + dc >= 0 && q + dc < iW;
        }
        for (p = P; p < P16; p++)
            m[p] = 0;
    }
    for (p0 = 0; p0 < P; p0 += MLCC_CF_PB) {
        /* the copy holds input pixels p0 - M .. p0 + np + M: [lo, hi) of it inside the plane */
        const int32_t lo = Mg - p0 > 0 ? Mg - p0 : 0;
        int32_t hi;
        np = P - p0 < MLCC_CF_PB ? P - p0 : MLCC_CF_PB;
        hi = isz - p0 + Mg < np + 2 * Mg ? isz - p0 + Mg : np + 2 * Mg;
        for (p = 0; p < lo; p++)
            xc[p] = 0.0f;
        for (p = hi; p < np + 2 * Mg; p++)
            xc[p] = 0.0f;
        for (n = 0; n < N; n++)
            for (c = 0; c < C; c++) {
                const int32_t gc = n * C + c;
                /* xs[j + off] is input pixel p0 + j + off */
                const float *MLCC_CF_RESTRICT xs = xc + Mg;
                const float *MLCC_CF_RESTRICT xg = X + gc * isz + p0 - Mg;
                const float *w = W + c * T;
                const float bias = Bs ? Bs[c] : 0.0f;
                float *MLCC_CF_RESTRICT y = Y + gc * P + p0;
                for (p = lo; p < hi; p++)
                    xc[p] = xg[p];
                if (T == 9) {
                    mlcc_cf_dw9c(np, xs, mk + p0, P16, off, w, bias, y, kind, aa, ab);
                    continue;
                }
                for (p = 0; p < np; p++)
                    y[p] = bias;
                for (t = 0; t < T; t++) {
                    const int32_t *MLCC_CF_RESTRICT m = mk + (t % kW) * P16 + p0;
                    const float wv = w[t];
                    const int32_t o = t < MLCC_CF_MAXTAP ? off[t] : ((t / kW) * dH - pT) * iW + (t % kW) * dW - pL;
                    for (p = 0; p < np; p++) {
                        const float xv = xs[p + o];
                        y[p] = MLCC_FMA(wv, m[p] ? xv : 0.0f, y[p]);
                    }
                }
                if (kind)
                    for (p = 0; p < np; p++)
                        y[p] = mlcc_act(y[p], kind, aa, ab);
            }
    }
}
/* mlcc:end */

/* mlcc:helper mlcc_cf_dw3ch uses mlcc_cf_common mlcc_gf_fma mlcc_shared_act */
/* one channel x of mlcc_conv_dw3r_f32 (restrict parameters: no alias
 * checks), each output row in blocks of 16 columns (one vector), block b
 * starting at min(16 b, oW - 16); input row ih is read at x + ih * iW, except
 * rows outside the image at rx[0] (zeros), row 0 at rx[1] and row iH - 1 at
 * rx[2] when those are set. The loads are unconditional, reaching up to 2
 * values past either end of a row; mk[(b * 3 + kw) * 16 + j] (int32) says
 * whether kernel column kw of column j of block b is inside the row, applied
 * with a select (a table, not computed: with the shape not known to the C
 * compiler the computed checks cost more than the loads) */
#define MLCC_CF_DW3R_TAPS                                                                          \
    const float l0 = x0[o], l1 = x1[o], l2 = x2[o], r0 = x0[o + 2], r1 = x1[o + 2], r2 = x2[o + 2];  \
    const float n0 = x0[o + 1], n1 = x1[o + 1], n2 = x2[o + 1];                                    \
    const float a0 = m0[j] ? l0 : 0.0f, a1 = m0[j] ? l1 : 0.0f, a2 = m0[j] ? l2 : 0.0f;            \
    const float b0 = m1[j] ? n0 : 0.0f, b1 = m1[j] ? n1 : 0.0f, b2 = m1[j] ? n2 : 0.0f;            \
    const float c0 = m2[j] ? r0 : 0.0f, c1 = m2[j] ? r1 : 0.0f, c2 = m2[j] ? r2 : 0.0f;
/* two partial sums (half the dependency chain) into v of the taps of rows P, Q, R
 * (a, b, c: the left, middle and right tap of a row; rows 0-2: x0, x1, x2, row 3: x3) */
#define MLCC_CF_DW3R_SUM(P, Q, R)                                                                  \
    float v = MLCC_FMA(w0, a##P, bias), u = w1 * b##P;                                             \
    v = MLCC_FMA(w2, c##P, v);                                                                     \
    u = MLCC_FMA(w3, a##Q, u);                                                                     \
    v = MLCC_FMA(w4, b##Q, v);                                                                     \
    u = MLCC_FMA(w5, c##Q, u);                                                                     \
    v = MLCC_FMA(w6, a##R, v);                                                                     \
    u = MLCC_FMA(w7, b##R, u);                                                                     \
    v = MLCC_FMA(w8, c##R, v);                                                                     \
    v += u;
#define MLCC_CF_DW3R_BEGIN                                                                         \
    for (b = 0, q0 = 0; q0 < oW; b++, q0 += 16) {                                                  \
        const int32_t *MLCC_CF_RESTRICT m0 = mk + b * 48, *MLCC_CF_RESTRICT m1 = m0 + 16;          \
        const int32_t *MLCC_CF_RESTRICT m2 = m0 + 32;                                              \
        if (q0 + 16 > oW)                                                                          \
            q0 = oW - 16;                                                                          \
        for (j = 0; j < 16; j++) {                                                                 \
            const int32_t q = q0 + j, o = q - pL;
#define MLCC_CF_DW3R_END                                                                           \
        }                                                                                          \
    }
/* one output row from x0, x1, x2 */
#define MLCC_CF_DW3R_ROW1(ACT)                                                                     \
    MLCC_CF_DW3R_BEGIN                                                                             \
    MLCC_CF_DW3R_TAPS                                                                              \
    {                                                                                              \
        MLCC_CF_DW3R_SUM(0, 1, 2)                                                                  \
        yr[q] = ACT;                                                                               \
    }                                                                                              \
    MLCC_CF_DW3R_END
/* two output rows (stride 1) from x0 .. x3: the middle two rows loaded once for both */
#define MLCC_CF_DW3R_ROW2(ACT)                                                                     \
    MLCC_CF_DW3R_BEGIN                                                                             \
    const float l3 = x3[o], n3 = x3[o + 1], r3 = x3[o + 2];                                        \
    const float a3 = m0[j] ? l3 : 0.0f, b3 = m1[j] ? n3 : 0.0f, c3 = m2[j] ? r3 : 0.0f;            \
    MLCC_CF_DW3R_TAPS                                                                              \
    {                                                                                              \
        MLCC_CF_DW3R_SUM(0, 1, 2)                                                                  \
        yr[q] = ACT;                                                                               \
    }                                                                                              \
    {                                                                                              \
        MLCC_CF_DW3R_SUM(1, 2, 3)                                                                  \
        yr[oW + q] = ACT;                                                                          \
    }                                                                                              \
    MLCC_CF_DW3R_END
#define MLCC_CF_DW3R_K(K, ROW) ROW(mlcc_act(v, K, aa, ab))
#define MLCC_CF_DW3R_ACTS(ROW) MLCC_ACT_SWITCH(kind, MLCC_CF_DW3R_K, ROW)
static inline const float *mlcc_cf_dw3row(const float *x, int32_t ih, int32_t iH, int32_t iW, const float *const *rx)
{
    if (ih < 0 || ih >= iH)
        return rx[0];
    if (ih == 0 && rx[1])
        return rx[1];
    if (ih == iH - 1 && rx[2])
        return rx[2];
    return x + ih * iW;
}
static inline void mlcc_cf_dw3ch(const float *x, const float *const *rx, const int32_t *MLCC_CF_RESTRICT mk,
                                 int32_t iH, int32_t iW, int32_t oH, int32_t oW, int32_t sH, int32_t pT,
                                 int32_t pL, const float *w, float bias, float *MLCC_CF_RESTRICT y, int32_t kind,
                                 float aa, float ab)
{
    const float w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5];
    const float w6 = w[6], w7 = w[7], w8 = w[8];
    int32_t oh = 0, q0, j, b;
    for (; sH == 1 && oh + 1 < oH; oh += 2) {
        const float *MLCC_CF_RESTRICT x0 = mlcc_cf_dw3row(x, oh - pT, iH, iW, rx);
        const float *MLCC_CF_RESTRICT x1 = mlcc_cf_dw3row(x, oh - pT + 1, iH, iW, rx);
        const float *MLCC_CF_RESTRICT x2 = mlcc_cf_dw3row(x, oh - pT + 2, iH, iW, rx);
        const float *MLCC_CF_RESTRICT x3 = mlcc_cf_dw3row(x, oh - pT + 3, iH, iW, rx);
        float *MLCC_CF_RESTRICT yr = y + oh * oW;
        MLCC_CF_DW3R_ACTS(MLCC_CF_DW3R_ROW2)
    }
    for (; oh < oH; oh++) {
        const float *MLCC_CF_RESTRICT x0 = mlcc_cf_dw3row(x, oh * sH - pT, iH, iW, rx);
        const float *MLCC_CF_RESTRICT x1 = mlcc_cf_dw3row(x, oh * sH - pT + 1, iH, iW, rx);
        const float *MLCC_CF_RESTRICT x2 = mlcc_cf_dw3row(x, oh * sH - pT + 2, iH, iW, rx);
        float *MLCC_CF_RESTRICT yr = y + oh * oW;
        MLCC_CF_DW3R_ACTS(MLCC_CF_DW3R_ROW1)
    }
}
#undef MLCC_CF_DW3R_ACTS
#undef MLCC_CF_DW3R_K
#undef MLCC_CF_DW3R_ROW2
#undef MLCC_CF_DW3R_ROW1
#undef MLCC_CF_DW3R_END
#undef MLCC_CF_DW3R_BEGIN
#undef MLCC_CF_DW3R_SUM
#undef MLCC_CF_DW3R_TAPS
/* mlcc:end */

/* mlcc:kernel mlcc_conv_dw3r_f32 uses mlcc_cf_dw3ch */
/* Depthwise 3x3 (no dilation, horizontal stride 1, left and right pads at
 * most 2) on images with rows of at least 16 outputs, straight from X: no
 * copies of the image (see mlcc_cf_dw3ch). Each output row reads three input
 * rows (a row outside the image reads a zero row in scratch), two output
 * rows a pass at stride 1, and is computed 16 columns at a time (one
 * vector), the last block moved back to end at oW (it recomputes a few
 * columns: no scalar remainder); the loads past the row ends are selected
 * away by a table of column masks (no scalar border columns), and the first
 * and the last row of X, which have no neighbouring row on one side, are
 * read from copies between zero margins in scratch.
 *   ip = [N, C, iH, iW, oH, oW, sH, sW, pT, pL, act]   fp = [act_a, act_b]
 *   in = [X, W (C x 9), B or NULL]
 *   out = [Y, scratch: 3 * (iW + 4) floats, then ceil(oW / 16) * 48 int32] */
MLCC_KERNEL(mlcc_conv_dw3r_f32)
{
    const float *X = (const float *)in[0], *W = (const float *)in[1], *Bs = (const float *)in[2];
    float *Y = (float *)out[0];
    float *rb = (float *)out[1];
    const int32_t N = ip[0], C = ip[1], iH = ip[2], iW = ip[3], oH = ip[4], oW = ip[5], sH = ip[6];
    const int32_t pT = ip[8], pL = ip[9], kind = ip[10], RW = iW + 4;
    const float aa = fp[0], ab = fp[1];
    int32_t *mk = (int32_t *)(void *)(rb + 3 * RW);
    /* the zero row, then copies of the first and the last row of X, each between zero margins of 2 */
    const float *rx[3];
    int32_t n, c, q, b, kw;
    for (q = 0; q < 3 * RW; q++)
        rb[q] = 0.0f;
    for (q = 0; q < iW; q++) {
        rb[RW + 2 + q] = X[q];
        rb[2 * RW + 2 + q] = X[(N * C * iH - 1) * iW + q];
    }
    for (b = 0; b * 16 < oW; b++)
        for (kw = 0; kw < 3; kw++)
            for (q = 0; q < 16; q++) {
                const int32_t col = (b * 16 + 16 > oW ? oW - 16 : b * 16) + q - pL + kw;
                mk[(b * 3 + kw) * 16 + q] = col >= 0 && col < iW;
            }
    rx[0] = rb + 2;
    for (n = 0; n < N; n++)
        for (c = 0; c < C; c++) {
            const int32_t gc = n * C + c;
            rx[1] = gc == 0 ? rb + RW + 2 : NULL;
            rx[2] = gc == N * C - 1 ? rb + 2 * RW + 2 : NULL;
            mlcc_cf_dw3ch(X + gc * iH * iW, rx, mk, iH, iW, oH, oW, sH, pT, pL, W + c * 9, Bs ? Bs[c] : 0.0f,
                          Y + gc * oH * oW, kind, aa, ab);
        }
}
/* mlcc:end */

/* mlcc:kernel mlcc_conv_dwt_f32 uses mlcc_cf_common mlcc_gf_fma mlcc_shared_actbuf */
/* Depthwise on small images, channels along the vector: each image is
 * transposed into scratch, zero-padded and channel-last (pixel (r, q) of the
 * padded image at xt[(r * Wp + q) * C16 + c], C16 = C rounded up to 16),
 * every output pixel is then computed 16 channels at a time (one vector)
 * over all kH*kW taps without checks, channel-last into scratch, and
 * transposed back into Y. On a 3x3 or 6x6 image a channel at a time leaves
 * most of a 16-wide vector of pixels empty and costs its per-channel setup.
 *   ip = [N, C, iH, iW, oH, oW, kH, kW, sH, sW, dH, dW, pT, pL, act, Hp, Wp]
 *   fp = [act_a, act_b]   in = [X, Wt (packed: [kH*kW + 1][C16], the
 *   weights of tap t of every channel, then the biases; zero-padded)]
 *   out = [Y, scratch: Hp*Wp*C16 + oH*oW*C16 floats] */
MLCC_KERNEL(mlcc_conv_dwt_f32)
{
    const float *X = (const float *)in[0], *Wt = (const float *)in[1];
    float *Y = (float *)out[0];
    float *MLCC_CF_RESTRICT xt = (float *)out[1];
    const int32_t N = ip[0], C = ip[1], iH = ip[2], iW = ip[3], oH = ip[4], oW = ip[5], kH = ip[6], kW = ip[7];
    const int32_t sH = ip[8], sW = ip[9], dH = ip[10], dW = ip[11], pT = ip[12], pL = ip[13], kind = ip[14];
    const int32_t Hp = ip[15], Wp = ip[16];
    const float aa = fp[0], ab = fp[1];
    const int32_t C16 = (C + 15) / 16 * 16, isz = iH * iW, P = oH * oW;
    const float *bs = Wt + kH * kW * C16;
    float *MLCC_CF_RESTRICT yt = xt + Hp * Wp * C16;
    int32_t n, c, r, q, p, oh, ow, kh, kw;
    for (n = 0; n < N; n++) {
        const float *x = X + n * C * isz;
        float *y = Y + n * C * P;
        for (r = 0; r < Hp; r++)
            for (q = 0; q < Wp; q++) {
                float *MLCC_CF_RESTRICT d = xt + (r * Wp + q) * C16;
                const int32_t ih = r - pT, iw = q - pL;
                if (ih >= 0 && ih < iH && iw >= 0 && iw < iW) {
                    const float *s = x + ih * iW + iw;
                    for (c = 0; c < C; c++)
                        d[c] = s[c * isz];
                    for (; c < C16; c++)
                        d[c] = 0.0f;
                } else {
                    for (c = 0; c < C16; c++)
                        d[c] = 0.0f;
                }
            }
        for (oh = 0; oh < oH; oh++)
            for (ow = 0; ow < oW; ow++) {
                float *MLCC_CF_RESTRICT yp = yt + (oh * oW + ow) * C16;
                for (c = 0; c < C16; c++)
                    yp[c] = bs[c];
                for (kh = 0; kh < kH; kh++)
                    for (kw = 0; kw < kW; kw++) {
                        const int32_t at = (oh * sH + kh * dH) * Wp + ow * sW + kw * dW;
                        const float *MLCC_CF_RESTRICT xv = xt + at * C16;
                        const float *MLCC_CF_RESTRICT wv = Wt + (kh * kW + kw) * C16;
                        for (c = 0; c < C16; c++)
                            yp[c] = MLCC_FMA(wv[c], xv[c], yp[c]);
                    }
            }
        mlcc_act_buf(yt, P * C16, kind, aa, ab);
        for (c = 0; c < C; c++)
            for (p = 0; p < P; p++)
                y[c * P + p] = yt[p * C16 + c];
    }
}
/* mlcc:end */

/* mlcc:kernel mlcc_conv_dwc_f32 uses mlcc_cf_common mlcc_gf_fma mlcc_shared_actbuf */
/* Depthwise, channel-last: input and output NHWC (op_conv.c's NhwcConv, made
 * by pass_layout.c), so the channels lie along the vector without any copy.
 * 3x3 without dilation, stride 1 along the rows, pads of 1 left and right
 * ("same" width, at least 2 wide) and whole 16-channel blocks: each output
 * row a block at a time, the block's weights in registers across the row,
 * the first and last pixels without their padding taps (mlcc_cf_dwc3row;
 * measured: kws_dscnn's 25x5 layers 3.6 -> 2.1 us). Other 3x3 without
 * dilation: for each output row, the three input rows it reads
 * (a row of zeros for one in the padding); the pixels whose taps are all
 * inside the row run 16 channels at a time with the 16 channels' nine
 * weights held in registers (mlcc_cf_dwc3); the pixels at the ends of the
 * row, and other kernels, through a table that points each tap at its input
 * pixel or at the zeros, 16 channels at a time over the taps (3x3: the nine
 * written out, MLCC_CF_DWC9 as in mlcc_cf_dwc3). Channels past
 * the last 16 go one by one. The activation runs over each finished row.
 *   ip = [N, C, iH, iW, oH, oW, kH, kW, sH, sW, dH, dW, pT, pL, act]
 *   fp = [act_a, act_b]   in = [X (N x iH x iW x C), Wt (packed: per 16
 *   channels, the 16 weights of each tap then the 16 biases; zero-padded)]
 *   out = [Y (N x oH x oW x C), scratch: iW * C floats (the zeros)]
 *   kH * kW <= MLCC_CF_MAXTAP. */
/* lane l of a 16-channel block's bias plus its nine taps X0..X8 (the values
 * of lane l under taps 0..8), in two sums: w the block's nine weights then its
 * biases */
#define MLCC_CF_DWC9(X0, X1, X2, X3, X4, X5, X6, X7, X8)                                            \
    {                                                                                             \
        float s0 = w[144 + l], s1;                                                                \
        s0 = MLCC_FMA(w[l], X0, s0);                                                              \
        s1 = w[16 + l] * (X1);                                                                    \
        s0 = MLCC_FMA(w[32 + l], X2, s0);                                                         \
        s1 = MLCC_FMA(w[48 + l], X3, s1);                                                         \
        s0 = MLCC_FMA(w[64 + l], X4, s0);                                                         \
        s1 = MLCC_FMA(w[80 + l], X5, s1);                                                         \
        s0 = MLCC_FMA(w[96 + l], X6, s0);                                                         \
        s1 = MLCC_FMA(w[112 + l], X7, s1);                                                        \
        s0 = MLCC_FMA(w[128 + l], X8, s0);                                                        \
        acc[l] = s0 + s1;                                                                         \
    }
/* n pixels, 16 channels, every tap inside: a, b, c point at the first tap
 * (kw = 0) of the first pixel in the three input rows, xs apart a pixel; the
 * kernel columns C apart; w: the block's nine weights then its biases */
static inline void mlcc_cf_dwc3(const float *MLCC_CF_RESTRICT w, const float *MLCC_CF_RESTRICT a,
                                const float *MLCC_CF_RESTRICT b, const float *MLCC_CF_RESTRICT c,
                                float *MLCC_CF_RESTRICT y, int32_t n, int32_t xs, int32_t C)
{
    int32_t i, l;
    for (i = 0; i < n; i++, a += xs, b += xs, c += xs, y += C) {
        float acc[16];
        for (l = 0; l < 16; l++)
            MLCC_CF_DWC9(a[l], a[C + l], a[2 * C + l], b[l], b[C + l], b[2 * C + l], c[l], c[C + l], c[2 * C + l])
        for (l = 0; l < 16; l++)
            y[l] = acc[l];
    }
}
/* one output row of a 3x3 depthwise convolution, stride 1, pads 1 on the
 * left and right, output as wide as the input (oW >= 2), for 16 channels:
 * a, b, c the three input rows at this block's first channel, C apart a
 * pixel; w the block's nine weights then its biases. The weights stay in
 * registers (named arrays) across the row; the first and last pixels leave
 * out the taps on the padding. */
#define MLCC_CF_DWR_W(k) float w##k[16];
#define MLCC_CF_DWR_LD(k)                                                                           \
    for (l = 0; l < 16; l++)                                                                      \
        w##k[l] = w[(k) * 16 + l];
/* an end pixel Y: its two kernel columns in rows A, B, CC (C apart), weights
 * WA .. WF, in the two sums of the middle pixels */
#define MLCC_CF_DWR_EDGE(Y, A, B, CC, WA, WB, WC, WD, WE, WF)                                       \
    for (l = 0; l < 16; l++) {                                                                    \
        float s0 = MLCC_FMA(WA[l], (A)[l], w9[l]), s1 = WB[l] * (A)[C + l];                       \
        s0 = MLCC_FMA(WC[l], (B)[l], s0);                                                         \
        s1 = MLCC_FMA(WD[l], (B)[C + l], s1);                                                     \
        s0 = MLCC_FMA(WE[l], (CC)[l], s0);                                                        \
        s1 = MLCC_FMA(WF[l], (CC)[C + l], s1);                                                    \
        (Y)[l] = s0 + s1;                                                                         \
    }
static inline void mlcc_cf_dwc3row(const float *MLCC_CF_RESTRICT w, const float *MLCC_CF_RESTRICT a,
                                   const float *MLCC_CF_RESTRICT b, const float *MLCC_CF_RESTRICT c,
                                   float *MLCC_CF_RESTRICT y, int32_t oW, int32_t C)
{
    MLCC_CF_DWR_W(0) MLCC_CF_DWR_W(1) MLCC_CF_DWR_W(2) MLCC_CF_DWR_W(3) MLCC_CF_DWR_W(4)
    MLCC_CF_DWR_W(5) MLCC_CF_DWR_W(6) MLCC_CF_DWR_W(7) MLCC_CF_DWR_W(8) MLCC_CF_DWR_W(9)
    int32_t l, ow;
    MLCC_CF_DWR_LD(0) MLCC_CF_DWR_LD(1) MLCC_CF_DWR_LD(2) MLCC_CF_DWR_LD(3) MLCC_CF_DWR_LD(4)
    MLCC_CF_DWR_LD(5) MLCC_CF_DWR_LD(6) MLCC_CF_DWR_LD(7) MLCC_CF_DWR_LD(8) MLCC_CF_DWR_LD(9)
    MLCC_CF_DWR_EDGE(y, a, b, c, w1, w2, w4, w5, w7, w8)
    for (ow = 1; ow < oW - 1; ow++) {
        const float *MLCC_CF_RESTRICT a0 = a + (ow - 1) * C, *MLCC_CF_RESTRICT b0 = b + (ow - 1) * C;
        const float *MLCC_CF_RESTRICT c0 = c + (ow - 1) * C;
        float *MLCC_CF_RESTRICT yo = y + ow * C;
        for (l = 0; l < 16; l++) {
            float s0 = MLCC_FMA(w0[l], a0[l], w9[l]), s1 = w1[l] * a0[C + l];
            s0 = MLCC_FMA(w2[l], a0[2 * C + l], s0);
            s1 = MLCC_FMA(w3[l], b0[l], s1);
            s0 = MLCC_FMA(w4[l], b0[C + l], s0);
            s1 = MLCC_FMA(w5[l], b0[2 * C + l], s1);
            s0 = MLCC_FMA(w6[l], c0[l], s0);
            s1 = MLCC_FMA(w7[l], c0[C + l], s1);
            s0 = MLCC_FMA(w8[l], c0[2 * C + l], s0);
            yo[l] = s0 + s1;
        }
    }
    {
        const int32_t e = (oW - 2) * C; /* the last pixel's first tap */
        MLCC_CF_DWR_EDGE(y + e + C, a + e, b + e, c + e, w0, w1, w3, w4, w6, w7)
    }
}
#undef MLCC_CF_DWR_W
#undef MLCC_CF_DWR_LD
#undef MLCC_CF_DWR_EDGE
MLCC_KERNEL(mlcc_conv_dwc_f32)
{
    const float *X = (const float *)in[0], *Wt = (const float *)in[1];
    float *Y = (float *)out[0], *zero = (float *)out[1];
    const int32_t N = ip[0], C = ip[1], iH = ip[2], iW = ip[3], oH = ip[4], oW = ip[5], kH = ip[6], kW = ip[7];
    const int32_t sH = ip[8], sW = ip[9], dH = ip[10], dW = ip[11], pT = ip[12], pL = ip[13], kind = ip[14];
    const float aa = fp[0], ab = fp[1];
    const int32_t T = kH * kW, CB = C / 16, WB = (T + 1) * 16, k3 = kH == 3 && kW == 3 && dH == 1 && dW == 1;
    /* whole rows through mlcc_cf_dwc3row */
    const int32_t whole = k3 && sW == 1 && pL == 1 && oW == iW && oW >= 2 && CB * 16 == C;
    /* the output columns whose three taps are inside the row (3x3): [o0, o1) */
    int32_t o0 = (pL + sW - 1) / sW, o1 = iW - 3 + pL >= 0 ? (iW - 3 + pL) / sW + 1 : 0;
    const float *pt[MLCC_CF_MAXTAP], *rw[3];
    int32_t n, c, j, l, t, oh, ow, kh, kw;
    if (o1 > oW)
        o1 = oW;
    if (!k3 || o0 > o1)
        o0 = o1 = 0;
    for (c = 0; c < iW * C; c++)
        zero[c] = 0.0f;
    for (n = 0; n < N; n++) {
        const float *x = X + n * iH * iW * C;
        for (oh = 0; oh < oH; oh++) {
            float *yr = Y + ((n * oH + oh) * oW) * C;
            for (kh = 0; kh < 3; kh++) { /* the input rows of a 3x3 (unused by other kernels) */
                const int32_t ih = oh * sH - pT + kh;
                rw[kh] = ih >= 0 && ih < iH ? x + ih * iW * C : zero;
            }
            if (whole) {
                for (j = 0; j < CB; j++)
                    mlcc_cf_dwc3row(Wt + j * WB, rw[0] + j * 16, rw[1] + j * 16, rw[2] + j * 16, yr + j * 16, oW, C);
                mlcc_act_buf(yr, oW * C, kind, aa, ab);
                continue;
            }
            if (k3 && o1 > o0) {
                for (j = 0; j < CB; j++) {
                    const int32_t at = (o0 * sW - pL) * C + j * 16;
                    mlcc_cf_dwc3(Wt + j * WB, rw[0] + at, rw[1] + at, rw[2] + at, yr + o0 * C + j * 16, o1 - o0,
                                 sW * C, C);
                }
            }
            for (ow = 0; ow < oW; ow++) {
                float *MLCC_CF_RESTRICT yp = yr + ow * C;
                if (ow == o0 && o1 > o0 && CB * 16 == C) { /* done by mlcc_cf_dwc3 */
                    ow = o1 - 1;
                    continue;
                }
                for (kh = 0; kh < kH; kh++)
                    for (kw = 0; kw < kW; kw++) {
                        const int32_t ih = oh * sH - pT + kh * dH, iw = ow * sW - pL + kw * dW;
                        pt[kh * kW + kw] = ih >= 0 && ih < iH && iw >= 0 && iw < iW ? x + (ih * iW + iw) * C : zero;
                    }
                if ((ow < o0 || ow >= o1) && T == 9) {
                    /* restrict: read only (several may be the zeros), Y apart */
                    const float *MLCC_CF_RESTRICT p0 = pt[0], *MLCC_CF_RESTRICT p1 = pt[1];
                    const float *MLCC_CF_RESTRICT p2 = pt[2], *MLCC_CF_RESTRICT p3 = pt[3];
                    const float *MLCC_CF_RESTRICT p4 = pt[4], *MLCC_CF_RESTRICT p5 = pt[5];
                    const float *MLCC_CF_RESTRICT p6 = pt[6], *MLCC_CF_RESTRICT p7 = pt[7];
                    const float *MLCC_CF_RESTRICT p8 = pt[8];
                    for (j = 0; j < CB; j++) {
                        const float *MLCC_CF_RESTRICT w = Wt + j * WB;
                        const int32_t o = j * 16;
                        float acc[16]; /* a local: no overlap check against Y */
                        for (l = 0; l < 16; l++)
                            MLCC_CF_DWC9(p0[o + l], p1[o + l], p2[o + l], p3[o + l], p4[o + l], p5[o + l],
                                         p6[o + l], p7[o + l], p8[o + l])
                        for (l = 0; l < 16; l++)
                            yp[o + l] = acc[l];
                    }
                } else if (ow < o0 || ow >= o1) {
                    for (j = 0; j < CB; j++) {
                        const float *MLCC_CF_RESTRICT w = Wt + j * WB;
                        const int32_t o = j * 16;
                        float acc[16];
                        for (l = 0; l < 16; l++)
                            acc[l] = w[T * 16 + l];
                        for (t = 0; t < T; t++)
                            for (l = 0; l < 16; l++)
                                acc[l] = MLCC_FMA(w[t * 16 + l], pt[t][o + l], acc[l]);
                        for (l = 0; l < 16; l++)
                            yp[o + l] = acc[l];
                    }
                }
                for (c = CB * 16; c < C; c++) {
                    const float *MLCC_CF_RESTRICT w = Wt + CB * WB + c - CB * 16;
                    float s = w[T * 16];
                    for (t = 0; t < T; t++)
                        s = MLCC_FMA(w[t * 16], pt[t][c], s);
                    yp[c] = s;
                }
            }
            mlcc_act_buf(yr, oW * C, kind, aa, ab);
        }
    }
}
#undef MLCC_CF_DWC9
/* mlcc:end */

/* mlcc:kernel mlcc_conv_dws_f32 uses mlcc_cf_even mlcc_cf_dw9 mlcc_gf_fma mlcc_shared_act */
/* Depthwise with strides: each channel is first split into its sH x sW
 * phase planes (input pixels (r * sH + py, q * sW + px)), each oW wide and
 * Hph high, so that every tap is again a contiguous shifted window over the
 * output pixels, as in mlcc_conv_dw1_f32 (masks, unconditional loads and a
 * select). The planes sit in scratch between zero margins of M values.
 *   ip = [N, C, iH, iW, oH, oW, kH, kW, sH, sW, dH, dW, pT, pL, act, Hph, M]
 *   fp = [act_a, act_b]   in = [X, W (C x kH x kW), B or NULL]
 *   out = [Y, scratch: kH*kW*P16 int32 masks (P16: oH*oW rounded up to 16), then
 *   M + sH*sW*Hph*oW + M floats] */
MLCC_KERNEL(mlcc_conv_dws_f32)
{
    const float *X = (const float *)in[0], *W = (const float *)in[1], *Bs = (const float *)in[2];
    float *Y = (float *)out[0];
    int32_t *MLCC_CF_RESTRICT mk = (int32_t *)out[1];
    const int32_t N = ip[0], C = ip[1], iH = ip[2], iW = ip[3], oH = ip[4], oW = ip[5], kH = ip[6], kW = ip[7];
    const int32_t sH = ip[8], sW = ip[9], dH = ip[10], dW = ip[11], pT = ip[12], pL = ip[13], kind = ip[14];
    const int32_t Hph = ip[15], Mg = ip[16];
    const float aa = fp[0], ab = fp[1];
    const int32_t P = oH * oW, T = kH * kW, isz = iH * iW, PH = Hph * oW, P16 = (P + 15) / 16 * 16;
    float *MLCC_CF_RESTRICT ph = (float *)(void *)(mk + T * P16) + Mg;
    int32_t n, c, t, p, r, q, kh, kw, py, px;
    int32_t off[MLCC_CF_MAXTAP];
    for (kh = 0; kh < kH; kh++)
        for (kw = 0; kw < kW; kw++) {
            const int32_t dr = kh * dH - pT, dc = kw * dW - pL;
            const int32_t fy = ((dr % sH) + sH) % sH, fx = ((dc % sW) + sW) % sW;
            int32_t *m = mk + (kh * kW + kw) * P16;
            if (kh * kW + kw < MLCC_CF_MAXTAP)
                off[kh * kW + kw] = (fy * sW + fx) * PH + ((dr - fy) / sH) * oW + (dc - fx) / sW;
            for (r = 0; r < oH; r++) {
                const int32_t ih = r * sH + dr, rok = ih >= 0 && ih < iH;
                for (q = 0; q < oW; q++) {
                    const int32_t iw = q * sW + dc;
                    m[r * oW + q] = rok && iw >= 0 && iw < iW;
                }
            }
            for (p = P; p < P16; p++)
                m[p] = 0;
        }
    for (p = 0; p < Mg; p++)
        ph[p - Mg] = ph[sH * sW * PH + p] = 0.0f;
    for (n = 0; n < N; n++)
        for (c = 0; c < C; c++) {
            const float *x = X + (n * C + c) * isz;
            const float *w = W + c * T;
            const float bias = Bs ? Bs[c] : 0.0f;
            float *MLCC_CF_RESTRICT y = Y + (n * C + c) * P;
            /* the phase planes: (r, q) of plane (py, px) is input pixel (r * sH + py, q * sW + px) */
            for (py = 0; py < sH; py++)
                for (px = 0; px < sW; px++) {
                    const int32_t wr = (iW - px + sW - 1) / sW < oW ? (iW - px + sW - 1) / sW : oW;
                    float *pl = ph + (py * sW + px) * PH;
                    for (r = 0; r < Hph; r++) {
                        const int32_t ih = r * sH + py;
                        float *row = pl + r * oW;
                        const float *xr = x + ih * iW + px;
                        const int32_t e = ih < iH ? wr : 0;
                        if (sW == 2) {
                            mlcc_cf_even(row, xr, 0, e);
                        } else {
                            for (q = 0; q < e; q++)
                                row[q] = xr[q * sW];
                        }
                        for (q = e; q < oW; q++)
                            row[q] = 0.0f;
                    }
                }
            if (T == 9) {
                mlcc_cf_dw9(P, ph, mk, P16, off, w, bias, y, kind, aa, ab);
                continue;
            }
            for (p = 0; p < P; p++)
                y[p] = bias;
            for (t = 0; t < T && t < MLCC_CF_MAXTAP; t++) {
                const int32_t *MLCC_CF_RESTRICT m = mk + t * P16;
                const float wv = w[t];
                const int32_t o = off[t];
                for (p = 0; p < P; p++) {
                    const float xv = ph[p + o];
                    y[p] = MLCC_FMA(wv, m[p] ? xv : 0.0f, y[p]);
                }
            }
            if (kind)
                for (p = 0; p < P; p++)
                    y[p] = mlcc_act(y[p], kind, aa, ab);
        }
}
/* mlcc:end */

/* mlcc:kernel mlcc_conv_gemm_f32 uses mlcc_cf_cplanes mlcc_gf_core mlcc_gf_padv */
/* modes 0 and 2: 8 output channels x 32 flat positions a tile */
MLCC_KERNEL(mlcc_conv_gemm_f32)
{
    const float *X = (const float *)in[0], *Wp = (const float *)in[1], *Bs = (const float *)in[2];
    float *Y = (float *)out[0];
    const int32_t N = ip[0], G = ip[1], Cg = ip[2], Mg = ip[3], iH = ip[4], iW = ip[5], oH = ip[6], oW = ip[7];
    const int32_t sH = ip[8], sW = ip[9], pT = ip[10], pL = ip[11], Hq = ip[12], Wq = ip[13];
    const int32_t mode = ip[14], direct = ip[15], kind = ip[16], T = ip[17];
    const int32_t *xtap = ip + 18, *tap8 = xtap + T;
    const int32_t kW = ip[18 + 3 * T], dW = ip[19 + 3 * T]; /* mode 2 */
    const float aa = fp[0], ab = fp[1];
    const int32_t isz = iH * iW, osz = oH * oW;
    const int32_t PS = direct ? isz : mode == 2 ? sH * kW * Hq * Wq : sH * sW * Hq * Wq;
    const int32_t L = (oH - 1) * Wq + oW, K = Cg * T;
    const int32_t zero = 0;
    float tile[MLCC_GF_MR * MLCC_GF_NR];
    int32_t n, g, c, i, m0, i0, f, rows, cols;
    for (n = 0; n < N; n++)
        for (g = 0; g < G; g++) {
            const float *xg = X + (n * G + g) * Cg * isz, *src = xg;
            float *yg = Y + (n * G + g) * Mg * osz;
            const float *bg = Bs ? Bs + g * Mg : NULL;
            float *scr = direct ? NULL : (float *)out[1];
            if (!direct) {
                for (c = 0; c < Cg; c++) {
                    if (mode == 2)
                        mlcc_cf_cplanes(xg + c * isz, iH, iW, sH, sW, pT, pL, Hq, Wq, kW, dW, scr + c * PS);
                    else
                        mlcc_cf_planes(xg + c * isz, iH, iW, sH, sW, pT, pL, Hq, Wq, scr + c * PS);
                }
                for (i = 0; i < MLCC_GF_NR; i++)
                    scr[Cg * PS + i] = 0.0f;
                src = scr;
            }
            const int32_t mpanels = (Mg + MLCC_GF_MR - 1) / MLCC_GF_MR;
            const float *wg = Wp + g * mpanels * K * MLCC_GF_MR;
            if (Wq != oW) {
                /* rows wider than the output (the planes' extra columns): a
                 * panel of 8 output channels at a time, every tile stored
                 * whole from the registers into a buffer of rows Wq wide,
                 * then each output row copied out without the extra columns */
                const int32_t L32 = (L + MLCC_GF_NR - 1) / MLCC_GF_NR * MLCC_GF_NR;
                float *wide = scr + Cg * PS + MLCC_GF_NR;
                for (m0 = 0; m0 < Mg; m0 += MLCC_GF_MR) {
                    float bi[MLCC_GF_MR];
                    int32_t oh, ow;
                    rows = Mg - m0 < MLCC_GF_MR ? Mg - m0 : MLCC_GF_MR;
                    for (i = 0; i < MLCC_GF_MR; i++)
                        bi[i] = bg && i < rows ? bg[m0 + i] : 0.0f;
                    for (i0 = 0; i0 < L; i0 += MLCC_GF_NR) {
                        MlccGfEpi e;
                        mlcc_gf_epi(&e, L32, kind, aa, ab);
                        e.bi = bi;
                        if (MLCC_GF_EXACT(rows))
                            e.y = wide + i0;
                        mlcc_gf_tile(rows, Cg, T, wg + (m0 / MLCC_GF_MR) * K * MLCC_GF_MR, T * MLCC_GF_MR, tap8,
                                     src + i0, PS, xtap, &e, tile);
                        if (!e.y)
                            mlcc_gf_store(tile, rows, MLCC_GF_NR, NULL, 0, 0, 1.0f, 1.0f, kind, aa, ab, wide + i0,
                                          L32, 1);
                    }
                    for (i = 0; i < rows; i++)
                        for (oh = 0; oh < oH; oh++) {
                            const float *MLCC_CF_RESTRICT wr = wide + i * L32 + oh * Wq;
                            float *MLCC_CF_RESTRICT yr = yg + (m0 + i) * osz + oh * oW;
                            for (ow = 0; ow < oW; ow++)
                                yr[ow] = wr[ow];
                        }
                }
                continue;
            }
            for (i0 = 0; i0 < L; i0 += MLCC_GF_NR) {
                const float *b = src + i0;
                int32_t bcs = PS;
                const int32_t *btap = xtap;
                cols = L - i0 < MLCC_GF_NR ? L - i0 : MLCC_GF_NR;
                if (cols < MLCC_GF_NR && L >= MLCC_GF_NR) {
                    /* the last, partial panel moved back to end at L: it
                     * recomputes a few columns (the same values), so every
                     * tile is whole and goes straight from the registers */
                    i0 = L - MLCC_GF_NR;
                    cols = MLCC_GF_NR;
                    b = src + i0;
                }
                if (direct && cols < MLCC_GF_NR) {
                    /* the last panel of X, zero-padded to 32 columns */
                    float *tb = (float *)out[1];
                    for (c = 0; c < Cg; c++)
                        for (i = 0; i < MLCC_GF_NR; i++)
                            tb[c * MLCC_GF_NR + i] = i < cols ? src[c * PS + i0 + i] : 0.0f;
                    b = tb;
                    bcs = MLCC_GF_NR;
                    btap = &zero;
                }
                for (m0 = 0; m0 < Mg; m0 += MLCC_GF_MR) {
                    MlccGfEpi e;
                    float bi[MLCC_GF_MR];
                    mlcc_gf_epi(&e, osz, kind, aa, ab);
                    rows = Mg - m0 < MLCC_GF_MR ? Mg - m0 : MLCC_GF_MR;
                    if (bg)
                        e.bi = mlcc_gf_pad(bi, bg + m0, rows, MLCC_GF_MR);
                    if (Wq == oW && cols == MLCC_GF_NR && MLCC_GF_EXACT(rows))
                        e.y = yg + m0 * osz + i0; /* straight from the registers */
                    mlcc_gf_tile(rows, Cg, T, wg + (m0 / MLCC_GF_MR) * K * MLCC_GF_MR, T * MLCC_GF_MR, tap8, b,
                                 bcs, btap, &e, tile);
                    if (e.y)
                        continue;
                    if (Wq == oW) {
                        mlcc_gf_store(tile, rows, cols, NULL, 0, 0, 1.0f, 1.0f, kind, aa, ab,
                                      yg + m0 * osz + i0, osz, 1);
                        continue;
                    }
                    /* flat positions i0 .. i0 + cols - 1, row by row, without the columns past oW */
                    for (f = i0; f < i0 + cols;) {
                        const int32_t oh = f / Wq, ow = f - oh * Wq;
                        int32_t end = oh * Wq + oW;
                        if (ow >= oW) {
                            f = (oh + 1) * Wq;
                            continue;
                        }
                        if (end > i0 + cols)
                            end = i0 + cols;
                        mlcc_gf_store(tile + (f - i0), rows, end - f, NULL, 0, 0, 1.0f, 1.0f, kind, aa, ab,
                                      yg + m0 * osz + oh * oW + ow, osz, 1);
                        f = end;
                    }
                }
            }
        }
}
/* mlcc:end */

/* mlcc:helper mlcc_cf_tilex uses mlcc_gf_core */
MLCC_GF_MK(12)
MLCC_GF_MK(9)
/* (with the micro-kernels of gemm_fast.c) a tile of `rows` (1..12) rows
 * (tile: 12 x 32 floats) for mode 1's pixel panels; A panels are
 * zero-padded to 12 rows. 12 rows keep 24 accumulators of 16 lanes (the
 * most that fit 32 vector registers with the B values), 9 is a 3x3 image. */
#define MLCC_CF_MRX 12
static inline void mlcc_cf_tilex(int32_t rows, int32_t C, int32_t T, const float *A, int32_t acs,
                                 const int32_t *atap, const float *B, int32_t bcs, const int32_t *btap,
                                 const MlccGfEpi *e, float *tile)
{
    if (rows > 9)
        mlcc_gf_mk12(C, T, A, acs, atap, B, bcs, btap, e, tile);
    else if (rows == 9)
        mlcc_gf_mk9(C, T, A, acs, atap, B, bcs, btap, e, tile);
    else
        mlcc_gf_tile(rows, C, T, A, acs, atap, B, bcs, btap, e, tile);
}
/* mlcc:end */

/* mlcc:helper mlcc_cf_mk16 uses mlcc_gf_core */
/* a 12 x 16 tile of a one-tap GEMM (a 1x1 convolution's pixels x its last
 * 16 or fewer output channels): A as mode 1's (12 rows a step, acs apart), B
 * a 32-column panel of which the first 16 columns are read (bcs apart). Half
 * the FMAs of mlcc_gf_mk12 on a panel whose last 16 columns are padding (an
 * output channel count of 16, 48, 144: 16 after the last whole panel). The
 * twelve rows are twelve named arrays: as one acc[12][16], gcc -O3
 * vectorizes across the rows with permutes (measured: 3x slower than the
 * 32-column kernel on the same tile) */
#define MLCC_CF_R12(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11)
#define MLCC_CF_DECL(r) float acc##r[16];
#define MLCC_CF_INIT(r)                                                                             \
    for (j = 0; j < 16; j++)                                                                      \
        acc##r[j] = e->bj ? e->bj[j] : 0.0f;
#define MLCC_CF_STEP(r)                                                                             \
    {                                                                                             \
        const float av = A[r];                                                                    \
        for (j = 0; j < 16; j++)                                                                  \
            acc##r[j] = MLCC_FMA(av, B[j], acc##r[j]);                                            \
    }
#define MLCC_CF_ROW(K, r)                                                                           \
    for (j = 0; j < 16; j++)                                                                      \
        y[r * rsy + j] = mlcc_act(acc##r[j], K, aa, ab);
#define MLCC_CF_ST(K, X)                                                                            \
    MLCC_CF_ROW(K, 0) MLCC_CF_ROW(K, 1) MLCC_CF_ROW(K, 2) MLCC_CF_ROW(K, 3) MLCC_CF_ROW(K, 4)       \
    MLCC_CF_ROW(K, 5) MLCC_CF_ROW(K, 6) MLCC_CF_ROW(K, 7) MLCC_CF_ROW(K, 8) MLCC_CF_ROW(K, 9)       \
    MLCC_CF_ROW(K, 10) MLCC_CF_ROW(K, 11)
#define MLCC_CF_TILE(r)                                                                             \
    for (j = 0; j < 16; j++)                                                                      \
        tile[r * MLCC_GF_NR + j] = acc##r[j];
static inline void mlcc_cf_mk16(int32_t C, const float *A, int32_t acs, const float *B, int32_t bcs,
                                const MlccGfEpi *e, float *tile)
{
    MLCC_CF_R12(MLCC_CF_DECL)
    int32_t j, c;
    MLCC_CF_R12(MLCC_CF_INIT)
    for (c = 0; c < C; c++, A += acs, B += bcs) {
        MLCC_CF_R12(MLCC_CF_STEP)
    }
    if (e->y) {
        float *y = e->y;
        const int32_t rsy = e->rsy;
        const float aa = e->a, ab = e->b;
        MLCC_ACT_SWITCH(e->kind, MLCC_CF_ST, 0)
        return;
    }
    MLCC_CF_R12(MLCC_CF_TILE)
}
#undef MLCC_CF_R12
#undef MLCC_CF_DECL
#undef MLCC_CF_INIT
#undef MLCC_CF_STEP
#undef MLCC_CF_ROW
#undef MLCC_CF_ST
#undef MLCC_CF_TILE
/* mlcc:end */

/* mlcc:helper mlcc_cf_pwpanel uses mlcc_cf_tilex mlcc_cf_mk16 */
/* one panel of `rows` pixels (A: k-major, a step of acs a channel, read 12
 * rows at a time) against every 32-channel panel of Wp (ceil(M / 32) panels
 * of K x 32), with the bias (Bs: zero-padded to ceil(M / 32) * 32 values, at
 * compile time) and the activation, stored channel-last at y (M
 * apart a pixel): whole tiles straight from the registers (mlcc_conv_pwc_f32
 * and mlcc_conv_pwo_f32) */
static inline void mlcc_cf_pwpanel(const float *A, int32_t acs, int32_t rows, const float *Wp, const float *Bs,
                                   int32_t K, int32_t M, float *y, int32_t kind, float aa, float ab)
{
    const int32_t zero = 0;
    float tile[MLCC_CF_MRX * MLCC_GF_NR];
    int32_t m0;
    for (m0 = 0; m0 < M; m0 += MLCC_GF_NR) {
        const int32_t cols = M - m0 < MLCC_GF_NR ? M - m0 : MLCC_GF_NR;
        const int32_t direct = cols == MLCC_GF_NR && (rows == 12 || rows == 9 || MLCC_GF_EXACT(rows));
        MlccGfEpi e;
        mlcc_gf_epi(&e, M, kind, aa, ab);
        if (Bs)
            e.bj = Bs + m0;
        if (cols <= 16 && rows == 12) {
            if (cols == 16)
                e.y = y + m0;
            mlcc_cf_mk16(K, A, acs, Wp + m0 * K, MLCC_GF_NR, &e, tile);
            if (cols < 16)
                mlcc_gf_store(tile, rows, cols, NULL, 0, 0, 1.0f, 1.0f, kind, aa, ab, y + m0, M, 1);
            continue;
        }
        if (direct)
            e.y = y + m0;
        mlcc_cf_tilex(rows, K, 1, A, acs, &zero, Wp + m0 * K, MLCC_GF_NR, &zero, &e, tile);
        if (!direct)
            mlcc_gf_store(tile, rows, cols, NULL, 0, 0, 1.0f, 1.0f, kind, aa, ab, y + m0, M, 1);
    }
}
/* mlcc:end */

/* mlcc:kernel mlcc_conv_gemmc_f32 uses mlcc_cf_planes mlcc_cf_tilex mlcc_gf_padv */
/* mode 1: 12 output pixels x 32 output channels a tile */
MLCC_KERNEL(mlcc_conv_gemmc_f32)
{
    const float *X = (const float *)in[0], *Wp = (const float *)in[1], *Bs = (const float *)in[2];
    float *Y = (float *)out[0];
    const int32_t N = ip[0], G = ip[1], Cg = ip[2], Mg = ip[3], iH = ip[4], iW = ip[5], oH = ip[6], oW = ip[7];
    const int32_t sH = ip[8], sW = ip[9], pT = ip[10], pL = ip[11], Hq = ip[12], Wq = ip[13];
    const int32_t direct = ip[15], kind = ip[16], T = ip[17];
    const int32_t *xtap = ip + 18;
    const float aa = fp[0], ab = fp[1];
    const int32_t isz = iH * iW, osz = oH * oW, PS = direct ? isz : sH * sW * Hq * Wq;
    const int32_t K = Cg * T, PR = MLCC_CF_MRX, zero = 0;
    float tile[MLCC_CF_MRX * MLCC_GF_NR];
    int32_t n, g, c, t, i, m0, rows, cols;
    for (n = 0; n < N; n++)
        for (g = 0; g < G; g++) {
            const float *xg = X + (n * G + g) * Cg * isz, *src = xg;
            float *yg = Y + (n * G + g) * Mg * osz;
            const float *bg = Bs ? Bs + g * Mg : NULL;
            float *scr = direct ? NULL : (float *)out[1];
            if (!direct) {
                for (c = 0; c < Cg; c++)
                    mlcc_cf_planes(xg + c * isz, iH, iW, sH, sW, pT, pL, Hq, Wq, scr + c * PS);
                for (i = 0; i < MLCC_GF_NR; i++)
                    scr[Cg * PS + i] = 0.0f;
                src = scr;
            }
            const int32_t npan = (osz + PR - 1) / PR;
            const int32_t mpanels = (Mg + MLCC_GF_NR - 1) / MLCC_GF_NR;
            const float *wg = Wp + g * mpanels * K * MLCC_GF_NR;
            float *Ap = (float *)out[1] + (direct ? 0 : Cg * PS + MLCC_GF_NR);
            int32_t pp;
            /* the output pixels, packed in panels of 12: [K][12], the
             * reduction index (channel, tap) contiguous like the weights';
             * each panel copied as runs of neighbours in one output row */
            for (pp = 0; pp < npan; pp++) {
                int32_t fpos[MLCC_CF_MRX], rs[MLCC_CF_MRX] = {0}, rl[MLCC_CF_MRX] = {0}, nr = 0, valid, r, q;
                float *ap = Ap + pp * K * PR;
                for (i = 0; i < PR; i++) {
                    const int32_t p = pp * PR + i;
                    fpos[i] = p < osz ? (p / oW) * Wq + p % oW : -1;
                }
                i = 0;
                while (i < PR && fpos[i] >= 0) {
                    int32_t len = 1;
                    while (i + len < PR && fpos[i + len] == fpos[i] + len)
                        len++;
                    rs[nr] = i;
                    rl[nr++] = len;
                    i += len;
                }
                valid = i;
                if (nr == 1) {
                    /* one run (a 1x1 convolution's pixels, say): a copy of
                     * fixed length, the values past the run masked to 0 */
                    const int32_t f0 = fpos[0];
                    for (c = 0; c < Cg; c++)
                        for (t = 0; t < T; t++) {
                            const float *s = src + c * PS + xtap[t] + f0;
                            float *d = ap + (c * T + t) * PR;
                            for (i = 0; i < MLCC_CF_MRX; i++)
                                d[i] = i < valid ? s[i] : 0.0f;
                        }
                    continue;
                }
                for (c = 0; c < Cg; c++)
                    for (t = 0; t < T; t++) {
                        const float *s = src + c * PS + xtap[t];
                        float *d = ap + (c * T + t) * PR;
                        for (r = 0; r < nr; r++)
                            for (q = 0; q < rl[r]; q++)
                                d[rs[r] + q] = s[fpos[rs[r]] + q];
                        for (i = valid; i < PR; i++)
                            d[i] = 0.0f;
                    }
            }
            /* each weight panel (K x 32) once through all pixel panels; the
             * GEMM runs over k = (channel, tap) as one contiguous index */
            for (m0 = 0; m0 < Mg; m0 += MLCC_GF_NR) {
                const float *wm = wg + (m0 / MLCC_GF_NR) * K * MLCC_GF_NR;
                MlccGfEpi e;
                float bj[MLCC_GF_NR];
                mlcc_gf_epi(&e, 0, kind, aa, ab);
                cols = Mg - m0 < MLCC_GF_NR ? Mg - m0 : MLCC_GF_NR;
                if (bg)
                    e.bj = mlcc_gf_pad(bj, bg + m0, cols, MLCC_GF_NR);
                for (pp = 0; pp < npan; pp++) {
                    rows = osz - pp * PR < PR ? osz - pp * PR : PR;
                    mlcc_cf_tilex(rows, K, 1, Ap + pp * K * PR, PR, &zero, wm, MLCC_GF_NR, &zero, &e, tile);
                    mlcc_gf_store(tile, rows, cols, NULL, 0, 0, 1.0f, 1.0f, kind, aa, ab, yg + m0 * osz + pp * PR, 1,
                                  osz);
                }
            }
        }
}
/* mlcc:end */

/* mlcc:helper mlcc_cf_regsums uses mlcc_gf_fma mlcc_shared_act */
/* The sums of the small-image kernels (mlcc_conv_im3_f32, mlcc_conv_im3s2_f32,
 * mlcc_conv_w6_f32, mlcc_conv_w6s2_f32): output pixel r's 32 output channels
 * in a named array acc<r> (as one acc[P][32] array gcc -O3 vectorizes across
 * the pixels, with permutes), started from the panel's biases bj and stored
 * through the activation to y[j * ps + r] for the panel's cols channels. */
#define MLCC_CF_P9(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8)
#define MLCC_CF_P6(X) X(0) X(1) X(2) X(3) X(4) X(5)
#define MLCC_CF_SDECL(r) float acc##r[32];
#define MLCC_CF_SINIT(r)                                                                            \
    for (j = 0; j < 32; j++)                                                                      \
        acc##r[j] = bj[j];
#define MLCC_CF_SOUT(r)                                                                             \
    for (j = 0; j < cols; j++)                                                                    \
        y[j * ps + r] = mlcc_act(acc##r[j], kind, aa, ab);
/* the panel's biases bj, zero past its cols channels */
#define MLCC_CF_BIAS                                                                                \
    const int32_t cols = M - m0 < 32 ? M - m0 : 32;                                               \
    float bj[32];                                                                                 \
    for (j = 0; j < 32; j++)                                                                      \
        bj[j] = Bs && j < cols ? Bs[m0 + j] : 0.0f;
/* output pixel p gets value q of the input plane or row xs under the current
 * tap's weights wt */
#define MLCC_CF_PQ(p, q)                                                                            \
    {                                                                                             \
        const float xq = xs[q];                                                                   \
        for (j = 0; j < 32; j++)                                                                  \
            acc##p[j] = MLCC_FMA(xq, wt[j], acc##p[j]);                                           \
    }
/* a 3x3 output (mlcc_conv_im3_f32, mlcc_conv_im3s2_f32): for each image and
 * 32-channel panel, its nine sums from the biases; for each input channel
 * PAIRS, xs its plane of XS values and w the channel's nine taps of 32
 * weights; then the stores */
#define MLCC_CF_IMAGE9(XS, PAIRS)                                                                   \
    for (n = 0; n < N; n++)                                                                       \
        for (m0 = 0; m0 < M; m0 += 32) {                                                         \
            const float *w = Wp + m0 * C * 9;                                                     \
            float *y = Y + (n * M + m0) * 9;                                                      \
            MLCC_CF_BIAS                                                                          \
            MLCC_CF_P9(MLCC_CF_SDECL)                                                             \
            MLCC_CF_P9(MLCC_CF_SINIT)                                                             \
            for (c = 0; c < C; c++, w += 9 * 32) {                                                \
                const float *xs = X + (n * C + c) * (XS), *wt;                                    \
                PAIRS                                                                             \
            }                                                                                     \
            MLCC_CF_P9(MLCC_CF_SOUT)                                                              \
        }
/* an output 6 wide, OH rows of it (mlcc_conv_w6_f32, mlcc_conv_w6s2_f32):
 * for each image, 32-channel panel and output row r, its six sums from the
 * biases; for each input channel and each of its rows q = S * r + kh - 1
 * inside the image (H rows of XW values), PAIRS, xs the row and w0, w1, w2
 * the weights of kernel row kh's three columns; then the stores */
#define MLCC_CF_ROWS6(OH, S, XW, PAIRS)                                                             \
    for (n = 0; n < N; n++)                                                                       \
        for (m0 = 0; m0 < M; m0 += 32) {                                                         \
            MLCC_CF_BIAS                                                                          \
            for (r = 0; r < (OH); r++) {                                                          \
                const float *w = Wp + m0 * C * 9;                                                 \
                float *y = Y + (n * M + m0) * ps + r * 6;                                         \
                MLCC_CF_P6(MLCC_CF_SDECL)                                                         \
                MLCC_CF_P6(MLCC_CF_SINIT)                                                         \
                for (c = 0; c < C; c++, w += 9 * 32)                                              \
                    for (kh = 0; kh < 3; kh++) {                                                  \
                        const int32_t q = (S) * r + kh - 1;                                       \
                        if (q < 0 || q >= H)                                                      \
                            continue;                                                             \
                        {                                                                         \
                            const float *xs = X + ((n * C + c) * H + q) * (XW);                   \
                            const float *w0 = w + kh * 96, *w1 = w0 + 32, *w2 = w0 + 64, *wt;     \
                            PAIRS                                                                 \
                        }                                                                         \
                    }                                                                             \
                MLCC_CF_P6(MLCC_CF_SOUT)                                                          \
            }                                                                                     \
        }
/* mlcc:end */

/* mlcc:kernel mlcc_conv_im3_f32 uses mlcc_cf_regsums */
/* A 3x3 convolution, stride 1, pads 1, one group, on a 3x3 image (the last
 * stage of a ResNet at 96 x 96, say): of the 81 (pixel, tap) pairs only 49
 * read the image, the rest the padding, which mode 1 multiplies like any
 * other value. Here the nine pixels' sums for 32 output channels stay in
 * registers (nine named arrays of 32: as one acc[9][32] gcc vectorizes
 * across the pixels) and each input channel adds its 49 pairs, the nine
 * input values broadcast and each tap's 32 weights read once: 60% of mode
 * 1's multiply-adds, the same weights (mode 1's panels).
 *   ip = [N, C, M, act]   fp = [act_a, act_b]
 *   in = [X (N x C x 3 x 3), Wp (ceil(M / 32) panels of [C][9][32],
 *   zero-padded), B or NULL]   out = [Y (N x M x 3 x 3)] */
/* the pairs, a tap (kh, kw) at a time: output (i, j) reads input (i + kh - 1, j + kw - 1) */
#define MLCC_CF_IM3_PAIRS                                                                          \
    wt = w;                                                                                        \
    MLCC_CF_PQ(4, 0) MLCC_CF_PQ(5, 1) MLCC_CF_PQ(7, 3) MLCC_CF_PQ(8, 4)                            \
    wt = w + 32;                                                                                   \
    MLCC_CF_PQ(3, 0) MLCC_CF_PQ(4, 1) MLCC_CF_PQ(5, 2) MLCC_CF_PQ(6, 3) MLCC_CF_PQ(7, 4)           \
    MLCC_CF_PQ(8, 5)                                                                               \
    wt = w + 64;                                                                                   \
    MLCC_CF_PQ(3, 1) MLCC_CF_PQ(4, 2) MLCC_CF_PQ(6, 4) MLCC_CF_PQ(7, 5)                            \
    wt = w + 96;                                                                                   \
    MLCC_CF_PQ(1, 0) MLCC_CF_PQ(2, 1) MLCC_CF_PQ(4, 3) MLCC_CF_PQ(5, 4) MLCC_CF_PQ(7, 6)           \
    MLCC_CF_PQ(8, 7)                                                                               \
    wt = w + 128;                                                                                  \
    MLCC_CF_PQ(0, 0) MLCC_CF_PQ(1, 1) MLCC_CF_PQ(2, 2) MLCC_CF_PQ(3, 3) MLCC_CF_PQ(4, 4)           \
    MLCC_CF_PQ(5, 5) MLCC_CF_PQ(6, 6) MLCC_CF_PQ(7, 7) MLCC_CF_PQ(8, 8)                            \
    wt = w + 160;                                                                                  \
    MLCC_CF_PQ(0, 1) MLCC_CF_PQ(1, 2) MLCC_CF_PQ(3, 4) MLCC_CF_PQ(4, 5) MLCC_CF_PQ(6, 7)           \
    MLCC_CF_PQ(7, 8)                                                                               \
    wt = w + 192;                                                                                  \
    MLCC_CF_PQ(1, 3) MLCC_CF_PQ(2, 4) MLCC_CF_PQ(4, 6) MLCC_CF_PQ(5, 7)                            \
    wt = w + 224;                                                                                  \
    MLCC_CF_PQ(0, 3) MLCC_CF_PQ(1, 4) MLCC_CF_PQ(2, 5) MLCC_CF_PQ(3, 6) MLCC_CF_PQ(4, 7)           \
    MLCC_CF_PQ(5, 8)                                                                               \
    wt = w + 256;                                                                                  \
    MLCC_CF_PQ(0, 4) MLCC_CF_PQ(1, 5) MLCC_CF_PQ(3, 7) MLCC_CF_PQ(4, 8)
MLCC_KERNEL(mlcc_conv_im3_f32)
{
    const float *X = (const float *)in[0], *Wp = (const float *)in[1], *Bs = (const float *)in[2];
    float *Y = (float *)out[0];
    const int32_t N = ip[0], C = ip[1], M = ip[2], kind = ip[3], ps = 9;
    const float aa = fp[0], ab = fp[1];
    int32_t n, m0, c, j;
    MLCC_CF_IMAGE9(9, MLCC_CF_IM3_PAIRS)
}
#undef MLCC_CF_IM3_PAIRS
/* mlcc:end */

/* mlcc:kernel mlcc_conv_w6_f32 uses mlcc_cf_regsums */
/* A 3x3 convolution, stride 1, pads 1, one group, on an image 6 pixels wide
 * (ResNet's 6x6 stage at 96 x 96, say): an output row at a time, its six
 * pixels' sums for 32 output channels in registers (six named arrays, as in
 * mlcc_conv_im3_f32), each input channel adding, for each of the two or
 * three input rows inside the image, the 16 (pixel, kernel column) pairs
 * inside the row: on a 6x6 image 79% of mode 1's multiply-adds, none of its
 * packing, the same weights (mode 1's panels).
 *   ip = [N, C, M, H, act]   fp = [act_a, act_b]
 *   in = [X (N x C x H x 6), Wp (ceil(M / 32) panels of [C][9][32],
 *   zero-padded), B or NULL]   out = [Y (N x M x H x 6)] */
/* the pairs of a row, a kernel column kw at a time: output column p reads input column p + kw - 1 */
#define MLCC_CF_W6_PAIRS                                                                           \
    wt = w0;                                                                                       \
    MLCC_CF_PQ(1, 0) MLCC_CF_PQ(2, 1) MLCC_CF_PQ(3, 2) MLCC_CF_PQ(4, 3) MLCC_CF_PQ(5, 4)           \
    wt = w1;                                                                                       \
    MLCC_CF_PQ(0, 0) MLCC_CF_PQ(1, 1) MLCC_CF_PQ(2, 2) MLCC_CF_PQ(3, 3) MLCC_CF_PQ(4, 4)           \
    MLCC_CF_PQ(5, 5)                                                                               \
    wt = w2;                                                                                       \
    MLCC_CF_PQ(0, 1) MLCC_CF_PQ(1, 2) MLCC_CF_PQ(2, 3) MLCC_CF_PQ(3, 4) MLCC_CF_PQ(4, 5)
MLCC_KERNEL(mlcc_conv_w6_f32)
{
    const float *X = (const float *)in[0], *Wp = (const float *)in[1], *Bs = (const float *)in[2];
    float *Y = (float *)out[0];
    const int32_t N = ip[0], C = ip[1], M = ip[2], H = ip[3], kind = ip[4], ps = H * 6;
    const float aa = fp[0], ab = fp[1];
    int32_t n, m0, r, c, kh, j;
    MLCC_CF_ROWS6(H, 1, 6, MLCC_CF_W6_PAIRS)
}
#undef MLCC_CF_W6_PAIRS
/* mlcc:end */

/* mlcc:kernel mlcc_conv_im3s2_f32 uses mlcc_cf_regsums */
/* As mlcc_conv_im3_f32, with stride 2 from a 6x6 image (pads 1) to the 3x3
 * output (ResNet's 6x6 -> 3x3 step): output (i, j) reads input
 * (2i + kh - 1, 2j + kw - 1), 64 of the 81 pairs inside the image.
 *   ip = [N, C, M, act]   fp = [act_a, act_b]
 *   in = [X (N x C x 6 x 6), Wp (ceil(M / 32) panels of [C][9][32],
 *   zero-padded), B or NULL]   out = [Y (N x M x 3 x 3)] */
/* the pairs, a tap (kh, kw) at a time: output (i, j) reads input (2i + kh - 1, 2j + kw - 1) */
#define MLCC_CF_IM3S2_PAIRS                                                                        \
    wt = w;                                                                                        \
    MLCC_CF_PQ(4, 7) MLCC_CF_PQ(5, 9) MLCC_CF_PQ(7, 19) MLCC_CF_PQ(8, 21)                          \
    wt = w + 32;                                                                                   \
    MLCC_CF_PQ(3, 6) MLCC_CF_PQ(4, 8) MLCC_CF_PQ(5, 10) MLCC_CF_PQ(6, 18) MLCC_CF_PQ(7, 20)        \
    MLCC_CF_PQ(8, 22)                                                                              \
    wt = w + 64;                                                                                   \
    MLCC_CF_PQ(3, 7) MLCC_CF_PQ(4, 9) MLCC_CF_PQ(5, 11) MLCC_CF_PQ(6, 19) MLCC_CF_PQ(7, 21)        \
    MLCC_CF_PQ(8, 23)                                                                              \
    wt = w + 96;                                                                                   \
    MLCC_CF_PQ(1, 1) MLCC_CF_PQ(2, 3) MLCC_CF_PQ(4, 13) MLCC_CF_PQ(5, 15) MLCC_CF_PQ(7, 25)        \
    MLCC_CF_PQ(8, 27)                                                                              \
    wt = w + 128;                                                                                  \
    MLCC_CF_PQ(0, 0) MLCC_CF_PQ(1, 2) MLCC_CF_PQ(2, 4) MLCC_CF_PQ(3, 12) MLCC_CF_PQ(4, 14)         \
    MLCC_CF_PQ(5, 16) MLCC_CF_PQ(6, 24) MLCC_CF_PQ(7, 26) MLCC_CF_PQ(8, 28)                        \
    wt = w + 160;                                                                                  \
    MLCC_CF_PQ(0, 1) MLCC_CF_PQ(1, 3) MLCC_CF_PQ(2, 5) MLCC_CF_PQ(3, 13) MLCC_CF_PQ(4, 15)         \
    MLCC_CF_PQ(5, 17) MLCC_CF_PQ(6, 25) MLCC_CF_PQ(7, 27) MLCC_CF_PQ(8, 29)                        \
    wt = w + 192;                                                                                  \
    MLCC_CF_PQ(1, 7) MLCC_CF_PQ(2, 9) MLCC_CF_PQ(4, 19) MLCC_CF_PQ(5, 21) MLCC_CF_PQ(7, 31)        \
    MLCC_CF_PQ(8, 33)                                                                              \
    wt = w + 224;                                                                                  \
    MLCC_CF_PQ(0, 6) MLCC_CF_PQ(1, 8) MLCC_CF_PQ(2, 10) MLCC_CF_PQ(3, 18) MLCC_CF_PQ(4, 20)        \
    MLCC_CF_PQ(5, 22) MLCC_CF_PQ(6, 30) MLCC_CF_PQ(7, 32) MLCC_CF_PQ(8, 34)                        \
    wt = w + 256;                                                                                  \
    MLCC_CF_PQ(0, 7) MLCC_CF_PQ(1, 9) MLCC_CF_PQ(2, 11) MLCC_CF_PQ(3, 19) MLCC_CF_PQ(4, 21)        \
    MLCC_CF_PQ(5, 23) MLCC_CF_PQ(6, 31) MLCC_CF_PQ(7, 33) MLCC_CF_PQ(8, 35)
MLCC_KERNEL(mlcc_conv_im3s2_f32)
{
    const float *X = (const float *)in[0], *Wp = (const float *)in[1], *Bs = (const float *)in[2];
    float *Y = (float *)out[0];
    const int32_t N = ip[0], C = ip[1], M = ip[2], kind = ip[3], ps = 9;
    const float aa = fp[0], ab = fp[1];
    int32_t n, m0, c, j;
    MLCC_CF_IMAGE9(36, MLCC_CF_IM3S2_PAIRS)
}
#undef MLCC_CF_IM3S2_PAIRS
/* mlcc:end */

/* mlcc:kernel mlcc_conv_w6s2_f32 uses mlcc_cf_regsums */
/* As mlcc_conv_w6_f32, with stride 2 from an image 12 wide (pads 1) to the
 * output 6 wide (ResNet's 12x12 -> 6x6 step): output column j reads input
 * column 2j + kw - 1, 17 of the 18 (pixel, kernel column) pairs of a row.
 *   ip = [N, C, M, H, oH, act]   fp = [act_a, act_b]
 *   in = [X (N x C x H x 12), Wp (ceil(M / 32) panels of [C][9][32],
 *   zero-padded), B or NULL]   out = [Y (N x M x oH x 6)] */
/* the pairs of a row, a kernel column kw at a time: output column p reads input column 2p + kw - 1 */
#define MLCC_CF_W6S2_PAIRS                                                                         \
    wt = w0;                                                                                       \
    MLCC_CF_PQ(1, 1) MLCC_CF_PQ(2, 3) MLCC_CF_PQ(3, 5) MLCC_CF_PQ(4, 7) MLCC_CF_PQ(5, 9)           \
    wt = w1;                                                                                       \
    MLCC_CF_PQ(0, 0) MLCC_CF_PQ(1, 2) MLCC_CF_PQ(2, 4) MLCC_CF_PQ(3, 6) MLCC_CF_PQ(4, 8)           \
    MLCC_CF_PQ(5, 10)                                                                              \
    wt = w2;                                                                                       \
    MLCC_CF_PQ(0, 1) MLCC_CF_PQ(1, 3) MLCC_CF_PQ(2, 5) MLCC_CF_PQ(3, 7) MLCC_CF_PQ(4, 9)           \
    MLCC_CF_PQ(5, 11)
MLCC_KERNEL(mlcc_conv_w6s2_f32)
{
    const float *X = (const float *)in[0], *Wp = (const float *)in[1], *Bs = (const float *)in[2];
    float *Y = (float *)out[0];
    const int32_t N = ip[0], C = ip[1], M = ip[2], H = ip[3], oH = ip[4], kind = ip[5], ps = oH * 6;
    const float aa = fp[0], ab = fp[1];
    int32_t n, m0, r, c, kh, j;
    MLCC_CF_ROWS6(oH, 2, 12, MLCC_CF_W6S2_PAIRS)
}
#undef MLCC_CF_W6S2_PAIRS
/* mlcc:end */

/* mlcc:helper mlcc_cf_mks uses mlcc_cf_common mlcc_gf_core */
/* a 12 x 32 tile of a one-tap GEMM with A read in place, row-major (element
 * (r, k) at A[r * ars + k]: 12 channel-last pixels), B a 32-column panel (k
 * MLCC_GF_NR apart), stored through e (e->y set) */
#define MLCC_CF_Q12(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11)
#define MLCC_CF_QDECL(r)                                                                            \
    float acc##r[MLCC_GF_NR];                                                                     \
    const float *MLCC_CF_RESTRICT a##r = A + r * ars;
#define MLCC_CF_QINIT(r)                                                                            \
    for (j = 0; j < MLCC_GF_NR; j++)                                                              \
        acc##r[j] = e->bj ? e->bj[j] : 0.0f;
#define MLCC_CF_QSTEP(r)                                                                            \
    {                                                                                             \
        const float av = a##r[k];                                                                 \
        for (j = 0; j < MLCC_GF_NR; j++)                                                          \
            acc##r[j] = MLCC_FMA(av, B[j], acc##r[j]);                                            \
    }
#define MLCC_CF_QROW(K, r)                                                                          \
    for (j = 0; j < MLCC_GF_NR; j++)                                                              \
        y[r * rsy + j] = mlcc_act(acc##r[j], K, aa, ab);
#define MLCC_CF_QST(K, X)                                                                           \
    MLCC_CF_QROW(K, 0) MLCC_CF_QROW(K, 1) MLCC_CF_QROW(K, 2) MLCC_CF_QROW(K, 3) MLCC_CF_QROW(K, 4)  \
    MLCC_CF_QROW(K, 5) MLCC_CF_QROW(K, 6) MLCC_CF_QROW(K, 7) MLCC_CF_QROW(K, 8) MLCC_CF_QROW(K, 9)  \
    MLCC_CF_QROW(K, 10) MLCC_CF_QROW(K, 11)
static inline void mlcc_cf_mks(int32_t K, const float *MLCC_CF_RESTRICT A, int32_t ars,
                               const float *MLCC_CF_RESTRICT B, const MlccGfEpi *e)
{
    MLCC_CF_Q12(MLCC_CF_QDECL)
    int32_t j, k;
    MLCC_CF_Q12(MLCC_CF_QINIT)
    for (k = 0; k < K; k++, B += MLCC_GF_NR) {
        MLCC_CF_Q12(MLCC_CF_QSTEP)
    }
    {
        float *y = e->y;
        const int32_t rsy = e->rsy;
        const float aa = e->a, ab = e->b;
        MLCC_ACT_SWITCH(e->kind, MLCC_CF_QST, 0)
    }
}
#undef MLCC_CF_Q12
#undef MLCC_CF_QDECL
#undef MLCC_CF_QINIT
#undef MLCC_CF_QSTEP
#undef MLCC_CF_QROW
#undef MLCC_CF_QST
/* mlcc:end */

/* mlcc:kernel mlcc_conv_pwc_f32 uses mlcc_cf_pwpanel mlcc_cf_mks mlcc_gf_pack */
/* 1x1 convolution (stride 1, no pads, one group) on channel-last input and
 * output (op_conv.c's NhwcConv): Y (P x M) = act(X (P x K) W^T + B), P the
 * pixels of all images. With M a multiple of 32, whole panels of 12 pixels
 * are read in place, 12 rows K apart (mlcc_cf_mks; measured: kws_dscnn's
 * 64 -> 64 layers on 25x5 12.4 -> 10.3 us: the transposing copy was a fifth
 * of the time); other panels (a 3x3 image: one of 9) are packed k-major
 * into scratch and go through mode 1's micro-kernels against each
 * 32-channel weight panel; whole tiles are stored straight from the
 * registers, row after row of Y.
 *   ip = [P, M, K, act]   fp = [act_a, act_b]
 *   in = [X, Wp (packed: ceil(M / 32) panels of K x 32, zero-padded), B
 *   (zero-padded to ceil(M / 32) * 32 values) or NULL]
 *   out = [Y, scratch: 12 * K floats] */
MLCC_KERNEL(mlcc_conv_pwc_f32)
{
    const float *X = (const float *)in[0], *Wp = (const float *)in[1], *Bs = (const float *)in[2];
    float *Y = (float *)out[0], *Ap = (float *)out[1];
    const int32_t P = ip[0], M = ip[1], K = ip[2], kind = ip[3];
    const float aa = fp[0], ab = fp[1];
    int32_t p0;
    for (p0 = 0; p0 < P; p0 += MLCC_CF_MRX) {
        const int32_t rows = P - p0 < MLCC_CF_MRX ? P - p0 : MLCC_CF_MRX;
        if (rows == MLCC_CF_MRX && M % MLCC_GF_NR == 0) {
            int32_t m0;
            for (m0 = 0; m0 < M; m0 += MLCC_GF_NR) {
                MlccGfEpi e;
                mlcc_gf_epi(&e, M, kind, aa, ab);
                if (Bs)
                    e.bj = Bs + m0;
                e.y = Y + p0 * M + m0;
                mlcc_cf_mks(K, X + p0 * K, K, Wp + m0 * K, &e);
            }
            continue;
        }
        mlcc_gf_pack_a(Ap, X, p0, rows, MLCC_CF_MRX, K, P, 0);
        mlcc_cf_pwpanel(Ap, MLCC_CF_MRX, rows, Wp, Bs, K, M, Y + p0 * M, kind, aa, ab);
    }
}
/* mlcc:end */

/* mlcc:kernel mlcc_conv_pwo_f32 uses mlcc_cf_pwpanel mlcc_gf_pack */
/* 1x1 convolution (stride 1, no pads, one group) from NCHW input to
 * channel-last output (op_conv.c's NhwcConv with layout_io 1, where a
 * channel-last stretch starts): Y (P x M, each image) = act(X^T W^T + B) with
 * X an image's K x P planes, which are already what mode 1's micro-kernels
 * read: the 12 (or 9) pixels of a panel are contiguous in each channel plane,
 * the planes P apart, so full panels go straight from X, no copy (the last,
 * partial panel is copied zero-padded into scratch, as the micro-kernels read
 * whole panels). Whole tiles are stored straight from the registers, a
 * pixel's M channels contiguous.
 *   ip = [N, P, M, K, act]   fp = [act_a, act_b]
 *   in = [X (N x K x P), Wp (packed: ceil(M / 32) panels of K x 32, zero-padded), B (zero-padded to
 *   ceil(M / 32) * 32 values) or NULL]
 *   out = [Y (N x P x M), scratch: 12 * K floats] */
MLCC_KERNEL(mlcc_conv_pwo_f32)
{
    const float *X = (const float *)in[0], *Wp = (const float *)in[1], *Bs = (const float *)in[2];
    float *Y = (float *)out[0], *Ap = (float *)out[1];
    const int32_t N = ip[0], P = ip[1], M = ip[2], K = ip[3], kind = ip[4];
    const float aa = fp[0], ab = fp[1];
    int32_t n, p0;
    for (n = 0; n < N; n++) {
        const float *x = X + n * K * P;
        for (p0 = 0; p0 < P; p0 += MLCC_CF_MRX) {
            const int32_t rows = P - p0 < MLCC_CF_MRX ? P - p0 : MLCC_CF_MRX;
            if (rows < MLCC_CF_MRX) {
                mlcc_gf_pack_a(Ap, x, p0, rows, MLCC_CF_MRX, K, P, 1);
                mlcc_cf_pwpanel(Ap, MLCC_CF_MRX, rows, Wp, Bs, K, M, Y + (n * P + p0) * M, kind, aa, ab);
            } else {
                mlcc_cf_pwpanel(x + p0, P, rows, Wp, Bs, K, M, Y + (n * P + p0) * M, kind, aa, ab);
            }
        }
    }
}
/* mlcc:end */

/* mlcc:kernel mlcc_conv_pwi_f32 uses mlcc_cf_common mlcc_gf_core mlcc_gf_padv */
/* 1x1 convolution (stride 1, no pads, one group) from channel-last input to
 * NCHW output (op_conv.c's NhwcConv with layout_io 2, where a channel-last
 * stretch ends): mode 0's tiles of 8 output channels x 32 pixels, the 32
 * pixels' K channels first copied k-major into scratch (B[k][j] = X[p0 + j][k],
 * zero past the last pixel: the transpose the layouts need, a block at a
 * time while it is in cache), then each 8-channel weight panel against it;
 * whole tiles are stored straight from the registers into the output planes.
 *   ip = [N, P, M, K, act]   fp = [act_a, act_b]
 *   in = [X (N x P x K), Wp (packed: ceil(M / 8) panels of K x 8, zero-padded), B or NULL]
 *   out = [Y (N x M x P), scratch: 32 * K floats] */
MLCC_KERNEL(mlcc_conv_pwi_f32)
{
    const float *X = (const float *)in[0], *Wp = (const float *)in[1], *Bs = (const float *)in[2];
    float *Y = (float *)out[0], *Bp = (float *)out[1];
    const int32_t N = ip[0], P = ip[1], M = ip[2], K = ip[3], kind = ip[4], zero = 0;
    const float aa = fp[0], ab = fp[1];
    float tile[MLCC_GF_MR * MLCC_GF_NR], bi[MLCC_GF_MR];
    int32_t n, p0, m0, j, k;
    for (n = 0; n < N; n++) {
        const float *x = X + n * P * K;
        float *y = Y + n * M * P;
        for (p0 = 0; p0 < P; p0 += MLCC_GF_NR) {
            const int32_t cols = P - p0 < MLCC_GF_NR ? P - p0 : MLCC_GF_NR;
            if (cols == MLCC_GF_NR) {
                const float *MLCC_CF_RESTRICT xp = x + p0 * K;
                float *MLCC_CF_RESTRICT bp = Bp;
                for (k = 0; k < K; k++)
                    for (j = 0; j < MLCC_GF_NR; j++)
                        bp[k * MLCC_GF_NR + j] = xp[j * K + k];
            } else {
                for (j = 0; j < cols; j++) {
                    const float *xp = x + (p0 + j) * K;
                    for (k = 0; k < K; k++)
                        Bp[k * MLCC_GF_NR + j] = xp[k];
                }
                for (; j < MLCC_GF_NR; j++)
                    for (k = 0; k < K; k++)
                        Bp[k * MLCC_GF_NR + j] = 0.0f;
            }
            for (m0 = 0; m0 < M; m0 += MLCC_GF_MR) {
                const int32_t rows = M - m0 < MLCC_GF_MR ? M - m0 : MLCC_GF_MR;
                MlccGfEpi e;
                mlcc_gf_epi(&e, P, kind, aa, ab);
                if (Bs)
                    e.bi = mlcc_gf_pad(bi, Bs + m0, rows, MLCC_GF_MR);
                if (cols == MLCC_GF_NR && MLCC_GF_EXACT(rows))
                    e.y = y + m0 * P + p0;
                mlcc_gf_tile(rows, K, 1, Wp + m0 * K, MLCC_GF_MR, &zero, Bp, MLCC_GF_NR, &zero, &e, tile);
                if (!e.y)
                    mlcc_gf_store(tile, rows, cols, NULL, 0, 0, 1.0f, 1.0f, kind, aa, ab, y + m0 * P + p0, P, 1);
            }
        }
    }
}
/* mlcc:end */
