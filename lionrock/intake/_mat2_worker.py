"""Runs inside the sandbox, under the system's Python (Debian's `mat2` package provides
`libmat2`); it imports nothing from Lion Rock. Usage: `python3 -I worker.py IN OUT`.

Prints one JSON object: the MIME type, the metadata mat2 found before and after cleaning,
and whether it wrote OUT; or an `error`. mat2's own bubblewrap is turned off: this
process is already inside ours, and bubblewrap does not nest.
"""

import json
import sys


def main() -> int:
    source, target = sys.argv[1], sys.argv[2]
    try:
        from libmat2 import parser_factory
    except ImportError:
        print(json.dumps({"error": "mat2 is not installed (Debian: apt-get install mat2)"}))
        return 0
    parser, mime = parser_factory.get_parser(source)
    if parser is None:
        print(json.dumps({"error": "unsupported", "mime": mime}))
        return 0
    parser.sandbox = False
    before = parser.get_meta()
    parser.output_filename = target
    written = bool(parser.remove_all())
    after = {}
    if written:
        check, _mime = parser_factory.get_parser(target)
        if check is not None:
            check.sandbox = False
            after = check.get_meta()
    print(
        json.dumps(
            {"mime": mime, "written": written, "before": before, "after": after},
            default=str,
            ensure_ascii=False,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
