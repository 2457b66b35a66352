// `npm run plan`, `diff`, `convert`, `template` and `curve` start here. It bundles the TypeScript command
// into one ES module (esbuild, a fraction of a second, only when a source is newer
// than the bundle) and runs it with plain node: compiling every module on the fly
// at each start costs more than planning a small province.
// The command is `plan` unless the first argument is `--command=<name>`.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const COMMANDS = ['plan', 'diff', 'convert', 'template', 'curve'];
let command = 'plan';
const chosen = /^--command=(.*)$/.exec(process.argv[2] ?? '');
if (chosen) {
  command = chosen[1];
  if (!COMMANDS.includes(command)) {
    process.stderr.write(`unknown command ${command}: one of ${COMMANDS.join(', ')}\n`);
    process.exit(2);
  }
  process.argv.splice(2, 1);
}
const entry = join(root, 'cli', `${command}.ts`);
const outfile = join(root, 'node_modules', '.cache', 'planner-cli', `${command}.mjs`);

/** Newest modification time of the TypeScript sources the CLI is built from. */
function newestSource() {
  let newest = 0;
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else if (name.endsWith('.ts')) newest = Math.max(newest, st.mtimeMs);
    }
  };
  walk(join(root, 'solver'));
  walk(join(root, 'cli'));
  walk(join(root, 'functions', 'lib'));
  return newest;
}

let built = 0;
try {
  built = statSync(outfile).mtimeMs;
} catch {
  built = 0;
}
if (built < newestSource()) {
  mkdirSync(dirname(outfile), { recursive: true });
  // Built beside and renamed into place, so a run started meanwhile never loads half a file.
  const partial = `${outfile}.${process.pid}.tmp`;
  await build({
    entryPoints: [entry],
    outfile: partial,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  renameSync(partial, outfile);
}
await import(pathToFileURL(outfile).href);
