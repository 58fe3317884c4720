/* misc.c - Einsum TopK EyeLike ReverseSequence Det TfIdfVectorizer.
 *
 * Einsum: ip = [nops, no, nr, dims[no + nr], per operand strides[no + nr]];
 *   loops 0..no-1 run over the output (row-major), loops no.. are summed;
 *   the compiler gives each operand an element stride per loop (0 where it
 *   does not depend on it, a sum of strides along a diagonal).
 * TopK: ip = [outer, n, inner, k, largest, has values, has indices]; out =
 *   [values] [indices int64] then a scratch of k int32 (a heap of the k best
 *   indices of one slice, the worst at the root). Ties go to the lower index;
 *   NaN orders above every number. The k results come best first.
 * EyeLike: ip = [rows, cols, k]: ones where column - row == k.
 * ReverseSequence: ip = [batch, time, block bytes, batch is axis 0]; in[1] the
 *   int64 lengths, clamped to [0, time].
 * Det: ip = [batch, m]; scratch m*m accumulators; LU with partial pivoting.
 * TfIdfVectorizer: n-gram counts against a pool compiled into sorted tables
 *   (see the kernel).
 * float16 is computed in float32. */
#include "mlcc_rt.h"
#include "mlcc_shared.h"

/* mlcc:helper mlcc_misc_conv */
#define MLCC_MISC_ID(v) (v)
#define MLCC_MISC_U64(v) ((uint64_t)(v))
#define MLCC_MISC_NAN(v) ((v) != (v))
#define MLCC_MISC_NONAN(v) 0
/* mlcc:end */

/* ------------------------------------------------------------ Einsum */

/* T element type, A accumulator (uint64_t for integers: wrapping products
 * and sums), LD/ST convert T <-> A. The innermost summed loop is a plain
 * loop; the other loops advance like an odometer, offsets kept per operand. */
/* mlcc:helper mlcc_einsum_body */
#define MLCC_EINSUM_MAXOPS 16
#define MLCC_EINSUM_MAXLOOPS 64
#define MLCC_EINSUM(T, A, LD, ST)                                                          \
    const T *X[MLCC_EINSUM_MAXOPS] = {0};                                                  \
    T *Y = (T *)out[0];                                                                    \
    int32_t nops = ip[0], no = ip[1], nr = ip[2], nl = no + nr;                            \
    const int32_t *dims = ip + 3, *st = dims + nl;                                         \
    int32_t idx[MLCC_EINSUM_MAXLOOPS], base[MLCC_EINSUM_MAXOPS], off[MLCC_EINSUM_MAXOPS];  \
    int32_t istr[MLCC_EINSUM_MAXOPS] = {0}, nout = 1, nred = 1, ilen, o, r, j, k, q;       \
    MLCC_UNUSED(fp);                                                                       \
    for (k = 0; k < nops; k++) {                                                           \
        X[k] = (const T *)in[k];                                                           \
        base[k] = 0;                                                                       \
        istr[k] = nr ? st[k * nl + nl - 1] : 0;                                            \
    }                                                                                      \
    for (q = 0; q < nl; q++)                                                               \
        idx[q] = 0;                                                                        \
    for (q = 0; q < no; q++)                                                               \
        nout *= dims[q];                                                                   \
    for (q = no; q < nl; q++)                                                              \
        nred *= dims[q];                                                                   \
    ilen = nr ? dims[nl - 1] : 1;                                                          \
    for (o = 0; o < nout; o++) {                                                           \
        A acc = 0;                                                                         \
        for (k = 0; k < nops; k++)                                                         \
            off[k] = base[k];                                                              \
        for (r = 0; r < nred; r += ilen) {                                                 \
            if (nops == 2) {                                                               \
                const T *pa = X[0] + off[0], *pb = X[1] + off[1];                          \
                int32_t sa = istr[0], sb = istr[1];                                        \
                for (j = 0; j < ilen; j++)                                                 \
                    acc += LD(pa[j * sa]) * LD(pb[j * sb]);                                \
            } else {                                                                       \
                for (j = 0; j < ilen; j++) {                                               \
                    A p = LD(X[0][off[0] + j * istr[0]]);                                  \
                    for (k = 1; k < nops; k++)                                             \
                        p *= LD(X[k][off[k] + j * istr[k]]);                               \
                    acc += p;                                                              \
                }                                                                          \
            }                                                                              \
            for (q = nl - 2; q >= no; q--) {                                               \
                for (k = 0; k < nops; k++)                                                 \
                    off[k] += st[k * nl + q];                                              \
                if (++idx[q] < dims[q])                                                    \
                    break;                                                                 \
                for (k = 0; k < nops; k++)                                                 \
                    off[k] -= st[k * nl + q] * dims[q];                                    \
                idx[q] = 0;                                                                \
            }                                                                              \
        }                                                                                  \
        Y[o] = ST(acc);                                                                    \
        for (q = no - 1; q >= 0; q--) {                                                    \
            for (k = 0; k < nops; k++)                                                     \
                base[k] += st[k * nl + q];                                                 \
            if (++idx[q] < dims[q])                                                        \
                break;                                                                     \
            for (k = 0; k < nops; k++)                                                     \
                base[k] -= st[k * nl + q] * dims[q];                                       \
            idx[q] = 0;                                                                    \
        }                                                                                  \
    }
