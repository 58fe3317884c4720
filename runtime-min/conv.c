/* conv.c - Conv and ConvTranspose with groups, strides, dilations and pads over
 * 1 to 3 spatial dims, for float32 and float64. No scratch.
 *
 * Both kernels see every convolution as 3-D (the compiler fills the missing
 * leading spatial dims with size 1, kernel 1, stride 1, dilation 1, pad 0):
 *   ip = [N, G, Cg, Mg,  iD, iH, iW,  oD, oH, oW,  kD, kH, kW,
 *         sD, sH, sW,  dD, dH, dW,  pD, pH, pW,  act]
 * N batch, G groups, Cg input channels and Mg output channels per group, the
 * input / output / kernel sizes, strides, dilations and the leading pads (the
 * trailing pads follow from the output size; ConvTranspose pads may be
 * negative, which extends the output); act is the fused activation
 * (MLCC_ACT_*, mlcc_shared.h, float32 only), fp = [act_a, act_b], applied to
 * each output plane as soon as it is complete. Conv only: ip[23], ip[24]
 * say how it may run in place, when the memory plan gives Y the buffer of an
 * X that dies here (Y is X), with out[1] a scratch buffer:
 *   1: depthwise (Cg = Mg = 1): each output plane is computed in the scratch
 *      plane (oD*oH*oW values), then copied over its own input plane, which
 *      nothing reads any more;
 *   2: pointwise (1x1, stride 1, no pad, one group, Cg = Mg): blocks of
 *      B = ip[24] pixels, every output channel of a block computed in the
 *      scratch (Mg * B values), then copied over the block's input pixels;
 *   0: never in place. The sums are the same, in the same order, either way.
 * in = [X, W, B or NULL], out = [Y] (or [Y, scratch]).
 *   Conv:          X [N, G*Cg, i...], W [G*Mg, Cg, k...], Y [N, G*Mg, o...]
 *   ConvTranspose: X [N, G*Cg, i...], W [G*Cg, Mg, k...], Y [N, G*Mg, o...]
 *
 * Loop order: for each (input channel, kernel tap) one weight is applied to
 * the whole valid region of an output plane, so the inner loop is a
 * contiguous multiply-add over a row with the bounds worked out once per tap
 * (no per-element padding checks). */
#include "mlcc_rt.h"
#include "mlcc_shared.h"

/* mlcc:helper mlcc_conv_range */
/* The loop indices o in [0, n) with 0 <= o * s + off < bound, as [*lo, *hi). */
static void mlcc_conv_range(int32_t n, int32_t off, int32_t s, int32_t bound, int32_t *lo, int32_t *hi)
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
/* mlcc:end */

/* mlcc:helper mlcc_conv_act */
/* the fused activation over y[0..cnt) (float32 kernels; the others pass NONE) */
#define MLCC_CONV_ACT_F(y, cnt)                                                                   \
    if (kind)                                                                                     \
        for (i = 0; i < (cnt); i++)                                                               \
            (y)[i] = mlcc_act((y)[i], kind, aa, ab);
#define MLCC_CONV_ACT_NONE(y, cnt)
/* mlcc:end */

