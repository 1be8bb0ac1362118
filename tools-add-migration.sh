#!/usr/bin/env bash
# Adds a migration NAME for both database providers: ./tools-add-migration.sh NAME
set -euo pipefail
cd "$(dirname "$0")"
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$1" -p src/OnTrack.Web -s src/OnTrack.Web -c "${provider}OnTrackDbContext" -o "Data/Migrations/$provider"
done
