/* image.c - GridSample and RoiAlign (float16/32/64; float16 is computed in
 * float32), MaxUnpool (any element type, moved by size).
 *
 * GridSample: ip = [N, C, H, W, Ho, Wo, mode, pad, align]; X [N][C][H][W],
 * grid [N][Ho][Wo][2] (x, y in [-1, 1]), Y [N][C][Ho][Wo]. mode 0 bilinear,
 * 1 nearest (round half to even), 2 bicubic (A = -0.75); pad 0 zeros,
 * 1 border, 2 reflection. Semantics of torch.nn.functional.grid_sample: for
 * bilinear and nearest the source coordinate is padded first, then read
 * (taps outside read 0); bicubic pads each of its 4x4 taps. Each output pixel
 * is a separable sum: up to 4 taps along y times up to 4 along x.
 *
 * RoiAlign: ip = [N, C, H, W, R, OH, OW, sampling_ratio, half_pixel, is_max],
 * fp = [spatial_scale]; X [N][C][H][W], rois [R][4] (x1, y1, x2, y2),
 * batch_indices [R] int64, Y [R][C][OH][OW]. Bilinear samples on a grid per
 * bin (sampling_ratio each way, or ceil(roi size / bins) when 0); avg: their
 * mean; max: the largest weighted corner over the samples (as onnxruntime).
 *
 * MaxUnpool: ip = [nx, r, inferred dims[r], out dims[r]]; X [nx], I [nx]
 * int64: flat indices into the inferred output shape; Y (out dims) is zero,
 * then Y[coords of I[i]] = X[i] where those coords are inside Y. */
#include "mlcc_rt.h"
#include "mlcc_shared.h"

/* mlcc:helper mlcc_img_conv */
#define MLCC_IMG_ID(x) (x)
/* mlcc:end */

/* mlcc:helper mlcc_gs_axis */
/* The taps of one axis for a normalized coordinate g: idx[t] (-1: outside,
 * reads 0) and weight w[t]; returns the tap count. A is float or double. */
#define MLCC_GS_AXIS(A, SUF, FLOOR, FABS, FMOD, RINT)                                     \
    static A mlcc_gs_pad_##SUF(A x, int32_t size, int32_t pad, int32_t align)          \
    {                                                                                  \
        const A hi = (A)(size - 1);                                                    \
        if (pad == 0)                                                                  \
            return x;                                                                  \
        if (pad == 2) {                                                                \
            /* reflect over [lo, lo + span]: the pixel centers (align) or edges */     \
            const A lo = align ? (A)0 : (A)-0.5, span = align ? hi : (A)size;          \
            if (span <= (A)0) {                                                        \
                x = (A)0;                                                              \
            } else {                                                                   \
                A d = FABS(x - lo), extra = FMOD(d, span);                             \
                A flips = FLOOR(d / span);                                             \
                x = FMOD(flips, (A)2) == (A)0 ? lo + extra : lo + span - extra;        \
            }                                                                          \
        }                                                                              \
        return x < (A)0 ? (A)0 : x > hi ? hi : x; /* NaN stays NaN */                  \
    }                                                                                  \
    static int32_t mlcc_gs_axis_##SUF(A g, int32_t size, int32_t mode, int32_t pad,     \
                                      int32_t align, int32_t *idx, A *w)               \
    {                                                                                  \
        const A big = (A)1073741824.0;                                                 \
        A x = align ? (g + (A)1) / (A)2 * (A)(size - 1)                                \
                    : ((g + (A)1) * (A)size - (A)1) / (A)2;                            \
        A x0, t;                                                                       \
        int32_t i, n = mode == 2 ? 4 : mode == 1 ? 1 : 2;                              \
        if (mode != 2)                                                                 \
            x = mlcc_gs_pad_##SUF(x, size, pad, align);                                \
        if (x != x) { /* NaN: nothing to read */                                    \
            for (i = 0; i < n; i++) {                                                  \
                idx[i] = -1;                                                           \
                w[i] = (A)0;                                                           \
            }                                                                          \
            return n;                                                                  \
        }                                                                              \
        x = x < -big ? -big : x > big ? big : x; /* far outside stays outside */       \
        if (mode == 1) {                                                               \
            x0 = RINT(x);                                                              \
            idx[0] = x0 >= (A)0 && x0 < (A)size ? (int32_t)x0 : -1;                    \
            w[0] = (A)1;                                                               \
            return 1;                                                                  \
        }                                                                              \
        x0 = FLOOR(x);                                                                 \
        t = x - x0;                                                                    \
        if (mode == 0) {                                                               \
            idx[0] = x0 >= (A)0 && x0 < (A)size ? (int32_t)x0 : -1;                    \
            idx[1] = x0 + (A)1 >= (A)0 && x0 + (A)1 < (A)size ? (int32_t)x0 + 1 : -1;  \
            w[0] = (A)1 - t;                                                           \
            w[1] = t;                                                                  \
            return 2;                                                                  \
        }                                                                              \
        {                                                                              \
            const A a = (A)-0.75, u = t + (A)1, v = (A)1 - t, s = (A)2 - t;            \
            w[0] = ((a * u - (A)5 * a) * u + (A)8 * a) * u - (A)4 * a;                 \
            w[1] = ((a + (A)2) * t - (a + (A)3)) * t * t + (A)1;                       \
            w[2] = ((a + (A)2) * v - (a + (A)3)) * v * v + (A)1;                       \
            w[3] = ((a * s - (A)5 * a) * s + (A)8 * a) * s - (A)4 * a;                 \
        }                                                                              \
        for (i = 0; i < 4; i++) {                                                      \
            A xi = mlcc_gs_pad_##SUF(x0 + (A)(i - 1), size, pad, align);               \
            idx[i] = xi >= (A)0 && xi < (A)size ? (int32_t)xi : -1;                    \
        }                                                                              \
        return 4;                                                                      \
    }
