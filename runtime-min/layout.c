/* layout.c - data movement, written by element size (x1 x2 x4 x8: bool/u8/i8,
 * f16/i16/u16, f32/i32/u32, f64/i64/u64): Transpose Concat Split Slice Tile
 * Expand DepthToSpace SpaceToDepth (one strided copy), Pad, Trilu.
 *
 * Strided copy (mlcc_transpose_xN, mlcc_concat_xN, mlcc_slice_xN,
 * mlcc_expand_xN; Split, Tile, DepthToSpace and SpaceToDepth use them too):
 *   ip = [n, r, xoff, yoff, dims[r], sx[r], sy[r]]
 *   for every index i of the r-dim box `dims`:
 *       y[yoff + sum i_k*sy_k] = x[xoff + sum i_k*sx_k]
 * n is the element count of the box (0: nothing to do); strides may be 0
 * (broadcast) or negative (reversed slices). The compiler drops size-1 dims
 * and merges contiguous ones, so r is small; r <= 2 * MLCC_MAX_RANK.
 *
 * Pad (mlcc_pad_xN): ip = [r, mode, din[r], dout[r], begin[r]]
 *   mode 0 constant (value from in[1], 0 when in[1] is NULL), 1 reflect,
 *   2 edge; begin[k] may be negative (cropping); y coordinate j reads x
 *   coordinate j - begin[k], reflected or clamped when outside [0, din[k]).
 *
 * Trilu (mlcc_trilu_xN): ip = [batch, rows, cols, k, upper]
 *   keeps y[i][j] = x[i][j] where j - i >= k (upper) or j - i <= k (lower),
 *   else 0 (all-zero bytes, which is 0 for every dtype). */
#include "mlcc_rt.h"

/* mlcc:helper mlcc_layout_strided */
#define MLCC_LAYOUT_STRIDED(T)                                                        \
    const T *X = (const T *)in[0];                                                    \
    T *Y = (T *)out[0];                                                               \
    int32_t n = ip[0], r = ip[1], ox = ip[2], oy = ip[3], k, j, it, outer = 1;       \
    const int32_t *d = ip + 4, *sx = d + r, *sy = sx + r;                             \
    int32_t idx[2 * MLCC_MAX_RANK] = {0}, inner, ix, iy;                              \
    MLCC_UNUSED(fp);                                                                  \
    if (n <= 0)                                                                       \
        return;                                                                       \
    inner = d[r - 1];                                                                 \
    ix = sx[r - 1];                                                                   \
    iy = sy[r - 1];                                                                   \
    for (k = 0; k < r - 1; k++)                                                       \
        outer *= d[k];                                                                \
    for (it = 0; it < outer; it++) {                                                  \
        if (ix == 1 && iy == 1) {                                                     \
            memcpy(Y + oy, X + ox, (size_t)inner * sizeof(T));                        \
        } else if (iy == 1) {                                                         \
            T *y = Y + oy;                                                            \
            for (j = 0; j < inner; j++)                                               \
                y[j] = X[ox + j * ix];                                                \
        } else {                                                                      \
            for (j = 0; j < inner; j++)                                               \
                Y[oy + j * iy] = X[ox + j * ix];                                      \
        }                                                                             \
        for (k = r - 2; k >= 0; k--) {                                                \
            ox += sx[k];                                                              \
            oy += sy[k];                                                              \
            if (++idx[k] < d[k])                                                      \
                break;                                                                \
            ox -= sx[k] * d[k];                                                       \
            oy -= sy[k] * d[k];                                                       \
            idx[k] = 0;                                                               \
        }                                                                             \
    }
/* mlcc:end */

/* mlcc:kernel mlcc_transpose_x1 uses mlcc_layout_strided */
MLCC_KERNEL(mlcc_transpose_x1) { MLCC_LAYOUT_STRIDED(uint8_t) }
/* mlcc:end */
/* mlcc:kernel mlcc_transpose_x2 uses mlcc_layout_strided */
MLCC_KERNEL(mlcc_transpose_x2) { MLCC_LAYOUT_STRIDED(mlcc_x2) }
/* mlcc:end */
/* mlcc:kernel mlcc_transpose_x4 uses mlcc_layout_strided */
MLCC_KERNEL(mlcc_transpose_x4) { MLCC_LAYOUT_STRIDED(mlcc_x4) }
/* mlcc:end */
/* mlcc:kernel mlcc_transpose_x8 uses mlcc_layout_strided */
MLCC_KERNEL(mlcc_transpose_x8) { MLCC_LAYOUT_STRIDED(mlcc_x8) }
/* mlcc:end */

