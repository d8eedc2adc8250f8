"""Writes src/tailor/data/skills.json, the compiled form of skills.yaml; run after editing it.

python scripts/compile_taxonomy.py
"""

from pathlib import Path

from tailor.skills import COMPILED, compile_taxonomy

target = Path(__file__).resolve().parents[1] / "src" / "tailor" / COMPILED
target.write_bytes(compile_taxonomy())
print(f"wrote {target}")
