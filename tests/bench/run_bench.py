#!/usr/bin/python3
"""make bench: time mlcc's emitted C against ONNX Runtime and write docs/BENCHMARKS.md.

    /usr/bin/python3 tests/bench/run_bench.py --mlcc build/mlcc [--dir build/bench]
        [--doc docs/BENCHMARKS.md] [--seconds 1] [--jobs 2] [--only NAME,...]

For every models/*/model.onnx and the larger models that make_bench_models.py
generates into DIR/models (only when they are missing):

  1. mlcc MODEL -o DIR/work/NAME/bm.c --name bm        (a refusal is reported, not fatal)
  2. the emitted C built with mlcc_timer.c at -O3 -march=native and at -O2, and
     compiled for Cortex-M4 at -Os (arm-none-eabi-size -A: .text/.rodata/.data/.bss)
  3. instructions per inference of the -O2 build under callgrind
  4. one after another, nothing else of ours running: median latency of the
     -O3 build, the -O2 build and of ONNX Runtime 1.30 (ort_driver.c, its C API,
     one intra-op and one inter-op thread); every output is checked against the
     stored test_data_set_0/output_*.pb

Steps 1-3 run JOBS at a time (callgrind counts are deterministic, so they may
share the machine with builds); step 4 runs alone. Needs Debian's
python3-numpy and python3-onnx (to read the .pb test data), gcc,
arm-none-eabi-gcc, valgrind, node + npm (to install onnxruntime-node from
tests/bench/package-lock.json into DIR/ort).
"""
import argparse
import concurrent.futures as cf
import datetime
import filecmp
import glob
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import time

import numpy as np
import onnx
from onnx import numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
GEN_MODELS = ['mobilenetv2_035_96', 'resnet18_96']
O3 = ['-O3', '-march=native']
O2 = ['-O2']
M4 = ['-mcpu=cortex-m4', '-mthumb', '-mfloat-abi=hard', '-mfpu=fpv4-sp-d16', '-Os', '-std=c99']
CSTD = ['-std=c99']
TIMEOUT = 900  # seconds, any one command


def log(msg):
    print('bench: ' + msg, flush=True)


def run(cmd, cwd=None, timeout=TIMEOUT):
    """(returncode, stdout+stderr); never raises for a failing command."""
    try:
        p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
        return p.returncode, p.stdout.decode('utf-8', 'replace')
    except subprocess.TimeoutExpired:
        return 124, '%s: timed out after %d s' % (os.path.basename(cmd[0]), timeout)
    except OSError as e:
        return 127, '%s: %s' % (cmd[0], e)


def rel(p):
    return os.path.relpath(p, ROOT)


def first_line(text, limit=160):
    lines = [l for l in text.strip().splitlines() if l.strip()]
    s = lines[0] if lines else '(no message)'
    return s if len(s) <= limit else s[:limit - 3] + '...'


def cell(text):
    return text.replace('|', '\\|').replace('\n', ' ')


# ---------------------------------------------------------------------------
# set-up: ONNX Runtime, drivers, generated models
# ---------------------------------------------------------------------------

def ort_library(ort_dir):
    arch = {'x86_64': 'x64', 'aarch64': 'arm64'}.get(platform.machine(), platform.machine())
    return os.path.join(ort_dir, 'node_modules', 'onnxruntime-node', 'bin', 'napi-v6', 'linux', arch,
                        'libonnxruntime.so.1')


def ensure_ort(ort_dir):
    """npm ci --ignore-scripts from the checked-in lock file, unless already there."""
    lib = ort_library(ort_dir)
    lock = os.path.join(ort_dir, 'package-lock.json')
    src_lock = os.path.join(HERE, 'package-lock.json')
    if os.path.exists(lib) and os.path.exists(lock) and filecmp.cmp(lock, src_lock, shallow=False):
        return lib, None
    os.makedirs(ort_dir, exist_ok=True)
    for f in ('package.json', 'package-lock.json'):
        shutil.copyfile(os.path.join(HERE, f), os.path.join(ort_dir, f))
    log('npm ci --ignore-scripts in %s (onnxruntime-node from tests/bench/package-lock.json)' % rel(ort_dir))
    rc, out = run(['npm', 'ci', '--ignore-scripts', '--no-audit', '--no-fund'], cwd=ort_dir)
    if rc != 0 or not os.path.exists(lib):
        return None, 'npm ci failed: ' + first_line(out)
    return lib, None


def build_tool(src, out, extra):
    rc, msg = run(['gcc', '-std=c99', '-O2', '-Wall', '-Wextra', '-Werror', '-I', HERE, '-o', out, src] + extra)
    return None if rc == 0 else first_line(msg)