/* mlcc:end */

/* mlcc:helper mlcc_gs_axis_f uses mlcc_gs_axis libm */
MLCC_GS_AXIS(float, f, floorf, fabsf, fmodf, nearbyintf)
/* mlcc:end */
/* mlcc:helper mlcc_gs_axis_d uses mlcc_gs_axis libm */
MLCC_GS_AXIS(double, d, floor, fabs, fmod, nearbyint)
/* mlcc:end */

/* mlcc:helper mlcc_gs_body */
#define MLCC_GS_BODY(T, G, A, SUF, LD, ST)                                                \
    const T *X = (const T *)in[0];                                                    \
    const G *Gd = (const G *)in[1];                                                   \
    T *Y = (T *)out[0];                                                               \
    const int32_t N = ip[0], C = ip[1], H = ip[2], W = ip[3], HW = ip[4] * ip[5];     \
    const int32_t mode = ip[6], pad = ip[7], align = ip[8];                           \
    int32_t b, p, c, a, k, nx, ny, ix[4], iy[4];                                      \
    A wx[4], wy[4];                                                                   \
    MLCC_UNUSED(fp);                                                                  \
    for (b = 0; b < N; b++) {                                                         \
        for (p = 0; p < HW; p++) {                                                    \
            const G *gp = Gd + (b * HW + p) * 2;                                      \
            nx = mlcc_gs_axis_##SUF((A)LD(gp[0]), W, mode, pad, align, ix, wx);       \
            ny = mlcc_gs_axis_##SUF((A)LD(gp[1]), H, mode, pad, align, iy, wy);       \
            for (c = 0; c < C; c++) {                                                 \
                const T *xc = X + (b * C + c) * H * W;                                \
                A acc = (A)0;                                                         \
                for (a = 0; a < ny; a++) {                                            \
                    A row = (A)0;                                                     \
                    if (iy[a] < 0)                                                    \
                        continue;                                                     \
                    for (k = 0; k < nx; k++)                                          \
                        if (ix[k] >= 0)                                               \
                            row += wx[k] * (A)LD(xc[iy[a] * W + ix[k]]);              \
                    acc += wy[a] * row;                                               \
                }                                                                     \
                Y[(b * C + c) * HW + p] = ST(acc);                                    \
            }                                                                         \
        }                                                                             \
    }
/* mlcc:end */

/* mlcc:kernel mlcc_gridsample_f32 uses mlcc_img_conv mlcc_gs_axis_f mlcc_gs_body */
MLCC_KERNEL(mlcc_gridsample_f32) { MLCC_GS_BODY(float, float, float, f, MLCC_IMG_ID, MLCC_IMG_ID) }
/* mlcc:end */
/* mlcc:kernel mlcc_gridsample_f64 uses mlcc_img_conv mlcc_gs_axis_d mlcc_gs_body */
MLCC_KERNEL(mlcc_gridsample_f64) { MLCC_GS_BODY(double, double, double, d, MLCC_IMG_ID, MLCC_IMG_ID) }
/* mlcc:end */
/* mlcc:kernel mlcc_gridsample_f16 uses mlcc_shared_h2f mlcc_shared_f2h mlcc_gs_axis_f mlcc_gs_body */
MLCC_KERNEL(mlcc_gridsample_f16) { MLCC_GS_BODY(uint16_t, uint16_t, float, f, mlcc_h2f, mlcc_f2h) }
/* mlcc:end */

