"""OpenBLAS's kernels for the peer scripts: where it misreads the CPU, name the family the flags allow.

Import it before NumPy (or anything linking OpenBLAS) loads; NOTE says what it did.
"""
import os
import subprocess
import sys

# OpenBLAS picks its kernels from CPUID, and in some virtual machines it does not know the CPU: on
# our Sapphire Rapids VMs it says "Core: Prescott" (SSE3 kernels) and faiss runs 4x slower than it
# can. Then name the family the CPU's flags allow (before OpenBLAS loads), so the peer is at its best.
GENERIC_CORES = {"Prescott", "Core2", "Penryn", "Dunnington", "Nehalem", "Katmai", "Coppermine",
                 "Northwood", "Banias", "Atom", "Unknown"}


def openblas_core():
    """OpenBLAS's own choice of kernels here, as `OPENBLAS_VERBOSE=2` reports it ("Core: X")."""
    probe = subprocess.run([sys.executable, "-c", "import numpy"], capture_output=True, text=True,
                           env={**os.environ, "OPENBLAS_VERBOSE": "2"})
    for line in (probe.stdout + probe.stderr).splitlines():
        if line.startswith("Core: "):
            return line[len("Core: "):].strip()
    return None


def cpu_flags():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


if "OPENBLAS_CORETYPE" not in os.environ:
    detected = openblas_core()
    if detected in GENERIC_CORES:
        flags = cpu_flags()
        if {"avx512f", "avx512bw", "avx512vl", "avx512dq", "avx512cd"} <= flags:
            os.environ["OPENBLAS_CORETYPE"] = "SkylakeX"
        elif {"avx2", "fma"} <= flags:
            os.environ["OPENBLAS_CORETYPE"] = "Haswell"
NOTE = (f"OpenBLAS core {os.environ['OPENBLAS_CORETYPE']} (set: it detected {detected})"
        if "OPENBLAS_CORETYPE" in os.environ and "detected" in globals() else "OpenBLAS core as detected")
