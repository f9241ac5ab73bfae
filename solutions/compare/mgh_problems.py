"""The Moré–Garbow–Hillstrom problems of mgh_problems.cpp, written again in numpy.

Every problem is a sum of squares f(x) = Σ rᵢ(x)² (lib's convention, no ½) and gives
    res(x) = r,  jac(x) = J = ∂r/∂x,  res_hess(x, w) = Σᵢ wᵢ ∇²rᵢ(x),
from which f = rᵀr, ∇f = 2Jᵀr and ∇²f = 2(JᵀJ + Σᵢ rᵢ∇²rᵢ).

This is an independent transcription of the C++ file (the paper's formulas, typed twice), not a
translation of its code: scipy_compare.py checks every problem against the f, ∇f, ∇²f, r and J
that optlab_compare wrote to points.csv, so a slip in either file stops the comparison.
"""
import math

import numpy as np

SQRT5, SQRT10, SQRT90 = math.sqrt(5.0), math.sqrt(10.0), math.sqrt(90.0)
SQRT_A = math.sqrt(1e-5)  # penalty functions I and II


class Problem:
    def __init__(self, name, mgh, n, m, x0, f_ref):
        self.name, self.mgh, self.n, self.m = name, mgh, n, m
        self.x0 = np.asarray(x0, dtype=float)
        self.f_ref = f_ref

    # subclasses: res(x) -> (m,), jac(x) -> (m, n), res_hess(x, w) -> (n, n)
    def f(self, x):
        r = self.res(x)
        return float(r @ r)

    def grad(self, x):
        return 2.0 * self.jac(x).T @ self.res(x)

    def hess(self, x):
        r, J = self.res(x), self.jac(x)
        H = 2.0 * (J.T @ J + self.res_hess(x, r))
        return 0.5 * (H + H.T)


class Rosenbrock(Problem):
    """1 (n = 2) and lib's chained Rosenbrock: r = (10(x_{i+1} − x_i²), 1 − x_i), i = 1..n−1."""

    def __init__(self, name, n):
        x0 = np.array([-1.2 if i % 2 == 0 else 1.0 for i in range(n)])
        super().__init__(name, 1 if n == 2 else 0, n, 2 * (n - 1), x0, 0.0)

    def res(self, x):
        r = np.empty(2 * (self.n - 1))
        r[0::2] = 10.0 * (x[1:] - x[:-1] ** 2)
        r[1::2] = 1.0 - x[:-1]
        return r

    def jac(self, x):
        J = np.zeros((2 * (self.n - 1), self.n))
        for i in range(self.n - 1):
            J[2 * i, i] = -20.0 * x[i]
            J[2 * i, i + 1] = 10.0
            J[2 * i + 1, i] = -1.0
        return J

    def res_hess(self, x, w):
        H = np.zeros((self.n, self.n))
        for i in range(self.n - 1):
            H[i, i] += -20.0 * w[2 * i]
        return H


class FreudensteinRoth(Problem):  # 2
    def __init__(self):
        super().__init__("freudenstein_roth", 2, 2, 2, [0.5, -2.0], 0.0)

    def res(self, x):
        a, b = x
        return np.array([-13 + a + 5 * b**2 - b**3 - 2 * b, -29 + a + b**3 + b**2 - 14 * b])

    def jac(self, x):
        b = x[1]
        return np.array([[1.0, 10 * b - 3 * b**2 - 2], [1.0, 3 * b**2 + 2 * b - 14]])

    def res_hess(self, x, w):
        b = x[1]
        return np.array([[0.0, 0.0], [0.0, w[0] * (10 - 6 * b) + w[1] * (6 * b + 2)]])


class PowellBadlyScaled(Problem):  # 3
    def __init__(self):
        super().__init__("powell_badly_scaled", 3, 2, 2, [0.0, 1.0], 0.0)

    def res(self, x):
        return np.array([1e4 * x[0] * x[1] - 1, math.exp(-x[0]) + math.exp(-x[1]) - 1.0001])

    def jac(self, x):
        return np.array([[1e4 * x[1], 1e4 * x[0]], [-math.exp(-x[0]), -math.exp(-x[1])]])

    def res_hess(self, x, w):
        return np.array([[w[1] * math.exp(-x[0]), 1e4 * w[0]], [1e4 * w[0], w[1] * math.exp(-x[1])]])