/* mlcc:kernel mlcc_concat_x1 uses mlcc_layout_strided */
MLCC_KERNEL(mlcc_concat_x1) { MLCC_LAYOUT_STRIDED(uint8_t) }
/* mlcc:end */
/* mlcc:kernel mlcc_concat_x2 uses mlcc_layout_strided */
MLCC_KERNEL(mlcc_concat_x2) { MLCC_LAYOUT_STRIDED(mlcc_x2) }
/* mlcc:end */
/* mlcc:kernel mlcc_concat_x4 uses mlcc_layout_strided */
MLCC_KERNEL(mlcc_concat_x4) { MLCC_LAYOUT_STRIDED(mlcc_x4) }
/* mlcc:end */
/* mlcc:kernel mlcc_concat_x8 uses mlcc_layout_strided */
MLCC_KERNEL(mlcc_concat_x8) { MLCC_LAYOUT_STRIDED(mlcc_x8) }
/* mlcc:end */

/* mlcc:kernel mlcc_slice_x1 uses mlcc_layout_strided */
MLCC_KERNEL(mlcc_slice_x1) { MLCC_LAYOUT_STRIDED(uint8_t) }
/* mlcc:end */
/* mlcc:kernel mlcc_slice_x2 uses mlcc_layout_strided */
MLCC_KERNEL(mlcc_slice_x2) { MLCC_LAYOUT_STRIDED(mlcc_x2) }
/* mlcc:end */
/* mlcc:kernel mlcc_slice_x4 uses mlcc_layout_strided */
MLCC_KERNEL(mlcc_slice_x4) { MLCC_LAYOUT_STRIDED(mlcc_x4) }
/* mlcc:end */
/* mlcc:kernel mlcc_slice_x8 uses mlcc_layout_strided */
MLCC_KERNEL(mlcc_slice_x8) { MLCC_LAYOUT_STRIDED(mlcc_x8) }
/* mlcc:end */

/* mlcc:kernel mlcc_expand_x1 uses mlcc_layout_strided */
MLCC_KERNEL(mlcc_expand_x1) { MLCC_LAYOUT_STRIDED(uint8_t) }
/* mlcc:end */
/* mlcc:kernel mlcc_expand_x2 uses mlcc_layout_strided */
MLCC_KERNEL(mlcc_expand_x2) { MLCC_LAYOUT_STRIDED(mlcc_x2) }
/* mlcc:end */
/* mlcc:kernel mlcc_expand_x4 uses mlcc_layout_strided */
MLCC_KERNEL(mlcc_expand_x4) { MLCC_LAYOUT_STRIDED(mlcc_x4) }
/* mlcc:end */
/* mlcc:kernel mlcc_expand_x8 uses mlcc_layout_strided */
MLCC_KERNEL(mlcc_expand_x8) { MLCC_LAYOUT_STRIDED(mlcc_x8) }
/* mlcc:end */

/* mlcc:helper mlcc_layout_pad */
/* x coordinate for y coordinate j of a dim of n elements; -1 when outside
 * in constant mode. Reflect repeats with period 2(n-1), like numpy. */
static int32_t mlcc_pad_src(int32_t c, int32_t n, int32_t mode)
{
    if (c >= 0 && c < n)
        return c;
    if (mode == 0 || n <= 0)
        return -1;
    if (mode == 2 || n == 1)
        return c < 0 ? 0 : n - 1;
    {
        int32_t p = 2 * (n - 1), m = c % p;
        if (m < 0)
            m += p;
        return m >= n ? p - m : m;
    }
}
#define MLCC_LAYOUT_PAD(T)                                                            \
    const T *X = (const T *)in[0];                                                    \
    T *Y = (T *)out[0], v = in[1] ? *(const T *)in[1] : (T)0;                         \
    int32_t r = ip[0], mode = ip[1], k, j, it, outer = 1, nrow, inner, b, lo, hi;     \
    const int32_t *din = ip + 2, *dout = din + r, *beg = dout + r;                    \
    int32_t idx[MLCC_MAX_RANK] = {0}, sx[MLCC_MAX_RANK], s = 1;                       \
    MLCC_UNUSED(fp);                                                                  \
    for (k = r - 1; k >= 0; k--) {                                                    \
        sx[k] = s;                                                                    \
        s *= din[k];                                                                  \
    }                                                                                 \
    for (k = 0; k < r - 1; k++)                                                       \
        outer *= dout[k];                                                             \
    inner = dout[r - 1];                                                              \
    nrow = din[r - 1];                                                                \
    b = beg[r - 1];                                                                   \
    lo = b < 0 ? 0 : b > inner ? inner : b;                                           \
    hi = b + nrow < lo ? lo : b + nrow > inner ? inner : b + nrow;                    \
    for (it = 0; it < outer; it++, Y += inner) {                                      \
        int32_t ox = 0, ok = 1;                                                       \
        const T *x;                                                                   \
        for (k = 0; k < r - 1; k++) {                                                 \
            int32_t c = mlcc_pad_src(idx[k] - beg[k], din[k], mode);                  \
            if (c < 0)                                                                \
                ok = 0;                                                               \
            else                                                                      \
                ox += c * sx[k];                                                      \
        }                                                                             \
        for (k = r - 2; k >= 0; k--) {                                                \
            if (++idx[k] < dout[k])                                                   \
                break;                                                                \
            idx[k] = 0;                                                               \
        }                                                                             \
        if (!ok) {                                                                    \
            for (j = 0; j < inner; j++)                                               \
                Y[j] = v;                                                             \
            continue;                                                                 \
        }                                                                             \
        x = X + ox;                                                                   \
        if (hi > lo)                                                                  \
            memcpy(Y + lo, x + (lo - b), (size_t)(hi - lo) * sizeof(T));              \
        if (mode == 0) {                                                              \
            for (j = 0; j < lo; j++)                                                  \
                Y[j] = v;                                                             \
            for (j = hi; j < inner; j++)                                              \
                Y[j] = v;                                                             \
        } else {                                                                      \
            for (j = 0; j < lo; j++)                                                  \
                Y[j] = x[mlcc_pad_src(j - b, nrow, mode)];                            \
            for (j = hi; j < inner; j++)                                              \
                Y[j] = x[mlcc_pad_src(j - b, nrow, mode)];                            \
        }                                                                             \
    }
