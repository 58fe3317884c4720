/* gemm_fast.c - the fast float32 GEMM: a register-blocked micro-kernel the C
 * compiler vectorizes, over operands packed in panels, with the bias and the
 * fused activation applied as each tile is stored. Used by Gemm / MatMul with
 * a constant B (packed at compile time) and by the fast convolutions
 * (conv_fast.c includes this file for the core; the kernels below are
 * compiled here only).
 *
 * The core (helper mlcc_gf_core): a tile of R x 32 outputs (R = 12, 9, 8, 4 or 2)
 *   tile[i][j] = sum over c < C, t < T of A[c*acs + atap[t] + i] * B[c*bcs + btap[t] + j]
 * so the reduction index k is a pair (c, t): a channel and a kernel tap for
 * the convolutions, (k, 0) with T = 1 for a plain GEMM. Each A step is R
 * contiguous values (an 8-row panel, zero-padded), each B step 32 contiguous
 * values (a 32-column panel, or 32 neighbouring pixels of an input plane).
 * The accumulators are a local R x 32 array the compiler keeps in vector
 * registers; the k loop is outermost inside the tile.
 *
 * mlcc_gemm_fast_f32: Y (M x N) = act(alpha * op(A) Bp + beta * C)
 *   ip = [M, N, K, transA, csM, csN, act]    fp = [alpha, beta, act_a, act_b]
 *   in = [A, Bp, C or NULL]    out = [Y, scratch: K * 8 floats when M > 1]
 *   Bp: B packed at compile time in ceil(N / 32) panels of K x 32 (zero-padded
 *   columns); C[m * csM + n * csN] (stride 0 on a broadcast dim). */
#ifndef MLCC_GF_CORE_DEFINED
#define MLCC_GF_CORE_DEFINED
#include "mlcc_rt.h"
#include "mlcc_shared.h"

/* mlcc:helper mlcc_gf_fma uses libm */
/* a * b + c, fused where the target has a fast fmaf (C99 FP_FAST_FMAF): the
 * compiler turns it into vector FMA instructions even under -std=c99, where
 * it does not contract a * b + c by itself */
#ifdef FP_FAST_FMAF
#define MLCC_FMA(a, b, c) fmaf((a), (b), (c))
#else
#define MLCC_FMA(a, b, c) ((a) * (b) + (c))
#endif
/* mlcc:end */

/* mlcc:helper mlcc_gf_core uses mlcc_gf_fma mlcc_shared_act */
#define MLCC_GF_NR 32 /* columns of a tile (B panel width) */
#define MLCC_GF_MR 8  /* rows of an A panel */
/* A hint to fetch the B panel this many k steps (of 32 floats, two cache
 * lines) ahead, where the compiler has one (GCC and Clang; elsewhere
 * nothing): the weights of the large layers stream from memory, and the
 * hardware prefetcher alone leaves the FMAs waiting (measured: ResNet-18's
 * 6x6 and 3x3 layers 5-15% faster with it, 6 KB ahead; ahead only on
 * panels of MLCC_GF_PFMIN steps or more, the line in hand on the others:
 * MobileNet's small layers were slower with it) */
#define MLCC_GF_PFD 48
#define MLCC_GF_PFMIN 512
#if defined(__GNUC__) || defined(__clang__)
#define MLCC_GF_PREFETCH(p) __builtin_prefetch(p)
#else
#define MLCC_GF_PREFETCH(p) ((void)(p))
#endif
/* What a tile starts from and where it goes: acc[i][j] starts at
 * bi[i] + bj[j] (either NULL: 0; bi has 8 values, bj 32, zero-padded); with
 * y set, the whole tile is stored there as act(acc[i][j]) at y[i * rsy + j]
 * straight from the registers, else acc goes to the tile buffer for
 * mlcc_gf_store. */
typedef struct {
    const float *bi, *bj;
    float *y;
    int32_t rsy, kind;
    float a, b;
} MlccGfEpi;
/* e: no start values, no direct store (yet); rsy and the activation set */
static inline void mlcc_gf_epi(MlccGfEpi *e, int32_t rsy, int32_t kind, float a, float b)
{
    memset(e, 0, sizeof *e);
    e->rsy = rsy;
    e->kind = kind;
    e->a = a;
    e->b = b;
}
#define MLCC_GF_STORE_K(K, R)                                                                      \
    for (i = 0; i < (R); i++)                                                                     \
        for (j = 0; j < MLCC_GF_NR; j++)                                                          \
            y[i * rsy + j] = mlcc_act(acc[i][j], K, aa, ab);
