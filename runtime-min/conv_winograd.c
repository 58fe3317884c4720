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
 * the micro-kernel of gemm_fast.c, channels along its vector: a tile of
 * 8 output tiles x 32 output channels. (F(2x2, 3x3) was measured too: its
 * transforms cost more than its extra multiplications save, on every
 * ResNet-18 layer shape tried.)
 *
 * mlcc_conv_wino_f32:
 *   ip = [N, C, M, iH, iW, oH, oW, pT, pL, act]   fp = [act_a, act_b]
 *   in = [X, U (packed), B or NULL]   out = [Y, scratch]
 *   With tH = ceil(oH / m), tW = ceil(oW / m), nt = tH * tW tiles,
 *   TP = ceil(nt / 8) tile panels, MP = ceil(M / 32) output-channel panels:
 *   U = G g G^T of every (output, input) channel pair, computed at compile
 *     time, laid out [a*a][MP][C][32] (zero-padded output channels): for each
 *     position xi, the GEMM's B panels.
 *   scratch (floats): the zero-padded input planes C x (tH*m + 2) x
 *     (tW*m + 2); then V [a*a][TP][C][8], the transformed input tiles (the
 *     GEMM's A panels, 8 tiles a panel; a last partial panel repeats the last
 *     tile); then Z [a*a][TP*8][MP*32], the GEMM's products; each position
 *     of V and of Z followed by 16 unused floats.
 *   Each image: the planes, the input transform (8 tiles at a time, along the
 *   vector), the a*a GEMMs, then the output transform (8 output channels at a
 *   time, along the vector) with the bias and the activation. */
#define MLCC_GF_CORE_ONLY
#include "gemm_fast.c"

/* mlcc:helper mlcc_wg_xform uses mlcc_shared_act */
#define MLCC_WG_L 8 /* lanes: tiles of an A panel, output channels in the output transform */
/* The 1-D transforms, on MLCC_WG_L lanes at once: value k of the input at
 * x[k * xs + l], of the output at y[k * ys + l] */
/* (the values go through local arrays: the compiler then vectorizes along
 * the lanes without checking whether x and y overlap) */
#define MLCC_WG_LOAD(n)                                                                           \
    for (k = 0; k < (n); k++)                                                                     \
        for (l = 0; l < MLCC_WG_L; l++)                                                           \
            u[k][l] = x[k * xs + l];
#define MLCC_WG_STORE(n)                                                                          \
    for (k = 0; k < (n); k++)                                                                     \
        for (l = 0; l < MLCC_WG_L; l++)                                                           \
            y[k * ys + l] = w[k][l];
/* B^T of F(4, 3): 6 -> 6 */
static inline void mlcc_wg_bt4(const float *x, int32_t xs, float *y, int32_t ys)
{
    float u[6][MLCC_WG_L], w[6][MLCC_WG_L];
    int32_t k, l;
    MLCC_WG_LOAD(6)
    for (l = 0; l < MLCC_WG_L; l++) {
        const float p = u[4][l] - 4.0f * u[2][l], q = u[3][l] - 4.0f * u[1][l];
        const float r = u[4][l] - u[2][l], s = 2.0f * (u[3][l] - u[1][l]);
        w[0][l] = 4.0f * u[0][l] - 5.0f * u[2][l] + u[4][l];
        w[1][l] = p + q;
        w[2][l] = p - q;
        w[3][l] = r + s;
        w[4][l] = r - s;
        w[5][l] = 4.0f * u[1][l] - 5.0f * u[3][l] + u[5][l];
    }
    MLCC_WG_STORE(6)
}
/* A^T of F(4, 3): 6 -> 4 */
static inline void mlcc_wg_at4(const float *x, int32_t xs, float *y, int32_t ys)
{
    float u[6][MLCC_WG_L], w[4][MLCC_WG_L];
    int32_t k, l;
    MLCC_WG_LOAD(6)
    for (l = 0; l < MLCC_WG_L; l++) {
        const float sp = u[1][l] + u[2][l], sm = u[1][l] - u[2][l];
        const float tp = u[3][l] + u[4][l], tm = u[3][l] - u[4][l];
        w[0][l] = u[0][l] + sp + tp;
        w[1][l] = sm + 2.0f * tm;
        w[2][l] = sp + 4.0f * tp;
        w[3][l] = sm + 8.0f * tm + u[5][l];
    }
    MLCC_WG_STORE(4)
}

