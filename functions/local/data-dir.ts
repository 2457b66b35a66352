import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The embedded database keeps its files in one folder, which only one process may
 * open: a second server on it would crash deep inside the database with a stack
 * trace. Claim the folder with a pid file first and say plainly who holds it.
 * A pid file left by a server that died is taken over.
 */
export async function claimDataDir(dataDir: string, waitMs = DEFAULT_WAIT_MS): Promise<() => void> {
  const lockFile = resolve(dataDir, 'server.pid');
  // A restart right after a crash or a stop finds the old process still exiting: wait for it, bounded.
  const until = Date.now() + waitMs;
  for (;;) {
    const holder = liveHolder(lockFile);
    if (holder === undefined) break;
    if (Date.now() >= until) {
      throw new Error(`${dataDir} is in use by another local server (pid ${holder}): stop it, or give this one its own DATA_DIR`);
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  writeFileSync(lockFile, `${process.pid}\n`);
  return () => rmSync(lockFile, { force: true });
}

/** How long a new server waits for the old holder of the folder to exit. */
const DEFAULT_WAIT_MS = 10_000;

/** The pid in the lock file when that process is alive and is not this one. */
function liveHolder(lockFile: string): number | undefined {
  if (!existsSync(lockFile)) return undefined;
  const pid = Number(readFileSync(lockFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid) ? pid : undefined;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

