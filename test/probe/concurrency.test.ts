import { describe, expect, it } from 'vitest';
import { useLocalServer } from '../functions/helpers/local-server.js';
import { tinyDataset } from '../functions/helpers/data.js';

/*
 * Concurrency, as the probe tried it over HTTP on the real local server: many
 * copies of one write at once make one result, and many different writes at
 * once each get their own.
 */
const suite = useLocalServer(async () => ({ options: {}, stop: async () => {} }));

describe('concurrent writes', () => {
  it('makes one plan of 50 concurrent submissions with one Idempotency-Key, and every answer names it', async () => {
    const body = tinyDataset({ province: 'HB' });
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => suite.api('POST', '/v1/plans', { as: 'HB', body, headers: { 'idempotency-key': 'fifty-at-once' } })),
    );
    const statuses = new Set(answers.map((answer) => answer.status));
    // Each is the submission's answer (202) or its replay; none is an error.
    expect([...statuses].every((status) => status === 202 || status === 200), JSON.stringify([...statuses])).toBe(true);
    expect(new Set(answers.map((answer) => answer.json.planId)).size).toBe(1);
    await suite.local.queue.idle();
    const plans = await suite.api('GET', '/v1/plans?province=HB', { as: 'HB' });
    expect(plans.json.items).toHaveLength(1);
    const versions = await suite.api('GET', `/v1/plans/${answers[0]!.json.planId as string}/versions`, { as: 'HB' });
    expect(versions.json.items).toHaveLength(1);
  });

  it('gives 20 concurrent revisions 20 distinct numbers, each stored as sent', async () => {
    const created = await suite.api('POST', '/v1/plans', { as: 'HN', body: tinyDataset({ province: 'HN' }), headers: { 'idempotency-key': 'revisions-base' } });
    const planId = created.json.planId as string;
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        suite.api('PUT', `/v1/plans/${planId}/dataset`, { as: 'HN', body: tinyDataset({ province: 'HN', name: `revision ${index}` }), headers: { 'idempotency-key': `revision-${index}` } }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 201));
    const numbers = answers.map((answer) => answer.json.revision as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, index) => index + 2));
    // The latest revision is one of them, whole: a re-plan solves it.
    const replan = await suite.api('POST', `/v1/plans/${planId}/regenerate`, { as: 'HN', headers: { 'idempotency-key': 'revisions-replan' } });
    expect(replan.status).toBe(202);
    await suite.local.queue.idle();
    const version = await suite.api('GET', `/v1/plans/${planId}/versions/${replan.json.version as number}`, { as: 'HN' });
    expect(version.json.dataRevision).toBe(21);
    expect(version.json.status).toMatch(/^(optimal|feasible)$/);
  });
});
