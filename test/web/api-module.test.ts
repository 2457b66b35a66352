import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * The web app's source as a reader finds it: API paths written in one module,
 * server code reached by type-only imports (the API's response shapes), no
 * import cycle, and short files.
 */
const root = new URL('../../', import.meta.url).pathname;
const src = join(root, 'web/src');
const API_MODULE = join(src, 'api.ts');

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sources(path) : /\.tsx?$/.test(entry.name) ? [path] : [];
  });
const files = sources(src);
const text = new Map(files.map((file) => [file, readFileSync(file, 'utf8')]));
const name = (file: string) => relative(root, file);

/** Relative imports and re-exports of a module: the file they resolve to, and whether they are type-only. */
function importsOf(file: string): { target: string; typeOnly: boolean }[] {
  const found = [...text.get(file)!.matchAll(/^(import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'(\.{1,2}\/[^']+)'/gms)];
  return found.map((match) => {
    const base = resolve(dirname(file), match[3]!.replace(/\.js$/, ''));
    const target = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((candidate) => text.has(candidate)) ?? `${base}.ts`;
    return { target, typeOnly: match[2] !== undefined };
  });
}

describe('the web app source', () => {
  it('writes API paths only in its API module', () => {
    const outside = files.filter((file) => file !== API_MODULE && text.get(file)!.includes('/v1/')).map(name);
    expect(outside).toEqual([]);
    expect(text.get(API_MODULE)!.match(/\/v1\b/g)).toHaveLength(1);
  });

  it('takes the API response shapes from the server with type-only imports, and no other code from outside web/ but the shared words', () => {
    const leaving = files.flatMap((file) => importsOf(file).filter(({ target }) => !target.startsWith(`${src}/`)).map((edge) => ({ from: name(file), to: name(edge.target), typeOnly: edge.typeOnly })));
    // The glossary and the message catalog (with its parts) are pure (no imports at run time beyond each other) and shared on purpose: one set of words;
    // so is the report's limit, so that the page cannot offer more scenarios than the API takes.
    const SHARED_WORDS = ['solver/glossary.ts', 'solver/message-format.ts', 'solver/messages-issues.ts', 'solver/messages-errors.ts', 'solver/messages.ts', 'solver/formats/report-limits.ts'];
    expect(leaving.filter((edge) => !edge.typeOnly && !SHARED_WORDS.includes(edge.to))).toEqual([]);
    for (const shared of SHARED_WORDS) {
      const runTime = readFileSync(join(root, shared), 'utf8').match(/^import (?!type ).*$/gm) ?? [];
      const sources = runTime.map((line) => /from '\.\/([\w-]+)\.js';$/.exec(line)?.[1]).map((stem) => (stem === undefined ? 'not a sibling' : `solver/${stem}.ts`));
      expect(sources.filter((source) => !SHARED_WORDS.includes(source)), shared).toEqual([]);
    }
    expect(readFileSync(join(root, 'solver/glossary.ts'), 'utf8').match(/^import (?!type ).*$/gm) ?? []).toEqual([]);
    expect(leaving.map((edge) => edge.to)).toContain('functions/presenters/shapes.ts');
    const shapes = readFileSync(join(root, 'functions/presenters/shapes.ts'), 'utf8');
    expect(shapes.match(/^import (?!type ).*$/gm) ?? []).toEqual([]);
  });

  it('has no import cycle, type-only imports included', () => {
    const edges = new Map(files.map((file) => [file, importsOf(file).map(({ target }) => target).filter((target) => text.has(target))]));
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map(name).join(' -> '));
        return;
      }
      state.set(file, 'open');
      for (const next of edges.get(file) ?? []) visit(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });

  it('keeps each file under 400 lines unless its first lines say it has one job', () => {
    const long = files.filter((file) => {
      const lines = text.get(file)!.split('\n');
      return lines.length > 400 && !lines.slice(0, 5).some((line) => line.includes('One job:'));
    });
    expect(long.map(name)).toEqual([]);
  });
});
