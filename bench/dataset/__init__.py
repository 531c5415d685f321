"""The benchmark's dataset, built by bench/build_dataset.py: one module per part of the data."""