/* The input transform of 8 tiles of one channel: lane l's 6 x 6 window starts at pl[off[l]] (rows PW apart); the a*a results
 * go to v + xi * vs (8 values each); d and t are [a*a][8] work space. */
static inline void mlcc_wg_in4(const float *pl, const int32_t *off, int32_t PW, float *d, float *t, float *v,
                               int32_t vs)
{
    const int32_t a = 6, L = MLCC_WG_L;
    int32_t i, r, q, l;
    for (l = 0; l < L; l++)
        for (r = 0; r < a; r++)
            for (q = 0; q < a; q++)
                d[(r * a + q) * L + l] = pl[off[l] + r * PW + q];
    /* the columns: t[i][j] = sum_r B^T[i][r] d[r][j] */
    for (i = 0; i < a; i++)
        mlcc_wg_bt4(d + i * L, a * L, t + i * L, a * L);
    /* the rows: v[i][j] = sum_c t[i][c] B[c][j] */
    for (i = 0; i < a; i++)
        mlcc_wg_bt4(t + i * a * L, L, v + i * a * vs, vs);
}

/* The output transform of 8 channels of one tile: z + xi * zs holds the products of position xi (8 values), o gets the
 * 4 x 4 outputs [16][8] with the bias b[l] added and the activation
 * applied; t is work space. */
static inline void mlcc_wg_out4(const float *z, int32_t zs, float *t, float *o, const float *b, int32_t kind,
                                float aa, float ab)
{
    const int32_t a = 6, L = MLCC_WG_L;
    int32_t i, l;
    /* the columns: t[i][j] = sum_r A^T[i][r] z[r][j], i < 4 */
    for (i = 0; i < a; i++)
        mlcc_wg_at4(z + i * zs, a * zs, t + i * L, a * L);
    /* the rows: o[i][j] = sum_c t[i][c] A[c][j] */
    for (i = 0; i < 4; i++)
        mlcc_wg_at4(t + i * a * L, L, o + i * 4 * L, L);
    for (i = 0; i < 16; i++)
        for (l = 0; l < L; l++)
            o[i * L + l] += b[l];
    switch (kind) {
    case MLCC_ACT_NONE:
        break;
    case MLCC_ACT_RELU:
        for (i = 0; i < 16 * L; i++)
            o[i] = o[i] < 0.0f ? 0.0f : o[i];
        break;
    default:
        for (i = 0; i < 16 * L; i++)
            o[i] = mlcc_act(o[i], kind, aa, ab);
        break;
    }
}
/* mlcc:end */

