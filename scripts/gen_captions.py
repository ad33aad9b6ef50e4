"""Write lionrock/model/_captions.py from the model (each schema's caption properties),
then format it with ruff.

Example: PYTHONPATH=. .venv/bin/python scripts/gen_captions.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lionrock.model import get_model

HEADER = '''"""Each schema's caption properties, as `get_model()` has them, without loading
FollowTheMoney: search shows captions, and `lionrock search` must start fast (issue #13,
item 5). tests/test_model.py checks this table against the model; regenerate it with
`python scripts/gen_captions.py` when the model changes.
"""

CAPTIONS: dict[str, tuple[str, ...]] = {
'''


def main() -> None:
    model = get_model()
    rows = [
        f"    {name!r}: {tuple(spec.caption)!r},\n" for name, spec in sorted(model.schemata.items())
    ]
    out = Path(__file__).resolve().parent.parent / "lionrock" / "model" / "_captions.py"
    out.write_text(HEADER + "".join(rows) + "}\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "ruff", "format", "-q", str(out)], check=True)


if __name__ == "__main__":
    main()
