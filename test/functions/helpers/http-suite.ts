import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../../solver/index.js';
import type { apiClient } from './api.js';
import { useLocalServer, type Store } from './local-server.js';
import { demoDataset, tinyDataset } from './data.js';

/**
 * End to end over HTTP: the real local server (the same handlers as in
 * Lambda, the in-process queue standing in for SQS, which cannot exist here)
 * on an ephemeral port, over the DynamoDB-compatible server `store` gives.
 */
export function defineHttpApiSuite(storeName: string, store: Store): void {
  const server = useLocalServer(store);
  const api: ReturnType<typeof apiClient> = (...args) => server.api(...args);

  /** RFC 4180 rows (quoted fields, doubled quotes, CRLF). */
  function parseCsv(text: string): string[][] {
    const rows: string[][] = [];
    let row: string[] = [];
    let field = '';
    let quoted = false;
    for (let i = 0; i < text.length; i++) {
      const char = text[i]!;
      if (quoted) {
        if (char === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (char === '"') quoted = false;
        else field += char;
      } else if (char === '"') quoted = true;
      else if (char === ',') {
        row.push(field);
        field = '';
      } else if (char === '\n') {
        row.push(field.replace(/\r$/, ''));
        rows.push(row);
        row = [];
        field = '';
      } else field += char;
    }
    if (field !== '' || row.length > 0) rows.push([...row, field]);
    return rows;
  }

  async function submit(dataset: Dataset, key: string, as = dataset.province) {
    return api('POST', '/v1/plans', { as, body: dataset, headers: { 'idempotency-key': key } });
  }

  async function solvedPlan(dataset: Dataset, key: string): Promise<string> {
    const response = await submit(dataset, key);
    expect(response.status).toBe(202);
    await server.local.queue.idle();
    return response.json.planId as string;
  }

  describe(`the HTTP API, end to end, on ${storeName}`, () => {
    it('answers /health without a token', async () => {
      const response = await api('GET', '/health');

      expect(response.status).toBe(200);
      expect(response.json.status).toBe('ok');
    });

    it('takes the demo province from submission to a solved plan whose CSV and GeoJSON downloads match it', async () => {
      const dataset = demoDataset();

      const accepted = await submit(dataset, 'e2e-demo');
      await server.local.queue.idle();
      const plan = await api('GET', accepted.headers.get('location')!, { as: dataset.province });
      const sites = await api('GET', `/v1/plans/${accepted.json.planId}/sites?format=json`, { as: 'reviewer' });
      const csv = await api('GET', `/v1/plans/${accepted.json.planId}/sites?format=csv`, { as: 'reviewer' });
      const geojson = await api('GET', `/v1/plans/${accepted.json.planId}/sites?format=geojson`, { as: 'reviewer' });

      expect(accepted.status).toBe(202);
      expect(accepted.json).toMatchObject({ version: 1, status: 'queued' });
      expect(plan.status).toBe(200);
      expect(plan.json.status).toBe('optimal');
      expect(plan.json.summary.objective).toBeGreaterThan(0);
      expect(plan.json.summary.phases.map((phase: { id: string }) => phase.id)).toEqual(dataset.phases.map((phase) => phase.id));
      expect(plan.json.summary.phases[0].coverage.length).toBe(dataset.regions.length);

      const buildPhase = new Map<string, string | null>(sites.json.sites.map((site: { id: string; buildPhase: string | null }) => [site.id, site.buildPhase]));
      expect(buildPhase.size).toBe(dataset.serviceAreas.length);

      expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      expect(csv.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="${dataset.province}-plan-[0-9a-f]{8}-v1\\.csv"$`));
      expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...rows] = parseCsv(csv.text.slice(1));
      const idColumn = header!.indexOf('id');
      const buildColumn = header!.indexOf('buildPhase');
      expect(rows).toHaveLength(dataset.serviceAreas.length);
      expect(rows.map((row) => row[idColumn])).toEqual(dataset.serviceAreas.map((area) => area.id));
      for (const row of rows) expect(row[buildColumn] || null).toBe(buildPhase.get(row[idColumn]!));
      expect(csv.text).toContain(dataset.serviceAreas[0]!.name!);

      expect(geojson.headers.get('content-type')).toMatch(/^application\/geo\+json/);
      expect(geojson.json.type).toBe('FeatureCollection');
      expect(geojson.json.features).toHaveLength(dataset.serviceAreas.length);
      for (const feature of geojson.json.features) {
        const area = dataset.serviceAreas.find((candidate) => candidate.id === feature.properties.id)!;
        expect(feature.properties.buildPhase).toBe(buildPhase.get(area.id));
        if (area.lat !== undefined) expect(feature.geometry).toEqual({ type: 'Point', coordinates: [area.lon, area.lat] });
      }
    });

    it('downloads one phase when asked, and names an unknown phase or format as the bad parameter', async () => {
      const dataset = tinyDataset({ province: 'PH' });
      const planId = await solvedPlan(dataset, 'phase-download');

      const phase = await api('GET', `/v1/plans/${planId}/sites?format=csv&phase=2024`, { as: 'PH' });
      const unknownPhase = await api('GET', `/v1/plans/${planId}/sites?format=csv&phase=2030`, { as: 'PH' });
      const unknownFormat = await api('GET', `/v1/plans/${planId}/sites?format=ods`, { as: 'PH' });

      expect(phase.status).toBe(200);
      expect(phase.headers.get('content-disposition')).toContain('-phase-2024.csv');
      expect(parseCsv(phase.text.slice(1))[0]).toContain('piles_2024');
      expect(parseCsv(phase.text.slice(1))[0]).not.toContain('piles_2023');
      expect(unknownPhase.status).toBe(400);
      expect(unknownPhase.json.error.issues[0].path).toBe('query.phase');
      expect(unknownFormat.status).toBe(400);
      expect(unknownFormat.json.error.issues[0].path).toBe('query.format');
    });

    it('returns the same plan for a repeated Idempotency-Key, whether the repeats come one by one or all at once', async () => {
      const dataset = tinyDataset({ province: 'IK' });

      const first = await submit(dataset, 'same-key');
      const again = await submit(dataset, 'same-key');
      const concurrent = await Promise.all(Array.from({ length: 8 }, () => submit(dataset, 'burst-key')));
      await server.local.queue.idle();
      const listed = await api('GET', '/v1/plans?province=IK', { as: 'IK' });

      expect(first.status).toBe(202);
      expect(again.status).toBe(202);
      expect(again.json.planId).toBe(first.json.planId);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expect(concurrent.every((response) => response.status === 202)).toBe(true);
      expect(new Set(concurrent.map((response) => response.json.planId)).size).toBe(1);
      expect(listed.json.items).toHaveLength(2);
      expect(listed.json.items.every((item: { status: string }) => item.status === 'optimal')).toBe(true);
    });

    it('refuses a reused Idempotency-Key with another body (422) and a submission without one (400)', async () => {
      const dataset = tinyDataset({ province: 'IR' });
      await submit(dataset, 'key-1');

      const changed = await submit({ ...dataset, name: 'another name' }, 'key-1');
      const missing = await api('POST', '/v1/plans', { as: 'IR', body: dataset });
      const listed = await api('GET', '/v1/plans?province=IR', { as: 'IR' });

      expect(changed.status).toBe(422);
      expect(changed.json.error.code).toBe('idempotency_key_reused');
      expect(missing.status).toBe(400);
      expect(missing.json.error.issues[0].path).toBe('headers.idempotency-key');
      expect(listed.json.items).toHaveLength(1);
    });

    it('rejects an invalid data set with every problem by JSON path and stores nothing', async () => {
      const dataset = tinyDataset({ province: 'BAD' });
      const broken = {
        ...dataset,
        serviceAreas: dataset.serviceAreas.map((area, index) => (index === 2 ? { ...area, corridor: 'NOPE' } : area)),
        assumptions: { chargeRatee: 0.05 },
      };

      const response = await submit(broken as Dataset, 'bad-1');
      const malformed = await api('POST', '/v1/plans', { as: 'BAD', rawBody: '{"province": "BAD",', headers: { 'idempotency-key': 'bad-2', 'content-type': 'application/json' } });
      const listed = await api('GET', '/v1/plans?province=BAD', { as: 'BAD' });

      expect(response.status).toBe(400);
      const paths = response.json.error.issues.map((issue: { path: string }) => issue.path);
      expect(paths.some((path: string) => path.startsWith('serviceAreas[2].corridor'))).toBe(true);
      expect(paths.some((path: string) => path.startsWith('assumptions'))).toBe(true);
      expect(response.text).not.toMatch(/at \w+ \(|node_modules/);
      expect(malformed.status).toBe(400);
      expect(malformed.json.error.issues[0].path).toBe('body');
      expect(listed.json.items).toHaveLength(0);
    });

    it('stores an infeasible data set as an infeasible plan with a diagnosis, and has no sites to download', async () => {
      // Every standard-region site must be covered by 2025, but one of them is excluded.
      const base = tinyDataset({ province: 'INF' });
      const dataset = { ...base, phases: base.phases.map((phase, index) => (index === 2 ? { ...phase, targets: { priority: 0.8, standard: 1 } } : phase)) };

      const planId = await solvedPlan(dataset, 'infeasible');
      const plan = await api('GET', `/v1/plans/${planId}`, { as: 'INF' });
      const sites = await api('GET', `/v1/plans/${planId}/sites?format=csv`, { as: 'INF' });

      expect(plan.json.status).toBe('infeasible');
      expect(plan.json.summary.diagnosis.length).toBeGreaterThan(0);
      expect(plan.json.summary.bound).toBeNull();
      expect(sites.status).toBe(409);
    });

    it('gives exactly one of several concurrent re-plans with a changed input a new version; the others see it unchanged', async () => {
      const dataset = tinyDataset({ province: 'RG' });
      const planId = await solvedPlan(dataset, 'regen');

      // As of 2024-03-01 phase 2023 is closed: an input version 1 did not have.
      const responses = await Promise.all(
        Array.from({ length: 6 }, () => api('POST', `/v1/plans/${planId}/regenerate`, { as: 'RG', body: { asOf: '2024-03-01' } })),
      );
      await server.local.queue.idle();
      const versions = await api('GET', `/v1/plans/${planId}/versions`, { as: 'RG' });
      const latest = await api('GET', `/v1/plans/${planId}`, { as: 'RG' });
      const first = await api('GET', `/v1/plans/${planId}?version=1`, { as: 'RG' });

      expect(responses.filter((response) => response.status === 202)).toHaveLength(1);
      expect(responses.filter((response) => response.status === 200 && response.json.unchanged === true && response.json.version === 2)).toHaveLength(5);
      expect(versions.json.items.map((version: { version: number }) => version.version)).toEqual([2, 1]);
      expect(latest.json).toMatchObject({ version: 2, latestVersion: 2, status: 'optimal', trigger: 'regenerate', asOf: '2024-03-01' });
      expect(first.json).toMatchObject({ version: 1, status: 'optimal', trigger: 'submit', asOf: null });
      expect(latest.json.summary.phases.map((phase: { closed: boolean }) => phase.closed)).toEqual([true, false, false]);
    });

    it('adds no version for a re-plan whose inputs did not change, even when 6 calls race', async () => {
      const planId = await solvedPlan(tinyDataset({ province: 'RU' }), 'regen-same');

      // As of a date in 2023 nothing is closed and there is no report: the inputs of version 1.
      const responses = await Promise.all(
        Array.from({ length: 6 }, () => api('POST', `/v1/plans/${planId}/regenerate`, { as: 'RU', body: { asOf: '2023-06-30' } })),
      );
      const versions = await api('GET', `/v1/plans/${planId}/versions`, { as: 'RU' });

      expect(responses.map((response) => [response.status, response.json.unchanged, response.json.version])).toEqual(Array(6).fill([200, true, 1]));
      expect(versions.json.items).toHaveLength(1);
    });

    it('re-plans every plan once per scheduled tick, however often the tick is retried', async () => {
      const older = await solvedPlan(tinyDataset({ province: 'SC' }), 'sched-old');
      const newer = await solvedPlan(tinyDataset({ province: 'SC', name: '新版' }), 'sched-new');

      const report = await server.local.tick('2030-01-01T02:00:00Z');
      const retry = await server.local.tick('2030-01-01T02:00:00Z');
      await server.local.queue.idle();
      const newerVersions = await api('GET', `/v1/plans/${newer}/versions`, { as: 'SC' });
      const olderVersions = await api('GET', `/v1/plans/${older}/versions`, { as: 'SC' });

      expect(report.asOf).toBe('2030-01-01');
      expect(report.new).toBeGreaterThanOrEqual(2);
      expect(report.failed).toBe(0);
      expect(retry.new).toBe(0);
      expect(retry.unchanged).toBe(report.new + report.unchanged);
      for (const versions of [newerVersions, olderVersions]) {
        expect(versions.json.items.map((version: { version: number; trigger: string }) => [version.version, version.trigger])).toEqual([
          [2, 'schedule'],
          [1, 'submit'],
        ]);
        expect(versions.json.items[0]).toMatchObject({ tick: '2030-01-01T02:00:00Z', status: 'optimal', asOf: '2030-01-01' });
      }
    });

    it('lists a province\'s plans newest first, page by page', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await submit(tinyDataset({ province: 'PG', name: `plan ${i}` }), `page-${i}`);
        ids.push(response.json.planId);
      }

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await api('GET', `/v1/plans?province=PG&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { as: 'reviewer' });
        expect(page.status).toBe(200);
        expect(page.json.items.length).toBeLessThanOrEqual(2);
        seen.push(...page.json.items.map((item: { planId: string }) => item.planId));
        cursor = page.json.nextCursor;
      } while (cursor !== undefined);
      const badCursor = await api('GET', '/v1/plans?province=PG&cursor=garbage', { as: 'reviewer' });
      // The right key names with empty values: DynamoDB itself would refuse them (once a 500).
      const empty = Buffer.from(JSON.stringify({ pk: '', sk: '', gsi1pk: 'PROVINCE#PG', gsi1sk: '' })).toString('base64url');
      const emptyCursor = await api('GET', `/v1/plans?province=PG&cursor=${empty}`, { as: 'reviewer' });
      await server.local.queue.idle();

      expect(seen).toEqual([...ids].reverse());
      expect(badCursor.status).toBe(400);
      expect(emptyCursor.status).toBe(400);
      expect(emptyCursor.json.error.issues[0].path).toBe('query.cursor');
    });

    it('answers 401 to a forged or expired token and 404 to an unknown plan or route', async () => {
      const forged = await api('GET', '/v1/plans?province=GD', { headers: { authorization: `Bearer ${server.local.token(['province-GD']).slice(0, -2)}xx` } });
      const unknownPlan = await api('GET', '/v1/plans/00000000-0000-4000-8000-000000000000', { as: 'GD' });
      const malformedId = await api('GET', '/v1/plans/not-an-id', { as: 'GD' });
      const unknownRoute = await api('DELETE', '/v1/plans', { as: 'GD' });

      expect(forged.status).toBe(401);
      expect(unknownPlan.status).toBe(404);
      expect(malformedId.status).toBe(404);
      expect(unknownRoute.status).toBe(404);
    });
  });
}
