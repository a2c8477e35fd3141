#!/usr/bin/env bash
# Regenerates every scikit-learn fixture. Needs Debian's python3-sklearn (/usr/bin/python3).
set -euo pipefail
cd "$(dirname "$0")"
for script in datasets.py $(ls *.py | grep -v '^datasets.py$'); do
  echo "== $script"
  /usr/bin/python3 "$script"
done
