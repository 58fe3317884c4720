/* conv_winograd.c - Winograd convolution F(m x m, 3 x 3), m = 4, for a
 * float32 3x3 Conv with stride 1, dilation 1, group 1 and a constant weight
 * (op_conv.c picks it on a fast target without a RAM budget, for the layers
 * where it pays; conv.c holds the reference it is tested against). It applies
 * the bias and the fused activation as it stores.
 *
 * The output is cut into tiles of m x m (the last row and column of tiles
 * may reach past the output: those values are computed and dropped); each
 * tile reads an a x a window of the zero-padded input (a = m + 2). With the
 * transforms of Lavin & Gray (interpolation points 0, +-1, +-2 for m = 4),
 *   Y tile = A^T [ sum over c of (G g G^T)[m][c] .* (B^T d[c] B) ] A,
 * one batched GEMM per transform position xi < a*a over the channels, through
 * a micro-kernel like gemm_fast.c's: a tile of 8 output tiles x 32 output
 * channels, output channels along its vector. (F(2x2, 3x3) was measured too:
 * its transforms cost more than its extra multiplications save, on every
 * ResNet-18 layer shape tried.)
 *
 * Both transforms run with channels along the vector, 16 at a time (one
 * 512-bit register; two or four on narrower vector units): a tile's a x a
 * window of 16 channels is a x a contiguous runs of 16 floats, so each
 * transform is one loop over the 16 lanes whose body holds the whole 6 x 6
 * (or 6 x 6 -> 4 x 4) computation in scalars the compiler keeps in vector
 * registers: no gathers, no transposes, no work arrays in memory. The price
 * is a transpose of the input into channel-last planes and one of the
 * output tiles into the NCHW output, both plain copies.
 *
 * mlcc_conv_wino_f32:
 *   ip = [N, C, M, iH, iW, oH, oW, pT, pL, act, pool]   fp = [act_a, act_b]
 *   in = [X, U (packed), B or NULL]   out = [Y, scratch]
 *   With tH = ceil(oH / m), tW = ceil(oW / m), nt = tH * tW tiles,
 *   TP = ceil(nt / 8) tile panels, MP = ceil(M / 32) output-channel panels,
 *   CP = ceil(C / 16) * 16:
 *   U = G g G^T of every (output, input) channel pair, computed at compile
 *     time, laid out [a*a][MP][C][32] (zero-padded output channels): for each
 *     position xi, the GEMM's B panels.
 *   scratch (floats): the zero-padded input, channel-last,
 *     (tH*m + 2) x (tW*m + 2) x CP (zero channels past C); then V
 *     [a*a][TP*8][CP], the transformed input tiles (the GEMM's A rows; rows
 *     past nt zero); then Z [a*a][TP*8][MP*32], the GEMM's products; each
 *     position of V and of Z followed by 16 unused floats.
 *   Each image: the channel-last planes, the input transform (a tile's 16
 *   channels at a time), the a*a GEMMs, then the output transform (a tile's
 *   16 output channels at a time) with the bias and the activation, each
 *   4 x 4 x 16 block transposed into Y. With pool = 1 (op_conv.c's
 *   ConvMaxPool, made by pass_fuse_pool.c; oH and oW even) Y is the 2x2,
 *   stride-2 MaxPool of that output, (oH / 2) x (oW / 2) an output channel:
 *   a tile's 4 x 4 block (after the activation) becomes 2 x 2 maxima before
 *   it is stored, so the full-size output is never written. */
#define MLCC_GF_CORE_ONLY
#include "gemm_fast.c"

/* mlcc:helper mlcc_wg_xform uses mlcc_gf_fma mlcc_shared_act */
#define MLCC_WG_L 16 /* lanes: channels of a transform */
#define MLCC_WG_MR 8  /* tiles of a GEMM tile (its rows) */
#define MLCC_WG_NR 32 /* output channels of a GEMM tile (a weight panel: MLCC_GF_NR) */
/* the larger of m and v, a NaN in either giving a NaN (as MaxPool's kernels) */
#define MLCC_WG_MAX(m, v) ((v) != (v) ? (v) : (v) > (m) ? (v) : (m))
/* B^T of F(4, 3) on six scalars: x0..x5 -> y0..y5 */
#define MLCC_WG_BT(x0, x1, x2, x3, x4, x5, y0, y1, y2, y3, y4, y5)                                \
    do {                                                                                          \
        const float p_ = (x4) - 4.0f * (x2), q_ = (x3) - 4.0f * (x1);                             \
        const float r_ = (x4) - (x2), s_ = 2.0f * ((x3) - (x1));                                  \
        y0 = 4.0f * (x0) - 5.0f * (x2) + (x4);                                                    \
        y1 = p_ + q_;                                                                             \
        y2 = p_ - q_;                                                                             \
        y3 = r_ + s_;                                                                             \
        y4 = r_ - s_;                                                                             \
        y5 = 4.0f * (x1) - 5.0f * (x3) + (x5);                                                    \
    } while (0)