def ensure_models(model_dir):
    missing = [n for n in GEN_MODELS if not os.path.exists(os.path.join(model_dir, n, 'model.onnx'))]
    if not missing:
        return None
    log('generating %s into %s' % (', '.join(missing), rel(model_dir)))
    rc, out = run(['/usr/bin/python3', os.path.join(HERE, 'make_bench_models.py'), model_dir] + missing)
    sys.stdout.write(out)
    return None if rc == 0 else 'make_bench_models.py failed: ' + first_line(out.strip().splitlines()[-1] if out.strip() else out)


# ---------------------------------------------------------------------------
# per model
# ---------------------------------------------------------------------------

class Row:
    def __init__(self, name, model, origin):
        self.name, self.model, self.origin = name, model, origin
        self.data = os.path.join(os.path.dirname(model), 'test_data_set_0')
        self.work = None
        self.io = None
        self.inputs = []       # shapes
        self.expected = []     # numpy arrays
        self.refused = None    # mlcc's refusal
        self.error = None      # bench problem with this model
        self.stats = {}        # kernel calls, arena, lower bound, weights
        self.build = {}        # 'o3'/'o2'/'m4' -> error or None
        self.m4 = {}
        self.time = {}         # 'o3'/'o2'/'ort' -> dict or error str
        self.check = {}        # 'o3'/'o2'/'ort' -> max|diff| or error
        self.ir = None
        self.ort_version = None
        self.macs = None       # (all, in dense 3x3 stride-1 convolutions) or None


def load_io(row):
    ins = sorted(glob.glob(os.path.join(row.data, 'input_*.pb')), key=lambda p: int(re.findall(r'\d+', os.path.basename(p))[0]))
    outs = sorted(glob.glob(os.path.join(row.data, 'output_*.pb')), key=lambda p: int(re.findall(r'\d+', os.path.basename(p))[0]))
    if not ins or not outs:
        row.error = 'no test_data_set_0/input_*.pb and output_*.pb'
        return
    for i, p in enumerate(ins):
        a = numpy_helper.to_array(onnx.load_tensor(p))
        np.ascontiguousarray(a).tofile(os.path.join(row.io, 'input_%d.bin' % i))
        row.inputs.append('x'.join(str(d) for d in a.shape) + ('' if a.dtype == np.float32 else ' ' + str(a.dtype)))
    row.expected = [numpy_helper.to_array(onnx.load_tensor(p)) for p in outs]


def model_macs(path):
    """(multiply-adds of one inference in Conv / ConvTranspose / Gemm / MatMul, those of them in dense 3x3
    stride-1 convolutions, which Winograd can do with fewer), from ONNX's shape inference."""
    m = onnx.shape_inference.infer_shapes(onnx.load(path))
    g = m.graph
    shapes = {}
    for v in list(g.input) + list(g.value_info) + list(g.output):
        dims = v.type.tensor_type.shape.dim
        if dims and all(d.HasField('dim_value') for d in dims):
            shapes[v.name] = [d.dim_value for d in dims]
    for t in g.initializer:
        shapes[t.name] = list(t.dims)
    total = wino = 0
    for n in g.node:
        ins = [shapes.get(i) for i in n.input]
        out = shapes.get(n.output[0]) if n.output else None
        if n.op_type in ('Conv', 'ConvTranspose') and len(ins) > 1 and ins[0] and ins[1] and out:
            att = {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute}
            w = ins[1]
            if n.op_type == 'Conv':
                macs = math.prod(out) * math.prod(w[1:])
            else:  # every input value times one kernel of M / group outputs
                macs = math.prod(ins[0]) * math.prod(w[1:])
            total += macs
            if (n.op_type == 'Conv' and att.get('group', 1) == 1 and list(w[2:]) == [3, 3]
                    and all(x == 1 for x in att.get('strides', [1, 1])) and all(x == 1 for x in att.get('dilations', [1, 1]))):
                wino += macs
        elif n.op_type in ('Gemm', 'MatMul') and len(ins) > 1 and ins[0] and ins[1] and out:
            att = {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute}
            k = ins[0][0] if n.op_type == 'Gemm' and att.get('transA', 0) else ins[0][-1]
            total += math.prod(out) * k
    return total, wino


