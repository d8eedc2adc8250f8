"""python -m tailor"""

from tailor.cli import main

main()