class BrownBadlyScaled(Problem):  # 4
    def __init__(self):
        super().__init__("brown_badly_scaled", 4, 2, 3, [1.0, 1.0], 0.0)

    def res(self, x):
        return np.array([x[0] - 1e6, x[1] - 2e-6, x[0] * x[1] - 2])

    def jac(self, x):
        return np.array([[1.0, 0.0], [0.0, 1.0], [x[1], x[0]]])

    def res_hess(self, x, w):
        return np.array([[0.0, w[2]], [w[2], 0.0]])


class Beale(Problem):  # 5: r_i = y_i − x1(1 − x2^i)
    Y = np.array([1.5, 2.25, 2.625])

    def __init__(self):
        super().__init__("beale", 5, 2, 3, [1.0, 1.0], 0.0)

    def res(self, x):
        i = np.arange(1, 4)
        return self.Y - x[0] * (1 - x[1] ** i)

    def jac(self, x):
        i = np.arange(1, 4)
        return np.column_stack([-(1 - x[1] ** i), x[0] * i * x[1] ** (i - 1)])

    def res_hess(self, x, w):
        i = np.arange(1, 4)
        h12 = np.sum(w * i * x[1] ** (i - 1))
        h22 = np.sum(w * x[0] * i * (i - 1) * x[1] ** np.maximum(i - 2, 0))
        return np.array([[0.0, h12], [h12, h22]])


class JennrichSampson(Problem):  # 6
    def __init__(self, m):
        super().__init__("jennrich_sampson", 6, 2, m, [0.3, 0.4], 124.362)
        self.i = np.arange(1, m + 1, dtype=float)

    def res(self, x):
        i = self.i
        return 2 + 2 * i - np.exp(i * x[0]) - np.exp(i * x[1])

    def jac(self, x):
        i = self.i
        return np.column_stack([-i * np.exp(i * x[0]), -i * np.exp(i * x[1])])

    def res_hess(self, x, w):
        i = self.i
        return np.diag([-np.sum(w * i**2 * np.exp(i * x[0])), -np.sum(w * i**2 * np.exp(i * x[1]))])


class HelicalValley(Problem):  # 7
    def __init__(self):
        super().__init__("helical_valley", 7, 3, 3, [-1.0, 0.0, 0.0], 0.0)

    @staticmethod
    def theta(a, b):
        if a > 0:
            return math.atan(b / a) / (2 * math.pi)
        if a < 0:
            return math.atan(b / a) / (2 * math.pi) + 0.5
        return 0.25 if b >= 0 else -0.25

    def res(self, x):
        return np.array([10 * (x[2] - 10 * self.theta(x[0], x[1])), 10 * (math.hypot(x[0], x[1]) - 1), x[2]])

    def jac(self, x):
        a, b = x[0], x[1]
        q = a * a + b * b
        rho = math.sqrt(q)
        # θ_a = −b/(2πq), θ_b = a/(2πq)
        return np.array([[100 * b / (2 * math.pi * q), -100 * a / (2 * math.pi * q), 10.0],
                         [10 * a / rho, 10 * b / rho, 0.0],
                         [0.0, 0.0, 1.0]])

    def res_hess(self, x, w):
        a, b = x[0], x[1]
        q = a * a + b * b
        rho = math.sqrt(q)
        th_aa = 2 * a * b / (2 * math.pi * q * q)
        th_ab = (b * b - a * a) / (2 * math.pi * q * q)
        th_bb = -th_aa
        rh_aa, rh_ab, rh_bb = b * b / rho**3, -a * b / rho**3, a * a / rho**3
        H = np.zeros((3, 3))
        H[0, 0] = -100 * w[0] * th_aa + 10 * w[1] * rh_aa
        H[0, 1] = H[1, 0] = -100 * w[0] * th_ab + 10 * w[1] * rh_ab
        H[1, 1] = -100 * w[0] * th_bb + 10 * w[1] * rh_bb
        return H


