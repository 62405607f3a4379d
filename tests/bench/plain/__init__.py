"""A plain one-table model in Django's stock admin: the admin benchmark's yardstick.

Installed only in the benchmark server's settings (``tests/bench/settings.py``); its
table (``bench_plain_article``) is made and filled by ``tests/bench/test_bench_admin.py``
from the archive's articles, so it has as many rows with the same words. The model is
unmanaged: no migration, nothing in the project's own schema.
"""

TABLE = "bench_plain_article"