def compare(row, prefix):
    """max |out - expected| over all outputs, or an error string."""
    worst, bad = 0.0, False
    for i, e in enumerate(row.expected):
        p = os.path.join(row.io, '%s_output_%d.bin' % (prefix, i))
        if not os.path.exists(p):
            return 'no output %d' % i
        o = np.fromfile(p, dtype=e.dtype)
        if o.size != e.size:
            return 'output %d has %d elements, expected %d' % (i, o.size, e.size)
        ef = e.reshape(-1).astype(np.float64)
        of = o.astype(np.float64)
        if np.issubdtype(e.dtype, np.floating):
            if not np.all(np.isfinite(of) == np.isfinite(ef)):
                return 'output %d: non-finite values differ' % i
            fin = np.isfinite(ef)
            d = float(np.max(np.abs(of[fin] - ef[fin]))) if fin.any() else 0.0
            tol = 1e-4 + 1e-3 * float(np.max(np.abs(ef[fin]))) if fin.any() else 0.0
        else:
            d, tol = float(np.max(np.abs(of - ef))) if ef.size else 0.0, 0.0
        worst = max(worst, d)
        bad = bad or d > tol
    return ('MISMATCH max|d|=%.3g' % worst) if bad else worst


def prepare(row, mlcc, work_root):
    """mlcc the model and read its test data (phase 1a)."""
    row.work = os.path.join(work_root, row.name)
    shutil.rmtree(row.work, ignore_errors=True)
    row.io = os.path.join(row.work, 'io')
    os.makedirs(row.io)
    try:
        load_io(row)
    except Exception as e:  # a broken .pb is this model's problem, not the bench's
        row.error = 'reading test data: %s' % e
    if row.error:
        return row
    try:
        row.macs = model_macs(row.model)
    except Exception as e:  # a model shape inference can't follow just has no floor
        log('%s: no multiply-add count: %s' % (row.name, e))
    t = time.time()
    rc, out = run([mlcc, row.model, '-o', os.path.join(row.work, 'bm.c'), '--name', 'bm'])
    row.mlcc_seconds = time.time() - t
    if rc != 0:
        errs = [l for l in out.splitlines() if l.startswith('mlcc: error:')]
        ops = []
        for l in errs:
            m = re.search(r"\((\w+), opset \d+\): unsupported operator", l)
            if m and m.group(1) not in ops:
                ops.append(m.group(1))
        msgs = [re.sub(r'^mlcc: error: [^:]*\.onnx: ', '', l) for l in errs] or [first_line(out)]
        msg = msgs[-1]
        if ops:
            msg += ' (%s)' % ', '.join(ops)
        row.refused = msg if rc == 1 else ('killed by signal %d: %s' % (-rc, msg) if rc < 0 else
                                           'exit %d: %s' % (rc, msg))
        return row
    m = re.search(r'(\d+) kernel calls, arena (\d+) bytes \(lower bound (\d+)\), weights (\d+) bytes', out)
    if m:
        row.stats = dict(zip(('calls', 'arena', 'lb', 'weights'), map(int, m.groups())))
        # the bound of the file's own order of whole nodes (-v), apart from the timed compile
        rc, out = run([mlcc, row.model, '-o', os.path.join(row.work, 'v.c'), '--name', 'bm', '-v'])
        m = re.search(r'\(file order: (\d+)\)', out)
        if rc == 0 and m:
            row.stats['flb'] = int(m.group(1))
        for f in ('v.c', 'v.h'):
            if os.path.exists(os.path.join(row.work, f)):
                os.remove(os.path.join(row.work, f))
    return row


def compile_jobs(row):
    """(row, key, cost, argv list...) for phase 1b."""
    if row.refused or row.error:
        return []
    c = os.path.join(row.work, 'bm.c')
    cost = os.path.getsize(c)
    timer = os.path.join(HERE, 'mlcc_timer.c')
    jobs = []
    for key, flags in (('o3', O3), ('o2', O2)):
        o = os.path.join(row.work, 'bm_%s.o' % key)
        exe = os.path.join(row.work, 'timer_%s' % key)
        jobs.append((row, key, cost * (1.5 if key == 'o2' else 1), [
            ['gcc'] + CSTD + flags + ['-c', c, '-o', o],
            ['gcc'] + CSTD + flags + ['-I', row.work, '-I', HERE, '-o', exe, timer, o, '-lm']]))
    jobs.append((row, 'm4', cost, [['arm-none-eabi-gcc'] + M4 + ['-c', c, '-o', os.path.join(row.work, 'bm_m4.o')],
                                  ['arm-none-eabi-size', '-A', os.path.join(row.work, 'bm_m4.o')]]))
    return jobs