/* A^T of F(4, 3) on six scalars: x0..x5 -> y0..y3 */
#define MLCC_WG_AT(x0, x1, x2, x3, x4, x5, y0, y1, y2, y3)                                        \
    do {                                                                                          \
        const float sp_ = (x1) + (x2), sm_ = (x1) - (x2);                                         \
        const float tp_ = (x3) + (x4), tm_ = (x3) - (x4);                                         \
        y0 = (x0) + sp_ + tp_;                                                                    \
        y1 = sm_ + 2.0f * tm_;                                                                    \
        y2 = sp_ + 4.0f * tp_;                                                                    \
        y3 = sm_ + 8.0f * tm_ + (x5);                                                             \
    } while (0)

/* The input transform of one tile, 16 channels: value (r, q) of lane l at
 * x[r * rs + q * cs + l]; position xi = i * 6 + j goes to v[xi * vs + l].
 * The local arrays are indexed by constants only once the fixed loops are
 * unrolled: the compiler keeps them in registers, one vector a value. */
static inline void mlcc_wg_in(const float *restrict x, int32_t rs, int32_t cs, float *restrict v, int32_t vs)
{
    float w[36][MLCC_WG_L];
    int32_t l, r, i;
    for (l = 0; l < MLCC_WG_L; l++) {
        float h[6][6];
        for (r = 0; r < 6; r++) {
            const float *xr = x + r * rs + l;
            MLCC_WG_BT(xr[0], xr[cs], xr[2 * cs], xr[3 * cs], xr[4 * cs], xr[5 * cs], h[r][0], h[r][1], h[r][2],
                       h[r][3], h[r][4], h[r][5]);
        }
        for (i = 0; i < 6; i++)
            MLCC_WG_BT(h[0][i], h[1][i], h[2][i], h[3][i], h[4][i], h[5][i], w[i][l], w[6 + i][l], w[12 + i][l],
                       w[18 + i][l], w[24 + i][l], w[30 + i][l]);
    }
    /* (through w: stores at the run-time stride vs might overlap, as far as
     * the compiler knows, which would keep it from vectorizing the loop above) */
    for (i = 0; i < 36; i++)
        for (l = 0; l < MLCC_WG_L; l++)
            v[i * vs + l] = w[i][l];
}

/* The output transform of one tile, 16 output channels: position xi's
 * products at z[xi * zs + l]; o[(r * 4 + q) * 16 + l] gets output (r, q)
 * plus the bias b[l], then the activation. */
static inline void mlcc_wg_out(const float *restrict z, int32_t zs, const float *restrict b, float *restrict o,
                               int32_t kind, float aa, float ab)
{
    int32_t l, r, i;
    for (l = 0; l < MLCC_WG_L; l++) {
        float h[6][4];
        for (r = 0; r < 6; r++) {
            const float *zr = z + r * 6 * zs + l;
            MLCC_WG_AT(zr[0], zr[zs], zr[2 * zs], zr[3 * zs], zr[4 * zs], zr[5 * zs], h[r][0], h[r][1], h[r][2],
                       h[r][3]);
        }
        for (i = 0; i < 4; i++) {
            float *oi = o + i * MLCC_WG_L + l;
            MLCC_WG_AT(h[0][i], h[1][i], h[2][i], h[3][i], h[4][i], h[5][i], oi[0], oi[4 * MLCC_WG_L],
                       oi[8 * MLCC_WG_L], oi[12 * MLCC_WG_L]);
            oi[0] += b[l];
            oi[4 * MLCC_WG_L] += b[l];
            oi[8 * MLCC_WG_L] += b[l];
            oi[12 * MLCC_WG_L] += b[l];
        }
    }
    switch (kind) {
    case MLCC_ACT_NONE:
        break;
    case MLCC_ACT_RELU:
        for (i = 0; i < 16 * MLCC_WG_L; i++)
            o[i] = o[i] < 0.0f ? 0.0f : o[i];
        break;
    default:
        for (i = 0; i < 16 * MLCC_WG_L; i++)
            o[i] = mlcc_act(o[i], kind, aa, ab);
        break;
    }
}

