/* ir.c - the compiler's graph: dtypes, tensors, nodes, attributes */
#include "mlcc.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---------------------------------------------------------------- dtypes */

static const struct {
    int size;
    const char *name, *suffix, *ctype;
} dtypes[DT_COUNT] = {
    [DT_FLOAT] = {4, "float32", "f32", "float"},
    [DT_UINT8] = {1, "uint8", "u8", "uint8_t"},
    [DT_INT8] = {1, "int8", "i8", "int8_t"},
    [DT_UINT16] = {2, "uint16", "u16", "uint16_t"},
    [DT_INT16] = {2, "int16", "i16", "int16_t"},
    [DT_INT32] = {4, "int32", "i32", "int32_t"},
    [DT_INT64] = {8, "int64", "i64", "int64_t"},
    [DT_STRING] = {0, "string", NULL, NULL},
    [DT_BOOL] = {1, "bool", "b", "uint8_t"},
    [DT_FLOAT16] = {2, "float16", "f16", "uint16_t"},
    [DT_DOUBLE] = {8, "float64", "f64", "double"},
    [DT_UINT32] = {4, "uint32", "u32", "uint32_t"},
    [DT_UINT64] = {8, "uint64", "u64", "uint64_t"},
    [DT_COMPLEX64] = {0, "complex64", NULL, NULL},
    [DT_COMPLEX128] = {0, "complex128", NULL, NULL},
    [DT_BFLOAT16] = {2, "bfloat16", "bf16", "uint16_t"}, /* stored as its bit pattern */
};

static bool dt_ok(int dt) { return dt > 0 && dt < DT_COUNT; }
int dtype_size(int dt) { return dt_ok(dt) ? dtypes[dt].size : 0; }
const char *dtype_name(int dt) { return dt_ok(dt) ? dtypes[dt].name : "undefined"; }
const char *dtype_suffix(int dt) { return dt_ok(dt) && dtypes[dt].suffix ? dtypes[dt].suffix : "unsupported"; }
const char *dtype_ctype(int dt) { return dt_ok(dt) && dtypes[dt].ctype ? dtypes[dt].ctype : "uint8_t"; }
bool dtype_is_float(int dt)
{
    return dt == DT_FLOAT || dt == DT_DOUBLE || dt == DT_FLOAT16 || dt == DT_BFLOAT16;
}
bool dtype_is_int(int dt)
{
    switch (dt) {
    case DT_UINT8: case DT_INT8: case DT_UINT16: case DT_INT16:
    case DT_INT32: case DT_INT64: case DT_UINT32: case DT_UINT64:
        return true;
    default:
        return false;
    }
}

