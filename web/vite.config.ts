import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API server serves the built app under /app/ (web/dist); in development Vite proxies /api to it.
export default defineConfig({
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd is one large vendor chunk by nature; pages are split with React.lazy.
    chunkSizeWarningLimit: 1200,
  },
  server: {
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
});