/* mlcc:kernel mlcc_conv_wino_f32 uses mlcc_wg_xform mlcc_gf_core */
MLCC_KERNEL(mlcc_conv_wino_f32)
{
    const float *X = (const float *)in[0], *U = (const float *)in[1], *Bs = (const float *)in[2];
    float *Y = (float *)out[0];
    const int32_t N = ip[0], C = ip[1], M = ip[2], iH = ip[3], iW = ip[4], oH = ip[5], oW = ip[6];
    const int32_t pT = ip[7], pL = ip[8], kind = ip[9], m = 4;
    const float aa = fp[0], ab = fp[1];
    const int32_t a = m + 2, A2 = a * a, L = MLCC_WG_L;
    const int32_t tH = (oH + m - 1) / m, tW = (oW + m - 1) / m, nt = tH * tW, TP = (nt + L - 1) / L;
    const int32_t MP = (M + MLCC_GF_NR - 1) / MLCC_GF_NR, MPAD = MP * MLCC_GF_NR;
    const int32_t PH = tH * m + 2, PW = tW * m + 2, PS = PH * PW, isz = iH * iW, osz = oH * oW;
    /* the stride of a position in V and in Z, 16 floats more than the data
     * (the a*a streams of a transform would fall in the same cache sets when
     * a stride is a multiple of 4 KB) */
    const int32_t vs = TP * C * L + 16, zs = TP * L * MPAD + 16;
    /* the padded planes' columns that hold input: [q0, q1) */
    const int32_t q0 = pL < PW ? pL : PW, q1 = pL + iW < PW ? pL + iW : PW;
    float *planes = (float *)out[1], *V = planes + C * PS, *Z = V + A2 * vs;
    const int32_t zero = 0;
    float d[36 * MLCC_WG_L], t[36 * MLCC_WG_L], o[16 * MLCC_WG_L], bl[MLCC_WG_L];
    float tile[MLCC_GF_MR * MLCC_GF_NR];
    int32_t n, c, r, q, l, tp, xi, mp, ti, m0, off[MLCC_WG_L];
    for (n = 0; n < N; n++) {
        const float *xn = X + n * C * isz;
        float *yn = Y + n * M * osz;
        /* the zero-padded planes: plane row r is input row r - pT */
        for (c = 0; c < C; c++) {
            float *pl = planes + c * PS;
            for (r = 0; r < PH; r++) {
                const int32_t ih = r - pT;
                float *row = pl + r * PW;
                const float *xr;
                if (ih < 0 || ih >= iH) {
                    for (q = 0; q < PW; q++)
                        row[q] = 0.0f;
                    continue;
                }
                xr = xn + c * isz + ih * iW - pL;
                for (q = 0; q < q0; q++)
                    row[q] = 0.0f;
                for (q = q0; q < q1; q++)
                    row[q] = xr[q];
                for (q = q1; q < PW; q++)
                    row[q] = 0.0f;
            }
        }
        /* the input transform, a panel of 8 tiles at a time */
        for (tp = 0; tp < TP; tp++) {
            for (l = 0; l < L; l++) {
                int32_t tt = tp * L + l;
                if (tt >= nt)
                    tt = nt - 1;
                off[l] = (tt / tW) * m * PW + (tt % tW) * m;
            }
            for (c = 0; c < C; c++) {
                mlcc_wg_in4(planes + c * PS, off, PW, d, t, V + (tp * C + c) * L, vs);
            }
        }
        /* the GEMMs: Z[xi] (tiles x output channels) = V[xi] (tiles x C) U[xi] (C x M) */
        for (xi = 0; xi < A2; xi++)
            for (mp = 0; mp < MP; mp++)
                for (tp = 0; tp < TP; tp++) {
                    MlccGfEpi e;
                    const int32_t rows = nt - tp * L < L ? nt - tp * L : L;
                    float *z = Z + xi * zs + tp * L * MPAD + mp * MLCC_GF_NR;
                    memset(&e, 0, sizeof e);
                    e.rsy = MPAD;
                    e.kind = MLCC_ACT_NONE;
                    if (MLCC_GF_EXACT(rows))
                        e.y = z; /* straight from the registers */
                    mlcc_gf_tile(rows, C, 1, V + xi * vs + tp * C * L, L, &zero,
                                 U + (xi * MP + mp) * C * MLCC_GF_NR, MLCC_GF_NR, &zero, &e, tile);
                    if (!e.y)
                        mlcc_gf_store(tile, rows, MLCC_GF_NR, NULL, 0, 0, 1.0f, 1.0f, MLCC_ACT_NONE, 0.0f, 0.0f, z,
                                      MPAD, 1);
                }
        /* the output transform, 8 output channels of one tile at a time */
        for (ti = 0; ti < nt; ti++) {
            const int32_t oh0 = (ti / tW) * m, ow0 = (ti % tW) * m;
            const int32_t rh = oH - oh0 < m ? oH - oh0 : m, rw = oW - ow0 < m ? oW - ow0 : m;
            for (m0 = 0; m0 < M; m0 += L) {
                const int32_t lanes = M - m0 < L ? M - m0 : L;
                for (l = 0; l < L; l++)
                    bl[l] = Bs && l < lanes ? Bs[m0 + l] : 0.0f;
                mlcc_wg_out4(Z + ti * MPAD + m0, zs, t, o, bl, kind, aa, ab);
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
