/* gather.c - indexed data movement: Gather GatherElements GatherND
 * ScatterElements (Scatter) ScatterND OneHot.
 *
 * Data of any type moves by bytes (Gather, GatherND, ScatterND without
 * reduction) or by element size (the _x8 _x16 _x32 _x64 kernels); scatters
 * with a reduction are typed. Indices may be int32 or int64 (OneHot: any
 * numeric type): ip carries their kind, read by mlcc_gather_index. Negative
 * indices count from the end; an index still out of range reads zeros and
 * writes nothing (the compiler rejects constant indices out of range). */
#include "mlcc_rt.h"

/* mlcc:helper mlcc_gather_index */
/* kind: 0 int32, 1 int64, 2 float32, 3 float64, 4 uint8, 5 int8, 6 uint16,
 * 7 int16, 8 uint32, 9 uint64. Non-finite or huge values give INT64_MIN. */
static int64_t mlcc_gather_index(const void *p, int32_t kind, int32_t i)
{
    double v;
    switch (kind) {
    case 0: return ((const int32_t *)p)[i];
    case 1: return ((const int64_t *)p)[i];
    case 2: v = (double)((const float *)p)[i]; break;
    case 3: v = ((const double *)p)[i]; break;
    case 4: return ((const uint8_t *)p)[i];
    case 5: return ((const int8_t *)p)[i];
    case 6: return ((const uint16_t *)p)[i];
    case 7: return ((const int16_t *)p)[i];
    case 8: return ((const uint32_t *)p)[i];
    case 9: return ((const uint64_t *)p)[i] > (uint64_t)INT64_MAX ? INT64_MIN : (int64_t)((const uint64_t *)p)[i];
    default: return INT64_MIN;
    }
    if (!(v > -9.0e18 && v < 9.0e18))
        return INT64_MIN;
    return (int64_t)v;
}
/* mlcc:end */

/* mlcc:helper mlcc_gather_copy */
/* copy `n` bytes; the common element sizes become plain moves */
#define MLCC_GATHER_COPY(dst, src, n)                                                  \
    do {                                                                             \
        if ((n) == 4)                                                                \
            memcpy((dst), (src), 4);                                                 \
        else if ((n) == 8)                                                           \
            memcpy((dst), (src), 8);                                                 \
        else                                                                         \
            memcpy((dst), (src), (size_t)(n));                                       \
    } while (0)
/* mlcc:end */

/* Gather: ip = [outer, n, chunk bytes, nidx, kind]; y[o][t] = x[o][idx[t]] */
/* mlcc:kernel mlcc_gather uses mlcc_gather_index mlcc_gather_copy */
MLCC_KERNEL(mlcc_gather)
{
    const uint8_t *X = (const uint8_t *)in[0];
    uint8_t *Y = (uint8_t *)out[0];
    int32_t outer = ip[0], n = ip[1], cb = ip[2], ni = ip[3], kind = ip[4], o, t;
    MLCC_UNUSED(fp);
    for (o = 0; o < outer; o++) {
        const uint8_t *xo = X + (size_t)o * (size_t)n * (size_t)cb;
        for (t = 0; t < ni; t++, Y += cb) {
            int64_t k = mlcc_gather_index(in[1], kind, t);
            if (k < 0)
                k += n;
            if (k < 0 || k >= n)
                memset(Y, 0, (size_t)cb);
            else
                MLCC_GATHER_COPY(Y, xo + (size_t)k * (size_t)cb, cb);
        }
    }
}
/* mlcc:end */

/* GatherND: ip = [B, G, m, slice bytes, batch stride bytes, kind, dims[m], strides bytes[m]];
 * indices are [B][G][m]; y[b][g] = the slice of x[b] at the m indices */
