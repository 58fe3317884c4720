/* logic.c - comparisons, boolean logic, Where and BitShift with numpy broadcasting.
 *
 * Two-input kernels (Equal Less LessOrEqual And Or Xor BitShift; Greater and
 * GreaterOrEqual are Less / LessOrEqual with the inputs swapped):
 *   ip = [n, r, dims[r], sa[r], sb[r]]: n output elements, the output shape
 *   (dims merged where possible, r >= 1), and per input the element stride of
 *   each output dim (0 where that input is broadcast).
 * Where: ip = [n, r, dims[r], sc[r], sx[r], sy[r]] (condition, X, Y); the
 *   kernel only moves bits, so one kernel serves every dtype of a size.
 * Not: ip = [n].
 * bool tensors hold one byte per element: 0 or 1 (any non-zero reads as true). */
#include "mlcc_rt.h"

/* mlcc:helper mlcc_logic_bcast2 */
/* Y[i] = EXPR(a, b) over the broadcast; the innermost dim is a plain loop. */
#define MLCC_LOGIC2(TI, TO, EXPR)                                                     \
    const TI *A = (const TI *)in[0], *B = (const TI *)in[1];                          \
    TO *Y = (TO *)out[0];                                                             \
    int32_t n = ip[0], r = ip[1], i, j, k;                                            \
    const int32_t *d = ip + 2, *sa = d + r, *sb = sa + r;                             \
    int32_t idx[MLCC_MAX_RANK] = {0}, oa = 0, ob = 0;                                 \
    int32_t dl = d[r - 1], ta = sa[r - 1], tb = sb[r - 1];                            \
    MLCC_UNUSED(fp);                                                                  \
    for (i = 0; i < n; i += dl) {                                                     \
        const TI *pa = A + oa, *pb = B + ob;                                          \
        TO *py = Y + i;                                                               \
        for (j = 0; j < dl; j++) {                                                    \
            TI a = pa[j * ta], b = pb[j * tb];                                        \
            py[j] = (TO)(EXPR);                                                       \
        }                                                                             \
        for (k = r - 2; k >= 0; k--) {                                                \
            oa += sa[k];                                                              \
            ob += sb[k];                                                              \
            if (++idx[k] < d[k])                                                      \
                break;                                                                \
            oa -= sa[k] * d[k];                                                       \
            ob -= sb[k] * d[k];                                                       \
            idx[k] = 0;                                                               \
        }                                                                             \
    }
/* mlcc:end */

/* mlcc:helper mlcc_logic_half */
/* float16 compared on its bits: a key that orders like the value (+0 == -0) */
#define MLCC_LOGIC_HNAN(h) (((h) & 0x7fffu) > 0x7c00u)
#define MLCC_LOGIC_HKEY(h) (((h) & 0x8000u) ? -(int32_t)((h) & 0x7fffu) : (int32_t)(h))
/* mlcc:end */