/* mlcc:end */

/* mlcc:kernel mlcc_einsum_f32 uses mlcc_einsum_body mlcc_misc_conv */
MLCC_KERNEL(mlcc_einsum_f32) { MLCC_EINSUM(float, float, MLCC_MISC_ID, MLCC_MISC_ID) }
/* mlcc:end */
/* mlcc:kernel mlcc_einsum_f64 uses mlcc_einsum_body mlcc_misc_conv */
MLCC_KERNEL(mlcc_einsum_f64) { MLCC_EINSUM(double, double, MLCC_MISC_ID, MLCC_MISC_ID) }
/* mlcc:end */
/* mlcc:kernel mlcc_einsum_f16 uses mlcc_einsum_body mlcc_shared_h2f mlcc_shared_f2h */
MLCC_KERNEL(mlcc_einsum_f16) { MLCC_EINSUM(uint16_t, float, mlcc_h2f, mlcc_f2h) }
/* mlcc:end */
/* mlcc:kernel mlcc_einsum_i8 uses mlcc_einsum_body mlcc_misc_conv */
MLCC_KERNEL(mlcc_einsum_i8) { MLCC_EINSUM(int8_t, uint64_t, MLCC_MISC_U64, (int8_t)) }
/* mlcc:end */
/* mlcc:kernel mlcc_einsum_i16 uses mlcc_einsum_body mlcc_misc_conv */
MLCC_KERNEL(mlcc_einsum_i16) { MLCC_EINSUM(int16_t, uint64_t, MLCC_MISC_U64, (int16_t)) }
/* mlcc:end */
/* mlcc:kernel mlcc_einsum_i32 uses mlcc_einsum_body mlcc_misc_conv */
MLCC_KERNEL(mlcc_einsum_i32) { MLCC_EINSUM(int32_t, uint64_t, MLCC_MISC_U64, (int32_t)) }
/* mlcc:end */
/* mlcc:kernel mlcc_einsum_i64 uses mlcc_einsum_body mlcc_misc_conv */
MLCC_KERNEL(mlcc_einsum_i64) { MLCC_EINSUM(int64_t, uint64_t, MLCC_MISC_U64, (int64_t)) }
/* mlcc:end */
/* mlcc:kernel mlcc_einsum_u8 uses mlcc_einsum_body mlcc_misc_conv */
MLCC_KERNEL(mlcc_einsum_u8) { MLCC_EINSUM(uint8_t, uint64_t, MLCC_MISC_U64, (uint8_t)) }
/* mlcc:end */
/* mlcc:kernel mlcc_einsum_u16 uses mlcc_einsum_body mlcc_misc_conv */
MLCC_KERNEL(mlcc_einsum_u16) { MLCC_EINSUM(uint16_t, uint64_t, MLCC_MISC_U64, (uint16_t)) }
/* mlcc:end */
/* mlcc:kernel mlcc_einsum_u32 uses mlcc_einsum_body mlcc_misc_conv */
MLCC_KERNEL(mlcc_einsum_u32) { MLCC_EINSUM(uint32_t, uint64_t, MLCC_MISC_U64, (uint32_t)) }
/* mlcc:end */
/* mlcc:kernel mlcc_einsum_u64 uses mlcc_einsum_body mlcc_misc_conv */
MLCC_KERNEL(mlcc_einsum_u64) { MLCC_EINSUM(uint64_t, uint64_t, MLCC_MISC_U64, (uint64_t)) }
/* mlcc:end */

