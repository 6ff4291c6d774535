// Builds the renderer into dist/renderer with relative URLs, so Electron's custom protocol and the
// preview server can both serve it from any root. No inline scripts or styles: the app runs under
// CSP `default-src 'self'`.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // Inlined assets would become data: URLs, which `default-src 'self'` refuses.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    target: 'chrome130',
    sourcemap: false,
  },
});
