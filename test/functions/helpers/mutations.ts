import fc from 'fast-check';

/** Every path into a JSON value (the root included), for mutations. */
export function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const keys = Array.isArray(value) ? value.map((_, index) => index) : Object.keys(value);
  return [prefix, ...keys.flatMap((key) => paths((value as Record<string | number, unknown>)[key], [...prefix, key]))];
}

/** A copy of `base` with the value at `path` replaced, or removed. */
export function mutate(base: unknown, path: (string | number)[], action: 'set' | 'delete', replacement: unknown): unknown {
  const copy = structuredClone(base);
  if (path.length === 0) return action === 'set' ? replacement : undefined;
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (action === 'delete') {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = replacement;
  return copy;
}

/** Mutations of a valid body (any JSON at any path, or a path removed), the body itself, and unparsable text. */
export function bodiesAround(valid: unknown, special: unknown[]): fc.Arbitrary<string> {
  const all = paths(valid);
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ path: fc.constantFrom(...all), action: fc.constantFrom('set' as const, 'delete' as const), value: fc.jsonValue() }).map(({ path, action, value }) => JSON.stringify(mutate(valid, path, action, value)) ?? '') },
    { weight: 2, arbitrary: fc.record({ path: fc.constantFrom(...all), value: fc.constantFrom(...special) }).map(({ path, value }) => JSON.stringify(mutate(valid, path, 'set', value)) ?? '') },
    { weight: 1, arbitrary: fc.constant(JSON.stringify(valid)) },
    { weight: 1, arbitrary: fc.oneof(fc.json(), fc.string(), fc.constantFrom('', '{', 'null', '[]', '\u0000')) },
  );
}
