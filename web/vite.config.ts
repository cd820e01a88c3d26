import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './build/precompress';
import { emojiData } from './build/emojiData';

// The server serves dist/ at "/" with an SPA fallback, so assets use absolute paths.
export default defineConfig({
  plugins: [react(), emojiData(), precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 800,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8065', ws: true },
    },
  },
});
