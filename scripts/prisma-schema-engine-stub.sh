#!/bin/sh
# Prisma's native schema engine cannot be downloaded on locked-down machines, and
# `prisma generate` only needs this path to exist. Migrations are plain SQL files
# applied by the project's own runner.
echo "Concord applies migrations with 'npm run db:migrate' (scripts/migrate.ts); the native Prisma schema engine is not used." >&2
exit 1
