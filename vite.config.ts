/**
 * The web app's build. Vite's root is src/web; the output goes to dist/web, which the server
 * serves at `/`. In development `npx vite` proxies /api to a Vigia server on port 8080.
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // Source maps stay out of the served bundle; the first page must be small.
    sourcemap: false,
    chunkSizeWarningLimit: 800,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
