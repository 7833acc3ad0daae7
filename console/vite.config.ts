import { defineConfig } from 'vite';

/**
 * The console is built into dist/console and served by the api at /console/.
 * Everything it loads comes from the api's own origin: no CDN, no web font.
 * JSX is compiled by Vite's own transformer (tsconfig `jsx: react-jsx`).
 */
export default defineConfig({
  root: __dirname,
  base: '/console/',
  build: {
    outDir: '../dist/console',
    emptyOutDir: true,
    sourcemap: false,
    // Hashed file names: the api serves them with a year-long immutable cache.
    assetsDir: 'assets',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // Ant Design marks its modules "use client" for React server components, which a browser bundle ignores.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `npm run console:dev`: the api on :4000 answers the API calls.
    proxy: { '/graphql': 'http://localhost:4000', '/auth': 'http://localhost:4000' },
  },
});
