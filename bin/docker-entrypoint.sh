#!/bin/sh
# The container's two commands (Render and any Docker host):
#   serve    (the default) the API on $PORT; it does not migrate (config.yml: migrateOnStart is false)
#   migrate  apply pending migrations and exit: once per deploy, before the new servers start. Render runs it as
#            the blueprint's preDeployCommand; elsewhere `docker run --rm IMAGE migrate`. The Procfile's release:
#            line is the same step on buildpack hosts.
# Environment:
#   DATABASE_URL  the database (libpq-style postgresql://user:pass@host/db?sslmode=require is fine)
#   PORT          the HTTP port the platform routes to (Render sets it)
#   JAVA_TOOL_OPTIONS  JVM memory settings (render.yaml sets them for the 512 MB plan)
# BIGR_LAUNCH is how the application is started; the image runs the shaded jar, the deploy smoke test
# (DeploySmokeIT) runs this very script with the test classpath instead.
set -eu
cd "$(dirname "$0")/.."
LAUNCH="${BIGR_LAUNCH:-java -jar bigr.jar}"

case "${1:-serve}" in
  migrate)
    # shellcheck disable=SC2086
    exec $LAUNCH db migrate config.yml
    ;;
  serve)
    # shellcheck disable=SC2086
    exec $LAUNCH server config.yml
    ;;
  *)
    echo "usage: docker-entrypoint.sh [serve|migrate]" >&2
    exit 2
    ;;
esac