/* mlcc:kernel mlcc_gather_nd uses mlcc_gather_index mlcc_gather_copy */
MLCC_KERNEL(mlcc_gather_nd)
{
    const uint8_t *X = (const uint8_t *)in[0];
    uint8_t *Y = (uint8_t *)out[0];
    int32_t nb = ip[0], ng = ip[1], m = ip[2], sb = ip[3], bs = ip[4], kind = ip[5], b, g, j, t = 0;
    const int32_t *dims = ip + 6, *str = dims + m;
    MLCC_UNUSED(fp);
    for (b = 0; b < nb; b++) {
        for (g = 0; g < ng; g++, Y += sb) {
            size_t off = (size_t)b * (size_t)bs;
            int ok = 1;
            for (j = 0; j < m; j++, t++) {
                int64_t k = mlcc_gather_index(in[1], kind, t);
                if (k < 0)
                    k += dims[j];
                if (k < 0 || k >= dims[j])
                    ok = 0;
                else
                    off += (size_t)k * (size_t)str[j];
            }
            if (ok)
                MLCC_GATHER_COPY(Y, X + off, sb);
            else
                memset(Y, 0, (size_t)sb);
        }
    }
}
/* mlcc:end */

/* mlcc:helper mlcc_gather_odometer */
/* Walk the r-dim index space `id` of shape `dims`, keeping `o` = sum id[k] * ostr[k]. */
#define MLCC_GATHER_NEXT(r, dims, ostr, id, o)                                         \
    do {                                                                             \
        int32_t k_;                                                                  \
        for (k_ = (r) - 1; k_ >= 0; k_--) {                                          \
            (o) += (ostr)[k_];                                                       \
            if (++(id)[k_] < (dims)[k_])                                             \
                break;                                                               \
            (o) -= (ostr)[k_] * (dims)[k_];                                          \
            (id)[k_] = 0;                                                            \
        }                                                                            \
    } while (0)
/* mlcc:end */

/* GatherElements: ip = [r, kind, naxis, axis stride, idims[r], ostr[r]] where
 * ostr are the data strides with 0 on the axis; y[i] = x[i with idx[i] on the axis] */
/* mlcc:helper mlcc_gather_elements */
#define MLCC_GATHER_ELEMENTS(T)                                                        \
    const T *X = (const T *)in[0];                                                   \
    T *Y = (T *)out[0];                                                              \
    int32_t r = ip[0], kind = ip[1], na = ip[2], as = ip[3], t, tot = 1, o = 0;      \
    const int32_t *dims = ip + 4, *ostr = dims + r;                                  \
    int32_t id[MLCC_MAX_RANK] = {0};                                                 \
    MLCC_UNUSED(fp);                                                                 \
    for (t = 0; t < r; t++)                                                          \
        tot *= dims[t];                                                              \
    for (t = 0; t < tot; t++) {                                                      \
        int64_t k = mlcc_gather_index(in[1], kind, t);                               \
        if (k < 0)                                                                   \
            k += na;                                                                 \
        Y[t] = (k < 0 || k >= na) ? (T)0 : X[o + (int32_t)k * as];                   \
        MLCC_GATHER_NEXT(r, dims, ostr, id, o);                                      \
    }
/* mlcc:end */

/* mlcc:kernel mlcc_gather_elements_x8 uses mlcc_gather_index mlcc_gather_odometer mlcc_gather_elements */
MLCC_KERNEL(mlcc_gather_elements_x8) { MLCC_GATHER_ELEMENTS(uint8_t) }
/* mlcc:end */
/* mlcc:kernel mlcc_gather_elements_x16 uses mlcc_gather_index mlcc_gather_odometer mlcc_gather_elements */
MLCC_KERNEL(mlcc_gather_elements_x16) { MLCC_GATHER_ELEMENTS(mlcc_x2) }
/* mlcc:end */
/* mlcc:kernel mlcc_gather_elements_x32 uses mlcc_gather_index mlcc_gather_odometer mlcc_gather_elements */
MLCC_KERNEL(mlcc_gather_elements_x32) { MLCC_GATHER_ELEMENTS(mlcc_x4) }
/* mlcc:end */
/* mlcc:kernel mlcc_gather_elements_x64 uses mlcc_gather_index mlcc_gather_odometer mlcc_gather_elements */
MLCC_KERNEL(mlcc_gather_elements_x64) { MLCC_GATHER_ELEMENTS(mlcc_x8) }
/* mlcc:end */

