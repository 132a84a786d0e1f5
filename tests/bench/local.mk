# tests/bench: make bench (owned by the benchmark work)
