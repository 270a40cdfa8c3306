"""Studies: parameter sweeps, uncertainty (Monte Carlo, tornado) and plots."""