#define MLCC_GF_MK(R)                                                                             \
    static inline void mlcc_gf_mk##R(int32_t C, int32_t T, const float *A, int32_t acs,           \
                                     const int32_t *atap, const float *B, int32_t bcs,            \
                                     const int32_t *btap, const MlccGfEpi *e, float *tile)        \
    {                                                                                             \
        float acc[R][MLCC_GF_NR];                                                                 \
        int32_t i, j, c, t;                                                                       \
        for (i = 0; i < R; i++)                                                                   \
            for (j = 0; j < MLCC_GF_NR; j++)                                                      \
                acc[i][j] = (e->bi ? e->bi[i] : 0.0f) + (e->bj ? e->bj[j] : 0.0f);                \
        if (T == 1) {                                                                             \
            /* one tap (a plain GEMM, a 1x1 convolution): no tap tables */                        \
            const float *a0 = A + atap[0], *b0 = B + btap[0];                                     \
            const int32_t pf = C >= MLCC_GF_PFMIN ? MLCC_GF_PFD * bcs : 0;                        \
            for (c = 0; c < C; c++, a0 += acs, b0 += bcs) {                                       \
                MLCC_GF_PREFETCH(b0 + pf);                                                        \
                MLCC_GF_PREFETCH(b0 + pf + 16);                                                   \
                for (i = 0; i < R; i++) {                                                         \
                    const float av = a0[i];                                                       \
                    for (j = 0; j < MLCC_GF_NR; j++)                                              \
                        acc[i][j] = MLCC_FMA(av, b0[j], acc[i][j]);                               \
                }                                                                                 \
            }                                                                                     \
        } else {                                                                                  \
            for (c = 0; c < C; c++) {                                                             \
                const float *a0 = A + c * acs, *b0 = B + c * bcs;                                 \
                for (t = 0; t < T; t++) {                                                         \
                    const float *ak = a0 + atap[t], *bk = b0 + btap[t];                           \
                    for (i = 0; i < R; i++) {                                                     \
                        const float av = ak[i];                                                   \
                        for (j = 0; j < MLCC_GF_NR; j++)                                          \
                            acc[i][j] = MLCC_FMA(av, bk[j], acc[i][j]);                           \
                    }                                                                             \
                }                                                                                 \
            }                                                                                     \
        }                                                                                         \
        if (e->y) {                                                                               \
            float *y = e->y;                                                                      \
            const int32_t rsy = e->rsy;                                                           \
            const float aa = e->a, ab = e->b;                                                     \
            MLCC_ACT_SWITCH(e->kind, MLCC_GF_STORE_K, R)                                          \
            return;                                                                               \
        }                                                                                         \
        for (i = 0; i < R; i++)                                                                   \
            for (j = 0; j < MLCC_GF_NR; j++)                                                      \
                tile[i * MLCC_GF_NR + j] = acc[i][j];                                             \
    }
MLCC_GF_MK(8)
MLCC_GF_MK(4)
MLCC_GF_MK(2)

/* a tile of `rows` (1..8) rows; A panels are zero-padded to 8 rows. A
 * direct store (e->y) needs rows to be exactly 8, 4 or 2. */
static inline void mlcc_gf_tile(int32_t rows, int32_t C, int32_t T, const float *A, int32_t acs,
                                const int32_t *atap, const float *B, int32_t bcs, const int32_t *btap,
                                const MlccGfEpi *e, float *tile)
{
    if (rows > 4)
        mlcc_gf_mk8(C, T, A, acs, atap, B, bcs, btap, e, tile);
    else if (rows > 2)
        mlcc_gf_mk4(C, T, A, acs, atap, B, bcs, btap, e, tile);
    else
        mlcc_gf_mk2(C, T, A, acs, atap, B, bcs, btap, e, tile);
}

/* rows that a direct store can take: exactly what one micro-kernel computes */
#define MLCC_GF_EXACT(rows) ((rows) == 8 || (rows) == 4 || (rows) == 2)

/* the fused activation over rows x cols of a tile (row stride 32) */
#define MLCC_GF_ACT_LOOP(K, X)                                                                     \
    for (i = 0; i < rows; i++)                                                                    \
        for (j = 0; j < cols; j++)                                                                \
            tile[i * MLCC_GF_NR + j] = mlcc_act(tile[i * MLCC_GF_NR + j], K, a, b);
