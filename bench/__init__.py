"""The benchmark (bench/run.sh): a package so gunicorn can import its settings and reference page."""
