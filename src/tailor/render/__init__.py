"""Renderers: one function each from the tailored result to the bytes of one output file."""