/* One GEMM tile: z[i * zr + j] = sum over k < K of a[i * ar + k] * u[k * 32 + j],
 * i < R, j < 32 (the rows of A are V's rows, channels contiguous). The R values of a
 * step are loaded first: with the loads in the FMA nest, gcc -O3 interchanges
 * the loops when the sizes are constants, keeping acc in memory. */
#define MLCC_WG_MK(R)                                                                             \
    static inline void mlcc_wg_mk##R(int32_t K, const float *restrict a, int32_t ar,               \
                                     const float *restrict u, float *restrict z, int32_t zr)      \
    {                                                                                             \
        float acc[R][MLCC_WG_NR];                                                                 \
        int32_t i, j, k;                                                                          \
        for (i = 0; i < R; i++)                                                                   \
            for (j = 0; j < MLCC_WG_NR; j++)                                                      \
                acc[i][j] = 0.0f;                                                                 \
        for (k = 0; k < K; k++, a++, u += MLCC_WG_NR) {                                           \
            float av[R];                                                                          \
            for (i = 0; i < R; i++)                                                               \
                av[i] = a[i * ar];                                                                \
            for (i = 0; i < R; i++)                                                               \
                for (j = 0; j < MLCC_WG_NR; j++)                                                  \
                    acc[i][j] = MLCC_FMA(av[i], u[j], acc[i][j]);                                 \
        }                                                                                         \
        for (i = 0; i < R; i++)                                                                   \
            for (j = 0; j < MLCC_WG_NR; j++)                                                      \
                z[i * zr + j] = acc[i][j];                                                        \
    }
MLCC_WG_MK(8)
MLCC_WG_MK(4)
MLCC_WG_MK(2)
/* mlcc:end */

