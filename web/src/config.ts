/**
 * The runtime configuration: /config.json, written by whoever serves the app
 * (the local server, or the CDK stack in AWS), so one build runs everywhere.
 */
export type AuthConfig =
  | { mode: 'local' }
  | {
      mode: 'cognito';
      /** The user pool's managed login domain, e.g. https://planner.auth.cn-north-1.amazoncognito.com */
      domain: string;
      clientId: string;
      scopes?: string[];
    };

export interface AppConfig {
  auth: AuthConfig;
  /** Optional basemap: a Leaflet tile URL template; no tiles without it (the map works offline). */
  basemap?: { url: string; attribution?: string };
}

export async function loadConfig(): Promise<AppConfig> {
  const response = await fetch('/config.json', { cache: 'no-cache' });
  if (!response.ok) throw new Error(`config.json: HTTP ${response.status}`);
  return (await response.json()) as AppConfig;
}
