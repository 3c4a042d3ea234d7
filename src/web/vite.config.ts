import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The web app is built to dist/web and served by the Palermo server under a strict CSP
// (script-src 'self'; style-src 'self'): no inline scripts or styles in the output.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  publicDir: 'public',
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    // Keep every asset a file: nothing is inlined into HTML or CSS.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
