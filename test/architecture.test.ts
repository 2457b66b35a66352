import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALL_FUNCTIONS, functionName, HTTP_FUNCTIONS, JOBS, ROUTES } from '../functions/routes.js';
import { useLocalServer } from './functions/helpers/local-server.js';

/*
 * The layering docs/architecture.md describes, checked: the infrastructure
 * depends on the route registry, never on the local runtime, and synthesis
 * loads no handler, no AWS SDK and no solver; every row of the registry names
 * a real handler and is served by the local server. (The stack test checks
 * that every row is wired with its grants; the OpenAPI test that every row is
 * documented, and nothing else.)
 */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const at = (path: string) => relative(ROOT, path).split('\\').join('/');

const IMPORT = /^\s*(import|export)\s+(type\s+)?[^;]*?\sfrom\s+'([^']+)'|^\s*import\s+'([^']+)'/gm;

/** The modules a file imports statically: project files (resolved) and packages; `runtime` leaves out `import type`. */
function importsOf(file: string, runtime: boolean): { files: string[]; packages: string[] } {
  const files: string[] = [];
  const packages: string[] = [];
  for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    if (runtime && match[2] !== undefined) continue;
    const specifier = (match[3] ?? match[4])!;
    if (!specifier.startsWith('.')) packages.push(specifier);
    else files.push(resolve(dirname(file), specifier).replace(/\.js$/, '.ts'));
  }
  return { files, packages };
}

/** Every project file reachable from `roots` by static imports, and every package they import. */
function closure(roots: string[], runtime: boolean): { files: string[]; packages: string[] } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const pending = [...roots];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const found = importsOf(file, runtime);
    found.packages.forEach((name) => packages.add(name));
    pending.push(...found.files);
  }
  return { files: [...seen].map(at).sort(), packages: [...packages].sort() };
}

const tsFilesUnder = (folder: string): string[] =>
  readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(ROOT, folder, name));

describe('the infrastructure', () => {
  const infra = tsFilesUnder('infra');

  it('imports nothing from the local runtime, not even a type', () => {
    expect(infra.length).toBeGreaterThan(5);
    expect(closure(infra, false).files.filter((file) => file.startsWith('functions/local/'))).toEqual([]);
  });

  it('loads at synth time no handler module, no AWS SDK and no solver: the registry names its handlers and loads them lazily', () => {
    const { files, packages } = closure(infra, true);
    expect(files).toContain('functions/routes.ts');
    expect(files.filter((file) => file.startsWith('solver/engines/') || (/^functions\/[^/]+\.ts$/.test(file) && file !== 'functions/routes.ts'))).toEqual([]);
    expect(packages.filter((name) => /^(@aws-sdk\/|@middy\/|highs|javascript-lp-solver|exceljs)/.test(name))).toEqual([]);
  });
});

describe('the route registry', () => {
  it('names a handler file that exists and exports `handler` for every function, each file once', async () => {
    const files = ALL_FUNCTIONS.map((spec) => spec.file);
    expect(new Set(files).size).toBe(files.length);
    for (const spec of ALL_FUNCTIONS) {
      expect(existsSync(join(ROOT, 'functions', `${spec.file}.ts`)), spec.file).toBe(true);
      expect(typeof (await spec.load()).handler, spec.file).toBe('function');
    }
    // The stack names each function after its file; a job's key in the registry is that name.
    for (const [name, spec] of Object.entries(JOBS)) expect(functionName(spec.file)).toBe(name);
    expect(HTTP_FUNCTIONS.map((spec) => spec.file)).toEqual([...new Set(ROUTES.map((route) => route.handler.file))]);
  });

  it('has one row per method and path, and a token on every route but the health probe', () => {
    const keys = ROUTES.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(ROUTES.filter((route) => !route.auth).map((route) => route.path)).toEqual(['/health']);
  });
});

describe('the local server', () => {
  const server = useLocalServer(async () => ({ options: {}, stop: async () => {} }));

  /** A concrete request for a row's path template: an unknown plan, version 1. */
  const concrete = (path: string) => path.replace('{planId}', randomUUID()).replace('{version}', '1');

  it.each(ROUTES.map((route) => [`${route.method} ${route.path}`, route] as const))('serves %s', async (_, route) => {
    const response = await fetch(`${server.local.url}${concrete(route.path)}`, {
      method: route.method,
      ...(route.method === 'GET' ? {} : { body: '{}', headers: { 'content-type': 'application/json' } }),
    });
    const body = await response.text();
    // The handler answered (without a token: 401; health: 200), not the router's "no such route".
    expect(body).not.toContain('route_not_found');
    expect(response.status, body).toBe(route.auth ? 401 : 200);
  });

  it('answers a path of no row with the router\'s 404', async () => {
    const response = await fetch(`${server.local.url}/v1/no-such-route`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('route_not_found');
  });
});