/* ---------------------------------------------------------------- Equal */
/* mlcc:kernel mlcc_equal_f32 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_equal_f32) { MLCC_LOGIC2(float, uint8_t, a == b) }
/* mlcc:end */
/* mlcc:kernel mlcc_equal_f64 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_equal_f64) { MLCC_LOGIC2(double, uint8_t, a == b) }
/* mlcc:end */
/* mlcc:kernel mlcc_equal_f16 uses mlcc_logic_bcast2 mlcc_logic_half */
MLCC_KERNEL(mlcc_equal_f16)
{
    MLCC_LOGIC2(uint16_t, uint8_t, !MLCC_LOGIC_HNAN(a) && !MLCC_LOGIC_HNAN(b) && MLCC_LOGIC_HKEY(a) == MLCC_LOGIC_HKEY(b))
}
/* mlcc:end */
/* mlcc:kernel mlcc_equal_i8 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_equal_i8) { MLCC_LOGIC2(int8_t, uint8_t, a == b) }
/* mlcc:end */
/* mlcc:kernel mlcc_equal_i16 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_equal_i16) { MLCC_LOGIC2(int16_t, uint8_t, a == b) }
/* mlcc:end */
/* mlcc:kernel mlcc_equal_i32 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_equal_i32) { MLCC_LOGIC2(int32_t, uint8_t, a == b) }
/* mlcc:end */
/* mlcc:kernel mlcc_equal_i64 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_equal_i64) { MLCC_LOGIC2(int64_t, uint8_t, a == b) }
/* mlcc:end */
/* mlcc:kernel mlcc_equal_u8 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_equal_u8) { MLCC_LOGIC2(uint8_t, uint8_t, a == b) }
/* mlcc:end */
/* mlcc:kernel mlcc_equal_u16 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_equal_u16) { MLCC_LOGIC2(uint16_t, uint8_t, a == b) }
/* mlcc:end */
/* mlcc:kernel mlcc_equal_u32 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_equal_u32) { MLCC_LOGIC2(uint32_t, uint8_t, a == b) }
/* mlcc:end */
/* mlcc:kernel mlcc_equal_u64 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_equal_u64) { MLCC_LOGIC2(uint64_t, uint8_t, a == b) }
/* mlcc:end */
/* mlcc:kernel mlcc_equal_b uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_equal_b) { MLCC_LOGIC2(uint8_t, uint8_t, (a != 0) == (b != 0)) }
/* mlcc:end */

/* ---------------------------------------------------------------- Less (Greater: swapped) */
/* mlcc:kernel mlcc_less_f32 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_less_f32) { MLCC_LOGIC2(float, uint8_t, a < b) }
/* mlcc:end */
/* mlcc:kernel mlcc_less_f64 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_less_f64) { MLCC_LOGIC2(double, uint8_t, a < b) }
/* mlcc:end */
/* mlcc:kernel mlcc_less_f16 uses mlcc_logic_bcast2 mlcc_logic_half */
MLCC_KERNEL(mlcc_less_f16)
{
    MLCC_LOGIC2(uint16_t, uint8_t, !MLCC_LOGIC_HNAN(a) && !MLCC_LOGIC_HNAN(b) && MLCC_LOGIC_HKEY(a) < MLCC_LOGIC_HKEY(b))
}
/* mlcc:end */
/* mlcc:kernel mlcc_less_i8 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_less_i8) { MLCC_LOGIC2(int8_t, uint8_t, a < b) }
/* mlcc:end */
/* mlcc:kernel mlcc_less_i16 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_less_i16) { MLCC_LOGIC2(int16_t, uint8_t, a < b) }
/* mlcc:end */
/* mlcc:kernel mlcc_less_i32 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_less_i32) { MLCC_LOGIC2(int32_t, uint8_t, a < b) }
/* mlcc:end */
/* mlcc:kernel mlcc_less_i64 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_less_i64) { MLCC_LOGIC2(int64_t, uint8_t, a < b) }
/* mlcc:end */
/* mlcc:kernel mlcc_less_u8 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_less_u8) { MLCC_LOGIC2(uint8_t, uint8_t, a < b) }
/* mlcc:end */
/* mlcc:kernel mlcc_less_u16 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_less_u16) { MLCC_LOGIC2(uint16_t, uint8_t, a < b) }
/* mlcc:end */
/* mlcc:kernel mlcc_less_u32 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_less_u32) { MLCC_LOGIC2(uint32_t, uint8_t, a < b) }
/* mlcc:end */
/* mlcc:kernel mlcc_less_u64 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_less_u64) { MLCC_LOGIC2(uint64_t, uint8_t, a < b) }
/* mlcc:end */

