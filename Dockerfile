# syntax=docker/dockerfile:1
#
# One Dockerfile, two runnable targets from a shared runtime base:
#   docker build --target scheduler -t carecadence-scheduler .
#   docker build --target notifier  -t carecadence-notifier  .
# (`docker build .` without --target gives the scheduler: it is the last stage.)
#
# Each target starts node directly with an exec-form CMD, so node is PID 1 and receives
# SIGTERM itself (both services drain and close on it). Do not wrap it in a shell or `npm start`.

ARG NODE_IMAGE=node:22-bookworm-slim

# --- base: common to every stage ------------------------------------------------------------
FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV npm_config_fund=false \
    npm_config_audit=false \
    npm_config_update_notifier=false

# --- build: all dependencies, compile TypeScript with swc into dist/ ------------------------
FROM base AS build
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci
COPY . .
# `npm run build` compiles apps/ and libs/ only (specs left out); test/ and bench/ are not even in the
# build context (.dockerignore). swc --copy-files also copies the SQL migrations into dist/.
RUN npm run build

# --- prod-deps: runtime dependencies only ----------------------------------------------------
FROM base AS prod-deps
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev

# --- runtime: what both services share -------------------------------------------------------
FROM base AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/app/data
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# package.json carries "type": "module", which the compiled ESM in dist/ needs.
COPY package.json ./
# DATA_DIR is only used when DATABASE_URL is unset (embedded PGlite); it must be writable by `node`.
RUN mkdir -p /app/data && chown node:node /app/data
USER node

# --- notifier: BullMQ workers + webhooks/health on NOTIFIER_PORT ------------------------------
FROM runtime AS notifier
# SERVICE names what this image runs (informational: the target, not this variable, picks the entry).
ENV SERVICE=notifier \
    NOTIFIER_PORT=3001
EXPOSE 3001
# Slim images have no curl: Node's own fetch, 200 from /health/ready or non-zero exit.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.NOTIFIER_PORT||3001)+'/health/ready',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/notifier/src/main.js"]

# --- scheduler: HTTP API on SCHEDULER_PORT (default target) -----------------------------------
FROM runtime AS scheduler
ENV SERVICE=scheduler \
    SCHEDULER_PORT=3000
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.SCHEDULER_PORT||3000)+'/health/ready',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.status===200?0:1),()=>process.exit(1))"]
CMD ["node", "dist/apps/scheduler/src/main.js"]
