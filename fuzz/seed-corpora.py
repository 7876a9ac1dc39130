#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets from the bundler's fixtures and the allowlists.
Run from the repository root after fixtures change; the corpora are committed."""

import hashlib
import json
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
fixtures = root / "bundler" / "tests" / "fixtures"
corpus = root / "fuzz" / "corpus"


def write(target, data):
    folder = corpus / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


for case in sorted(p for p in fixtures.iterdir() if p.is_dir()):
    files = {}
    for path in sorted(case.rglob("*")):
        if path.is_file() and path.suffix in (".tsx", ".ts", ".jsx", ".js", ".css", ".json"):
            files[str(path.relative_to(case))] = path.read_text()
    if not files:
        continue
    write("files_map", json.dumps({"files": files}).encode())
    for name, text in files.items():
        if name.endswith((".tsx", ".jsx")):
            data = text.encode()
            # The first byte picks the options: plain, minified, refresh.
            for flags in (0, 1, 2):
                write("bundle_bytes", bytes([flags]) + data)
            write("tailwind_classes", data)
            # Structured targets read any bytes; the fixtures make varied starting points.
            write("bundle_tsx", data[:2048])
            write("data_api", data[:512])

write("files_map", json.dumps({"files": {"App.tsx": "export default () => null", "logo.png": {"content": "iVBORw0KGgo=", "encoding": "base64"}, "bg.svg": "data:image/svg+xml;base64,PHN2Zy8+"}, "entry": "App.tsx"}).encode())
for allowlist in (root / "allowlist.toml", root / "examples" / "allowlist-3d.toml"):
    write("allowlist_toml", allowlist.read_bytes())
write("allowlist_toml", b'extends = "embedded"\n[[packages]]\nname = "left-pad"\nversion = "1.3.0"\ncategory = "utilities"\n')