/* ScatterElements: ip = [r, kind, naxis, axis stride, ndata, reduction, idims[r], ostr[r]]:
 * y = x, then y[i with idx[i] on the axis] = u[i] (or combined by the reduction:
 * 1 add, 2 mul, 3 max, 4 min; the typed kernels). */
/* mlcc:helper mlcc_scatter_elements */
#define MLCC_SCATTER_ELEMENTS(T, COMBINE)                                              \
    T *Y = (T *)out[0];                                                              \
    const T *U = (const T *)in[2];                                                   \
    int32_t r = ip[0], kind = ip[1], na = ip[2], as = ip[3], nd = ip[4], red = ip[5]; \
    int32_t t, tot = 1, o = 0;                                                       \
    const int32_t *dims = ip + 6, *ostr = dims + r;                                  \
    int32_t id[MLCC_MAX_RANK] = {0};                                                 \
    MLCC_UNUSED(fp);                                                                 \
    MLCC_UNUSED(red);                                                                \
    if (out[0] != in[0])                                                             \
        memmove(Y, in[0], (size_t)nd * sizeof(T));                                   \
    for (t = 0; t < r; t++)                                                          \
        tot *= dims[t];                                                              \
    for (t = 0; t < tot; t++) {                                                      \
        int64_t k = mlcc_gather_index(in[1], kind, t);                               \
        if (k < 0)                                                                   \
            k += na;                                                                 \
        if (k >= 0 && k < na) {                                                      \
            T *y = Y + o + (int32_t)k * as;                                          \
            T a = *y, b = U[t];                                                      \
            MLCC_UNUSED(a);                                                          \
            *y = (T)(COMBINE);                                                       \
        }                                                                            \
        MLCC_GATHER_NEXT(r, dims, ostr, id, o);                                      \
    }
/* the reductions: 1 add, 2 mul, 3 max, 4 min, else replace; add and mul are
 * computed in W, for integers the unsigned type of T's width (they wrap
 * around: no signed overflow) */
#define MLCC_SCATTER_RED(T, W, a, b)                                                   \
    (red == 1 ? (T)((W)(a) + (W)(b)) : red == 2 ? (T)((W)(a) * (W)(b))               \
     : red == 3 ? ((b) > (a) ? (b) : (a)) : red == 4 ? ((b) < (a) ? (b) : (a)) : (b))
/* mlcc:end */