/* ---------------------------------------------------------------- LessOrEqual (GreaterOrEqual: swapped) */
/* mlcc:kernel mlcc_lessequal_f32 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_lessequal_f32) { MLCC_LOGIC2(float, uint8_t, a <= b) }
/* mlcc:end */
/* mlcc:kernel mlcc_lessequal_f64 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_lessequal_f64) { MLCC_LOGIC2(double, uint8_t, a <= b) }
/* mlcc:end */
/* mlcc:kernel mlcc_lessequal_f16 uses mlcc_logic_bcast2 mlcc_logic_half */
MLCC_KERNEL(mlcc_lessequal_f16)
{
    MLCC_LOGIC2(uint16_t, uint8_t, !MLCC_LOGIC_HNAN(a) && !MLCC_LOGIC_HNAN(b) && MLCC_LOGIC_HKEY(a) <= MLCC_LOGIC_HKEY(b))
}
/* mlcc:end */
/* mlcc:kernel mlcc_lessequal_i8 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_lessequal_i8) { MLCC_LOGIC2(int8_t, uint8_t, a <= b) }
/* mlcc:end */
/* mlcc:kernel mlcc_lessequal_i16 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_lessequal_i16) { MLCC_LOGIC2(int16_t, uint8_t, a <= b) }
/* mlcc:end */
/* mlcc:kernel mlcc_lessequal_i32 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_lessequal_i32) { MLCC_LOGIC2(int32_t, uint8_t, a <= b) }
/* mlcc:end */
/* mlcc:kernel mlcc_lessequal_i64 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_lessequal_i64) { MLCC_LOGIC2(int64_t, uint8_t, a <= b) }
/* mlcc:end */
/* mlcc:kernel mlcc_lessequal_u8 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_lessequal_u8) { MLCC_LOGIC2(uint8_t, uint8_t, a <= b) }
/* mlcc:end */
/* mlcc:kernel mlcc_lessequal_u16 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_lessequal_u16) { MLCC_LOGIC2(uint16_t, uint8_t, a <= b) }
/* mlcc:end */
/* mlcc:kernel mlcc_lessequal_u32 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_lessequal_u32) { MLCC_LOGIC2(uint32_t, uint8_t, a <= b) }
/* mlcc:end */
/* mlcc:kernel mlcc_lessequal_u64 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_lessequal_u64) { MLCC_LOGIC2(uint64_t, uint8_t, a <= b) }
/* mlcc:end */

/* ---------------------------------------------------------------- And Or Xor Not */
/* mlcc:kernel mlcc_and_b uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_and_b) { MLCC_LOGIC2(uint8_t, uint8_t, a != 0 && b != 0) }
/* mlcc:end */
/* mlcc:kernel mlcc_or_b uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_or_b) { MLCC_LOGIC2(uint8_t, uint8_t, a != 0 || b != 0) }
/* mlcc:end */
/* mlcc:kernel mlcc_xor_b uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_xor_b) { MLCC_LOGIC2(uint8_t, uint8_t, (a != 0) != (b != 0)) }
/* mlcc:end */

/* mlcc:kernel mlcc_not_b */
MLCC_KERNEL(mlcc_not_b)
{
    const uint8_t *X = (const uint8_t *)in[0];
    uint8_t *Y = (uint8_t *)out[0];
    int32_t n = ip[0], i;
    MLCC_UNUSED(fp);
    for (i = 0; i < n; i++)
        Y[i] = (uint8_t)(X[i] == 0);
}
/* mlcc:end */

/* ---------------------------------------------------------------- BitShift
 * a shift by the element width or more gives 0 (in C it would be undefined) */
