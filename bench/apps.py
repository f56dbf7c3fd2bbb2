from django.apps import AppConfig


class BenchConfig(AppConfig):
    """The benchmark's data generator (the generate_bench_data command), installed by
    bench/settings.py only: the product never ships it."""

    name = "bench"
    label = "bench"
    verbose_name = "Benchmark"
