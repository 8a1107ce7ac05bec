"""Demo data: the world of the founding document (IGF, ITU, the MMWG working group)."""