/* mlcc:helper mlcc_conv_body uses mlcc_conv_range mlcc_conv_act */
#define MLCC_CONV_BODY(T, ACT)                                                                    \
    const T *X = (const T *)in[0], *Wt = (const T *)in[1], *Bs = (const T *)in[2];               \
    T *Y = (T *)out[0];                                                                           \
    const int32_t N = ip[0], G = ip[1], Cg = ip[2], Mg = ip[3];                                   \
    const int32_t iD = ip[4], iH = ip[5], iW = ip[6], oD = ip[7], oH = ip[8], oW = ip[9];        \
    const int32_t kD = ip[10], kH = ip[11], kW = ip[12], sD = ip[13], sH = ip[14], sW = ip[15];  \
    const int32_t dD = ip[16], dH = ip[17], dW = ip[18], pD = ip[19], pH = ip[20], pW = ip[21];  \
    const int32_t kind = ip[22];                                                                  \
    const float aa = fp[0], ab = fp[1];                                                           \
    const int32_t isz = iD * iH * iW, osz = oD * oH * oW, ksz = kD * kH * kW;                    \
    /* 1x1(x1), stride 1, no pad: the input plane is the output plane */                        \
    const int flat = ksz == 1 && sD == 1 && sH == 1 && sW == 1 && pD == 0 && pH == 0 && pW == 0 && \
                     isz == osz;                                                                  \
    const int same = (const void *)X == (const void *)Y;                                          \
    /* in place, depthwise: each plane goes through S first */                                   \
    T *S = ip[23] == 1 && Cg == 1 && Mg == 1 && same ? (T *)out[1] : NULL;                        \
    /* in place, pointwise: blocks of B pixels through SB */                                     \
    T *SB = ip[23] == 2 && G == 1 && Cg == Mg && flat && ip[24] > 0 && same ? (T *)out[1] : NULL; \
    int32_t n, g, m, c, i, kd, kh, kw, od, oh, ow0, ow1, oh0, oh1, od0, od1;                     \
    MLCC_UNUSED(kind);                                                                            \
    MLCC_UNUSED(aa);                                                                              \
    MLCC_UNUSED(ab);                                                                              \
    for (n = 0; SB && n < N; n++) {                                                               \
        const int32_t B = ip[24];                                                                 \
        int32_t p0;                                                                               \
        for (p0 = 0; p0 < osz; p0 += B) {                                                         \
            const int32_t cnt = osz - p0 < B ? osz - p0 : B;                                      \
            for (m = 0; m < Mg; m++) {                                                            \
                T *s = SB + m * B;                                                                \
                const T bias = Bs ? Bs[m] : (T)0;                                                 \
                for (i = 0; i < cnt; i++)                                                         \
                    s[i] = bias;                                                                  \
                for (c = 0; c < Cg; c++) {                                                        \
                    const T wv = Wt[m * Cg + c], *x = X + (n * Cg + c) * isz + p0;                \
                    for (i = 0; i < cnt; i++)                                                     \
                        s[i] += wv * x[i];                                                        \
                }                                                                                 \
                ACT(s, cnt)                                                                       \
            }                                                                                     \
            for (m = 0; m < Mg; m++)                                                              \
                for (i = 0; i < cnt; i++)                                                         \
                    Y[(n * Mg + m) * osz + p0 + i] = SB[m * B + i];                               \
        }                                                                                         \
    }                                                                                             \
    if (!SB)                                                                                      \
    for (n = 0; n < N; n++)                                                                       \
        for (g = 0; g < G; g++) {                                                                 \
            m = 0;                                                                                \
            /* pointwise: four output planes per pass over each input plane */                    \
            for (; flat && m + 4 <= Mg; m += 4) {                                                 \
                const int32_t oc = g * Mg + m;                                                    \
                T *y0 = Y + (n * G * Mg + oc) * osz, *y1 = y0 + osz, *y2 = y1 + osz, *y3 = y2 + osz; \
                const T b0 = Bs ? Bs[oc] : (T)0, b1 = Bs ? Bs[oc + 1] : (T)0;                     \
                const T b2 = Bs ? Bs[oc + 2] : (T)0, b3 = Bs ? Bs[oc + 3] : (T)0;                 \
                for (i = 0; i < osz; i++) {                                                       \
                    y0[i] = b0;                                                                   \
                    y1[i] = b1;                                                                   \
                    y2[i] = b2;                                                                   \
                    y3[i] = b3;                                                                   \
                }                                                                                 \
                for (c = 0; c < Cg; c++) {                                                        \
                    const T *x = X + (n * G * Cg + g * Cg + c) * isz;                             \
                    const T w0 = Wt[oc * Cg + c], w1 = Wt[(oc + 1) * Cg + c];                     \
                    const T w2 = Wt[(oc + 2) * Cg + c], w3 = Wt[(oc + 3) * Cg + c];               \
                    for (i = 0; i < osz; i++) {                                                   \
                        const T xv = x[i];                                                        \
                        y0[i] += w0 * xv;                                                         \
                        y1[i] += w1 * xv;                                                         \
                        y2[i] += w2 * xv;                                                         \
                        y3[i] += w3 * xv;                                                         \
                    }                                                                             \
                }                                                                                 \
                ACT(y0, 4 * osz)                                                                  \
            }                                                                                     \
            for (; m < Mg; m++) {                                                                 \
                const int32_t oc = g * Mg + m;                                                    \
                T *yo = Y + (n * G * Mg + oc) * osz, *y = S ? S : yo;                             \
                const T bias = Bs ? Bs[oc] : (T)0;                                                \
                for (i = 0; i < osz; i++)                                                         \
                    y[i] = bias;                                                                  \
                for (c = 0; c < Cg; c++) {                                                        \
                    const T *x = X + (n * G * Cg + g * Cg + c) * isz;             \
                    const T *w = Wt + (oc * Cg + c) * ksz;                                \
                    if (flat) {                                                                   \
                        const T wv = w[0];                                                        \
                        for (i = 0; i < osz; i++)                                                 \
                            y[i] += wv * x[i];                                                    \
                        continue;                                                                 \
                    }                                                                             \
                    for (kd = 0; kd < kD; kd++) {                                                 \
                        mlcc_conv_range(oD, kd * dD - pD, sD, iD, &od0, &od1);                    \
                        for (kh = 0; kh < kH; kh++) {                                             \
                            mlcc_conv_range(oH, kh * dH - pH, sH, iH, &oh0, &oh1);                \
                            for (kw = 0; kw < kW; kw++) {                                         \
                                const T wv = w[(kd * kH + kh) * kW + kw];                         \
                                int32_t cnt;                                                      \
                                mlcc_conv_range(oW, kw * dW - pW, sW, iW, &ow0, &ow1);            \
                                cnt = ow1 - ow0;                                                  \
                                if (cnt <= 0)                                                     \
                                    continue;                                                     \
                                for (od = od0; od < od1; od++) {                                  \
                                    const int32_t id = od * sD + kd * dD - pD;                    \
                                    for (oh = oh0; oh < oh1; oh++) {                              \
                                        const int32_t ih = oh * sH + kh * dH - pH;                \
                                        T *yr = y + (od * oH + oh) * oW + ow0;                    \
                                        const T *xr =                                             \
                                            x + ((id * iH + ih) * iW + ow0 * sW + kw * dW - pW);  \
                                        if (sW == 1) {                                            \
                                            for (i = 0; i < cnt; i++)                             \
                                                yr[i] += wv * xr[i];                              \
                                        } else {                                                  \
                                            for (i = 0; i < cnt; i++)                             \
                                                yr[i] += wv * xr[i * sW];                         \
                                        }                                                         \
                                    }                                                             \
                                }                                                                 \
                            }                                                                     \
                        }                                                                         \
                    }                                                                             \
                }                                                                                 \
                ACT(y, osz)                                                                       \
                if (S)                                                                            \
                    for (i = 0; i < osz; i++)                                                     \
                        yo[i] = y[i];                                                             \
            }                                                                                     \
        }
