import { describe, expect, it } from 'vitest';
import { useLocalServer } from '../functions/helpers/local-server.js';
import { largeDataset } from '../functions/helpers/data.js';

/*
 * Solves off the request path (finding 1): while a version solves in the
 * local runtime's worker pool, the API keeps answering, and reads see the
 * version `solving`. On the event loop the reads would wait for the solve and
 * only ever see it done.
 */
const suite = useLocalServer(async () => ({ options: {}, stop: async () => {} }));

describe('the solve pool', () => {
  it('answers reads while a version solves', async () => {
    const created = await suite.api('POST', '/v1/plans', { as: 'SN', body: largeDataset(1_200), headers: { 'idempotency-key': 'pool-1' } });
    expect(created.status).toBe(202);
    const planId = created.json.planId as string;
    const seen: string[] = [];
    let health = 0;
    for (;;) {
      const version = await suite.api('GET', `/v1/plans/${planId}/versions/1`, { as: 'SN' });
      expect(version.status).toBe(200);
      const status = version.json.status as string;
      seen.push(status);
      if (status !== 'queued' && status !== 'solving') break;
      if ((await suite.api('GET', '/health')).status === 200) health += 1;
    }
    // On the event loop only the few reads between the solve's own awaits would get through.
    expect(seen.filter((status) => status === 'solving').length).toBeGreaterThan(10);
    expect(health).toBeGreaterThan(10);
    expect(seen.at(-1)).toMatch(/optimal|feasible/);
  });
});
