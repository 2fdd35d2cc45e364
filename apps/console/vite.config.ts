import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const schedulerUrl = process.env.SCHEDULER_URL ?? 'http://127.0.0.1:3000';

// The scheduler serves the built files at /console (same origin as the API), so the base path is
// /console/ and the output goes beside the services' own build in dist/.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  publicDir: 'public',
  build: {
    outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)),
    emptyOutDir: true,
    // The Content-Security-Policy allows no inline script or style, and no data: module preload polyfill.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    rolldownOptions: {
      onwarn(warning, warn) {
        // TanStack Query marks its modules "use client" for React Server Components; nothing to keep here.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `npm run dev:console` against a running scheduler. The Host header is kept so the API's
    // same-origin check sees the page's own origin, as it does when the scheduler serves the console.
    proxy: { '/v1': { target: schedulerUrl, changeOrigin: false }, '/docs-json': { target: schedulerUrl, changeOrigin: false } },
  },
});