def do_compile(job):
    row, key, _, cmds = job
    out = ''
    for cmd in cmds:
        rc, out = run(cmd)
        if rc != 0:
            row.build[key] = first_line(out)
            return
    row.build[key] = None
    if key == 'o2' and shutil.which('valgrind'):
        callgrind(row)  # deterministic, so it may share the machine with the other builds
    if key == 'm4':
        sec = {'.text': 0, '.rodata': 0, '.data': 0, '.bss': 0}
        for line in out.splitlines():
            f = line.split()
            if len(f) >= 2 and f[1].isdigit():
                for s in sec:
                    if f[0] == s or f[0].startswith(s + '.'):
                        sec[s] += int(f[1])
        row.m4 = sec


def parse_timing(out):
    m = re.search(r'median_us=([\d.]+) cpu_median_us=([\d.]+) min_us=([\d.]+) max_us=([\d.]+) samples=(\d+) '
                  r'batch=(\d+) inferences=(\d+)', out)
    if not m:
        return None
    v = list(map(float, m.groups()))
    return dict(zip(('median', 'cpu', 'min', 'max', 'samples', 'batch', 'n'), v))


ROUNDS = 3  # timing rounds a model; each round measures every build and ORT once, back to back
args_mlcc = [None]  # the mlcc binary, for the compile timing of phase 3