/* mlcc:kernel mlcc_scatter_elements_x8 uses mlcc_gather_index mlcc_gather_odometer mlcc_scatter_elements */
MLCC_KERNEL(mlcc_scatter_elements_x8) { MLCC_SCATTER_ELEMENTS(uint8_t, b) }
/* mlcc:end */
/* mlcc:kernel mlcc_scatter_elements_x16 uses mlcc_gather_index mlcc_gather_odometer mlcc_scatter_elements */
MLCC_KERNEL(mlcc_scatter_elements_x16) { MLCC_SCATTER_ELEMENTS(mlcc_x2, b) }
/* mlcc:end */
/* mlcc:kernel mlcc_scatter_elements_x32 uses mlcc_gather_index mlcc_gather_odometer mlcc_scatter_elements */
MLCC_KERNEL(mlcc_scatter_elements_x32) { MLCC_SCATTER_ELEMENTS(mlcc_x4, b) }
/* mlcc:end */
/* mlcc:kernel mlcc_scatter_elements_x64 uses mlcc_gather_index mlcc_gather_odometer mlcc_scatter_elements */
MLCC_KERNEL(mlcc_scatter_elements_x64) { MLCC_SCATTER_ELEMENTS(mlcc_x8, b) }
/* mlcc:end */
/* mlcc:kernel mlcc_scatter_elements_red_f32 uses mlcc_gather_index mlcc_gather_odometer mlcc_scatter_elements */
MLCC_KERNEL(mlcc_scatter_elements_red_f32) { MLCC_SCATTER_ELEMENTS(float, MLCC_SCATTER_RED(float, float, a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_scatter_elements_red_f64 uses mlcc_gather_index mlcc_gather_odometer mlcc_scatter_elements */
MLCC_KERNEL(mlcc_scatter_elements_red_f64) { MLCC_SCATTER_ELEMENTS(double, MLCC_SCATTER_RED(double, double, a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_scatter_elements_red_i32 uses mlcc_gather_index mlcc_gather_odometer mlcc_scatter_elements */
MLCC_KERNEL(mlcc_scatter_elements_red_i32) { MLCC_SCATTER_ELEMENTS(int32_t, MLCC_SCATTER_RED(int32_t, uint32_t, a, b)) }
/* mlcc:end */
/* mlcc:kernel mlcc_scatter_elements_red_i64 uses mlcc_gather_index mlcc_gather_odometer mlcc_scatter_elements */
MLCC_KERNEL(mlcc_scatter_elements_red_i64) { MLCC_SCATTER_ELEMENTS(int64_t, MLCC_SCATTER_RED(int64_t, uint64_t, a, b)) }
/* mlcc:end */

/* ScatterND: ip = [G, m, slice elements, element bytes, ndata elements, kind, reduction,
 * dims[m], strides[m] (elements)]: y = x, then for each of the G index tuples the
 * slice of y it names = the next slice of u (or combined by the reduction). */
/* mlcc:helper mlcc_scatter_nd_common uses mlcc_gather_index */
/* offset of index tuple g in elements, or -1 when out of range */
static int64_t mlcc_scatter_nd_offset(const int32_t *ip, const void *I, int32_t g)
{
    int32_t m = ip[1], kind = ip[5], j;
    const int32_t *dims = ip + 7, *str = dims + m;
    int64_t off = 0;
    for (j = 0; j < m; j++) {
        int64_t k = mlcc_gather_index(I, kind, g * m + j);
        if (k < 0)
            k += dims[j];
        if (k < 0 || k >= dims[j])
            return -1;
        off += k * str[j];
    }
    return off;
}
#define MLCC_SCATTER_ND_RED(T, W)                                                       \
    T *Y = (T *)out[0];                                                              \
    const T *U = (const T *)in[2];                                                   \
    int32_t ng = ip[0], sl = ip[2], nd = ip[4], red = ip[6], g, i;                   \
    MLCC_UNUSED(fp);                                                                 \
    if (out[0] != in[0])                                                             \
        memmove(Y, in[0], (size_t)nd * sizeof(T));                                   \
    for (g = 0; g < ng; g++, U += sl) {                                              \
        int64_t off = mlcc_scatter_nd_offset(ip, in[1], g);                          \
        T *y;                                                                        \
        if (off < 0)                                                                 \
            continue;                                                                \
        y = Y + off;                                                                 \
        for (i = 0; i < sl; i++)                                                     \
            y[i] = (T)MLCC_SCATTER_RED(T, W, y[i], U[i]);                            \
    }
/* mlcc:end */

/* mlcc:kernel mlcc_scatter_nd uses mlcc_gather_index mlcc_scatter_nd_common */
MLCC_KERNEL(mlcc_scatter_nd)
{
    uint8_t *Y = (uint8_t *)out[0];
    const uint8_t *U = (const uint8_t *)in[2];
    int32_t ng = ip[0], es = ip[3], nd = ip[4], g;
    size_t sb = (size_t)ip[2] * (size_t)es;
    MLCC_UNUSED(fp);
    if (out[0] != in[0])
        memmove(Y, in[0], (size_t)nd * (size_t)es);
    for (g = 0; g < ng; g++, U += sb) {
        int64_t off = mlcc_scatter_nd_offset(ip, in[1], g);
        if (off >= 0)
            memcpy(Y + (size_t)off * (size_t)es, U, sb);
    }
}
/* mlcc:end */
/* mlcc:kernel mlcc_scatter_nd_red_f32 uses mlcc_gather_index mlcc_scatter_nd_common mlcc_scatter_elements */
MLCC_KERNEL(mlcc_scatter_nd_red_f32) { MLCC_SCATTER_ND_RED(float, float) }
/* mlcc:end */
/* mlcc:kernel mlcc_scatter_nd_red_f64 uses mlcc_gather_index mlcc_scatter_nd_common mlcc_scatter_elements */
MLCC_KERNEL(mlcc_scatter_nd_red_f64) { MLCC_SCATTER_ND_RED(double, double) }
/* mlcc:end */
/* mlcc:kernel mlcc_scatter_nd_red_i32 uses mlcc_gather_index mlcc_scatter_nd_common mlcc_scatter_elements */
MLCC_KERNEL(mlcc_scatter_nd_red_i32) { MLCC_SCATTER_ND_RED(int32_t, uint32_t) }
/* mlcc:end */
/* mlcc:kernel mlcc_scatter_nd_red_i64 uses mlcc_gather_index mlcc_scatter_nd_common mlcc_scatter_elements */
MLCC_KERNEL(mlcc_scatter_nd_red_i64) { MLCC_SCATTER_ND_RED(int64_t, uint64_t) }
/* mlcc:end */

/* OneHot: ip = [outer, depth, inner, kind]; in[2] = {off, on}; y is
 * [outer][depth][inner], on where the index (negative: + depth) matches. */
/* mlcc:helper mlcc_onehot */
#define MLCC_ONEHOT(T)                                                                 \
    T *Y = (T *)out[0];                                                              \
    const T *V = (const T *)in[2];                                                   \
    int32_t outer = ip[0], depth = ip[1], inner = ip[2], kind = ip[3], o, j, t;      \
    T off = V[0], on = V[1];                                                         \
    MLCC_UNUSED(fp);                                                                 \
    for (t = 0; t < outer * depth * inner; t++)                                      \
        Y[t] = off;                                                                  \
    for (o = 0; o < outer; o++)                                                      \
        for (j = 0; j < inner; j++) {                                                \
            int64_t k = mlcc_gather_index(in[0], kind, o * inner + j);               \
            if (k < 0)                                                               \
                k += depth;                                                          \
            if (k >= 0 && k < depth)                                                 \
                Y[((size_t)o * (size_t)depth + (size_t)k) * (size_t)inner + (size_t)j] = on; \
        }
/* mlcc:end */

/* mlcc:kernel mlcc_onehot_x8 uses mlcc_gather_index mlcc_onehot */
MLCC_KERNEL(mlcc_onehot_x8) { MLCC_ONEHOT(uint8_t) }
/* mlcc:end */
/* mlcc:kernel mlcc_onehot_x16 uses mlcc_gather_index mlcc_onehot */
MLCC_KERNEL(mlcc_onehot_x16) { MLCC_ONEHOT(mlcc_x2) }
/* mlcc:end */
/* mlcc:kernel mlcc_onehot_x32 uses mlcc_gather_index mlcc_onehot */
MLCC_KERNEL(mlcc_onehot_x32) { MLCC_ONEHOT(mlcc_x4) }
/* mlcc:end */
/* mlcc:kernel mlcc_onehot_x64 uses mlcc_gather_index mlcc_onehot */
MLCC_KERNEL(mlcc_onehot_x64) { MLCC_ONEHOT(mlcc_x8) }
/* mlcc:end */