/* mlcc:end */

/* mlcc:helper mlcc_convtranspose_body uses mlcc_conv_range mlcc_conv_act */
#define MLCC_CONVTRANSPOSE_BODY(T, ACT)                                                           \
    const T *X = (const T *)in[0], *Wt = (const T *)in[1], *Bs = (const T *)in[2];               \
    T *Y = (T *)out[0];                                                                           \
    const int32_t N = ip[0], G = ip[1], Cg = ip[2], Mg = ip[3];                                   \
    const int32_t iD = ip[4], iH = ip[5], iW = ip[6], oD = ip[7], oH = ip[8], oW = ip[9];        \
    const int32_t kD = ip[10], kH = ip[11], kW = ip[12], sD = ip[13], sH = ip[14], sW = ip[15];  \
    const int32_t dD = ip[16], dH = ip[17], dW = ip[18], pD = ip[19], pH = ip[20], pW = ip[21];  \
    const int32_t isz = iD * iH * iW, osz = oD * oH * oW, ksz = kD * kH * kW;                    \
    const int32_t kind = ip[22];                                                                  \
    const float aa = fp[0], ab = fp[1];                                                           \
    int32_t n, g, m, c, i, kd, kh, kw, id, ih, iw0, iw1, ih0, ih1, id0, id1;                     \
    MLCC_UNUSED(kind);                                                                            \
    MLCC_UNUSED(aa);                                                                              \
    MLCC_UNUSED(ab);                                                                              \
    for (n = 0; n < N; n++)                                                                       \
        for (m = 0; m < G * Mg; m++) {                                                            \
            T *y = Y + (n * G * Mg + m) * osz;                                            \
            const T bias = Bs ? Bs[m] : (T)0;                                                     \
            for (i = 0; i < osz; i++)                                                             \
                y[i] = bias;                                                                      \
        }                                                                                         \
    for (n = 0; n < N; n++)                                                                       \
        for (g = 0; g < G; g++)                                                                   \
            for (m = 0; m < Mg; m++) {                                                            \
                T *y = Y + (n * G * Mg + g * Mg + m) * osz;                       \
                for (c = 0; c < Cg; c++) {                                                        \
                    const T *x = X + (n * G * Cg + g * Cg + c) * isz;             \
                    const T *w = Wt + ((g * Cg + c) * Mg + m) * ksz;                      \
                    for (kd = 0; kd < kD; kd++) {                                                 \
                        mlcc_conv_range(iD, kd * dD - pD, sD, oD, &id0, &id1);                    \
                        for (kh = 0; kh < kH; kh++) {                                             \
                            mlcc_conv_range(iH, kh * dH - pH, sH, oH, &ih0, &ih1);                \
                            for (kw = 0; kw < kW; kw++) {                                         \
                                const T wv = w[(kd * kH + kh) * kW + kw];                         \
                                int32_t cnt;                                                      \
                                mlcc_conv_range(iW, kw * dW - pW, sW, oW, &iw0, &iw1);            \
                                cnt = iw1 - iw0;                                                  \
                                if (cnt <= 0)                                                     \
                                    continue;                                                     \
                                for (id = id0; id < id1; id++) {                                  \
                                    const int32_t od = id * sD + kd * dD - pD;                    \
                                    for (ih = ih0; ih < ih1; ih++) {                              \
                                        const int32_t oh = ih * sH + kh * dH - pH;                \
                                        const T *xr = x + (id * iH + ih) * iW + iw0;              \
                                        T *yr = y + ((od * oH + oh) * oW + iw0 * sW + kw * dW - pW); \
                                        if (sW == 1) {                                            \
                                            for (i = 0; i < cnt; i++)                             \
                                                yr[i] += wv * xr[i];                              \
                                        } else {                                                  \
                                            for (i = 0; i < cnt; i++)                             \
                                                yr[i * sW] += wv * xr[i];                         \
                                        }                                                         \
                                    }                                                             \
                                }                                                                 \
                            }                                                                     \
                        }                                                                         \
                    }                                                                             \
                }                                                                                 \
                ACT(y, osz)                                                                       \
            }
/* mlcc:end */

/* mlcc:kernel mlcc_conv_f32 uses mlcc_conv_body mlcc_shared_act */
MLCC_KERNEL(mlcc_conv_f32) { MLCC_CONV_BODY(float, MLCC_CONV_ACT_F) }
/* mlcc:end */
/* mlcc:kernel mlcc_conv_f64 uses mlcc_conv_body */
MLCC_KERNEL(mlcc_conv_f64) { MLCC_CONV_BODY(double, MLCC_CONV_ACT_NONE) }
/* mlcc:end */
/* mlcc:kernel mlcc_convtranspose_f32 uses mlcc_convtranspose_body mlcc_shared_act */
MLCC_KERNEL(mlcc_convtranspose_f32) { MLCC_CONVTRANSPOSE_BODY(float, MLCC_CONV_ACT_F) }
/* mlcc:end */
/* mlcc:kernel mlcc_convtranspose_f64 uses mlcc_convtranspose_body */
MLCC_KERNEL(mlcc_convtranspose_f64) { MLCC_CONVTRANSPOSE_BODY(double, MLCC_CONV_ACT_NONE) }
/* mlcc:end */