/* ------------------------------------------------------------ TopK */

/* res = 1 when index a of the slice x (stride inner) ranks before index b:
 * larger (or smaller) first, NaN above every number, ties to the lower index */
/* mlcc:helper mlcc_topk_body */
#define MLCC_TOPK_BEFORE(A, LD, ISNAN, a, b, res)                                          \
    do {                                                                                   \
        A va_ = LD(x[(a) * inner]), vb_ = LD(x[(b) * inner]);                              \
        int na_ = ISNAN(va_), nb_ = ISNAN(vb_);                                            \
        int gt_ = na_ ? !nb_ : (!nb_ && va_ > vb_);                                        \
        int lt_ = nb_ ? !na_ : (!na_ && va_ < vb_);                                        \
        res = (gt_ || lt_) ? (largest ? gt_ : lt_) : (a) < (b);                            \
    } while (0)
/* move `item` down from the root of the heap h[0..sz) (the root ranks last) */
#define MLCC_TOPK_SIFT(A, LD, ISNAN, item, sz)                                             \
    do {                                                                                   \
        int32_t c_ = 0, l_, w_, bf_;                                                       \
        for (;;) {                                                                         \
            l_ = 2 * c_ + 1;                                                               \
            if (l_ >= (sz))                                                                \
                break;                                                                     \
            w_ = l_;                                                                       \
            if (l_ + 1 < (sz)) {                                                           \
                MLCC_TOPK_BEFORE(A, LD, ISNAN, h[l_], h[l_ + 1], bf_);                     \
                if (bf_)                                                                   \
                    w_ = l_ + 1;                                                           \
            }                                                                              \
            MLCC_TOPK_BEFORE(A, LD, ISNAN, item, h[w_], bf_);                              \
            if (!bf_)                                                                      \
                break;                                                                     \
            h[c_] = h[w_];                                                                 \
            c_ = w_;                                                                       \
        }                                                                                  \
        h[c_] = (item);                                                                    \
    } while (0)
#define MLCC_TOPK(T, A, LD, ISNAN)                                                         \
    const T *X = (const T *)in[0];                                                         \
    int32_t outer = ip[0], n = ip[1], inner = ip[2], k = ip[3], largest = ip[4], pos = 0;  \
    T *V = ip[5] ? (T *)out[pos++] : (T *)0;                                               \
    int64_t *I = ip[6] ? (int64_t *)out[pos++] : (int64_t *)0;                             \
    int32_t *h = (int32_t *)out[pos];                                                      \
    int32_t o, i, j, sz, c, p, bf;                                                         \
    MLCC_UNUSED(fp);                                                                       \
    if (k <= 0)                                                                            \
        return;                                                                            \
    for (o = 0; o < outer; o++) {                                                          \
        for (i = 0; i < inner; i++) {                                                      \
            const T *x = X + o * n * inner + i;                                            \
            int32_t ob = o * k * inner + i;                                                \
            sz = 0;                                                                        \
            for (j = 0; j < n; j++) {                                                      \
                if (sz < k) {                                                              \
                    for (c = sz++; c > 0; c = p) {                                         \
                        p = (c - 1) / 2;                                                   \
                        MLCC_TOPK_BEFORE(A, LD, ISNAN, h[p], j, bf);                       \
                        if (!bf)                                                           \
                            break;                                                         \
                        h[c] = h[p];                                                       \
                    }                                                                      \
                    h[c] = j;                                                              \
                } else {                                                                   \
                    MLCC_TOPK_BEFORE(A, LD, ISNAN, j, h[0], bf);                           \
                    if (bf)                                                                \
                        MLCC_TOPK_SIFT(A, LD, ISNAN, j, sz);                               \
                }                                                                          \
            }                                                                              \
            /* pop the last-ranked to the back: the results come best first */           \
            for (; sz > 0; sz--) {                                                         \
                int32_t top = h[0], last = h[sz - 1];                                      \
                if (V)                                                                     \
                    V[ob + (sz - 1) * inner] = x[top * inner];                             \
                if (I)                                                                     \
                    I[ob + (sz - 1) * inner] = top;                                        \
                MLCC_TOPK_SIFT(A, LD, ISNAN, last, sz - 1);                                \
            }                                                                              \
        }                                                                                  \
    }
