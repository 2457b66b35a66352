import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

/** The web app: built into web/dist, served by the local server at / and by CloudFront in AWS. */
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  plugins: [preact()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1200,
  },
});