/* mlcc:kernel mlcc_shl_u8 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_shl_u8) { MLCC_LOGIC2(uint8_t, uint8_t, b >= 8u ? 0u : (uint32_t)a << b) }
/* mlcc:end */
/* mlcc:kernel mlcc_shl_u16 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_shl_u16) { MLCC_LOGIC2(uint16_t, uint16_t, b >= 16u ? 0u : (uint32_t)a << b) }
/* mlcc:end */
/* mlcc:kernel mlcc_shl_u32 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_shl_u32) { MLCC_LOGIC2(uint32_t, uint32_t, b >= 32u ? 0u : a << b) }
/* mlcc:end */
/* mlcc:kernel mlcc_shl_u64 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_shl_u64) { MLCC_LOGIC2(uint64_t, uint64_t, b >= 64u ? 0u : a << b) }
/* mlcc:end */
/* mlcc:kernel mlcc_shr_u8 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_shr_u8) { MLCC_LOGIC2(uint8_t, uint8_t, b >= 8u ? 0u : (uint32_t)a >> b) }
/* mlcc:end */
/* mlcc:kernel mlcc_shr_u16 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_shr_u16) { MLCC_LOGIC2(uint16_t, uint16_t, b >= 16u ? 0u : (uint32_t)a >> b) }
/* mlcc:end */
/* mlcc:kernel mlcc_shr_u32 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_shr_u32) { MLCC_LOGIC2(uint32_t, uint32_t, b >= 32u ? 0u : a >> b) }
/* mlcc:end */
/* mlcc:kernel mlcc_shr_u64 uses mlcc_logic_bcast2 */
MLCC_KERNEL(mlcc_shr_u64) { MLCC_LOGIC2(uint64_t, uint64_t, b >= 64u ? 0u : a >> b) }
/* mlcc:end */

/* ---------------------------------------------------------------- Where */
/* mlcc:helper mlcc_logic_where */
#define MLCC_WHERE(T)                                                                 \
    const uint8_t *C = (const uint8_t *)in[0];                                        \
    const T *X = (const T *)in[1], *W = (const T *)in[2];                             \
    T *Y = (T *)out[0];                                                               \
    int32_t n = ip[0], r = ip[1], i, j, k;                                            \
    const int32_t *d = ip + 2, *sc = d + r, *sx = sc + r, *sy = sx + r;               \
    int32_t idx[MLCC_MAX_RANK] = {0}, oc = 0, ox = 0, oy = 0;                         \
    int32_t dl = d[r - 1], tc = sc[r - 1], tx = sx[r - 1], ty = sy[r - 1];            \
    MLCC_UNUSED(fp);                                                                  \
    for (i = 0; i < n; i += dl) {                                                     \
        const uint8_t *pc = C + oc;                                                   \
        const T *px = X + ox, *pw = W + oy;                                           \
        T *py = Y + i;                                                                \
        for (j = 0; j < dl; j++)                                                      \
            py[j] = pc[j * tc] ? px[j * tx] : pw[j * ty];                             \
        for (k = r - 2; k >= 0; k--) {                                                \
            oc += sc[k];                                                              \
            ox += sx[k];                                                              \
            oy += sy[k];                                                              \
            if (++idx[k] < d[k])                                                      \
                break;                                                                \
            oc -= sc[k] * d[k];                                                       \
            ox -= sx[k] * d[k];                                                       \
            oy -= sy[k] * d[k];                                                       \
            idx[k] = 0;                                                               \
        }                                                                             \
    }
/* mlcc:end */

/* mlcc:kernel mlcc_where_x8 uses mlcc_logic_where */
MLCC_KERNEL(mlcc_where_x8) { MLCC_WHERE(uint8_t) }
/* mlcc:end */
/* mlcc:kernel mlcc_where_x16 uses mlcc_logic_where */
MLCC_KERNEL(mlcc_where_x16) { MLCC_WHERE(mlcc_x2) }
/* mlcc:end */
/* mlcc:kernel mlcc_where_x32 uses mlcc_logic_where */
MLCC_KERNEL(mlcc_where_x32) { MLCC_WHERE(mlcc_x4) }
/* mlcc:end */
/* mlcc:kernel mlcc_where_x64 uses mlcc_logic_where */
MLCC_KERNEL(mlcc_where_x64) { MLCC_WHERE(mlcc_x8) }
/* mlcc:end */