/* mlcc:end */

/* mlcc:kernel mlcc_topk_f32 uses mlcc_topk_body mlcc_misc_conv */
MLCC_KERNEL(mlcc_topk_f32) { MLCC_TOPK(float, float, MLCC_MISC_ID, MLCC_MISC_NAN) }
/* mlcc:end */
/* mlcc:kernel mlcc_topk_f64 uses mlcc_topk_body mlcc_misc_conv */
MLCC_KERNEL(mlcc_topk_f64) { MLCC_TOPK(double, double, MLCC_MISC_ID, MLCC_MISC_NAN) }
/* mlcc:end */
/* mlcc:kernel mlcc_topk_f16 uses mlcc_topk_body mlcc_misc_conv mlcc_shared_h2f */
MLCC_KERNEL(mlcc_topk_f16) { MLCC_TOPK(uint16_t, float, mlcc_h2f, MLCC_MISC_NAN) }
/* mlcc:end */
/* mlcc:kernel mlcc_topk_i8 uses mlcc_topk_body mlcc_misc_conv */
MLCC_KERNEL(mlcc_topk_i8) { MLCC_TOPK(int8_t, int8_t, MLCC_MISC_ID, MLCC_MISC_NONAN) }
/* mlcc:end */
/* mlcc:kernel mlcc_topk_i16 uses mlcc_topk_body mlcc_misc_conv */
MLCC_KERNEL(mlcc_topk_i16) { MLCC_TOPK(int16_t, int16_t, MLCC_MISC_ID, MLCC_MISC_NONAN) }
/* mlcc:end */
/* mlcc:kernel mlcc_topk_i32 uses mlcc_topk_body mlcc_misc_conv */
MLCC_KERNEL(mlcc_topk_i32) { MLCC_TOPK(int32_t, int32_t, MLCC_MISC_ID, MLCC_MISC_NONAN) }
/* mlcc:end */
/* mlcc:kernel mlcc_topk_i64 uses mlcc_topk_body mlcc_misc_conv */
MLCC_KERNEL(mlcc_topk_i64) { MLCC_TOPK(int64_t, int64_t, MLCC_MISC_ID, MLCC_MISC_NONAN) }
/* mlcc:end */
/* mlcc:kernel mlcc_topk_u8 uses mlcc_topk_body mlcc_misc_conv */
MLCC_KERNEL(mlcc_topk_u8) { MLCC_TOPK(uint8_t, uint8_t, MLCC_MISC_ID, MLCC_MISC_NONAN) }
/* mlcc:end */
/* mlcc:kernel mlcc_topk_u16 uses mlcc_topk_body mlcc_misc_conv */
MLCC_KERNEL(mlcc_topk_u16) { MLCC_TOPK(uint16_t, uint16_t, MLCC_MISC_ID, MLCC_MISC_NONAN) }
/* mlcc:end */
/* mlcc:kernel mlcc_topk_u32 uses mlcc_topk_body mlcc_misc_conv */
MLCC_KERNEL(mlcc_topk_u32) { MLCC_TOPK(uint32_t, uint32_t, MLCC_MISC_ID, MLCC_MISC_NONAN) }
/* mlcc:end */
/* mlcc:kernel mlcc_topk_u64 uses mlcc_topk_body mlcc_misc_conv */
MLCC_KERNEL(mlcc_topk_u64) { MLCC_TOPK(uint64_t, uint64_t, MLCC_MISC_ID, MLCC_MISC_NONAN) }
/* mlcc:end */

