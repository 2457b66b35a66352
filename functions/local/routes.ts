/**
 * The HTTP API's routes and the handler file behind each: the local router
 * serves exactly these, the CDK stack wires the same files, and a test checks
 * this list against docs/openapi.json in both directions.
 */
export interface RouteSpec {
  method: 'GET' | 'POST' | 'PUT';
  /** Path template in OpenAPI / API Gateway form, e.g. /v1/plans/{planId}. */
  path: string;
  /** Handler module under functions/, without extension. */
  handler:
    | 'submit-plan'
    | 'get-plan'
    | 'list-plans'
    | 'download-sites'
    | 'regenerate-plan'
    | 'revise-dataset'
    | 'report-progress'
    | 'get-progress'
    | 'get-version'
    | 'diff-versions'
    | 'review-version'
    | 'get-template'
    | 'health';
  /** Whether API Gateway's JWT authorizer guards the route. */
  auth: boolean;
}

export const ROUTES: readonly RouteSpec[] = [
  { method: 'GET', path: '/health', handler: 'health', auth: false },
  { method: 'POST', path: '/v1/plans', handler: 'submit-plan', auth: true },
  { method: 'GET', path: '/v1/plans', handler: 'list-plans', auth: true },
  { method: 'GET', path: '/v1/plans/{planId}', handler: 'get-plan', auth: true },
  { method: 'GET', path: '/v1/plans/{planId}/versions', handler: 'list-plans', auth: true },
  { method: 'GET', path: '/v1/plans/{planId}/sites', handler: 'download-sites', auth: true },
  { method: 'POST', path: '/v1/plans/{planId}/regenerate', handler: 'regenerate-plan', auth: true },
  { method: 'PUT', path: '/v1/plans/{planId}/dataset', handler: 'revise-dataset', auth: true },
  { method: 'POST', path: '/v1/plans/{planId}/progress', handler: 'report-progress', auth: true },
  { method: 'GET', path: '/v1/plans/{planId}/progress', handler: 'get-progress', auth: true },
  { method: 'GET', path: '/v1/plans/{planId}/versions/{version}', handler: 'get-version', auth: true },
  { method: 'GET', path: '/v1/plans/{planId}/diff', handler: 'diff-versions', auth: true },
  { method: 'POST', path: '/v1/plans/{planId}/versions/{version}/review', handler: 'review-version', auth: true },
  { method: 'GET', path: '/v1/templates/dataset.xlsx', handler: 'get-template', auth: true },
];

/** Matches a concrete path against a template; returns the path parameters or undefined. */
export function matchPath(template: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  const pattern = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const match = new RegExp(`^${pattern}$`).exec(path);
  if (match === null) return undefined;
  const params: Record<string, string> = {};
  names.forEach((name, index) => {
    let value = match[index + 1] ?? '';
    try {
      value = decodeURIComponent(value);
    } catch {
      // API Gateway passes undecodable escapes through as they are
    }
    params[name] = value;
  });
  return params;
}
