"""Running the project in a child process, as a user's shell would, without
this test run's Django settings leaking into it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_in_project(*args, timeout=120, drop=(), **env):
    """`python ARGS` in the project root; DJANGO_* variables (and `drop`) are
    removed from the environment before `env` is added."""
    child_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k not in drop}
    child_env.update(env)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=child_env, capture_output=True, text=True, timeout=timeout
    )


def run_manage(*args, **env):
    return run_in_project("manage.py", *args, **env)
