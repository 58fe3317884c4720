/* pool_fast.c - fast float32 pooling, chosen by op_pool.c for targets with
 * fast kernels (pool.c holds the reference kernels they are tested against).
 * Both take the reference kernels' ip layout (pool.c):
 *   ip = [NC, in D H W, out D H W, kernel D H W, stride D H W, dilation D H W,
 *         pad-begin D H W, pad-end D H W, extra...]
 *
 * mlcc_pool_max2d_f32 - MaxPool over 1 or 2 spatial dims (D = 1), without
 *   the Indices output, in bands of R output rows (ip[24], the index after
 *   the two MaxPool extras): first, for each row of the band, the maximum over
 *   the window's input rows is taken element by element (up to three input
 *   rows a pass) into a row buffer (scratch, out[1]) that holds -inf where the
 *   pads are; then each output value is the maximum over kW values of its row
 *   buffer (up to three taps a pass, the stride a constant where it is 1 or
 *   2). All are plain loops the compiler vectorizes. The band keeps the loads
 *   of the second pass away from the first pass's stores at other offsets: a
 *   load right after them waits for the stores to reach the cache
 *   (64x48x48 3x3 stride 2: 31 us with R = 1, 26 us with R = 8). A NaN in a
 *   window makes the result NaN, like the reference.
 *   Scratch: R * ((oW - 1) * sW + (kW - 1) * dW + 1) floats.
 * mlcc_pool_max22_f32 - MaxPool 2x2, stride 2, no pads, no dilation (D = 1,
 *   no Indices): each output row from its two input rows, the maximum of
 *   four values an output, no buffer (on images whose output rows are too
 *   short for mlcc_pool_max2d_f32's loops to pay, like digits' 8x8 -> 4x4,
 *   and any other size). Same NaN rule.
 * mlcc_pool_gavg_f32 - GlobalAveragePool: each plane summed in 16 partial
 *   sums (one vector) then divided by its size; the sum order differs from
 *   the reference's, so results may differ in the last bits. */
#include "mlcc_rt.h"

/* mlcc:helper mlcc_pf_max */
/* max with NaN propagation: a NaN v replaces m, a NaN m stays. The NaN test
 * first: the scalar code (loop tails) then branches only on a NaN, else one
 * max instruction; `v > m || v != v` branched on the comparison, which random
 * data mispredicts half the time */
#define MLCC_PF_MAX(m, v) ((v) != (v) ? (v) : (v) > (m) ? (v) : (m))
#define MLCC_PF_RESTRICT restrict
/* yr[ow] = max over kw < KW of t[ow * S + kw * DW] for ow < OW, S a constant
 * stride: up to three taps a pass, each tap read into a local first (a load
 * inside the ?: is conditional, and gcc does not vectorize that) */
#define MLCC_PF_HROW(yr, t, S)                                                         \
    do {                                                                               \
        int32_t kw_ = 0, o_;                                                           \
        if (KW >= 3) {                                                                 \
            for (o_ = 0; o_ < OW; o_++) {                                              \
                const float u_ = t[o_ * S], v_ = t[o_ * S + DW], w_ = t[o_ * S + 2 * DW]; \
                const float m_ = MLCC_PF_MAX(u_, v_);                                  \
                yr[o_] = MLCC_PF_MAX(m_, w_);                                          \
            }                                                                          \
            kw_ = 3;                                                                   \
        } else if (KW == 2) {                                                          \
            for (o_ = 0; o_ < OW; o_++) {                                              \
                const float u_ = t[o_ * S], v_ = t[o_ * S + DW];                       \
                yr[o_] = MLCC_PF_MAX(u_, v_);                                          \
            }                                                                          \
            kw_ = 2;                                                                   \
        } else {                                                                       \
            for (o_ = 0; o_ < OW; o_++)                                                \
                yr[o_] = t[o_ * S];                                                    \
            kw_ = 1;                                                                   \
        }                                                                              \
        for (; kw_ < KW; kw_++) {                                                      \
            const float *MLCC_PF_RESTRICT tk_ = t + kw_ * DW;                          \
            for (o_ = 0; o_ < OW; o_++) {                                              \
                const float m_ = yr[o_], v_ = tk_[o_ * S];                             \
                yr[o_] = MLCC_PF_MAX(m_, v_);                                          \
            }                                                                          \
        }                                                                              \
    } while (0)
/* mlcc:end */

