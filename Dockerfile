# One image for both processes; the compose file picks the command.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY migrations/sql ./migrations/sql
COPY tenants ./tenants
COPY scripts ./scripts
USER node
EXPOSE 4000
CMD ["node", "--enable-source-maps", "dist/api/main.js"]
