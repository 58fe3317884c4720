/* resize.c - Resize and Upsample: separable N-D interpolation from tables
 * the compiler computes (every coordinate transformation, nearest rounding,
 * linear/cubic coefficients, exclude_outside and tf_crop_and_resize are
 * resolved at compile time into taps: input offsets and weights per output
 * index of each axis).
 *
 * ip = [r, out dims[r], taps[r], itab[r], wtab[r], tables...]: for axis a and
 * output index i, taps t < taps[a] read input offset ip[itab[a] + i*taps[a] + t]
 * (the input index times the axis stride; -1 in tap 0: the output is
 * outside the crop and takes the extrapolation value) with weight
 * fp[wtab[a] + i*taps[a] + t]. An output element is the sum over every tap
 * combination of the product of the axis weights times the input element.
 * fp[0] = extrapolation value.
 *
 * The _x8.._x64 kernels (nearest, one tap of weight 1 on every axis) move
 * elements of any type; in[1] is then the extrapolation value in the data type. */
#include "mlcc_rt.h"

/* mlcc:helper mlcc_resize_common */
#define MLCC_RESIZE_HEAD                                                               \
    int32_t r = ip[0], t, a, tot = 1;                                                \
    const int32_t *od = ip + 1, *nt = od + r, *it = nt + r, *wt = it + r;            \
    int32_t id[MLCC_MAX_RANK] = {0};                                                 \
    for (a = 0; a < r; a++)                                                          \
        tot *= od[a];
#define MLCC_RESIZE_NEXT                                                               \
    for (a = r - 1; a >= 0; a--) {                                                   \
        if (++id[a] < od[a])                                                         \
            break;                                                                   \
        id[a] = 0;                                                                   \
    }
/* mlcc:end */

/* mlcc:helper mlcc_resize_interp */
#define MLCC_RESIZE_INTERP(T, TA)                                                      \
    const T *X = (const T *)in[0];                                                   \
    T *Y = (T *)out[0];                                                              \
    int32_t multi[MLCC_MAX_RANK], nm = 0, j;                                         \
    MLCC_RESIZE_HEAD                                                                 \
    for (a = 0; a < r; a++)                                                          \
        if (nt[a] > 1)                                                               \
            multi[nm++] = a;                                                         \
    for (t = 0; t < tot; t++) {                                                      \
        int32_t base = 0, ext = 0, tk[MLCC_MAX_RANK] = {0};                          \
        TA wb = (TA)1, acc = (TA)0;                                                  \
        for (a = 0; a < r; a++) {                                                    \
            int32_t k = id[a] * nt[a], e = ip[it[a] + k];                            \
            if (e < 0)                                                               \
                ext = 1;                                                             \
            else if (nt[a] == 1) {                                                   \
                base += e;                                                           \
                wb *= (TA)fp[wt[a] + k];                                             \
            }                                                                        \
        }                                                                            \
        if (ext) {                                                                   \
            Y[t] = (T)fp[0];                                                         \
            MLCC_RESIZE_NEXT                                                         \
            continue;                                                                \
        }                                                                            \
        for (;;) {                                                                   \
            int32_t off = base;                                                      \
            TA w = wb;                                                               \
            for (j = 0; j < nm; j++) {                                               \
                int32_t k = id[multi[j]] * nt[multi[j]] + tk[j];                     \
                off += ip[it[multi[j]] + k];                                         \
                w *= (TA)fp[wt[multi[j]] + k];                                       \
            }                                                                        \
            acc += w * (TA)X[off];                                                   \
            for (j = nm - 1; j >= 0; j--) {                                          \
                if (++tk[j] < nt[multi[j]])                                          \
                    break;                                                           \
                tk[j] = 0;                                                           \
            }                                                                        \
            if (j < 0)                                                               \
                break;                                                               \
        }                                                                            \
        Y[t] = (T)acc;                                                               \
        MLCC_RESIZE_NEXT                                                             \
    }
/* mlcc:end */

/* mlcc:kernel mlcc_resize_f32 uses mlcc_resize_common mlcc_resize_interp */
MLCC_KERNEL(mlcc_resize_f32) { MLCC_RESIZE_INTERP(float, float) }
/* mlcc:end */
/* mlcc:kernel mlcc_resize_f64 uses mlcc_resize_common mlcc_resize_interp */
MLCC_KERNEL(mlcc_resize_f64) { MLCC_RESIZE_INTERP(double, double) }
/* mlcc:end */

/* mlcc:helper mlcc_resize_nearest */
#define MLCC_RESIZE_NEAREST(T)                                                         \
    const T *X = (const T *)in[0];                                                   \
    T *Y = (T *)out[0];                                                              \
    T ev = *(const T *)in[1];                                                        \
    MLCC_RESIZE_HEAD                                                                 \
    MLCC_UNUSED(fp);                                                                 \
    MLCC_UNUSED(wt);                                                                 \
    for (t = 0; t < tot; t++) {                                                      \
        int32_t base = 0, ext = 0;                                                   \
        for (a = 0; a < r; a++) {                                                    \
            int32_t e = ip[it[a] + id[a]];                                           \
            if (e < 0)                                                               \
                ext = 1;                                                             \
            base += e;                                                               \
        }                                                                            \
        Y[t] = ext ? ev : X[base];                                                   \
        MLCC_RESIZE_NEXT                                                             \
    }
/* mlcc:end */

/* mlcc:kernel mlcc_resize_nearest_x8 uses mlcc_resize_common mlcc_resize_nearest */
MLCC_KERNEL(mlcc_resize_nearest_x8) { MLCC_RESIZE_NEAREST(uint8_t) }
/* mlcc:end */
/* mlcc:kernel mlcc_resize_nearest_x16 uses mlcc_resize_common mlcc_resize_nearest */
MLCC_KERNEL(mlcc_resize_nearest_x16) { MLCC_RESIZE_NEAREST(mlcc_x2) }
/* mlcc:end */
/* mlcc:kernel mlcc_resize_nearest_x32 uses mlcc_resize_common mlcc_resize_nearest */
MLCC_KERNEL(mlcc_resize_nearest_x32) { MLCC_RESIZE_NEAREST(mlcc_x4) }
/* mlcc:end */
/* mlcc:kernel mlcc_resize_nearest_x64 uses mlcc_resize_common mlcc_resize_nearest */
MLCC_KERNEL(mlcc_resize_nearest_x64) { MLCC_RESIZE_NEAREST(mlcc_x8) }
/* mlcc:end */