/* ------------------------------------------------------------ EyeLike */

/* mlcc:helper mlcc_eyelike_body */
#define MLCC_EYELIKE(T, ONE)                                                               \
    T *Y = (T *)out[0];                                                                    \
    int32_t rows = ip[0], cols = ip[1], k = ip[2], i, j;                                   \
    MLCC_UNUSED(fp);                                                                       \
    MLCC_UNUSED(in);                                                                       \
    memset(Y, 0, (size_t)rows * (size_t)cols * sizeof(T));                                 \
    for (i = 0; i < rows; i++) {                                                           \
        j = i + k;                                                                         \
        if (j >= 0 && j < cols)                                                            \
            Y[i * cols + j] = ONE;                                                         \
    }
/* mlcc:end */

/* mlcc:kernel mlcc_eyelike_f32 uses mlcc_eyelike_body */
MLCC_KERNEL(mlcc_eyelike_f32) { MLCC_EYELIKE(float, 1.0f) }
/* mlcc:end */
/* mlcc:kernel mlcc_eyelike_f64 uses mlcc_eyelike_body */
MLCC_KERNEL(mlcc_eyelike_f64) { MLCC_EYELIKE(double, 1.0) }
/* mlcc:end */
/* mlcc:kernel mlcc_eyelike_f16 uses mlcc_eyelike_body */
MLCC_KERNEL(mlcc_eyelike_f16) { MLCC_EYELIKE(uint16_t, 0x3c00u) }
/* mlcc:end */
/* mlcc:kernel mlcc_eyelike_i8 uses mlcc_eyelike_body */
MLCC_KERNEL(mlcc_eyelike_i8) { MLCC_EYELIKE(int8_t, 1) }
/* mlcc:end */
/* mlcc:kernel mlcc_eyelike_i16 uses mlcc_eyelike_body */
MLCC_KERNEL(mlcc_eyelike_i16) { MLCC_EYELIKE(int16_t, 1) }
/* mlcc:end */
/* mlcc:kernel mlcc_eyelike_i32 uses mlcc_eyelike_body */
MLCC_KERNEL(mlcc_eyelike_i32) { MLCC_EYELIKE(int32_t, 1) }
/* mlcc:end */
/* mlcc:kernel mlcc_eyelike_i64 uses mlcc_eyelike_body */
MLCC_KERNEL(mlcc_eyelike_i64) { MLCC_EYELIKE(int64_t, 1) }
/* mlcc:end */
/* mlcc:kernel mlcc_eyelike_u8 uses mlcc_eyelike_body */
MLCC_KERNEL(mlcc_eyelike_u8) { MLCC_EYELIKE(uint8_t, 1) }
/* mlcc:end */
/* mlcc:kernel mlcc_eyelike_u16 uses mlcc_eyelike_body */
MLCC_KERNEL(mlcc_eyelike_u16) { MLCC_EYELIKE(uint16_t, 1) }
/* mlcc:end */
/* mlcc:kernel mlcc_eyelike_u32 uses mlcc_eyelike_body */
MLCC_KERNEL(mlcc_eyelike_u32) { MLCC_EYELIKE(uint32_t, 1) }
/* mlcc:end */
/* mlcc:kernel mlcc_eyelike_u64 uses mlcc_eyelike_body */
MLCC_KERNEL(mlcc_eyelike_u64) { MLCC_EYELIKE(uint64_t, 1) }
/* mlcc:end */
/* mlcc:kernel mlcc_eyelike_b uses mlcc_eyelike_body */
MLCC_KERNEL(mlcc_eyelike_b) { MLCC_EYELIKE(uint8_t, 1) }
/* mlcc:end */

/* ------------------------------------------------------------ ReverseSequence */

