# One image for every process: docker-compose.yml builds it once and runs the
# api, the worker and the setup job from it, each with its own command.
# The Node base is pinned to an exact release (package.json: engines node >= 20.19.0).
FROM node:20.19.5-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20.19.5-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY migrations/sql ./migrations/sql
COPY tenants ./tenants
COPY scripts ./scripts
# The local storage's default directory (STORAGE_DIR=var/uploads), writable by the app's user.
RUN mkdir -p var/uploads && chown node:node var/uploads
USER node
EXPOSE 4000
CMD ["node", "--enable-source-maps", "dist/bin/api.js"]
