# syntax=docker/dockerfile:1
# One image for both services; the `hub` and `connectors` targets differ only in command and port.
# The apps are compiled to JavaScript in a build stage (`npm run build`, tools/build/build.ts); the
# runtime stage holds only that output and the production dependencies (`npm ci --omit=dev`): no
# TypeScript loader, no SWC, Nx, Jest or ESLint.
ARG NODE_IMAGE=node:24-slim

# Only the manifests, so the `npm ci` layers below are rebuilt when dependencies change and not on
# every source edit. `npm ci` in a workspace needs each workspace's package.json, and new apps or libs
# must not need an edit here, hence the `find` instead of one COPY per workspace.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir -p /manifests \
  && cp package.json package-lock.json /manifests/ \
  && find apps libs -mindepth 2 -maxdepth 2 -name package.json -exec cp --parents {} /manifests/ \;

# The full development tree, only to compile.
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
# Also builds the console (its `build` script, Vite) into apps/console/dist.
RUN npm run build

FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY --from=manifests /manifests/ ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0
WORKDIR /app
# package.json stays: its "type": "module" makes Node load dist/**/*.js as ES modules.
COPY --from=prod-deps /app ./
COPY --from=build /src/dist ./dist
# Everything is root-owned and read-only for the process.
USER node

FROM runtime AS hub
# The console's static files; the hub serves them at / (CONSOLE_DIR).
COPY --from=build /src/apps/console/dist ./console
ENV CONSOLE_DIR=/app/console
EXPOSE 3000
# V8's heap bounded to what the hub needs (about 90 MB live under load): left to itself on a large
# machine, V8 collects late and the hub's memory grows to several times that. The young generation
# is set explicitly, as a bounded old space would shrink it too and make collections far more often.
CMD ["node", "--enable-source-maps", "--max-old-space-size=256", "--max-semi-space-size=16", "dist/apps/hub/src/main.js"]

FROM runtime AS connectors
EXPOSE 3100
CMD ["node", "--enable-source-maps", "dist/apps/connectors/src/main.js"]
