import { describe, expect, it } from 'vitest';
import { useLocalServer } from '../functions/helpers/local-server.js';
import { tinyDataset } from '../functions/helpers/data.js';

/*
 * Ids that are names of Object.prototype's members cannot break an output
 * (finding 2): a plan whose every id is one of them is solved and downloads in
 * every format, with the ids as given.
 */
const suite = useLocalServer(async () => ({ options: {}, stop: async () => {} }));

const NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

/** The tiny data set with every id (phases, regions, corridor, service areas) renamed to a prototype member. */
function hostileDataset() {
  const text = JSON.stringify(tinyDataset())
    .replaceAll('"2023"', '"constructor"')
    .replaceAll('"2024"', '"toString"')
    .replaceAll('"2025"', '"__proto__"')
    .replaceAll('"PRD"', '"hasOwnProperty"')
    .replaceAll('"NORTH"', '"valueOf"')
    .replaceAll('"G4"', '"__proto__"')
    .replaceAll('"G4-010"', '"__proto__"')
    .replaceAll('"G4-045"', '"constructor"')
    .replaceAll('"G4-080"', '"toString"')
    .replaceAll('"G4-120"', '"hasOwnProperty"')
    .replaceAll('"G4-160"', '"valueOf"');
  return JSON.parse(text) as ReturnType<typeof tinyDataset>;
}

describe('prototype-member ids', () => {
  it('solve and download in every format, as does the diff of two versions', async () => {
    const created = await suite.api('POST', '/v1/plans', { as: 'GD', body: hostileDataset(), headers: { 'idempotency-key': 'proto-ids' } });
    expect(created.status, created.text).toBe(202);
    const planId = created.json.planId as string;
    await suite.local.queue.idle();
    const plan = await suite.api('GET', `/v1/plans/${planId}`, { as: 'GD' });
    expect(plan.status).toBe(200);
    expect(plan.json.status ?? plan.json.latest?.status).not.toBe('failed');
    const again = await suite.api('POST', `/v1/plans/${planId}/regenerate`, { as: 'GD', body: {}, headers: { 'idempotency-key': 'proto-ids-2' } });
    expect(again.status).toBeLessThan(300);
    await suite.local.queue.idle();

    for (const format of ['csv', 'geojson', 'json', 'xlsx']) {
      const download = await suite.api('GET', `/v1/plans/${planId}/sites?format=${format}`, { as: 'GD' });
      expect(download.status, `${format}: ${download.text.slice(0, 300)}`).toBe(200);
      if (format !== 'xlsx') for (const name of NAMES) expect(download.text, format).toContain(name);
    }
    for (const path of [`/v1/plans/${planId}/versions/1`, `/v1/plans/${planId}/versions`, `/v1/plans/${planId}/diff?from=1&to=2`, `/v1/plans/${planId}/diff?from=1&to=1`]) {
      const answer = await suite.api('GET', path, { as: 'GD' });
      expect([200, 409], `${path}: ${answer.text.slice(0, 300)}`).toContain(answer.status);
      expect(answer.status === 200 || answer.json.error.code !== 'internal_error').toBe(true);
    }
  });
});
