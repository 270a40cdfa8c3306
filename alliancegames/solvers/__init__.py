"""Solvers: exact normal-form equilibria, verification, batched solving. No sympy."""
