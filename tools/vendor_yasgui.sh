#!/usr/bin/env bash
# Vendor YASGUI (the query page of `polgraph serve`) from the npm registry, at a pinned version,
# checked against its sha256, with its licences. Run from the repository's top; commit the result.
#   bash tools/vendor_yasgui.sh            # fetch, check and copy
#   bash tools/vendor_yasgui.sh --check    # fetch and compare with what is committed (used by CI)
set -euo pipefail
VERSION=4.2.28
SHA256=d8935d15c4d6352451d78725b2dd4cf4acb9fcd26162fa27f1e81347e2574241
DEST=src/polgraph/serve/static/yasgui
FILES=(build/yasgui.min.js build/yasgui.min.css build/yasgui.min.js.LICENSE.txt LICENSE.txt)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@triply/yasgui@$VERSION" >/dev/null)
tarball="$work/triply-yasgui-$VERSION.tgz"
echo "$SHA256  $tarball" | sha256sum --check --quiet
tar -xzf "$tarball" -C "$work"
if [ "${1:-}" = "--check" ]; then
  for f in "${FILES[@]}"; do cmp "$work/package/$f" "$DEST/$(basename "$f")"; done
  grep -qx "$VERSION" "$DEST/VERSION"
  echo "vendored YASGUI $VERSION matches the npm package"
  exit 0
fi
mkdir -p "$DEST"
for f in "${FILES[@]}"; do cp "$work/package/$f" "$DEST/"; done
echo "$VERSION" > "$DEST/VERSION"
echo "vendored @triply/yasgui $VERSION into $DEST"