def combine(runs):
    """one timing from the rounds: the median of their medians (and of their CPU medians), the extremes of all
    samples, the totals of samples and inferences"""
    med = lambda v: sorted(v)[len(v) // 2]
    return {'median': med([t['median'] for t in runs]), 'cpu': med([t['cpu'] for t in runs]),
            'min': min(t['min'] for t in runs), 'max': max(t['max'] for t in runs),
            'samples': sum(t['samples'] for t in runs), 'batch': runs[0]['batch'], 'n': sum(t['n'] for t in runs),
            'rounds': [t['median'] for t in runs]}


def time_model(row, ort_lib, ort_exe, seconds):
    """phase 3: one measurement at a time, in ROUNDS rounds of (mlcc -O3, mlcc -O2, ORT), each SECONDS / ROUNDS
    long, so a change in the machine's speed during the run (other work, a shared host) reaches both sides
    alike instead of whichever ran at the time."""
    runs = {}
    keys = [k for k in ('o3', 'o2') if row.build.get(k, 'not built') is None]
    if ort_lib and ort_exe and not row.error:
        keys.append('ort')
    if not row.refused and not row.error:
        # mlcc's compile time, alone on the machine (phase 1 runs JOBS compiles side by side): median of 3
        ts = []
        for _ in range(3):
            t = time.time()
            rc, _out = run([args_mlcc[0], row.model, '-o', os.path.join(row.work, 't.c'), '--name', 'bm'])
            if rc == 0:
                ts.append(time.time() - t)
        for f in ('t.c', 't.h'):
            if os.path.exists(os.path.join(row.work, f)):
                os.remove(os.path.join(row.work, f))
        if ts:
            row.mlcc_seconds = sorted(ts)[len(ts) // 2]
    for rnd in range(ROUNDS):
        for key in keys:
            if isinstance(row.time.get(key), str):
                continue  # failed in an earlier round
            if key == 'ort':
                rc, out = run([ort_exe, ort_lib, row.model, row.io, str(seconds / ROUNDS)])
                m = re.search(r'ort_version=(\S+)', out)
                row.ort_version = m.group(1) if m else row.ort_version
                err = 'error: ' + first_line('\n'.join(l for l in out.splitlines() if not l.startswith('ort_version')))
            else:
                rc, out = run([os.path.join(row.work, 'timer_%s' % key), 'time', str(seconds / ROUNDS), row.io])
                err = 'run failed: ' + first_line(out)
            t = parse_timing(out) if rc == 0 else None
            if not t:
                row.time[key] = err
                continue
            runs.setdefault(key, []).append(t)
            if rnd == 0 and key != 'ort':
                for i in range(len(row.expected)):
                    p = os.path.join(row.io, 'mlcc_output_%d.bin' % i)
                    if os.path.exists(p):
                        os.replace(p, os.path.join(row.io, '%s_output_%d.bin' % (key, i)))
    for key in keys:
        if key in runs and not isinstance(row.time.get(key), str):
            row.time[key] = combine(runs[key])
        row.check[key] = compare(row, key)


def callgrind(row):
    cg = os.path.join(row.work, 'callgrind.out')
    rc, out = run(['valgrind', '--tool=callgrind', '--callgrind-out-file=' + cg, '--toggle-collect=bm_run',
                   os.path.join(row.work, 'timer_o2'), 'once', row.io])
    if rc != 0 or not os.path.exists(cg):
        row.ir = 'failed: ' + first_line(out)
        return
    with open(cg) as f:
        for line in f:
            if line.startswith('totals:') or line.startswith('summary:'):
                row.ir = int(line.split()[1])
                break


# ---------------------------------------------------------------------------
# report
# ---------------------------------------------------------------------------

def sh(cmd):
    rc, out = run(cmd, timeout=30)
    return first_line(out, 200) if rc == 0 else 'not found'


def machine_info(ort_version):
    cpu, isa = 'unknown', ''
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name') and cpu == 'unknown':
                    cpu = line.split(':', 1)[1].strip()
                if line.startswith('flags') and not isa:
                    fl = set(line.split(':', 1)[1].split())
                    isa = ', '.join(x for x in ('sse4_2', 'avx', 'avx2', 'fma', 'avx512f', 'avx512_vnni', 'asimd')
                                    if x in fl)
    except OSError:
        pass
    if isa:
        cpu += ' (%s)' % isa
    osname = platform.system()
    try:
        with open('/etc/os-release') as f:
            for line in f:
                if line.startswith('PRETTY_NAME='):
                    osname = line.split('=', 1)[1].strip().strip('"')
    except OSError:
        pass
    mem = ''
    try:
        with open('/proc/meminfo') as f:
            kb = int(f.readline().split()[1])
            mem = '%.0f GiB' % (kb / 1048576)
    except (OSError, ValueError, IndexError):
        pass
    return [
        ('CPU', cpu),
        ('cores', '%d (os.cpu_count)' % (os.cpu_count() or 0)),
        ('memory', mem),
        ('OS', '%s, Linux %s, %s' % (osname, platform.release(), platform.machine())),
        ('gcc', sh(['gcc', '--version'])),
        ('arm-none-eabi-gcc', sh(['arm-none-eabi-gcc', '--version'])),
        ('valgrind', sh(['valgrind', '--version'])),
        ('ONNX Runtime', '%s (libonnxruntime.so.1 from npm onnxruntime-node, C API version 30)' % ort_version
         if ort_version else 'not available'),
    ]


def fmt_us(t):
    if isinstance(t, dict):
        v = t['median']
        return '%.2f' % v if v < 100 else '%.0f' % v
    return '—' if t is None else cell(t)


def fmt_int(v):
    return '{:,}'.format(v) if isinstance(v, int) else ('—' if v is None else cell(str(v)))


def wrong(row, key):
    """a marker for a latency whose outputs did not match the stored ones"""
    c = row.check.get(key)
    return ' (wrong output)' if isinstance(c, str) else ''


def ratio(row, key='median'):
    a, b = row.time.get('o3'), row.time.get('ort')
    if isinstance(a, dict) and isinstance(b, dict) and b[key] > 0:
        return a[key] / b[key]
    return None


def write_doc(path, rows, args, info, phases, load, ort_note, peak):
    L = []
    w = L.append
    w('# Benchmarks')
    w('')
    w('Written by `make bench` (tests/bench/run_bench.py) on %s UTC; do not edit by hand, run `make bench` again.'
      % datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M'))
    w('')
    w('## Machine')
    w('')
    w('| | |')
    w('| --- | --- |')
    for k, v in info:
        w('| %s | %s |' % (k, cell(v)))
    w('| load average | %s at start, %s at the end (1-minute; above ~1 the latencies below are disturbed by other work) |'
      % (load[0], load[1]))
    w('| bench wall time | %s |' % ', '.join('%s %.0f s' % (k, v) for k, v in phases))
    w('')
    w('## Results')
    w('')
    w('Latency: median of one inference in µs (wall clock, CLOCK_MONOTONIC), mlcc built with `-O3 -march=native` '
      'and with `-O2`; ORT is ONNX Runtime with one intra-op and one inter-op thread. Ratio = mlcc -O3 / ORT '
      '(below 1: mlcc is faster). Ir = instructions per inference of the -O2 build (callgrind). Arena and lower '
      'bound (of the chosen schedule) from mlcc, and with `-v` the bound of the file\'s own order of whole nodes; M4 columns: bytes of each section of the emitted model compiled for Cortex-M4 at -Os '
      '(.text is code, .rodata the weights and kernel parameters, .bss the arena).')
    w('')
    w('| model | input | mlcc -O3 µs | mlcc -O2 µs | ORT µs | ratio | arena B | lower bound B | file-order bound B '
      '| Ir / inference | M4 .text | M4 .rodata | M4 .data | M4 .bss |')
    w('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |')
    ratios = []
    for r in rows:
        inp = ', '.join(r.inputs) or '—'
        ort = fmt_us(r.time.get('ort')) + wrong(r, 'ort')
        if r.error or r.refused:
            why = ('refused: ' + r.refused) if r.refused else ('error: ' + r.error)
            w('| %s | %s | %s | | %s | | | | | | | | | |' % (r.name, inp, cell(why), ort))
            continue
        cols = []
        for k in ('o3', 'o2'):
            cols.append(('build failed: ' + cell(r.build[k])) if r.build.get(k) else fmt_us(r.time.get(k)) + wrong(r, k))
        q = ratio(r)
        if q:
            ratios.append(q)
        if r.build.get('m4'):
            m4 = ['build failed: ' + cell(r.build['m4']), '', '', '']
        else:
            m4 = [fmt_int(r.m4.get(s)) for s in ('.text', '.rodata', '.data', '.bss')]
        w('| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |' % (
            r.name, inp, cols[0], cols[1], ort, '%.2f' % q if q else '—', fmt_int(r.stats.get('arena')),
            fmt_int(r.stats.get('lb')), fmt_int(r.stats.get('flb')), fmt_int(r.ir), ' | '.join(m4)))
    if ratios:
        g = math.exp(sum(math.log(x) for x in ratios) / len(ratios))
        w('')
        w('Geometric mean of the ratio mlcc -O3 / ORT over the %d model(s) both ran: **%.2f**.' % (len(ratios), g))
    w('')
    w('### Compute floor')
    w('')
    if peak:
        w('Multiply-adds of one inference (Conv, ConvTranspose, Gemm, MatMul, counted from ONNX shape inference; '
          'direct convolution), and the time they take at the best rate the GEMM core\'s shape of C code reaches '
          'on this machine: **%.1f G multiply-adds/s** (`tests/bench/fma_peak.c`, -O3 -march=native, one 12 x 32 '
          'tile on operands in L1, fastest of 50 runs). No kernel of ours beats this floor without doing fewer '
          'multiply-adds (Winograd does, in the dense 3x3 stride-1 convolutions); depthwise convolutions and '
          'memory traffic keep real code well above it. Floor / ORT is the best ratio such code could reach.' % peak)
        w('')
        w('| model | M multiply-adds | of them dense 3x3 stride 1 | floor µs | floor / ORT | mlcc -O3 G/s | ORT G/s |')
        w('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
        fl = []
        for r in rows:
            if not r.macs:
                continue
            ma, wi = r.macs
            floor = ma / (peak * 1e3)
            o3, ort = r.time.get('o3'), r.time.get('ort')
            q = floor / ort['median'] if isinstance(ort, dict) and ort['median'] > 0 else None
            if q:
                fl.append(q)
            w('| %s | %.2f | %.2f | %s | %s | %s | %s |' % (
                r.name, ma / 1e6, wi / 1e6, fmt_us({'median': floor}), '%.2f' % q if q else '—',
                '%.1f' % (ma / o3['median'] / 1e3) if isinstance(o3, dict) else '—',
                '%.1f' % (ma / ort['median'] / 1e3) if isinstance(ort, dict) else '—'))
        if fl:
            w('')
            w('Geometric mean of floor / ORT: **%.2f**.' % math.exp(sum(math.log(x) for x in fl) / len(fl)))
    else:
        w('Not measured: tests/bench/fma_peak.c did not build or run.')
    w('')
    w('### Thread CPU time and spread')
    w('')
    w('The same samples measured in thread CPU time (CLOCK_THREAD_CPUTIME_ID: leaves out time the process was '
      'descheduled, so it is steadier on a loaded machine), and the fastest / slowest sample (wall clock); '
      'n = inferences timed.')
    w('')
    w('| model | mlcc -O3 CPU µs | mlcc -O2 CPU µs | ORT CPU µs | ratio (CPU) | mlcc -O3 min / max µs (n) '
      '| ORT min / max µs (n) |')
    w('| --- | ---: | ---: | ---: | ---: | ---: | ---: |')
    cratios = []
    for r in rows:
        def cpu(k):
            t = r.time.get(k)
            return ('%.2f' % t['cpu'] if t['cpu'] < 100 else '%.0f' % t['cpu']) if isinstance(t, dict) else '—'

        def spread(k):
            t = r.time.get(k)
            return '%.4g / %.4g (%d)' % (t['min'], t['max'], t['n']) if isinstance(t, dict) else '—'
        q = ratio(r, 'cpu')
        if q:
            cratios.append(q)
        w('| %s | %s | %s | %s | %s | %s | %s |' % (r.name, cpu('o3'), cpu('o2'), cpu('ort'),
                                                  '%.2f' % q if q else '—', spread('o3'), spread('ort')))
    if cratios:
        g = math.exp(sum(math.log(x) for x in cratios) / len(cratios))
        w('')
        w('Geometric mean of the CPU-time ratio: **%.2f**.' % g)
    w('')
    w('### Output check and model facts')
    w('')
    w('Every run\'s outputs against the stored `test_data_set_0/output_*.pb` (max |difference|; a mismatch is '
      'beyond 1e-4 + 1e-3 x max|expected|), so both sides compute the same thing. mlcc time: wall time of '
      '`mlcc MODEL.onnx -o bm.c`, median of 3 runs with nothing else of the bench running.')
    w('')
    w('| model | source | mlcc -O3 | mlcc -O2 | ORT | kernel calls | weights B | mlcc time s |')
    w('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |')

    def chk(v):
        return '%.2g' % v if isinstance(v, float) else ('—' if v is None else cell(v))
    for r in rows:
        w('| %s | %s | %s | %s | %s | %s | %s | %s |' % (
            r.name, r.origin, chk(r.check.get('o3')), chk(r.check.get('o2')), chk(r.check.get('ort')),
            fmt_int(r.stats.get('calls')), fmt_int(r.stats.get('weights')),
            '%.2f' % r.mlcc_seconds if getattr(r, 'mlcc_seconds', None) is not None and not r.refused else '—'))
    w('')
    w('## How it was measured')
    w('')
    w('- **mlcc**: `%s MODEL.onnx -o bm.c --name bm`, then `gcc -std=c99 -O3 -march=native` and '
      '`gcc -std=c99 -O2` each compile bm.c and link it with `tests/bench/mlcc_timer.c`. A refusal by mlcc '
      '(an operator not implemented yet, say) is reported in the row and the bench goes on.' % rel(args.mlcc))
    w('- **ONNX Runtime**: `npm ci --ignore-scripts` of onnxruntime-node (pinned by '
      '`tests/bench/package.json` + `package-lock.json`) into `%s/ort`; only the `libonnxruntime.so.1` it '
      'ships is used. `tests/bench/ort_driver.c` dlopen()s it and calls its C API directly '
      '(OrtGetApiBase()->GetApi(30)): SetIntraOpNumThreads(1), SetInterOpNumThreads(1), sequential execution, '
      'ORT_ENABLE_ALL, input and output tensors over the driver\'s own buffers '
      '(CreateTensorWithDataAsOrtValue), then Run(). No Node.js is in the timed path, so there is no binding '
      'overhead to measure or subtract; what remains per call is ORT\'s own Run() overhead, which is real and '
      'dominates the smallest models.%s' % (rel(args.dir), ort_note))
    w('- **Timing** (`tests/bench/bench_timing.h`, identical for both): warm-up (at least 0.1 s and 1 '
      'inference), calibration, then samples of k back-to-back inferences, k chosen so a sample lasts at '
      'least 200 µs; as many samples as fit in the time given (at least 9); the median of sample time / k. '
      'Each model is timed in %d rounds, each round running mlcc -O3, mlcc -O2 and ORT back to back for %g s '
      'each; a latency above is the median of its rounds\' medians (so a slower spell of the machine reaches '
      'both sides alike). The same input (`test_data_set_0/input_*.pb`) for both; measurements run one at a '
      'time.' % (ROUNDS, args.seconds / ROUNDS))
    w('- **Instructions**: `valgrind --tool=callgrind --toggle-collect=bm_run timer_o2 once DIR`: events are '
      'counted only inside `bm_run` (and what it calls), for exactly one inference, so reading the input and '
      'process start-up are not counted. Deterministic for a given compiler and model: use it to compare '
      'changes across noisy machines.')
    w('- **Cortex-M4**: `arm-none-eabi-gcc %s -c bm.c`, then `arm-none-eabi-size -A bm.o`.' % ' '.join(M4))
    w('- **Models**: every `models/*/model.onnx`, plus `mobilenetv2_035_96` (MobileNetV2 width 0.35, '
      'torchvision\'s layer table, 1000 classes) and `resnet18_96` (ResNet-18, 1000 classes), both at '
      '1x3x96x96, written in plain torch by `tests/bench/make_bench_models.py` (eval mode, fixed seeded random '
      'weights, opset 13) into `%s/models` when missing (not checked in).' % rel(args.dir))
    w('')
    w('Run it:')
    w('')
    w('```sh')
    w('make bench                      # BENCH_SECONDS=3 per measurement, BENCH_JOBS=2 parallel builds')
    w('make bench BENCH_ONLY=digits    # a subset (comma-separated names)')
    w('```')
    w('')
    with open(path, 'w') as f:
        f.write('\n'.join(L))


def main():
    ap = argparse.ArgumentParser(description='make bench')
    ap.add_argument('--mlcc', required=True)
    ap.add_argument('--dir', default=os.path.join(ROOT, 'build', 'bench'))
    ap.add_argument('--doc', default=os.path.join(ROOT, 'docs', 'BENCHMARKS.md'))
    ap.add_argument('--seconds', type=float, default=1.0)
    ap.add_argument('--jobs', type=int, default=2)
    ap.add_argument('--only', default='')
    args = ap.parse_args()
    args.mlcc = os.path.abspath(args.mlcc)
    args_mlcc[0] = args.mlcc
    args.dir = os.path.abspath(args.dir)
    t0 = time.time()
    phases = []
    load = [open('/proc/loadavg').read().split()[0], None]
    os.makedirs(args.dir, exist_ok=True)

    ort_lib, ort_err = ensure_ort(os.path.join(args.dir, 'ort'))
    ort_exe = os.path.join(args.dir, 'ort_driver')
    if ort_lib:
        e = build_tool(os.path.join(HERE, 'ort_driver.c'), ort_exe, ['-ldl'])
        if e:
            ort_lib, ort_err = None, 'ort_driver.c did not build: ' + e
    if ort_err:
        log('ONNX Runtime unavailable: ' + ort_err)
    model_dir = os.path.join(args.dir, 'models')
    gen_err = ensure_models(model_dir)
    if gen_err:
        log(gen_err)

    rows = []
    for p in sorted(glob.glob(os.path.join(ROOT, 'models', '*', 'model.onnx'))):
        rows.append(Row(os.path.basename(os.path.dirname(p)), p, 'models/'))
    for n in GEN_MODELS:
        p = os.path.join(model_dir, n, 'model.onnx')
        r = Row(n, p, 'generated')
        if not os.path.exists(p):
            r.error = gen_err or 'not generated'
        rows.append(r)
    if args.only:
        keep = set(args.only.split(','))
        rows = [r for r in rows if r.name in keep]
    phases.append(('set-up', time.time() - t0))

    # phase 1: mlcc, then every compile (and callgrind after each -O2 build), JOBS at a time, largest first
    t = time.time()
    work = os.path.join(args.dir, 'work')
    with cf.ThreadPoolExecutor(args.jobs) as ex:
        list(ex.map(lambda r: r if r.error else prepare(r, args.mlcc, work), rows))
    for r in rows:
        log('%-20s %s' % (r.name, ('refused: ' + r.refused) if r.refused else ('error: ' + r.error) if r.error
                          else 'mlcc ok, arena %s' % r.stats.get('arena')))
    jobs = sorted((j for r in rows for j in compile_jobs(r)), key=lambda j: -j[2])
    with cf.ThreadPoolExecutor(args.jobs) as ex:
        list(ex.map(do_compile, jobs))
    phases.append(('build + callgrind', time.time() - t))

    # phase 2: timing, one measurement at a time; first the machine's multiply-add rate for the compute floor
    t = time.time()
    peak = None
    peak_exe = os.path.join(args.dir, 'fma_peak')
    e = build_tool(os.path.join(HERE, 'fma_peak.c'), peak_exe, ['-O3', '-march=native', '-lm'])
    if e:
        log('fma_peak.c did not build: ' + e)
    else:
        rc, out = run([peak_exe])
        m = re.search(r'peak_gmacs=([\d.]+)', out)
        peak = float(m.group(1)) if rc == 0 and m else None
        log('peak %s G multiply-adds/s' % (peak if peak else 'not measured: ' + first_line(out)))
    for r in rows:
        if r.error and not os.path.exists(r.model):
            continue
        if r.io is None:
            continue
        time_model(r, ort_lib, ort_exe if ort_lib else None, args.seconds)
        log('%-20s %s' % (r.name, '  '.join('%s %s' % (k, fmt_us(r.time.get(k))) for k in ('o3', 'o2', 'ort'))))
    phases.append(('timing', time.time() - t))
    phases.append(('total', time.time() - t0))
    load[1] = open('/proc/loadavg').read().split()[0]

    ort_version = next((r.ort_version for r in rows if r.ort_version), None)
    note = '' if not ort_err else ' **This run: ONNX Runtime was not available (%s).**' % cell(ort_err)
    os.makedirs(os.path.dirname(os.path.abspath(args.doc)), exist_ok=True)
    write_doc(args.doc, rows, args, machine_info(ort_version), phases, load, note, peak)
    log('wrote %s in %.0f s' % (rel(os.path.abspath(args.doc)), time.time() - t0))
    with open(args.doc) as f:
        text = f.read()
    s = text.index('## Results')
    print(text[s:text.index('### Thread CPU')].strip())
    return 0


if __name__ == '__main__':
    sys.exit(main())
