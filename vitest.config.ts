import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The web app is built once, before any file starts the local server that serves it.
    globalSetup: ['test/web/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores: files run in parallel forks, each one may start its own DynamoDB server.
    pool: 'forks',
  },
});
