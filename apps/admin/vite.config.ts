import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const API_TARGET = 'http://127.0.0.1:3000';

/**
 * `@tuanjian/domain` is pure (no import has a side effect), but its package does not say so,
 * so Rollup would keep every zod schema of it in whichever chunk first imports a label.
 * Declaring its modules side-effect free lets the shell take the labels without zod.
 */
function pureDomain(): Plugin {
  return {
    name: 'tuanjian:pure-domain',
    transform(code, id) {
      if (/[\\/]packages[\\/]domain[\\/]src[\\/]/.test(id))
        return { code, map: null, moduleSideEffects: false };
      return null;
    },
  };
}

export default defineConfig({
  base: '/',
  plugins: [react(), pureDomain()],
  server: {
    port: 5173,
    proxy: {
      '/trpc': { target: API_TARGET, changeOrigin: false },
      '/api': { target: API_TARGET, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/trpc': { target: API_TARGET, changeOrigin: false },
      '/api': { target: API_TARGET, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // `vite build` prints every file with its gzip size; keep that report on.
    reportCompressedSize: true,
    // The shell is ~730 kB minified (~243 kB gzip, the budget is 400 kB gzip for the first load).
    chunkSizeWarningLimit: 800,
  },
});
