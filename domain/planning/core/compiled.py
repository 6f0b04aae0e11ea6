"""numba-compiled versions of :mod:`domain.planning.core.kernels`.

Compiled lazily on first use and cached on disk (``cache=True``), so only the first run
on a machine pays the compile time; later processes load the machine code.
:func:`warm_up` lets a server or a benchmark pay that cost up front.
"""

from __future__ import annotations

from numba import njit

from domain.planning.core import kernels

build_links = njit(cache=True, nogil=True)(kernels.build_links)
forward_pass = njit(cache=True, nogil=True)(kernels.forward_pass)
backward_pass = njit(cache=True, nogil=True)(kernels.backward_pass)
unpack = njit(cache=True, nogil=True)(kernels.unpack)
