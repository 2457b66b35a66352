/**
 * The web app's Content-Security-Policy, written once for both servers of the
 * app: the local server and CloudFront. The app's own scripts and styles only
 * (Leaflet, ECharts and Preact set styles through the DOM, which CSP allows);
 * images from any HTTPS host for an operator's basemap tiles; `connect` the API
 * (same origin) and, in AWS, the Cognito domain that trades the sign-in code for
 * tokens. The browser tests run the app under this policy and fail on a violation.
 */
export function webContentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob: https:",
    `connect-src ${["'self'", ...connectSources].join(' ')}`,
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