float half_to_float(uint16_t h)
{
    uint32_t sign = (uint32_t)(h >> 15) << 31, exp = (h >> 10) & 31, man = h & 1023u, bits;
    if (exp == 0) {
        if (man == 0) {
            bits = sign;
        } else { /* subnormal: renormalize */
            int e = -1;
            do {
                e++;
                man <<= 1;
            } while (!(man & 1024u));
            bits = sign | (uint32_t)(127 - 15 - e) << 23 | (man & 1023u) << 13;
        }
    } else if (exp == 31) {
        bits = sign | 0x7f800000u | man << 13;
    } else {
        bits = sign | (exp + 112) << 23 | man << 13;
    }
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

uint16_t float_to_half(float f)
{
    uint32_t x;
    memcpy(&x, &f, 4);
    uint32_t sign = (x >> 16) & 0x8000u;
    int32_t exp = (int32_t)((x >> 23) & 255) - 127 + 15;
    uint32_t man = x & 0x7fffffu;
    if (((x >> 23) & 255) == 255)
        return (uint16_t)(sign | 0x7c00u | (man ? 0x200u : 0));
    if (exp >= 31)
        return (uint16_t)(sign | 0x7c00u);
    if (exp <= 0) {
        if (exp < -10)
            return (uint16_t)sign;
        man |= 0x800000u;
        uint32_t shift = (uint32_t)(14 - exp);
        uint32_t h = man >> shift, rem = man & ((1u << shift) - 1), half = 1u << (shift - 1);
        if (rem > half || (rem == half && (h & 1)))
            h++;
        return (uint16_t)(sign | h);
    }
    uint32_t h = sign | (uint32_t)exp << 10 | man >> 13, rem = man & 0x1fffu;
    if (rem > 0x1000u || (rem == 0x1000u && (h & 1)))
        h++;
    return (uint16_t)h;
}

/* bfloat16: the upper 16 bits of a float32 */
static float bf16_to_float(uint16_t h)
{
    uint32_t bits = (uint32_t)h << 16;
    float f;
    memcpy(&f, &bits, 4);
    return f;
}

/* double -> bfloat16, rounded to nearest even in one step: the double is first
 * rounded to float32 with round-to-odd (exact when it fits; otherwise the last
 * bit is forced to 1), which keeps the second rounding from being a double
 * rounding. NaN stays a (quiet) NaN of the same sign; overflow gives +-inf. */
static uint16_t double_to_bf16(double x)
{
    if (isnan(x))
        return signbit(x) ? 0xffc0u : 0x7fc0u;
    if (fabs(x) >= 0x1.ffp127) /* halfway between the largest bfloat16 (0x1.fep127) and 2^128, and beyond */
        return x < 0 ? 0xff80u : 0x7f80u;
    float f = (float)x;
    uint32_t b;
    memcpy(&b, &f, 4);
    if ((double)f != x) {
        if (fabs((double)f) > fabs(x))
            b--; /* toward zero: the magnitude bits are at least 1 here */
        b |= 1u;
    }
    b += 0x7fffu + ((b >> 16) & 1u);
    return (uint16_t)(b >> 16);
}

double dtype_get_f(int dt, const void *d, int64_t i)
{
    switch (dt) {
    case DT_FLOAT: return ((const float *)d)[i];
    case DT_DOUBLE: return ((const double *)d)[i];
    case DT_FLOAT16: return half_to_float(((const uint16_t *)d)[i]);
    case DT_BFLOAT16: return bf16_to_float(((const uint16_t *)d)[i]);
    case DT_UINT64: return (double)((const uint64_t *)d)[i];
    default: return (double)dtype_get_i(dt, d, i);
    }
}

int64_t dtype_get_i(int dt, const void *d, int64_t i)
{
    switch (dt) {
    case DT_UINT8: case DT_BOOL: return ((const uint8_t *)d)[i];
    case DT_INT8: return ((const int8_t *)d)[i];
    case DT_UINT16: return ((const uint16_t *)d)[i];
    case DT_INT16: return ((const int16_t *)d)[i];
    case DT_INT32: return ((const int32_t *)d)[i];
    case DT_INT64: return ((const int64_t *)d)[i];
    case DT_UINT32: return ((const uint32_t *)d)[i];
    case DT_UINT64: return (int64_t)((const uint64_t *)d)[i];
    case DT_FLOAT: case DT_DOUBLE: case DT_FLOAT16: case DT_BFLOAT16: {
        double x = dtype_get_f(dt, d, i);
        if (!(x > -9.2e18 && x < 9.2e18))
            return 0;
        return (int64_t)x;
    }
    default: return 0;
    }
}

void dtype_set_f(int dt, void *d, int64_t i, double x)
{
    switch (dt) {
    case DT_FLOAT: ((float *)d)[i] = (float)x; break;
    case DT_DOUBLE: ((double *)d)[i] = x; break;
    case DT_FLOAT16: ((uint16_t *)d)[i] = float_to_half((float)x); break;
    case DT_BFLOAT16: ((uint16_t *)d)[i] = double_to_bf16(x); break;
    case DT_BOOL: ((uint8_t *)d)[i] = x != 0; break;
    default: {
        int64_t v = (x > -9.2e18 && x < 9.2e18) ? (int64_t)x : 0;
        switch (dt) {
        case DT_UINT8: ((uint8_t *)d)[i] = (uint8_t)v; break;
        case DT_INT8: ((int8_t *)d)[i] = (int8_t)v; break;
        case DT_UINT16: ((uint16_t *)d)[i] = (uint16_t)v; break;
        case DT_INT16: ((int16_t *)d)[i] = (int16_t)v; break;
        case DT_INT32: ((int32_t *)d)[i] = (int32_t)v; break;
        case DT_INT64: ((int64_t *)d)[i] = v; break;
        case DT_UINT32: ((uint32_t *)d)[i] = (uint32_t)v; break;
        case DT_UINT64: ((uint64_t *)d)[i] = (uint64_t)v; break;
        default: break;
        }
    }
    }
}

/* ---------------------------------------------------------------- tensors */

Tensor *tensor_new(Graph *g, const char *name)
{
    if (g->n_t == g->cap_t) {
        g->cap_t = g->cap_t ? g->cap_t * 2 : 64;
        g->t = xrealloc(g->t, (size_t)g->cap_t * sizeof *g->t);
    }
    Tensor *t = xmalloc(sizeof *t);
    t->name = xstrdup(name ? name : "");
    t->id = g->n_t;
    t->producer = -1;
    t->alias = -1;
    t->offset = -1;
    t->first_use = t->last_use = -1;
    g->t[g->n_t++] = t;
    return t;
}

int tensor_find(const Graph *g, const char *name)
{
    for (int i = g->n_t - 1; i >= 0; i--)
        if (strcmp(g->t[i]->name, name) == 0)
            return i;
    return -1;
}

int64_t tensor_numel(const Tensor *t)
{
    int64_t n = 1;
    for (int i = 0; i < t->rank; i++)
        n = checked_mul(n, t->dims[i], t->name);
    return n;
}

int64_t tensor_bytes(const Tensor *t)
{
    return checked_mul(tensor_numel(t), dtype_size(t->dtype), t->name);
}

void tensor_set_shape(Tensor *t, int dtype, int rank, const int64_t *dims)
{
    if (rank < 0 || rank > MLCC_MAX_RANK)
        fail(EXIT_MODEL, "%s: tensor '%s' has rank %d, above the limit of %d", g_model_path, t->name, rank,
             MLCC_MAX_RANK);
    t->dtype = dtype;
    t->rank = rank;
    int64_t n = 1;
    for (int i = 0; i < rank; i++) {
        if (dims[i] < 0)
            fail(EXIT_MODEL, "%s: tensor '%s' has negative dimension %lld", g_model_path, t->name,
                 (long long)dims[i]);
        if (dims[i] > g_limits.tensor_elements) /* even in an empty tensor: sizes and strides derive from dims */
            fail(EXIT_MODEL, "%s: tensor '%s' has dimension %lld, above the limit of %lld (raise it with --limit "
                 "tensor-elements=N)", g_model_path, t->name, (long long)dims[i], (long long)g_limits.tensor_elements);
        t->dims[i] = dims[i];
        n = checked_mul(n, dims[i], t->name);
    }
    if (n > g_limits.tensor_elements)
        fail(EXIT_MODEL, "%s: tensor '%s' has %lld elements, above the limit of %lld (raise it with --limit "
             "tensor-elements=N)", g_model_path, t->name, (long long)n, (long long)g_limits.tensor_elements);
    t->shaped = true;
}

char *shape_str(const Tensor *t)
{
    Buf b = {0};
    if (t->rank == 0)
        buf_puts(&b, "scalar");
    for (int i = 0; i < t->rank; i++)
        buf_printf(&b, "%s%lld", i ? "x" : "", (long long)t->dims[i]);
    return b.s;
}

Tensor *node_input(Graph *g, const Node *n, int k)
{
    if (k < 0 || k >= n->n_in || n->in[k] < 0)
        return NULL;
    return g->t[n->in[k]];
}

Tensor *node_output(Graph *g, const Node *n, int k)
{
    if (k < 0 || k >= n->n_out || n->out[k] < 0)
        return NULL;
    return g->t[n->out[k]];
}

/* ---------------------------------------------------------------- attributes */

const Attr *attr_get(const Node *n, const char *name)
{
    for (int i = 0; i < n->n_attr; i++)
        if (strcmp(n->attr[i].name, name) == 0)
            return &n->attr[i];
    return NULL;
}

static const Attr *attr_typed(const Node *n, const char *name, int type)
{
    const Attr *a = attr_get(n, name);
    if (a && a->type != type)
        node_fail(n, "attribute '%s' has the wrong type", name);
    return a;
}

int64_t attr_i(const Node *n, const char *name, int64_t dflt)
{
    const Attr *a = attr_typed(n, name, AT_INT);
    return a ? a->i : dflt;
}

float attr_f(const Node *n, const char *name, float dflt)
{
    const Attr *a = attr_typed(n, name, AT_FLOAT);
    return a ? a->f : dflt;
}

const char *attr_s(const Node *n, const char *name, const char *dflt)
{
    const Attr *a = attr_typed(n, name, AT_STRING);
    return a ? a->s : dflt;
}

int attr_ints(const Node *n, const char *name, const int64_t **out)
{
    const Attr *a = attr_typed(n, name, AT_INTS);
    if (!a)
        return -1;
    *out = a->ints;
    return a->n;
}

int attr_floats(const Node *n, const char *name, const float **out)
{
    const Attr *a = attr_typed(n, name, AT_FLOATS);
    if (!a)
        return -1;
    *out = a->floats;
    return a->n;
}

_Noreturn void node_fail(const Node *n, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fail(EXIT_MODEL, "%s: node '%s' (%s, opset %d): %s", g_model_path, n->name, n->op, n->opset, msg);
}