/* mlcc:helper mlcc_roialign_body */
#define MLCC_ROIALIGN_BODY(T, A, LD, ST, CEIL)                                            \
    const T *X = (const T *)in[0], *rois = (const T *)in[1];                          \
    const int64_t *bi = (const int64_t *)in[2];                                       \
    T *Y = (T *)out[0];                                                               \
    const int32_t N = ip[0], C = ip[1], H = ip[2], W = ip[3], R = ip[4], OH = ip[5];  \
    const int32_t OW = ip[6], ratio = ip[7], half = ip[8], is_max = ip[9];            \
    const A scale = (A)fp[0], off = half ? (A)0.5 : (A)0;                             \
    int32_t r, c, ph, pw, sy, sx;                                                     \
    for (r = 0; r < R; r++) {                                                         \
        const A x1 = (A)LD(rois[r * 4]) * scale - off;                                \
        const A y1 = (A)LD(rois[r * 4 + 1]) * scale - off;                            \
        A rw = (A)LD(rois[r * 4 + 2]) * scale - off - x1;                             \
        A rh = (A)LD(rois[r * 4 + 3]) * scale - off - y1;                             \
        A bw, bh, gh, gw, count;                                                      \
        int32_t ngh, ngw;                                                             \
        const int64_t bidx = bi[r];                                                   \
        if (!half) {                                                                  \
            rw = rw > (A)1 ? rw : (A)1;                                               \
            rh = rh > (A)1 ? rh : (A)1;                                               \
        }                                                                             \
        bh = rh / (A)OH;                                                              \
        bw = rw / (A)OW;                                                              \
        gh = ratio > 0 ? (A)ratio : CEIL(bh);                                         \
        gw = ratio > 0 ? (A)ratio : CEIL(bw);                                         \
        ngh = gh > (A)0 ? (gh < (A)65536 ? (int32_t)gh : 65536) : 0;                  \
        ngw = gw > (A)0 ? (gw < (A)65536 ? (int32_t)gw : 65536) : 0;                  \
        count = (A)ngh * (A)ngw > (A)1 ? (A)ngh * (A)ngw : (A)1;                     \
        for (c = 0; c < C; c++) {                                                     \
            const T *xc = X + ((bidx >= 0 && bidx < N ? (int32_t)bidx : 0) * C + c) * H * W; \
            T *yc = Y + (r * C + c) * OH * OW;                                        \
            for (ph = 0; ph < OH; ph++) {                                             \
                for (pw = 0; pw < OW; pw++) {                                         \
                    A acc = (A)0;                                                     \
                    int32_t first = 1;                                                \
                    if (bidx < 0 || bidx >= N)                                        \
                        ngh = 0;                                                      \
                    for (sy = 0; sy < ngh; sy++) {                                    \
                        A y = y1 + (A)ph * bh + ((A)sy + (A)0.5) * bh / (A)ngh;       \
                        for (sx = 0; sx < ngw; sx++) {                                \
                            A x = x1 + (A)pw * bw + ((A)sx + (A)0.5) * bw / (A)ngw;   \
                            A v = (A)0, ly, lx, hy, hx, v1, v2, v3, v4;               \
                            int32_t yl, yh, xl, xh;                                   \
                            if (y >= (A)-1 && y <= (A)H && x >= (A)-1 && x <= (A)W) { \
                                if (y <= (A)0)                                        \
                                    y = (A)0;                                         \
                                if (x <= (A)0)                                        \
                                    x = (A)0;                                         \
                                yl = (int32_t)y;                                      \
                                xl = (int32_t)x;                                      \
                                if (yl >= H - 1) {                                    \
                                    yl = yh = H - 1;                                  \
                                    y = (A)yl;                                        \
                                } else {                                              \
                                    yh = yl + 1;                                      \
                                }                                                     \
                                if (xl >= W - 1) {                                    \
                                    xl = xh = W - 1;                                  \
                                    x = (A)xl;                                        \
                                } else {                                              \
                                    xh = xl + 1;                                      \
                                }                                                     \
                                ly = y - (A)yl;                                       \
                                lx = x - (A)xl;                                       \
                                hy = (A)1 - ly;                                       \
                                hx = (A)1 - lx;                                       \
                                v1 = hy * hx * (A)LD(xc[yl * W + xl]);                \
                                v2 = hy * lx * (A)LD(xc[yl * W + xh]);                \
                                v3 = ly * hx * (A)LD(xc[yh * W + xl]);                \
                                v4 = ly * lx * (A)LD(xc[yh * W + xh]);                \
                                if (is_max) {                                         \
                                    v = v1 > v2 ? v1 : v2;                            \
                                    v = v > v3 ? v : v3;                              \
                                    v = v > v4 ? v : v4;                              \
                                } else {                                              \
                                    v = v1 + v2 + v3 + v4;                            \
                                }                                                     \
                            }                                                         \
                            if (!is_max)                                              \
                                acc += v;                                             \
                            else if (first || v > acc)                                \
                                acc = v;                                              \
                            first = 0;                                                \
                        }                                                             \
                    }                                                                 \
                    yc[ph * OW + pw] = ST(is_max ? acc : acc / count);                \
                }                                                                     \
            }                                                                         \
        }                                                                             \
    }
