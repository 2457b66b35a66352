import { httpHandler, json } from './lib/http.js';

/** GET /health: liveness only, no token; it touches no table so an outage of storage does not hide the API. */
export const handler = httpHandler('health', async () => json(200, { status: 'ok', time: new Date().toISOString() }));
