# syntax=docker/dockerfile:1
# Build stage: compile TypeScript, then keep production dependencies only.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY commands ./commands
COPY adapters ./adapters
COPY index-builder ./index-builder
COPY bin ./bin
RUN npm run build && npm prune --omit=dev

# Runtime stage: no compiler, no dev dependencies, not root.
FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/bin ./bin
# The bundled sample index (few hundred rows) for a first run without the published datasets.
COPY --chown=node:node sample-data ./sample-data
# The compose `keys` volume mounts here: a new named volume takes this directory's owner, so the
# setup job (user node) can write the keys file and the bot (user node) can read its 0600 file.
RUN mkdir -p /keys && chown node:node /keys
USER node
# The bot by default; the setup job runs `dist/index-builder/cli.js keys --write …`, the index-builder
# job `node <heap flags> dist/index-builder/cli.js build …` (docker-compose.yml). The bot's young
# generation is 64 MB a semi-space: a lookup's parsed answers then die before a scavenge copies them
# (GC at 8 lookups in flight ~150 → ~60 µs a title lookup, CPU −15%, RSS +~50 MB under load; docs/operations.md).
CMD ["node", "--max-semi-space-size=64", "dist/src/main.js"]
