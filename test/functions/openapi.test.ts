import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/routes.js';

/** The OpenAPI document kept in docs/ must describe exactly the routes the router serves. */
const doc = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8')) as {
  security: unknown[];
  paths: Record<string, Record<string, { security?: unknown[]; responses: Record<string, unknown>; parameters?: { $ref?: string; name?: string; in?: string }[] }>>;
};
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.keys(item)
    .filter((method) => METHODS.includes(method))
    .map((method) => `${method.toUpperCase()} ${path}`),
);

describe('docs/openapi.json', () => {
  it('documents every route of the router, and no route the router lacks', () => {
    expect([...documented].sort()).toEqual(ROUTES.map((route) => `${route.method} ${route.path}`).sort());
  });

  it('marks exactly the routes without a token as open', () => {
    for (const route of ROUTES) {
      const operation = doc.paths[route.path]![route.method.toLowerCase()]!;
      const open = Array.isArray(operation.security) && operation.security.length === 0;
      expect(open, `${route.method} ${route.path}`).toBe(!route.auth);
      if (route.auth) expect(Object.keys(operation.responses), `${route.method} ${route.path}`).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  it('declares the path parameter of every templated route', () => {
    for (const route of ROUTES.filter((candidate) => candidate.path.includes('{planId}'))) {
      const operation = doc.paths[route.path]![route.method.toLowerCase()]!;
      expect(operation.parameters?.some((parameter) => parameter.$ref === '#/components/parameters/planId')).toBe(true);
    }
  });
});