class Bard(Problem):  # 8
    Y = np.array([0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39, 0.37, 0.58, 0.73, 0.96, 1.34, 2.10, 4.39])

    def __init__(self):
        super().__init__("bard", 8, 3, 15, [1.0, 1.0, 1.0], 8.21487e-3)
        self.u = np.arange(1, 16, dtype=float)
        self.v = 16 - self.u
        self.w = np.minimum(self.u, self.v)

    def res(self, x):
        return self.Y - (x[0] + self.u / (self.v * x[1] + self.w * x[2]))

    def jac(self, x):
        d = self.v * x[1] + self.w * x[2]
        return np.column_stack([-np.ones(15), self.u * self.v / d**2, self.u * self.w / d**2])

    def res_hess(self, x, wt):
        u, v, w = self.u, self.v, self.w
        d = v * x[1] + w * x[2]
        c = -2 * u / d**3 * wt
        H = np.zeros((3, 3))
        H[1, 1] = np.sum(c * v * v)
        H[1, 2] = H[2, 1] = np.sum(c * v * w)
        H[2, 2] = np.sum(c * w * w)
        return H


class Gaussian(Problem):  # 9
    Y = np.array([0.0009, 0.0044, 0.0175, 0.0540, 0.1295, 0.2420, 0.3521, 0.3989,
                  0.3521, 0.2420, 0.1295, 0.0540, 0.0175, 0.0044, 0.0009])

    def __init__(self):
        super().__init__("gaussian", 9, 3, 15, [0.4, 1.0, 0.0], 1.12793e-8)
        self.t = (8 - np.arange(1, 16, dtype=float)) / 2

    def res(self, x):
        a = self.t - x[2]
        return x[0] * np.exp(-x[1] * a * a / 2) - self.Y

    def jac(self, x):
        a = self.t - x[2]
        E = np.exp(-x[1] * a * a / 2)
        return np.column_stack([E, -x[0] * a * a / 2 * E, x[0] * x[1] * a * E])

    def res_hess(self, x, w):
        a = self.t - x[2]
        E = np.exp(-x[1] * a * a / 2) * w
        x1, x2 = x[0], x[1]
        H = np.zeros((3, 3))
        H[0, 1] = H[1, 0] = np.sum(-a * a / 2 * E)
        H[0, 2] = H[2, 0] = np.sum(x2 * a * E)
        H[1, 1] = np.sum(x1 * a**4 / 4 * E)
        H[1, 2] = H[2, 1] = np.sum((x1 * a - x1 * x2 * a**3 / 2) * E)
        H[2, 2] = np.sum(x1 * x2 * (x2 * a * a - 1) * E)
        return H


class Meyer(Problem):  # 10
    Y = np.array([34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744,
                  8261, 7030, 6005, 5147, 4427, 3820, 3307, 2872], dtype=float)

    def __init__(self):
        super().__init__("meyer", 10, 3, 16, [0.02, 4000.0, 250.0], 87.9458)
        self.t = 45 + 5 * np.arange(1, 17, dtype=float)

    def res(self, x):
        return x[0] * np.exp(x[1] / (self.t + x[2])) - self.Y

    def jac(self, x):
        d = self.t + x[2]
        E = np.exp(x[1] / d)
        return np.column_stack([E, x[0] * E / d, -x[0] * x[1] * E / d**2])

    def res_hess(self, x, w):
        d = self.t + x[2]
        E = np.exp(x[1] / d) * w
        x1, x2 = x[0], x[1]
        H = np.zeros((3, 3))
        H[0, 1] = H[1, 0] = np.sum(E / d)
        H[0, 2] = H[2, 0] = np.sum(-x2 * E / d**2)
        H[1, 1] = np.sum(x1 * E / d**2)
        H[1, 2] = H[2, 1] = np.sum(-x1 * E * (x2 / d**3 + 1 / d**2))
        H[2, 2] = np.sum(x1 * x2 * E * (x2 / d**4 + 2 / d**3))
        return H


class Box3D(Problem):  # 12
    def __init__(self, m):
        super().__init__("box_3d", 12, 3, m, [0.0, 10.0, 20.0], 0.0)
        self.t = 0.1 * np.arange(1, m + 1, dtype=float)

    def res(self, x):
        t = self.t
        return np.exp(-t * x[0]) - np.exp(-t * x[1]) - x[2] * (np.exp(-t) - np.exp(-10 * t))

    def jac(self, x):
        t = self.t
        return np.column_stack([-t * np.exp(-t * x[0]), t * np.exp(-t * x[1]), -(np.exp(-t) - np.exp(-10 * t))])

    def res_hess(self, x, w):
        t = self.t
        return np.diag([np.sum(w * t * t * np.exp(-t * x[0])), -np.sum(w * t * t * np.exp(-t * x[1])), 0.0])


