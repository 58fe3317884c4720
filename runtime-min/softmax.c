/* softmax.c - Softmax LogSoftmax Hardmax for float32, float64, float16.
 *
 * ip = [outer, n, inner]: element (o, j, i) is at (o*n + j)*inner + i and is
 * normalised over j. When inner > 1, out[1] is a scratch buffer of 2*inner
 * accumulators (running max and sum, or max and argmax), so that every loop
 * runs over contiguous memory. Numerically stable: the row maximum is
 * subtracted before exponentiating. float16 is computed in float32. */
#include "mlcc_rt.h"
#include "mlcc_shared.h"

/* Softmax (LOG 0) or LogSoftmax (LOG 1). T element type, A accumulator type,
 * LD/ST convert T <-> A, KEEP 1 when Softmax keeps its exp values in Y (no
 * loss: T is A; always 0 for LogSoftmax). */
/* mlcc:helper mlcc_softmax_body */
#define MLCC_SOFTMAX(T, A, LD, ST, EXP, LN, LOG, KEEP)                                    \
    const T *X = (const T *)in[0];                                                        \
    T *Y = (T *)out[0];                                                                   \
    int32_t outer = ip[0], n = ip[1], inner = ip[2], o, j, i;                             \
    MLCC_UNUSED(fp);                                                                      \
    if (n <= 0)                                                                           \
        return;                                                                           \
    if (inner == 1) {                                                                     \
        for (o = 0; o < outer; o++) {                                                     \
            const T *x = X + (size_t)o * (size_t)n;                                       \
            T *y = Y + (size_t)o * (size_t)n;                                             \
            A m = LD(x[0]), s, e;                                                         \
            for (j = 1; j < n; j++)                                                       \
                if (LD(x[j]) > m)                                                         \
                    m = LD(x[j]);                                                         \
            s = EXP(LD(x[0]) - m);                                                        \
            if (KEEP)                                                                     \
                y[0] = ST(s);                                                             \
            for (j = 1; j < n; j++) {                                                     \
                e = EXP(LD(x[j]) - m);                                                    \
                if (KEEP)                                                                 \
                    y[j] = ST(e);                                                         \
                s += e;                                                                   \
            }                                                                             \
            if (LOG) {                                                                    \
                s = m + LN(s);                                                            \
                for (j = 0; j < n; j++)                                                   \
                    y[j] = ST(LD(x[j]) - s);                                              \
            } else {                                                                      \
                s = (A)1 / s;                                                             \
                for (j = 0; j < n; j++)                                                   \
                    y[j] = ST((KEEP ? LD(y[j]) : EXP(LD(x[j]) - m)) * s);                 \
            }                                                                             \
        }                                                                                 \
    } else {                                                                              \
        A *mx = (A *)out[1], *sm = mx + inner;                                            \
        for (o = 0; o < outer; o++) {                                                     \
            const T *x = X + (size_t)o * (size_t)n * (size_t)inner, *xj;                  \
            T *y = Y + (size_t)o * (size_t)n * (size_t)inner, *yj;                        \
            for (i = 0; i < inner; i++) {                                                 \
                mx[i] = LD(x[i]);                                                         \
                sm[i] = 0;                                                                \
            }                                                                             \
            for (j = 1; j < n; j++) {                                                     \
                xj = x + (size_t)j * (size_t)inner;                                       \
                for (i = 0; i < inner; i++)                                               \
                    if (LD(xj[i]) > mx[i])                                                \
                        mx[i] = LD(xj[i]);                                                \
            }                                                                             \
            for (j = 0; j < n; j++) {                                                     \
                xj = x + (size_t)j * (size_t)inner;                                       \
                yj = y + (size_t)j * (size_t)inner;                                       \
                for (i = 0; i < inner; i++) {                                             \
                    A e = EXP(LD(xj[i]) - mx[i]);                                         \
                    if (KEEP)                                                             \
                        yj[i] = ST(e);                                                    \
                    sm[i] += e;                                                           \
                }                                                                         \
            }                                                                             \
            for (i = 0; i < inner; i++)                                                   \
                sm[i] = LOG ? mx[i] + LN(sm[i]) : (A)1 / sm[i];                           \
            for (j = 0; j < n; j++) {                                                     \
                xj = x + (size_t)j * (size_t)inner;                                       \
                yj = y + (size_t)j * (size_t)inner;                                       \
                for (i = 0; i < inner; i++)                                               \
                    yj[i] = LOG ? ST(LD(xj[i]) - sm[i])                                   \
                                : ST((KEEP ? LD(yj[i]) : EXP(LD(xj[i]) - mx[i])) * sm[i]); \
            }                                                                             \
        }                                                                                 \
    }
/* mlcc:end */