/* mlcc:end */

/* mlcc:kernel mlcc_roialign_f32 uses mlcc_img_conv mlcc_roialign_body libm */
MLCC_KERNEL(mlcc_roialign_f32) { MLCC_ROIALIGN_BODY(float, float, MLCC_IMG_ID, MLCC_IMG_ID, ceilf) }
/* mlcc:end */
/* mlcc:kernel mlcc_roialign_f64 uses mlcc_img_conv mlcc_roialign_body libm */
MLCC_KERNEL(mlcc_roialign_f64) { MLCC_ROIALIGN_BODY(double, double, MLCC_IMG_ID, MLCC_IMG_ID, ceil) }
/* mlcc:end */
/* mlcc:kernel mlcc_roialign_f16 uses mlcc_shared_h2f mlcc_shared_f2h mlcc_roialign_body libm */
MLCC_KERNEL(mlcc_roialign_f16) { MLCC_ROIALIGN_BODY(uint16_t, float, mlcc_h2f, mlcc_f2h, ceilf) }
/* mlcc:end */

/* mlcc:helper mlcc_maxunpool_body */
#define MLCC_MAXUNPOOL_BODY(T)                                                            \
    const T *X = (const T *)in[0];                                                    \
    const int64_t *I = (const int64_t *)in[1];                                        \
    T *Y = (T *)out[0];                                                               \
    const int32_t nx = ip[0], r = ip[1], *inf = ip + 2, *od = inf + r;                \
    int32_t i, a, ny = 1, ni = 1;                                                     \
    MLCC_UNUSED(fp);                                                                  \
    for (a = 0; a < r; a++) {                                                         \
        ny *= od[a];                                                                  \
        ni *= inf[a];                                                                 \
    }                                                                                 \
    memset(Y, 0, sizeof(T) * (size_t)ny);                                             \
    for (i = 0; i < nx; i++) {                                                        \
        int64_t q = I[i];                                                             \
        int32_t o = 0, s = 1, ok = q >= 0 && q < (int64_t)ni;                         \
        for (a = r - 1; ok && a >= 0; a--) {                                          \
            int32_t cidx = (int32_t)(q % inf[a]);                                     \
            q /= inf[a];                                                              \
            if (cidx >= od[a]) { /* outside Y (cidx * s may not fit in int32) */      \
                ok = 0;                                                               \
            } else {                                                                  \
                o += cidx * s;                                                        \
                s *= od[a];                                                           \
            }                                                                         \
        }                                                                             \
        if (ok)                                                                       \
            Y[o] = X[i];                                                              \
    }
/* mlcc:end */

/* mlcc:kernel mlcc_maxunpool_x8 uses mlcc_maxunpool_body */
MLCC_KERNEL(mlcc_maxunpool_x8) { MLCC_MAXUNPOOL_BODY(uint8_t) }
/* mlcc:end */
/* mlcc:kernel mlcc_maxunpool_x16 uses mlcc_maxunpool_body */
MLCC_KERNEL(mlcc_maxunpool_x16) { MLCC_MAXUNPOOL_BODY(mlcc_x2) }
/* mlcc:end */
/* mlcc:kernel mlcc_maxunpool_x32 uses mlcc_maxunpool_body */
MLCC_KERNEL(mlcc_maxunpool_x32) { MLCC_MAXUNPOOL_BODY(mlcc_x4) }
/* mlcc:end */
/* mlcc:kernel mlcc_maxunpool_x64 uses mlcc_maxunpool_body */
MLCC_KERNEL(mlcc_maxunpool_x64) { MLCC_MAXUNPOOL_BODY(mlcc_x8) }
/* mlcc:end */