static inline void mlcc_gf_act(float *tile, int32_t rows, int32_t cols, int32_t kind, float a, float b)
{
    int32_t i, j;
    if (kind != MLCC_ACT_NONE)
        MLCC_ACT_SWITCH(kind, MLCC_GF_ACT_LOOP, 0)
}

#define MLCC_GF_ACT_STORE(K, X)                                                                    \
    for (i = 0; i < rows; i++)                                                                    \
        for (j = 0; j < cols; j++)                                                                \
            y[i * rsy + j] = mlcc_act(tile[i * MLCC_GF_NR + j], K, a, b);
/* Store rows x cols of a tile (row stride 32) to y[i * rsy + j * csy]:
 * v = alpha * v + beta * bias[i * rsb + j * csb] (no bias: NULL), then the
 * activation. The tile is modified. */
static inline void mlcc_gf_store(float *tile, int32_t rows, int32_t cols, const float *bias, int32_t rsb,
                                 int32_t csb, float alpha, float beta, int32_t kind, float a, float b, float *y,
                                 int32_t rsy, int32_t csy)
{
    int32_t i, j;
    if (alpha != 1.0f)
        for (i = 0; i < rows; i++)
            for (j = 0; j < cols; j++)
                tile[i * MLCC_GF_NR + j] *= alpha;
    if (bias) {
        if (csb == 0) {
            for (i = 0; i < rows; i++) {
                const float bv = beta * bias[i * rsb];
                for (j = 0; j < cols; j++)
                    tile[i * MLCC_GF_NR + j] += bv;
            }
        } else {
            for (i = 0; i < rows; i++)
                for (j = 0; j < cols; j++)
                    tile[i * MLCC_GF_NR + j] += beta * bias[i * rsb + j * csb];
        }
    }
    if (csy == 1) {
        /* the activation as the values go out */
        MLCC_ACT_SWITCH(kind, MLCC_GF_ACT_STORE, 0)
    } else {
        mlcc_gf_act(tile, rows, cols, kind, a, b);
        for (i = 0; i < rows; i++)
            for (j = 0; j < cols; j++)
                y[i * rsy + j * csy] = tile[i * MLCC_GF_NR + j];
    }
}
/* mlcc:end */

/* mlcc:helper mlcc_gf_padv */
/* v[i] = s[i] for i < n, 0 up to len: start values of a tile (a bias), zero-padded */
static inline const float *mlcc_gf_pad(float *v, const float *s, int32_t n, int32_t len)
{
    int32_t i;
    for (i = 0; i < len; i++)
        v[i] = i < n ? s[i] : 0.0f;
    return v;
}
/* mlcc:end */

/* mlcc:helper mlcc_gf_row uses mlcc_gf_core */
/* one row of 32 columns: y[j] = sum_k a[k] * B[k * 32 + j], four partial sums
 * (the remainder loop starts at K4, not at where the first left k: with K a
 * constant, gcc -O2 for Cortex-M4 otherwise warned that an iteration of it
 * reads past a, -Waggressive-loop-optimizations) */
static inline void mlcc_gf_row(int32_t K, const float *a, const float *B, float *tile)
{
    float acc[4][MLCC_GF_NR];
    const int32_t K4 = K / 4 * 4;
    int32_t u, j, k;
    for (u = 0; u < 4; u++)
        for (j = 0; j < MLCC_GF_NR; j++)
            acc[u][j] = 0.0f;
    for (k = 0; k < K4; k += 4) {
        const float *bk = B + k * MLCC_GF_NR;
        for (u = 0; u < 4; u++) {
            const float av = a[k + u];
            for (j = 0; j < MLCC_GF_NR; j++)
                acc[u][j] = MLCC_FMA(av, bk[u * MLCC_GF_NR + j], acc[u][j]);
        }
    }
    for (k = K4, B += K4 * MLCC_GF_NR; k < K; k++, B += MLCC_GF_NR)
        for (j = 0; j < MLCC_GF_NR; j++)
            acc[0][j] = MLCC_FMA(a[k], B[j], acc[0][j]);
    for (j = 0; j < MLCC_GF_NR; j++)
        tile[j] = (acc[0][j] + acc[1][j]) + (acc[2][j] + acc[3][j]);
}
/* mlcc:end */

