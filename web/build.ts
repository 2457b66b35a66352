import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'vite';

/**
 * Builds the web app into web/dist. The new build is written beside it and
 * swapped in at the end, so a server reading web/dist never sees half a build.
 * `--if-stale` skips the build when web/dist is newer than every source file
 * (what `npm start` runs first, so a second start costs nothing).
 */
const WEB = fileURLToPath(new URL('.', import.meta.url));
export const DIST = join(WEB, 'dist');
const STAMP = join(DIST, '.built');
const SOURCES = ['src', 'index.html', 'vite.config.ts', 'build.ts', '../package-lock.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((entry) => newestMtime(join(path, entry))));
}

export function webIsStale(): boolean {
  if (!existsSync(STAMP)) return true;
  const built = statSync(STAMP).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(WEB, source)) > built);
}

export async function buildWeb(options: { ifStale?: boolean; quiet?: boolean } = {}): Promise<boolean> {
  if (options.ifStale && !webIsStale()) return false;
  const next = `${DIST}.next-${process.pid}`;
  await build({
    configFile: join(WEB, 'vite.config.ts'),
    logLevel: options.quiet ? 'warn' : 'info',
    build: { outDir: next, emptyOutDir: true },
  });
  writeFileSync(join(next, '.built'), `${new Date().toISOString()}\n`);
  const old = `${DIST}.old-${process.pid}`;
  if (existsSync(DIST)) renameSync(DIST, old);
  renameSync(next, DIST);
  rmSync(old, { recursive: true, force: true });
  return true;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const ifStale = process.argv.includes('--if-stale');
  buildWeb({ ifStale, quiet: ifStale }).then(
    (built) => {
      if (!built) console.log('web app: web/dist is up to date');
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