/* mlcc:kernel mlcc_reverse_seq */
MLCC_KERNEL(mlcc_reverse_seq)
{
    const uint8_t *X = (const uint8_t *)in[0];
    const int64_t *L = (const int64_t *)in[1];
    uint8_t *Y = (uint8_t *)out[0];
    int32_t nb = ip[0], nt = ip[1], blk = ip[2], batch_first = ip[3], b, t;
    MLCC_UNUSED(fp);
    for (b = 0; b < nb; b++) {
        int32_t len = L[b] < 0 ? 0 : L[b] > nt ? nt : (int32_t)L[b];
        for (t = 0; t < nt; t++) {
            int32_t src = t < len ? len - 1 - t : t;
            int32_t yo = batch_first ? b * nt + t : t * nb + b;
            int32_t xo = batch_first ? b * nt + src : src * nb + b;
            memcpy(Y + (size_t)yo * (size_t)blk, X + (size_t)xo * (size_t)blk, (size_t)blk);
        }
    }
}
/* mlcc:end */

/* ------------------------------------------------------------ Det */

/* mlcc:helper mlcc_det_body */
#define MLCC_DET(T, A, LD, ST, ABS)                                                        \
    const T *X = (const T *)in[0];                                                         \
    T *Y = (T *)out[0];                                                                    \
    A *a = (A *)out[1];                                                                    \
    int32_t batch = ip[0], m = ip[1], b, i, j, c, p;                                       \
    MLCC_UNUSED(fp);                                                                       \
    for (b = 0; b < batch; b++) {                                                          \
        const T *xb = X + b * m * m;                                                       \
        A det = 1;                                                                         \
        for (i = 0; i < m * m; i++)                                                        \
            a[i] = LD(xb[i]);                                                              \
        for (c = 0; c < m; c++) {                                                          \
            A best = ABS(a[c * m + c]);                                                    \
            p = c;                                                                         \
            for (i = c + 1; i < m; i++)                                                    \
                if (ABS(a[i * m + c]) > best) {                                            \
                    best = ABS(a[i * m + c]);                                              \
                    p = i;                                                                 \
                }                                                                          \
            if (best == 0) {                                                               \
                det = 0;                                                                   \
                break;                                                                     \
            }                                                                              \
            if (p != c) {                                                                  \
                for (j = c; j < m; j++) {                                                  \
                    A tmp = a[c * m + j];                                                  \
                    a[c * m + j] = a[p * m + j];                                           \
                    a[p * m + j] = tmp;                                                    \
                }                                                                          \
                det = -det;                                                                \
            }                                                                              \
            det *= a[c * m + c];                                                           \
            for (i = c + 1; i < m; i++) {                                                  \
                A f = a[i * m + c] / a[c * m + c];                                         \
                for (j = c + 1; j < m; j++)                                                \
                    a[i * m + j] -= f * a[c * m + j];                                      \
            }                                                                              \
        }                                                                                  \
        Y[b] = ST(det);                                                                    \
    }
/* mlcc:end */

/* mlcc:kernel mlcc_det_f32 uses mlcc_det_body mlcc_misc_conv libm */
MLCC_KERNEL(mlcc_det_f32) { MLCC_DET(float, float, MLCC_MISC_ID, MLCC_MISC_ID, fabsf) }
/* mlcc:end */
/* mlcc:kernel mlcc_det_f64 uses mlcc_det_body mlcc_misc_conv libm */
MLCC_KERNEL(mlcc_det_f64) { MLCC_DET(double, double, MLCC_MISC_ID, MLCC_MISC_ID, fabs) }
/* mlcc:end */
/* mlcc:kernel mlcc_det_f16 uses mlcc_det_body mlcc_shared_h2f mlcc_shared_f2h libm */
MLCC_KERNEL(mlcc_det_f16) { MLCC_DET(uint16_t, float, mlcc_h2f, mlcc_f2h, fabsf) }
/* mlcc:end */