/* mlcc:helper mlcc_gf_pack uses mlcc_gf_core */
/* rows m0 .. m0 + rows of op(A) (A is M x K, or K x M when tA) as a panel of
 * mr rows, k-major, zero-padded past `rows`: Ap[k * mr + i] */
static inline void mlcc_gf_pack_a(float *Ap, const float *A, int32_t m0, int32_t rows, int32_t mr, int32_t K,
                                  int32_t M, int32_t tA)
{
    int32_t i, k;
    for (i = 0; i < mr; i++) {
        if (i >= rows) {
            for (k = 0; k < K; k++)
                Ap[k * mr + i] = 0.0f;
        } else if (tA) {
            for (k = 0; k < K; k++)
                Ap[k * mr + i] = A[k * M + m0 + i];
        } else {
            const float *ar = A + (m0 + i) * K;
            for (k = 0; k < K; k++)
                Ap[k * mr + i] = ar[k];
        }
    }
}
/* mlcc:end */
#endif /* MLCC_GF_CORE_DEFINED */

#ifndef MLCC_GF_CORE_ONLY
/* mlcc:kernel mlcc_gemm_fast_f32 uses mlcc_gf_core mlcc_gf_padv mlcc_gf_row mlcc_gf_pack */
MLCC_KERNEL(mlcc_gemm_fast_f32)
{
    const float *A = (const float *)in[0], *Bp = (const float *)in[1], *Cm = (const float *)in[2];
    float *Y = (float *)out[0];
    const int32_t M = ip[0], N = ip[1], K = ip[2], tA = ip[3], csM = ip[4], csN = ip[5], kind = ip[6];
    const float alpha = fp[0], beta = fp[1], aa = fp[2], ab = fp[3];
    const int32_t zero = 0;
    float tile[MLCC_GF_MR * MLCC_GF_NR];
    int32_t m0, n0;
    if (M == 1) {
        for (n0 = 0; n0 < N; n0 += MLCC_GF_NR) {
            const int32_t cols = N - n0 < MLCC_GF_NR ? N - n0 : MLCC_GF_NR;
            mlcc_gf_row(K, A, Bp + n0 * K, tile);
            mlcc_gf_store(tile, 1, cols, Cm ? Cm + n0 * csN : NULL, 0, csN, alpha, beta, kind, aa, ab, Y + n0,
                          N, 1);
        }
        return;
    }
    /* C a row vector (or none) and alpha = beta = 1: C starts the tile, which
     * may go straight to Y */
    const int32_t cvec = alpha == 1.0f && beta == 1.0f && (!Cm || (csM == 0 && csN == 1));
    float bj[MLCC_GF_NR];
    for (m0 = 0; m0 < M; m0 += MLCC_GF_MR) {
        const int32_t rows = M - m0 < MLCC_GF_MR ? M - m0 : MLCC_GF_MR;
        float *Ap = (float *)out[1];
        /* this row panel of op(A), k-major, zero-padded to 8 rows */
        mlcc_gf_pack_a(Ap, A, m0, rows, MLCC_GF_MR, K, M, tA);
        for (n0 = 0; n0 < N; n0 += MLCC_GF_NR) {
            const int32_t cols = N - n0 < MLCC_GF_NR ? N - n0 : MLCC_GF_NR;
            MlccGfEpi e;
            mlcc_gf_epi(&e, N, kind, aa, ab);
            if (cvec) {
                if (Cm)
                    e.bj = mlcc_gf_pad(bj, Cm + n0, cols, MLCC_GF_NR);
                if (MLCC_GF_EXACT(rows) && cols == MLCC_GF_NR)
                    e.y = Y + m0 * N + n0;
            }
            mlcc_gf_tile(rows, K, 1, Ap, MLCC_GF_MR, &zero, Bp + n0 * K, MLCC_GF_NR, &zero, &e, tile);
            if (e.y)
                continue;
            if (cvec)
                mlcc_gf_store(tile, rows, cols, NULL, 0, 0, 1.0f, 1.0f, kind, aa, ab, Y + m0 * N + n0, N, 1);
            else
                mlcc_gf_store(tile, rows, cols, Cm ? Cm + m0 * csM + n0 * csN : NULL, csM, csN, alpha, beta, kind,
                              aa, ab, Y + m0 * N + n0, N, 1);
        }
    }
}
/* mlcc:end */
#endif /* MLCC_GF_CORE_ONLY */
