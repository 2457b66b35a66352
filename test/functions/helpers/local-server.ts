import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startLocalServer, type LocalServer, type LocalServerOptions } from '../../../functions/local/server.js';
import { apiClient } from './api.js';

/** What backs a suite's local server: options for it (e.g. a DynamoDB Local endpoint) and how to stop that store. */
export type Store = () => Promise<{ options: Partial<LocalServerOptions>; stop: () => Promise<void> }>;

/**
 * The real local server for one test file, on an ephemeral port and a fresh
 * data folder, over the store given; started before the file's tests and
 * stopped after them. Read `local` and `api` inside tests (they exist from beforeAll on).
 */
export function useLocalServer(store: Store): { readonly local: LocalServer; readonly api: ReturnType<typeof apiClient> } {
  let local: LocalServer | undefined;
  let api: ReturnType<typeof apiClient> | undefined;
  let dataDir: string | undefined;
  let stopStore: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    process.env.LOG_LEVEL = 'silent';
    dataDir = mkdtempSync(join(tmpdir(), 'planner-http-'));
    const backing = await store();
    stopStore = backing.stop;
    local = await startLocalServer({ port: 0, dataDir, retryDelayMs: 20, print: () => {}, ...backing.options });
    api = apiClient(local);
  });

  afterAll(async () => {
    await local?.close();
    await stopStore?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    get local() {
      if (local === undefined) throw new Error('the local server starts in beforeAll');
      return local;
    },
    get api() {
      if (api === undefined) throw new Error('the local server starts in beforeAll');
      return api;
    },
  };
}
