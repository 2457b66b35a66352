import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * No import cycle between the project's modules, type-only imports included: a
 * cycle makes two modules one in disguise (neither can be read, tested or moved
 * alone), and a run-time cycle can hand a module another's exports before they
 * are defined. Imports are read with TypeScript's own pre-processor, which sees
 * `import`, `import type`, `export ... from` and `import()` alike.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FOLDERS = ['functions', 'solver', 'web', 'infra', 'cli', 'data'];

/**
 * Cycles known in folders being reworked elsewhere, each as its modules sorted
 * and joined by ' '; remove an entry once its cycle is gone (the test fails on
 * an entry that no longer matches a cycle, so none lingers).
 */
const KNOWN_CYCLES: string[] = [];

function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(folder)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    const path = join(folder, name);
    if (statSync(path).isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The file a relative specifier names: `./x.js` is `./x.ts` or `./x.tsx`; a folder is its index. */
function resolveImport(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const stem = base.replace(/\.(m?js|jsx)$/, '');
  const candidates = [base, `${stem}.ts`, `${stem}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((path) => /\.tsx?$/.test(path) && existsSync(path) && statSync(path).isFile());
}

/** Every project module's relative imports, as paths from the repository's root. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of FOLDERS.flatMap((folder) => sourceFiles(join(ROOT, folder)))) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const targets = importedFiles
      .map((entry) => entry.fileName)
      .filter((specifier) => specifier.startsWith('.'))
      .map((specifier) => resolveImport(file, specifier))
      .filter((path): path is string => path !== undefined)
      .map((path) => relative(ROOT, path));
    graph.set(relative(ROOT, file), [...new Set(targets)].sort());
  }
  return graph;
}

/** Strongly connected components with more than one module, or one importing itself (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

/** One concrete cycle through a component's first module, to name in a failure: a -> b -> a. */
function pathThrough(graph: Map<string, string[]>, component: string[]): string {
  const members = new Set(component);
  const start = component[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const target of graph.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0]!)!);
        return [...path, start].join(' -> ');
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return component.join(' -> ');
}

describe('imports between the project modules', () => {
  const graph = importGraph();

  it('reads the imports of every module, type-only ones included', () => {
    // Guards the reader itself: a parser that saw nothing would find no cycle.
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get(join('functions', 'lib', 'errors.ts'))).toBeDefined();
    const typeOnly = [...graph].find(([file]) => /\bimport type\b/.test(readFileSync(join(ROOT, file), 'utf8')));
    expect(typeOnly?.[1].length).toBeGreaterThan(0);
  });

  it('form no cycle, type-only imports included', () => {
    const all = cycles(graph);
    const unexpected = all.filter((component) => !KNOWN_CYCLES.includes(component.join(' ')));
    expect(unexpected.map((component) => `${component.length} modules in a cycle: ${pathThrough(graph, component)}`)).toEqual([]);
  });

  it('lists as known only cycles that still exist', () => {
    const present = new Set(cycles(graph).map((component) => component.join(' ')));
    expect(KNOWN_CYCLES.filter((known) => !present.has(known))).toEqual([]);
  });
});
