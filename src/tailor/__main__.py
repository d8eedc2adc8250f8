"""python -m tailor"""

from tailor.cli import run

run()
