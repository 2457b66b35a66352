import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The embedded database keeps its files in one folder, which only one process may
 * open: a second server on it would crash deep inside the database with a stack
 * trace. Claim the folder with a pid file first and say plainly who holds it.
 * A pid file left by a server that died is taken over.
 */
export function claimDataDir(dataDir: string): () => void {
  const lockFile = resolve(dataDir, 'server.pid');
  if (existsSync(lockFile)) {
    const pid = Number(readFileSync(lockFile, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
      throw new Error(`${dataDir} is in use by another local server (pid ${pid}): stop it, or give this one its own DATA_DIR`);
    }
  }
  writeFileSync(lockFile, `${process.pid}\n`);
  return () => rmSync(lockFile, { force: true });
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

