# syntax=docker/dockerfile:1
# One image for both services; the `hub` and `connectors` targets differ only in command and port.
# The TypeScript sources run as they are through the SWC loader (tools/ts/register.mjs), as in
# development, so there is no compile step. That loader needs @swc/core, a devDependency: the image
# therefore installs the full dependency tree (`npm ci`, not `npm ci --omit=dev`).
ARG NODE_IMAGE=node:24-slim

# Only the manifests, so the `npm ci` layer below is rebuilt when dependencies change and not on every
# source edit. `npm ci` in a workspace needs each workspace's package.json, and new apps or libs must
# not need an edit here, hence the `find` instead of one COPY per workspace.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir -p /manifests \
  && cp package.json package-lock.json /manifests/ \
  && find apps libs -mindepth 2 -maxdepth 2 -name package.json -exec cp --parents {} /manifests/ \;

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY . .
# The sources stay root-owned and read-only for the process.
USER node

FROM runtime AS hub
EXPOSE 3000
CMD ["node", "--import", "./tools/ts/register.mjs", "apps/hub/src/main.ts"]

FROM runtime AS connectors
EXPOSE 3100
CMD ["node", "--import", "./tools/ts/register.mjs", "apps/connectors/src/main.ts"]