/* Hardmax: 1 at the first maximum along the axis, 0 elsewhere. */
/* mlcc:helper mlcc_hardmax_body */
#define MLCC_HARDMAX(T, A, LD, ONE, ZERO)                                                 \
    const T *X = (const T *)in[0];                                                        \
    T *Y = (T *)out[0];                                                                   \
    int32_t outer = ip[0], n = ip[1], inner = ip[2], o, j, i, b;                          \
    MLCC_UNUSED(fp);                                                                      \
    if (n <= 0)                                                                           \
        return;                                                                           \
    if (inner == 1) {                                                                     \
        for (o = 0; o < outer; o++) {                                                     \
            const T *x = X + (size_t)o * (size_t)n;                                       \
            T *y = Y + (size_t)o * (size_t)n;                                             \
            A m = LD(x[0]);                                                               \
            b = 0;                                                                        \
            for (j = 1; j < n; j++)                                                       \
                if (LD(x[j]) > m) {                                                       \
                    m = LD(x[j]);                                                         \
                    b = j;                                                                \
                }                                                                         \
            for (j = 0; j < n; j++)                                                       \
                y[j] = j == b ? ONE : ZERO;                                               \
        }                                                                                 \
    } else {                                                                              \
        A *mx = (A *)out[1];                                                              \
        int32_t *arg = (int32_t *)(void *)((unsigned char *)out[1] + sizeof(A) * (size_t)inner); \
        for (o = 0; o < outer; o++) {                                                     \
            const T *x = X + (size_t)o * (size_t)n * (size_t)inner, *xj;                  \
            T *y = Y + (size_t)o * (size_t)n * (size_t)inner, *yj;                        \
            for (i = 0; i < inner; i++) {                                                 \
                mx[i] = LD(x[i]);                                                         \
                arg[i] = 0;                                                               \
            }                                                                             \
            for (j = 1; j < n; j++) {                                                     \
                xj = x + (size_t)j * (size_t)inner;                                       \
                for (i = 0; i < inner; i++)                                               \
                    if (LD(xj[i]) > mx[i]) {                                              \
                        mx[i] = LD(xj[i]);                                                \
                        arg[i] = j;                                                       \
                    }                                                                     \
            }                                                                             \
            for (j = 0; j < n; j++) {                                                     \
                yj = y + (size_t)j * (size_t)inner;                                       \
                for (i = 0; i < inner; i++)                                               \
                    yj[i] = arg[i] == j ? ONE : ZERO;                                     \
            }                                                                             \
        }                                                                                 \
    }
/* mlcc:end */

/* mlcc:helper mlcc_softmax_id */
#define MLCC_SMX_ID(v) (v)
/* mlcc:end */

/* mlcc:kernel mlcc_softmax_f32 uses mlcc_softmax_body mlcc_softmax_id libm */
MLCC_KERNEL(mlcc_softmax_f32) { MLCC_SOFTMAX(float, float, MLCC_SMX_ID, MLCC_SMX_ID, expf, logf, 0, 1) }
/* mlcc:end */
/* mlcc:kernel mlcc_softmax_log_f32 uses mlcc_softmax_body mlcc_softmax_id libm */
MLCC_KERNEL(mlcc_softmax_log_f32) { MLCC_SOFTMAX(float, float, MLCC_SMX_ID, MLCC_SMX_ID, expf, logf, 1, 0) }
/* mlcc:end */
/* mlcc:kernel mlcc_softmax_hard_f32 uses mlcc_hardmax_body mlcc_softmax_id */
MLCC_KERNEL(mlcc_softmax_hard_f32) { MLCC_HARDMAX(float, float, MLCC_SMX_ID, 1.0f, 0.0f) }
/* mlcc:end */

/* mlcc:kernel mlcc_softmax_f64 uses mlcc_softmax_body mlcc_softmax_id libm */
MLCC_KERNEL(mlcc_softmax_f64) { MLCC_SOFTMAX(double, double, MLCC_SMX_ID, MLCC_SMX_ID, exp, log, 0, 1) }
/* mlcc:end */
/* mlcc:kernel mlcc_softmax_log_f64 uses mlcc_softmax_body mlcc_softmax_id libm */
MLCC_KERNEL(mlcc_softmax_log_f64) { MLCC_SOFTMAX(double, double, MLCC_SMX_ID, MLCC_SMX_ID, exp, log, 1, 0) }
/* mlcc:end */
/* mlcc:kernel mlcc_softmax_hard_f64 uses mlcc_hardmax_body mlcc_softmax_id */
MLCC_KERNEL(mlcc_softmax_hard_f64) { MLCC_HARDMAX(double, double, MLCC_SMX_ID, 1.0, 0.0) }
/* mlcc:end */

/* mlcc:kernel mlcc_softmax_f16 uses mlcc_softmax_body mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_softmax_f16) { MLCC_SOFTMAX(uint16_t, float, mlcc_h2f, mlcc_f2h, expf, logf, 0, 0) }
/* mlcc:end */
/* mlcc:kernel mlcc_softmax_log_f16 uses mlcc_softmax_body mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_softmax_log_f16) { MLCC_SOFTMAX(uint16_t, float, mlcc_h2f, mlcc_f2h, expf, logf, 1, 0) }
/* mlcc:end */
/* mlcc:kernel mlcc_softmax_hard_f16 uses mlcc_hardmax_body mlcc_shared_h2f */
MLCC_KERNEL(mlcc_softmax_hard_f16) { MLCC_HARDMAX(uint16_t, float, mlcc_h2f, 0x3c00u, 0u) }
/* mlcc:end */
