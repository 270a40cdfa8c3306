"""Symbolic analysis: the conditions kernel, equilibrium regions, comparative statics, partitions, game trees."""