/* mlcc:kernel mlcc_pool_max2d_f32 uses mlcc_pf_max libm */
MLCC_KERNEL(mlcc_pool_max2d_f32)
{
    const float *X = (const float *)in[0];
    float *Y = (float *)out[0];
    float *tmp = (float *)out[1];
    const int32_t NC = ip[0], IH = ip[2], IW = ip[3], OH = ip[5], OW = ip[6], KH = ip[8], KW = ip[9];
    const int32_t SH = ip[11], SW = ip[12], DH = ip[14], DW = ip[15], PH = ip[17], PW = ip[18];
    const int32_t R = ip[24] > 1 ? ip[24] : 1;
    const int32_t WP = (OW - 1) * SW + (KW - 1) * DW + 1;
    /* the input columns inside a row buffer: [c0, c1) of the input at PW + c */
    const int32_t c0 = PW > 0 ? 0 : -PW, c1 = IW < WP - PW ? IW : WP - PW;
    int32_t p, o0, n, r, kh, c;
    MLCC_UNUSED(fp);
    for (c = 0; c < R * WP; c++)
        tmp[c] = -HUGE_VALF;
    for (p = 0; p < NC; p++) {
        const float *x = X + (size_t)p * (size_t)IH * (size_t)IW;
        float *y = Y + (size_t)p * (size_t)OH * (size_t)OW;
        for (o0 = 0; o0 < OH; o0 += R) {
            n = OH - o0 < R ? OH - o0 : R;
            /* pass 1: each row buffer the maximum over its window's input rows */
            for (r = 0; r < n; r++) {
                const int32_t hs = (o0 + r) * SH - PH;
                /* the window rows inside the input: kh in [k0, k1) */
                const int32_t k0 = hs >= 0 ? 0 : (-hs + DH - 1) / DH;
                const int32_t k1 = IH - hs > 0 && (IH - 1 - hs) / DH + 1 < KH ? (IH - 1 - hs) / DH + 1 : KH;
                float *MLCC_PF_RESTRICT t = tmp + r * WP + PW;
                const float *MLCC_PF_RESTRICT a, *MLCC_PF_RESTRICT b, *MLCC_PF_RESTRICT d;
                if (IH - hs <= 0 || k0 >= k1) { /* every window row is padding */
                    for (c = c0; c < c1; c++)
                        t[c] = -HUGE_VALF;
                    continue;
                }
                /* up to three rows a pass: one store of t per three loads */
                a = x + (hs + k0 * DH) * IW;
                if (k1 - k0 == 1) {
                    for (c = c0; c < c1; c++)
                        t[c] = a[c];
                } else if (k1 - k0 == 2) {
                    b = a + DH * IW;
                    for (c = c0; c < c1; c++) {
                        const float u = a[c], v = b[c];
                        t[c] = MLCC_PF_MAX(u, v);
                    }
                } else {
                    b = a + DH * IW;
                    d = b + DH * IW;
                    for (c = c0; c < c1; c++) {
                        const float u = a[c], v = b[c], w = d[c];
                        const float m = MLCC_PF_MAX(u, v);
                        t[c] = MLCC_PF_MAX(m, w);
                    }
                    for (kh = k0 + 3; kh < k1; kh++) {
                        a = x + (hs + kh * DH) * IW;
                        for (c = c0; c < c1; c++) {
                            const float m = t[c], v = a[c];
                            t[c] = MLCC_PF_MAX(m, v);
                        }
                    }
                }
            }
            /* pass 2: each output value the maximum over kW values of its row
             * buffer; the stride a constant where it is 1 or 2 (vector loads
             * and shuffles, not scalar code) */
            for (r = 0; r < n; r++) {
                const float *MLCC_PF_RESTRICT t = tmp + r * WP;
                float *MLCC_PF_RESTRICT yr = y + (o0 + r) * OW;
                if (SW == 2)
                    MLCC_PF_HROW(yr, t, 2);
                else if (SW == 1)
                    MLCC_PF_HROW(yr, t, 1);
                else
                    MLCC_PF_HROW(yr, t, SW);
            }
        }
    }
}
/* mlcc:end */

/* mlcc:kernel mlcc_pool_max22_f32 uses mlcc_pf_max */
MLCC_KERNEL(mlcc_pool_max22_f32)
{
    const float *X = (const float *)in[0];
    float *Y = (float *)out[0];
    const int32_t NC = ip[0], IH = ip[2], IW = ip[3], OH = ip[5], OW = ip[6];
    int32_t p, oh, q;
    MLCC_UNUSED(fp);
    for (p = 0; p < NC; p++)
        for (oh = 0; oh < OH; oh++) {
            const float *MLCC_PF_RESTRICT a = X + ((size_t)p * (size_t)IH + (size_t)(2 * oh)) * (size_t)IW;
            const float *MLCC_PF_RESTRICT b = a + IW;
            float *MLCC_PF_RESTRICT yr = Y + ((size_t)p * (size_t)OH + (size_t)oh) * (size_t)OW;
            for (q = 0; q < OW; q++) {
                const float u = a[2 * q], v = a[2 * q + 1], s = b[2 * q], t = b[2 * q + 1];
                const float m0 = MLCC_PF_MAX(u, v), m1 = MLCC_PF_MAX(s, t);
                yr[q] = MLCC_PF_MAX(m0, m1);
            }
        }
}
/* mlcc:end */

/* mlcc:kernel mlcc_pool_gavg_f32 uses mlcc_pf_max */
MLCC_KERNEL(mlcc_pool_gavg_f32)
{
    const float *X = (const float *)in[0];
    float *Y = (float *)out[0];
    const int32_t NC = ip[0];
    const int32_t n = ip[1] * ip[2] * ip[3];
    int32_t p, i, j;
    MLCC_UNUSED(fp);
    for (p = 0; p < NC; p++) {
        const float *MLCC_PF_RESTRICT x = X + (size_t)p * (size_t)n;
        float acc[16] = {0.0f}, s = 0.0f;
        for (i = 0; i + 16 <= n; i += 16)
            for (j = 0; j < 16; j++)
                acc[j] += x[i + j];
        for (; i < n; i++)
            s += x[i];
        for (j = 0; j < 16; j++)
            s += acc[j];
        Y[p] = n > 0 ? s / (float)n : 0.0f;
    }
}
/* mlcc:end */
