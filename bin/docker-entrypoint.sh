#!/bin/sh
# Container start on Render (and any Docker host): migrate, then serve. The same two steps as the Procfile's
# release: and web: lines, run in sequence so a deploy never serves against a schema it has not applied.
#   DATABASE_URL  the database (libpq-style postgresql://user:pass@host/db?sslmode=require is fine)
#   PORT          the HTTP port the platform routes to (Render sets it)
#   JAVA_TOOL_OPTIONS  JVM memory settings (render.yaml sets them for the 512 MB plan)
# BIGR_LAUNCH is how the application is started; the image runs the shaded jar, the deploy smoke test
# (DeploySmokeIT) runs this very script with the test classpath instead.
set -eu
cd "$(dirname "$0")/.."
LAUNCH="${BIGR_LAUNCH:-java -jar bigr.jar}"

# shellcheck disable=SC2086
$LAUNCH db migrate config.yml
# shellcheck disable=SC2086
exec $LAUNCH server config.yml
