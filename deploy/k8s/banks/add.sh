#!/usr/bin/env bash
# Renders bank CODE's onboarding (template/) into deploy/k8s/banks/<code in lower case>/, then add
# that folder to the overlay's components and apply the overlay:
#   deploy/k8s/banks/add.sh ICBC-SH
set -euo pipefail
code="${1:?usage: deploy/k8s/banks/add.sh CODE (2-16 of A-Z, 0-9, -)}"
[[ "$code" =~ ^[A-Z0-9-]{2,16}$ ]] || { echo "not a bank code: $code (2-16 of A-Z, 0-9, -)" >&2; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)"
name="$(tr 'A-Z' 'a-z' <<<"$code")"
mkdir -p "$here/$name"
for f in bank.yaml kustomization.yaml; do
  sed -e "s/@CODE@/$code/g" -e "s/@NAME@/$name/g" "$here/template/$f" > "$here/$name/$f"
done
echo "wrote $here/$name: add \"../../banks/$name\" to the overlay's components"
