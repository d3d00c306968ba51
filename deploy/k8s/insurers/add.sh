#!/usr/bin/env bash
# Renders insurer CODE's onboarding (template/, 科技保险) into deploy/k8s/insurers/<code in lower case>/,
# then add that folder to the overlay's components and apply the overlay:
#   deploy/k8s/insurers/add.sh PICC-SH
# Insurer and bank codes are one namespace (the Kafka principal is the code): a bank's code is refused.
set -euo pipefail
code="${1:?usage: deploy/k8s/insurers/add.sh CODE (2-16 of A-Z, 0-9, -)}"
[[ "$code" =~ ^[A-Z0-9-]{2,16}$ ]] || { echo "not an insurer code: $code (2-16 of A-Z, 0-9, -)" >&2; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)"
name="$(tr 'A-Z' 'a-z' <<<"$code")"
if [ -d "$here/../banks/$name" ]; then
  echo "$code is onboarded as a bank (deploy/k8s/banks/$name): bank and insurer codes are one namespace" >&2
  exit 2
fi
mkdir -p "$here/$name"
for f in insurer.yaml kustomization.yaml; do
  sed -e "s/@CODE@/$code/g" -e "s/@NAME@/$name/g" "$here/template/$f" > "$here/$name/$f"
done
echo "wrote $here/$name: add \"../../insurers/$name\" to the overlay's components"