/* mlcc:end */

/* mlcc:kernel mlcc_pad_x1 uses mlcc_layout_pad */
MLCC_KERNEL(mlcc_pad_x1) { MLCC_LAYOUT_PAD(uint8_t) }
/* mlcc:end */
/* mlcc:kernel mlcc_pad_x2 uses mlcc_layout_pad */
MLCC_KERNEL(mlcc_pad_x2) { MLCC_LAYOUT_PAD(mlcc_x2) }
/* mlcc:end */
/* mlcc:kernel mlcc_pad_x4 uses mlcc_layout_pad */
MLCC_KERNEL(mlcc_pad_x4) { MLCC_LAYOUT_PAD(mlcc_x4) }
/* mlcc:end */
/* mlcc:kernel mlcc_pad_x8 uses mlcc_layout_pad */
MLCC_KERNEL(mlcc_pad_x8) { MLCC_LAYOUT_PAD(mlcc_x8) }
/* mlcc:end */

/* mlcc:helper mlcc_layout_trilu */
#define MLCC_LAYOUT_TRILU(T)                                                          \
    const T *X = (const T *)in[0];                                                    \
    T *Y = (T *)out[0];                                                               \
    int32_t nb = ip[0], rows = ip[1], cols = ip[2], kk = ip[3], upper = ip[4];       \
    int32_t b, i, j, lo, hi;                                                          \
    MLCC_UNUSED(fp);                                                                  \
    for (b = 0; b < nb; b++) {                                                        \
        for (i = 0; i < rows; i++, X += cols, Y += cols) {                            \
            /* kept columns: [lo, hi) */                                              \
            if (upper) {                                                              \
                lo = i + kk;                                                          \
                hi = cols;                                                            \
            } else {                                                                  \
                lo = 0;                                                               \
                hi = i + kk + 1;                                                      \
            }                                                                         \
            lo = lo < 0 ? 0 : lo > cols ? cols : lo;                                  \
            hi = hi < lo ? lo : hi > cols ? cols : hi;                                \
            for (j = 0; j < lo; j++)                                                  \
                Y[j] = 0;                                                             \
            if (hi > lo)                                                              \
                memcpy(Y + lo, X + lo, (size_t)(hi - lo) * sizeof(T));                \
            for (j = hi; j < cols; j++)                                               \
                Y[j] = 0;                                                             \
        }                                                                             \
    }
/* mlcc:end */

/* mlcc:kernel mlcc_trilu_x1 uses mlcc_layout_trilu */
MLCC_KERNEL(mlcc_trilu_x1) { MLCC_LAYOUT_TRILU(uint8_t) }
/* mlcc:end */
/* mlcc:kernel mlcc_trilu_x2 uses mlcc_layout_trilu */
MLCC_KERNEL(mlcc_trilu_x2) { MLCC_LAYOUT_TRILU(mlcc_x2) }
/* mlcc:end */
/* mlcc:kernel mlcc_trilu_x4 uses mlcc_layout_trilu */
MLCC_KERNEL(mlcc_trilu_x4) { MLCC_LAYOUT_TRILU(mlcc_x4) }
/* mlcc:end */
/* mlcc:kernel mlcc_trilu_x8 uses mlcc_layout_trilu */
MLCC_KERNEL(mlcc_trilu_x8) { MLCC_LAYOUT_TRILU(mlcc_x8) }
/* mlcc:end */
