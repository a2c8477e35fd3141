#!/usr/bin/env bash
# Deploys an Atelier image to one environment's Docker host over SSH: run the migrations, then replace the two API
# replicas one at a time, waiting for each to report healthy before touching the next (no downtime).
# Needs IMAGE, DATABASE_URL, JWT_SECRET, DEPLOY_HOST (user@host) and DEPLOY_SSH_KEY (a private key) in the environment.
set -euo pipefail
: "${IMAGE:?}" "${DATABASE_URL:?}" "${JWT_SECRET:?}" "${DEPLOY_HOST:?}" "${DEPLOY_SSH_KEY:?}"

key=$(mktemp)
trap 'rm -f "$key"' EXIT
printf '%s\n' "$DEPLOY_SSH_KEY" > "$key"
chmod 600 "$key"
export DOCKER_HOST="ssh://${DEPLOY_HOST}"
mkdir -p ~/.ssh && ssh-keyscan -H "${DEPLOY_HOST#*@}" >> ~/.ssh/known_hosts 2>/dev/null
eval "$(ssh-agent -s)" >/dev/null && ssh-add "$key" >/dev/null

docker pull "$IMAGE"
docker run --rm -e DATABASE_URL "$IMAGE" node dist/main.js migrate

for replica in 1 2; do
  name="atelier-api-${replica}"
  docker rm -f "$name" >/dev/null 2>&1 || true
  docker run -d --name "$name" --restart unless-stopped \
    -e DATABASE_URL -e JWT_SECRET -e HOST=0.0.0.0 -p "$((8000 + replica)):8000" "$IMAGE" >/dev/null
  for _ in $(seq 1 30); do
    status=$(docker inspect -f '{{.State.Health.Status}}' "$name")
    [ "$status" = healthy ] && break
    sleep 2
  done
  [ "$status" = healthy ] || { echo "replica $replica did not become healthy" >&2; docker logs "$name" >&2; exit 1; }
done
echo "deployed $IMAGE to $DEPLOY_HOST"
