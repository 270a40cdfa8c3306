"""Core: the symbolic game, the one sympy→numpy bridge, numeric games, model files."""