/* mlcc:kernel mlcc_conv_wino_f32 uses mlcc_wg_xform */
MLCC_KERNEL(mlcc_conv_wino_f32)
{
    const float *X = (const float *)in[0], *U = (const float *)in[1], *Bs = (const float *)in[2];
    float *Y = (float *)out[0];
    const int32_t N = ip[0], C = ip[1], M = ip[2], iH = ip[3], iW = ip[4], oH = ip[5], oW = ip[6];
    const int32_t pT = ip[7], pL = ip[8], kind = ip[9], pool = ip[10], m = 4;
    const float aa = fp[0], ab = fp[1];
    const int32_t a = m + 2, A2 = a * a, L = MLCC_WG_L, MR = MLCC_WG_MR, NR = MLCC_WG_NR;
    const int32_t tH = (oH + m - 1) / m, tW = (oW + m - 1) / m, nt = tH * tW, TP = (nt + MR - 1) / MR;
    const int32_t MP = (M + NR - 1) / NR, MPAD = MP * NR, CP = (C + L - 1) / L * L;
    const int32_t PH = tH * m + 2, PW = tW * m + 2, isz = iH * iW, osz = oH * oW;
    const int32_t pW = oW / 2, psz = (oH / 2) * pW; /* the pooled output (pool = 1) */
    /* the stride of a position in V and in Z, 16 floats more than the data
     * (the a*a streams of a transform would fall in the same cache sets when
     * a stride is a multiple of 4 KB) */
    const int32_t vs = TP * MR * CP + 16, zs = TP * MR * MPAD + 16;
    /* the padded planes' columns that hold input: [q0, q1) */
    const int32_t q0 = pL < PW ? pL : PW, q1 = pL + iW < PW ? pL + iW : PW;
    float *P = (float *)out[1], *V = P + PH * PW * CP, *Z = V + A2 * vs;
    float o[16 * MLCC_WG_L], bl[MLCC_WG_L];
    int32_t n, c, r, q, l, tp, xi, mp, ti, m0;
    /* V's rows past the last tile that the last GEMM tile reads (8, 4 or 2
     * rows, as below): zero */
    const int32_t last = nt - (TP - 1) * MR, vend = ((TP - 1) * MR + (last > 4 ? 8 : last > 2 ? 4 : 2)) * CP;
    for (xi = 0; xi < A2; xi++)
        for (r = nt * CP; r < vend; r++)
            V[xi * vs + r] = 0.0f;
    for (n = 0; n < N; n++) {
        const float *xn = X + n * C * isz;
        float *yn = Y + n * M * (pool ? psz : osz);
        /* the zero-padded input, channel-last: P[(r * PW + q) * CP + c] is
         * input row r - pT, column q - pL, channel c */
        for (r = 0; r < PH; r++) {
            const int32_t ih = r - pT;
            float *row = P + r * PW * CP;
            if (ih < 0 || ih >= iH) {
                for (q = 0; q < PW * CP; q++)
                    row[q] = 0.0f;
                continue;
            }
            for (q = 0; q < q0 * CP; q++)
                row[q] = 0.0f;
            for (q = q1 * CP; q < PW * CP; q++)
                row[q] = 0.0f;
            /* (channels innermost: whole vectors stored, the loads gathered) */
            for (q = q0; q < q1; q++) {
                const float *xq = xn + ih * iW + q - pL;
                float *pq = row + q * CP;
                for (c = 0; c < C; c++)
                    pq[c] = xq[c * isz];
                for (c = C; c < CP; c++)
                    pq[c] = 0.0f;
            }
        }
        /* the input transform: tile ti's window starts at plane row
         * (ti / tW) * m, column (ti % tW) * m; a group of 16 channels
         * through all tiles, then the next (a tile row's windows of one
         * group stay in L1): on 64 channels 24x24, 23 -> 16 us with the
         * shape not known to the C compiler (a whole model), 13 -> 16 us
         * with it known (a model of this one layer) */
        for (c = 0; c < CP; c += L)
            for (ti = 0; ti < nt; ti++)
                mlcc_wg_in(P + ((ti / tW) * m * PW + (ti % tW) * m) * CP + c, PW * CP, CP, V + ti * CP + c, vs);
        /* the GEMMs: Z[xi] (tiles x output channels) = V[xi] (tiles x C) U[xi] (C x M) */
        for (xi = 0; xi < A2; xi++)
            for (mp = 0; mp < MP; mp++)
                for (tp = 0; tp < TP; tp++) {
                    const int32_t rows = nt - tp * MR;
                    const float *vp = V + xi * vs + tp * MR * CP, *up = U + (xi * MP + mp) * C * NR;
                    float *z = Z + xi * zs + tp * MR * MPAD + mp * NR;
                    if (rows > 4)
                        mlcc_wg_mk8(C, vp, CP, up, z, MPAD);
                    else if (rows > 2)
                        mlcc_wg_mk4(C, vp, CP, up, z, MPAD);
                    else
                        mlcc_wg_mk2(C, vp, CP, up, z, MPAD);
                }
        /* the output transform, 16 output channels of one tile at a time */
        for (m0 = 0; m0 < M; m0 += L) {
            const int32_t lanes = M - m0 < L ? M - m0 : L;
            for (l = 0; l < L; l++)
                bl[l] = Bs && l < lanes ? Bs[m0 + l] : 0.0f;
            for (ti = 0; ti < nt; ti++) {
                const int32_t oh0 = (ti / tW) * m, ow0 = (ti % tW) * m;
                const int32_t rh = oH - oh0 < m ? oH - oh0 : m, rw = oW - ow0 < m ? oW - ow0 : m;
                mlcc_wg_out(Z + ti * MPAD + m0, zs, bl, o, kind, aa, ab);
                if (pool) {
                    /* pm[r * 2 + q]: the maximum of the 2 x 2 window at (2r, 2q) */
                    float pm[4][MLCC_WG_L];
                    for (r = 0; r < 2; r++)
                        for (q = 0; q < 2; q++)
                            for (l = 0; l < L; l++) {
                                const float *w0 = o + (2 * r * m + 2 * q) * L + l, *w1 = w0 + m * L;
                                const float u = MLCC_WG_MAX(w0[0], w0[L]), v = MLCC_WG_MAX(w1[0], w1[L]);
                                pm[r * 2 + q][l] = MLCC_WG_MAX(u, v);
                            }
                    for (l = 0; l < lanes; l++) {
                        float *y = yn + (m0 + l) * psz + (oh0 / 2) * pW + ow0 / 2;
                        for (r = 0; r < rh / 2; r++)
                            for (q = 0; q < rw / 2; q++)
                                y[r * pW + q] = pm[r * 2 + q][l];
                    }
                    continue;
                }
                for (l = 0; l < lanes; l++) {
                    float *y = yn + (m0 + l) * osz + oh0 * oW + ow0;
                    for (r = 0; r < rh; r++)
                        for (q = 0; q < rw; q++)
                            y[r * oW + q] = o[(r * m + q) * L + l];
                }
            }
        }
    }
}
/* mlcc:end */