class PowellSingular(Problem):  # 13 (n = 4) and 22 (extended)
    def __init__(self, name, n):
        super().__init__(name, 13 if n == 4 else 22, n, n, np.tile([3.0, -1.0, 0.0, 1.0], n // 4), 0.0)

    def res(self, x):
        x1, x2, x3, x4 = x[0::4], x[1::4], x[2::4], x[3::4]
        r = np.empty(self.n)
        r[0::4] = x1 + 10 * x2
        r[1::4] = SQRT5 * (x3 - x4)
        r[2::4] = (x2 - 2 * x3) ** 2
        r[3::4] = SQRT10 * (x1 - x4) ** 2
        return r

    def jac(self, x):
        J = np.zeros((self.n, self.n))
        for b in range(0, self.n, 4):
            u, v = x[b + 1] - 2 * x[b + 2], x[b] - x[b + 3]
            J[b, b], J[b, b + 1] = 1.0, 10.0
            J[b + 1, b + 2], J[b + 1, b + 3] = SQRT5, -SQRT5
            J[b + 2, b + 1], J[b + 2, b + 2] = 2 * u, -4 * u
            J[b + 3, b], J[b + 3, b + 3] = 2 * SQRT10 * v, -2 * SQRT10 * v
        return J

    def res_hess(self, x, w):
        H = np.zeros((self.n, self.n))
        for b in range(0, self.n, 4):
            H[b + 1:b + 3, b + 1:b + 3] += w[b + 2] * np.array([[2.0, -4.0], [-4.0, 8.0]])
            c = 2 * SQRT10 * w[b + 3]
            H[b, b] += c
            H[b + 3, b + 3] += c
            H[b, b + 3] -= c
            H[b + 3, b] -= c
        return H


class Wood(Problem):  # 14
    def __init__(self):
        super().__init__("wood", 14, 4, 6, [-3.0, -1.0, -3.0, -1.0], 0.0)

    def res(self, x):
        return np.array([10 * (x[1] - x[0] ** 2), 1 - x[0], SQRT90 * (x[3] - x[2] ** 2), 1 - x[2],
                         SQRT10 * (x[1] + x[3] - 2), (x[1] - x[3]) / SQRT10])

    def jac(self, x):
        return np.array([[-20 * x[0], 10, 0, 0], [-1, 0, 0, 0], [0, 0, -2 * SQRT90 * x[2], SQRT90],
                         [0, 0, -1, 0], [0, SQRT10, 0, SQRT10], [0, 1 / SQRT10, 0, -1 / SQRT10]], dtype=float)

    def res_hess(self, x, w):
        return np.diag([-20 * w[0], 0.0, -2 * SQRT90 * w[2], 0.0])


class KowalikOsborne(Problem):  # 15
    Y = np.array([0.1957, 0.1947, 0.1735, 0.1600, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246])
    U = np.array([4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625])

    def __init__(self):
        super().__init__("kowalik_osborne", 15, 4, 11, [0.25, 0.39, 0.415, 0.39], 3.07505e-4)

    def _nd(self, x):
        u = self.U
        return u, u * u + u * x[1], u * u + u * x[2] + x[3]

    def res(self, x):
        u, N, D = self._nd(x)
        return self.Y - x[0] * N / D

    def jac(self, x):
        u, N, D = self._nd(x)
        return np.column_stack([-N / D, -x[0] * u / D, x[0] * N * u / D**2, x[0] * N / D**2])

    def res_hess(self, x, w):
        u, N, D = self._nd(x)
        x1 = x[0]
        H = np.zeros((4, 4))
        H[0, 1] = np.sum(w * -u / D)
        H[0, 2] = np.sum(w * N * u / D**2)
        H[0, 3] = np.sum(w * N / D**2)
        H[1, 2] = np.sum(w * x1 * u * u / D**2)
        H[1, 3] = np.sum(w * x1 * u / D**2)
        H[2, 2] = np.sum(w * -2 * x1 * N * u * u / D**3)
        H[2, 3] = np.sum(w * -2 * x1 * N * u / D**3)
        H[3, 3] = np.sum(w * -2 * x1 * N / D**3)
        return np.triu(H) + np.triu(H, 1).T


class BrownDennis(Problem):  # 16
    def __init__(self, m):
        super().__init__("brown_dennis", 16, 4, m, [25.0, 5.0, -5.0, -1.0], 85822.2)
        self.t = np.arange(1, m + 1, dtype=float) / 5

    def _ab(self, x):
        t = self.t
        return x[0] + t * x[1] - np.exp(t), x[2] + x[3] * np.sin(t) - np.cos(t)

    def res(self, x):
        A, B = self._ab(x)
        return A * A + B * B

    def jac(self, x):
        A, B = self._ab(x)
        t, s = self.t, np.sin(self.t)
        return np.column_stack([2 * A, 2 * A * t, 2 * B, 2 * B * s])

    def res_hess(self, x, w):
        t, s = self.t, np.sin(self.t)
        c = 2 * w
        H = np.zeros((4, 4))
        H[0, 0], H[0, 1], H[1, 1] = c.sum(), (c * t).sum(), (c * t * t).sum()
        H[2, 2], H[2, 3], H[3, 3] = c.sum(), (c * s).sum(), (c * s * s).sum()
        H[1, 0], H[3, 2] = H[0, 1], H[2, 3]
        return H


class Osborne1(Problem):  # 17
    Y = np.array([0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.850, 0.818, 0.784, 0.751,
                  0.718, 0.685, 0.658, 0.628, 0.603, 0.580, 0.558, 0.538, 0.522, 0.506, 0.490,
                  0.478, 0.467, 0.457, 0.448, 0.438, 0.431, 0.424, 0.420, 0.414, 0.411, 0.406])

    def __init__(self):
        super().__init__("osborne1", 17, 5, 33, [0.5, 1.5, -1.0, 0.01, 0.02], 5.46489e-5)
        self.t = 10.0 * np.arange(33, dtype=float)

    def res(self, x):
        t = self.t
        return self.Y - (x[0] + x[1] * np.exp(-t * x[3]) + x[2] * np.exp(-t * x[4]))

    def jac(self, x):
        t = self.t
        e4, e5 = np.exp(-t * x[3]), np.exp(-t * x[4])
        return np.column_stack([-np.ones(33), -e4, -e5, x[1] * t * e4, x[2] * t * e5])

    def res_hess(self, x, w):
        t = self.t
        e4, e5 = np.exp(-t * x[3]) * w, np.exp(-t * x[4]) * w
        H = np.zeros((5, 5))
        H[1, 3] = H[3, 1] = np.sum(t * e4)
        H[3, 3] = np.sum(-x[1] * t * t * e4)
        H[2, 4] = H[4, 2] = np.sum(t * e5)
        H[4, 4] = np.sum(-x[2] * t * t * e5)
        return H


class BiggsExp6(Problem):  # 18
    def __init__(self, m):
        super().__init__("biggs_exp6", 18, 6, m, [1.0, 2.0, 1.0, 1.0, 1.0, 1.0], 0.0)
        t = 0.1 * np.arange(1, m + 1, dtype=float)
        self.t, self.y = t, np.exp(-t) - 5 * np.exp(-10 * t) + 3 * np.exp(-4 * t)

    def res(self, x):
        t = self.t
        return x[2] * np.exp(-t * x[0]) - x[3] * np.exp(-t * x[1]) + x[5] * np.exp(-t * x[4]) - self.y

    def jac(self, x):
        t = self.t
        e1, e2, e5 = np.exp(-t * x[0]), np.exp(-t * x[1]), np.exp(-t * x[4])
        return np.column_stack([-t * x[2] * e1, t * x[3] * e2, e1, -e2, -t * x[5] * e5, e5])

    def res_hess(self, x, w):
        t = self.t
        e1, e2, e5 = np.exp(-t * x[0]) * w, np.exp(-t * x[1]) * w, np.exp(-t * x[4]) * w
        H = np.zeros((6, 6))
        H[0, 0] = np.sum(t * t * x[2] * e1)
        H[0, 2] = H[2, 0] = np.sum(-t * e1)
        H[1, 1] = np.sum(-t * t * x[3] * e2)
        H[1, 3] = H[3, 1] = np.sum(t * e2)
        H[4, 4] = np.sum(t * t * x[5] * e5)
        H[4, 5] = H[5, 4] = np.sum(-t * e5)
        return H


class Osborne2(Problem):  # 19
    Y = np.array([1.366, 1.191, 1.112, 1.013, 0.991, 0.885, 0.831, 0.847, 0.786, 0.725, 0.746, 0.679, 0.608,
                  0.655, 0.616, 0.606, 0.602, 0.626, 0.651, 0.724, 0.649, 0.649, 0.694, 0.644, 0.624, 0.661,
                  0.612, 0.558, 0.533, 0.495, 0.500, 0.423, 0.395, 0.375, 0.372, 0.391, 0.396, 0.405, 0.428,
                  0.429, 0.523, 0.562, 0.607, 0.653, 0.672, 0.708, 0.633, 0.668, 0.645, 0.632, 0.591, 0.559,
                  0.597, 0.625, 0.739, 0.710, 0.729, 0.720, 0.636, 0.581, 0.428, 0.292, 0.162, 0.098, 0.054])

    def __init__(self):
        super().__init__("osborne2", 19, 11, 65, [1.3, 0.65, 0.65, 0.7, 0.6, 3, 5, 7, 2, 4.5, 5.5], 4.01377e-2)
        self.t = np.arange(65, dtype=float) / 10

    def res(self, x):
        t = self.t
        model = x[0] * np.exp(-t * x[4])
        for k in (1, 2, 3):  # bumps x_k·exp(−(t − x_{k+8})²·x_{k+4}) in the paper's 1-based indices
            model = model + x[k] * np.exp(-(t - x[k + 7]) ** 2 * x[k + 4])
        return self.Y - model

    def jac(self, x):
        t = self.t
        J = np.zeros((65, 11))
        e = np.exp(-t * x[4])
        J[:, 0], J[:, 4] = -e, t * x[0] * e
        for k in (1, 2, 3):
            a, wd, d = x[k], x[k + 4], t - x[k + 7]
            E = np.exp(-d * d * wd)
            J[:, k], J[:, k + 4], J[:, k + 7] = -E, a * d * d * E, -2 * a * wd * d * E
        return J

    def res_hess(self, x, w):
        t = self.t
        H = np.zeros((11, 11))
        e = np.exp(-t * x[4]) * w
        H[0, 4] = np.sum(t * e)
        H[4, 4] = np.sum(-t * t * x[0] * e)
        for k in (1, 2, 3):
            a, wd, d = x[k], x[k + 4], t - x[k + 7]
            E = np.exp(-d * d * wd) * w
            ia, iw, ic = k, k + 4, k + 7
            # second derivatives of the bump a·E, sign flipped (r = y − model)
            H[ia, iw] = np.sum(d * d * E)
            H[ia, ic] = np.sum(-2 * wd * d * E)
            H[iw, iw] = np.sum(-a * d**4 * E)
            H[iw, ic] = np.sum(-(2 * a * d - 2 * a * wd * d**3) * E)
            H[ic, ic] = np.sum(-2 * a * wd * (2 * d * d * wd - 1) * E)
        return np.triu(H) + np.triu(H, 1).T


class Watson(Problem):  # 20
    def __init__(self, n, f_ref):
        super().__init__("watson_%d" % n, 20, n, 31, np.zeros(n), f_ref)
        t = np.arange(1, 30, dtype=float) / 29
        j = np.arange(n)
        self.P = t[:, None] ** j[None, :]                                    # t^{j−1} (1-based j)
        self.Q = np.where(j[None, :] >= 1, j[None, :] * t[:, None] ** np.maximum(j - 1, 0)[None, :], 0.0)

    def res(self, x):
        s2 = self.P @ x
        return np.concatenate([self.Q @ x - s2 * s2 - 1, [x[0], x[1] - x[0] ** 2 - 1]])

    def jac(self, x):
        s2 = self.P @ x
        J = np.zeros((31, self.n))
        J[:29] = self.Q - 2 * s2[:, None] * self.P
        J[29, 0] = 1.0
        J[30, 0], J[30, 1] = -2 * x[0], 1.0
        return J

    def res_hess(self, x, w):
        H = -2 * (self.P * w[:29, None]).T @ self.P
        H[0, 0] -= 2 * w[30]
        return H


class ExtendedRosenbrock(Problem):  # 21
    def __init__(self, n):
        super().__init__("ext_rosenbrock_%d" % n, 21, n, n, np.tile([-1.2, 1.0], n // 2), 0.0)

    def res(self, x):
        r = np.empty(self.n)
        r[0::2] = 10 * (x[1::2] - x[0::2] ** 2)
        r[1::2] = 1 - x[0::2]
        return r

    def jac(self, x):
        J = np.zeros((self.n, self.n))
        for b in range(0, self.n, 2):
            J[b, b], J[b, b + 1], J[b + 1, b] = -20 * x[b], 10.0, -1.0
        return J

    def res_hess(self, x, w):
        d = np.zeros(self.n)
        d[0::2] = -20 * w[0::2]
        return np.diag(d)


class PenaltyI(Problem):  # 23
    def __init__(self, n, f_ref):
        super().__init__("penalty1_%d" % n, 23, n, n + 1, np.arange(1, n + 1, dtype=float), f_ref)

    def res(self, x):
        return np.concatenate([SQRT_A * (x - 1), [x @ x - 0.25]])

    def jac(self, x):
        return np.vstack([SQRT_A * np.eye(self.n), 2 * x[None, :]])

    def res_hess(self, x, w):
        return 2 * w[self.n] * np.eye(self.n)


class PenaltyII(Problem):  # 24
    def __init__(self, n, f_ref):
        super().__init__("penalty2_%d" % n, 24, n, 2 * n, np.full(n, 0.5), f_ref)
        i = np.arange(2, n + 1, dtype=float)
        self.y = np.exp(i / 10) + np.exp((i - 1) / 10)
        self.c = np.arange(n, 0, -1, dtype=float)  # n − j + 1

    def res(self, x):
        ex = np.exp(x / 10)
        return np.concatenate([[x[0] - 0.2], SQRT_A * (ex[1:] + ex[:-1] - self.y),
                               SQRT_A * (ex[1:] - math.exp(-0.1)), [self.c @ (x * x) - 1]])

    def jac(self, x):
        n = self.n
        ex = np.exp(x / 10) / 10
        J = np.zeros((2 * n, n))
        J[0, 0] = 1.0
        for i in range(1, n):
            J[i, i], J[i, i - 1] = SQRT_A * ex[i], SQRT_A * ex[i - 1]
            J[n + i - 1, i] = SQRT_A * ex[i]
        J[2 * n - 1] = 2 * self.c * x
        return J

    def res_hess(self, x, w):
        n = self.n
        ex = np.exp(x / 10) / 100
        d = np.zeros(n)
        for i in range(1, n):
            d[i] += w[i] * SQRT_A * ex[i] + w[n + i - 1] * SQRT_A * ex[i]
            d[i - 1] += w[i] * SQRT_A * ex[i - 1]
        d += w[2 * n - 1] * 2 * self.c
        return np.diag(d)


class VariablyDimensioned(Problem):  # 25
    def __init__(self, n):
        j = np.arange(1, n + 1, dtype=float)
        super().__init__("variably_dimensioned_%d" % n, 25, n, n + 2, 1 - j / n, 0.0)
        self.j = j

    def res(self, x):
        s = self.j @ (x - 1)
        return np.concatenate([x - 1, [s, s * s]])

    def jac(self, x):
        s = self.j @ (x - 1)
        return np.vstack([np.eye(self.n), self.j[None, :], 2 * s * self.j[None, :]])

    def res_hess(self, x, w):
        return 2 * w[self.n + 1] * np.outer(self.j, self.j)


class Trigonometric(Problem):  # 26
    def __init__(self, n):
        super().__init__("trigonometric_%d" % n, 26, n, n, np.full(n, 1.0 / n), 0.0)
        self.i = np.arange(1, n + 1, dtype=float)

    def res(self, x):
        return self.n - np.cos(x).sum() + self.i * (1 - np.cos(x)) - np.sin(x)

    def jac(self, x):
        J = np.tile(np.sin(x), (self.n, 1))
        J[np.diag_indices(self.n)] += self.i * np.sin(x) - np.cos(x)
        return J

    def res_hess(self, x, w):
        return np.diag(w.sum() * np.cos(x) + w * (self.i * np.cos(x) + np.sin(x)))


class BrownAlmostLinear(Problem):  # 27
    def __init__(self, n):
        super().__init__("brown_almost_linear_%d" % n, 27, n, n, np.full(n, 0.5), 0.0)

    def res(self, x):
        r = x + x.sum() - (self.n + 1)
        r[-1] = np.prod(x) - 1
        return r

    def jac(self, x):
        n = self.n
        J = np.ones((n, n)) + np.eye(n)
        J[-1] = [np.prod(np.delete(x, j)) for j in range(n)]
        return J

    def res_hess(self, x, w):
        n = self.n
        H = np.zeros((n, n))
        for j in range(n):
            for k in range(n):
                if j != k:
                    H[j, k] = w[-1] * np.prod(np.delete(x, [j, k]))
        return H


class DiscreteBoundaryValue(Problem):  # 28
    def __init__(self, n):
        h = 1.0 / (n + 1)
        t0 = np.arange(1, n + 1, dtype=float) / (n + 1)  # x₀ exactly as the C++ side computes it
        super().__init__("discrete_boundary_value_%d" % n, 28, n, n, t0 * (t0 - 1), 0.0)
        self.h, self.t = h, h * np.arange(1, n + 1, dtype=float)

    def res(self, x):
        xp = np.concatenate([[0.0], x, [0.0]])
        return 2 * x - xp[:-2] - xp[2:] + self.h**2 * (x + self.t + 1) ** 3 / 2

    def jac(self, x):
        n = self.n
        J = np.diag(2 + 1.5 * self.h**2 * (x + self.t + 1) ** 2)
        J[np.arange(1, n), np.arange(n - 1)] = -1.0
        J[np.arange(n - 1), np.arange(1, n)] = -1.0
        return J

    def res_hess(self, x, w):
        return np.diag(w * 3 * self.h**2 * (x + self.t + 1))


class BroydenTridiagonal(Problem):  # 30
    def __init__(self, n):
        super().__init__("broyden_tridiagonal_%d" % n, 30, n, n, np.full(n, -1.0), 0.0)

    def res(self, x):
        xp = np.concatenate([[0.0], x, [0.0]])
        return (3 - 2 * x) * x - xp[:-2] - 2 * xp[2:] + 1

    def jac(self, x):
        n = self.n
        J = np.diag(3 - 4 * x)
        J[np.arange(1, n), np.arange(n - 1)] = -1.0
        J[np.arange(n - 1), np.arange(1, n)] = -2.0
        return J

    def res_hess(self, x, w):
        return np.diag(-4 * w)


class BroydenBanded(Problem):  # 31, m_l = 5, m_u = 1
    def __init__(self, n):
        super().__init__("broyden_banded_%d" % n, 31, n, n, np.full(n, -1.0), 0.0)
        self.band = [[j for j in range(max(0, i - 5), min(n - 1, i + 1) + 1) if j != i] for i in range(n)]

    def res(self, x):
        return np.array([x[i] * (2 + 5 * x[i] ** 2) + 1 - sum(x[j] * (1 + x[j]) for j in self.band[i])
                         for i in range(self.n)])

    def jac(self, x):
        J = np.zeros((self.n, self.n))
        for i in range(self.n):
            for j in self.band[i]:
                J[i, j] = -(1 + 2 * x[j])
            J[i, i] = 2 + 15 * x[i] ** 2
        return J

    def res_hess(self, x, w):
        d = 30 * w * x
        for i in range(self.n):
            for j in self.band[i]:
                d[j] -= 2 * w[i]
        return np.diag(d)


def problem_set():
    """The problems in table order (the same names, start points and f_ref as mgh_problems.cpp)."""
    return [
        Rosenbrock("rosenbrock", 2),
        FreudensteinRoth(),
        PowellBadlyScaled(),
        BrownBadlyScaled(),
        Beale(),
        JennrichSampson(10),
        HelicalValley(),
        Bard(),
        Gaussian(),
        Meyer(),
        Box3D(10),
        PowellSingular("powell_singular", 4),
        Wood(),
        KowalikOsborne(),
        BrownDennis(20),
        Osborne1(),
        BiggsExp6(13),
        Osborne2(),
        Watson(6, 2.28767e-3),
        Watson(9, 1.39976e-6),
        ExtendedRosenbrock(10),
        ExtendedRosenbrock(100),
        PowellSingular("ext_powell_singular_20", 20),
        PenaltyI(10, 7.08765e-5),
        PenaltyII(10, 2.93660e-4),
        VariablyDimensioned(10),
        Trigonometric(10),
        BrownAlmostLinear(10),
        DiscreteBoundaryValue(10),
        BroydenTridiagonal(10),
        BroydenBanded(10),
        Rosenbrock("chained_rosenbrock_10", 10),
        Rosenbrock("chained_rosenbrock_100", 100),
    ]
