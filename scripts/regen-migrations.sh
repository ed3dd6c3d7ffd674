#!/usr/bin/env bash
# Until the first landing on main, the schema has one squashed migration (0000). Regenerate it after any
# change to server/src/db/schema.ts. After the first landing, migrations are append-only: use
# `cd server && npx drizzle-kit generate --name <change>` instead and never edit a landed file.
set -euo pipefail
cd "$(dirname "$0")/../server"
rm -rf db/migrations
npx drizzle-kit generate --name foundation >/dev/null
echo "regenerated server/db/migrations/0000_foundation.sql"
