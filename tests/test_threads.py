"""helpers.threads: one BLAS/OpenMP thread by default, the user's choice when they made one."""

import json
import os
import subprocess
import sys

from helpers.threads import USER_SETTINGS

PROBE = ("import json, numpy, helpers, sklearn.linear_model, threadpoolctl; "
         "print(json.dumps([(i['internal_api'], i['num_threads']) for i in threadpoolctl.threadpool_info()]))")


def pools(**settings: str) -> list:
    env = {k: v for k, v in os.environ.items() if k not in USER_SETTINGS} | settings
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=True).stdout
    return json.loads(out)


def test_every_thread_pool_uses_one_thread_after_import():
    found = pools()
    assert {api for api, _ in found} >= {"openblas"}, found  # NumPy's and SciPy's BLAS, and OpenMP where loaded
    assert all(threads == 1 for _, threads in found), found


def test_a_thread_count_the_user_chose_is_left_alone():
    found = pools(OPENBLAS_NUM_THREADS="2", OMP_NUM_THREADS="2")
    assert all(threads == 2 for _, threads in found), found