/* TfIdfVectorizer: for every row of C values, count the pool n-grams: for
 * each length n (nmin..nmax) and skip s (0..S; unigrams once), the n-gram at
 * start i is x[i], x[i + s+1], ..., x[i + (n-1)(s+1)]; a binary search finds
 * it among the sorted pool n-grams of that length. Then Y[index[e]] +=
 * (idf ? min(count, 1) : count) * weight[e] for every entry e.
 * ip = [rows, C, out_len, entries, nmin, nmax, S, idf, per length: first
 * entry, count, table offset]; in = X, table (int64, n values an entry),
 * index (int32), weight (float); out = Y (float), scratch int32 counts. */
/* mlcc:helper mlcc_tfidf_body */
#define MLCC_TFIDF(TX)                                                                     \
    const TX *X = (const TX *)in[0];                                                       \
    const int64_t *tab = (const int64_t *)in[1];                                           \
    const int32_t *slot = (const int32_t *)in[2];                                          \
    const float *w = (const float *)in[3];                                                 \
    float *Y = (float *)out[0];                                                            \
    int32_t *cnt = ip[3] > 0 ? (int32_t *)out[1] : NULL; /* no scratch without entries */ \
    const int32_t rows = ip[0], C = ip[1], O = ip[2], E = ip[3], nmin = ip[4], nmax = ip[5]; \
    const int32_t S = ip[6], idf = ip[7];                                                  \
    int32_t r, o, e, len, s, i, k;                                                         \
    MLCC_UNUSED(fp);                                                                       \
    for (r = 0; r < rows; r++) {                                                           \
        const TX *x = X + (size_t)r * (size_t)C;                                           \
        float *y = Y + (size_t)r * (size_t)O;                                              \
        for (o = 0; o < O; o++)                                                            \
            y[o] = 0.0f;                                                                   \
        for (e = 0; e < E; e++)                                                            \
            cnt[e] = 0;                                                                    \
        for (len = nmin; len <= nmax; len++) {                                             \
            const int32_t *lv = ip + 8 + 3 * (len - nmin);                                 \
            const int32_t first = lv[0], count = lv[1];                                    \
            const int64_t *t = tab ? tab + lv[2] : NULL;                                   \
            if (count <= 0)                                                                \
                continue;                                                                  \
            for (s = 0; s <= (len == 1 ? 0 : S); s++) {                                    \
                const int64_t step = (int64_t)s + 1, span = (int64_t)(len - 1) * step;     \
                if (span >= C)                                                             \
                    break;                                                                 \
                for (i = 0; i + span < C; i++) {                                           \
                    int32_t lo = 0, hi = count;                                            \
                    while (lo < hi) {                                                      \
                        const int32_t mid = lo + (hi - lo) / 2;                            \
                        const int64_t *p = t + (size_t)mid * (size_t)len;                  \
                        int cmp = 0;                                                       \
                        for (k = 0; k < len && !cmp; k++) {                                \
                            const int64_t v = (int64_t)x[(int64_t)i + (int64_t)k * step];  \
                            cmp = v < p[k] ? -1 : v > p[k] ? 1 : 0;                        \
                        }                                                                  \
                        if (!cmp) {                                                        \
                            cnt[first + mid]++;                                            \
                            break;                                                         \
                        }                                                                  \
                        if (cmp < 0)                                                       \
                            hi = mid;                                                      \
                        else                                                               \
                            lo = mid + 1;                                                  \
                    }                                                                      \
                }                                                                          \
            }                                                                              \
        }                                                                                  \
        for (e = 0; e < E; e++)                                                            \
            if (cnt[e])                                                                    \
                y[slot[e]] += (idf ? 1.0f : (float)cnt[e]) * w[e];                         \
    }
/* mlcc:end */

/* mlcc:kernel mlcc_tfidf_i32 uses mlcc_tfidf_body */
MLCC_KERNEL(mlcc_tfidf_i32) { MLCC_TFIDF(int32_t) }
/* mlcc:end */
/* mlcc:kernel mlcc_tfidf_i64 uses mlcc_tfidf_body */
MLCC_KERNEL(mlcc_tfidf_i64) { MLCC_TFIDF(int64_t) }
/* mlcc:end */
