#!/usr/bin/env bash
# Until the first landing on main, the schema has one squashed migration (0000), followed by the hand-written SQL of
# server/db/custom/*.sql (functions and triggers drizzle-kit cannot generate), one custom migration each, in name
# order. Regenerate after any change to server/src/db/schema.ts or server/db/custom/. After the first landing,
# migrations are append-only: use `cd server && npx drizzle-kit generate --name <change>` (or `--custom`) instead and
# never edit a landed file.
set -euo pipefail
cd "$(dirname "$0")/../server"
rm -rf db/migrations
npx drizzle-kit generate --name foundation >/dev/null
echo "regenerated server/db/migrations/0000_foundation.sql"
for f in db/custom/*.sql; do
  [ -e "$f" ] || continue
  name="$(basename "$f" .sql)"
  npx drizzle-kit generate --custom --name "$name" >/dev/null
  out="$(ls db/migrations/*_"$name".sql | tail -1)"
  cp "$f" "$out"
  echo "appended $out (from $f)"
done
