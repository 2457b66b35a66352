import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Dataset, Plan, ProgressReport } from '../../../solver/index.js';
import type { apiClient } from './api.js';
import { useLocalServer, type Store } from './local-server.js';
import { demoDataset } from './data.js';

/**
 * The planning cycle (SPEC section 6) end to end over HTTP on the real local
 * server: submit, revise, report progress, re-plan as of the next year, diff,
 * review, and download the plan of record. The in-process queue stands in for
 * SQS, which cannot exist here.
 */
export function defineCycleSuite(storeName: string, store: Store): void {
  const server = useLocalServer(store);
  const api: ReturnType<typeof apiClient> = (...args) => server.api(...args);

  /** The demo in a province of its own, so each test has its plans to itself. */
  function demoIn(province: string): Dataset {
    return { ...demoDataset(), province };
  }

  async function submitted(dataset: Dataset, key: string): Promise<string> {
    const response = await api('POST', '/v1/plans', { as: dataset.province, body: dataset, headers: { 'idempotency-key': key } });
    expect(response.status).toBe(202);
    await server.local.queue.idle();
    return response.json.planId as string;
  }

  /**
   * The demo's sample progress report (what was in service at the end of 2023),
   * and what it means against a plan: the sites it reports, and those the plan
   * built in 2023 that it does not report (they slip).
   */
  function sampleReport(plan: Plan) {
    const report = JSON.parse(readFileSync(new URL('../../../data/demo-progress.json', import.meta.url), 'utf8')) as ProgressReport;
    const phase = { id: '2023', year: 2023 };
    const reported = report.sites.map((site) => site.id);
    const missed = plan.sites.filter((site) => site.buildPhase === phase.id && !reported.includes(site.id)).map((site) => site.id).sort();
    return { phase, report, reported, missed };
  }

  describe(`the planning cycle over HTTP, on ${storeName}`, () => {
    it('takes a plan from submission through a revision, a progress report, a re-plan, a diff and a review to its plan of record', async () => {
      const dataset = demoIn('CY');
      const planId = await submitted(dataset, 'cycle-submit');
      const first = await api('GET', `/v1/plans/${planId}/versions/1`, { as: 'CY' });
      const firstPlan = first.json.plan as Plan;

      // A revision: the same province with traffic grown faster than first assumed.
      const revised: Dataset = { ...dataset, name: `${dataset.name} (修订)`, assumptions: { ...dataset.assumptions, trafficGrowth: 0.04 } };
      const revision = await api('PUT', `/v1/plans/${planId}/dataset`, { as: 'CY', body: revised, headers: { 'idempotency-key': 'rev-1' } });
      const revisionAgain = await api('PUT', `/v1/plans/${planId}/dataset`, { as: 'CY', body: revised, headers: { 'idempotency-key': 'rev-1' } });

      const { phase, missed, reported, report } = sampleReport(firstPlan);
      const posted = await api('POST', `/v1/plans/${planId}/progress`, { as: 'CY', body: report, headers: { 'idempotency-key': 'rep-1' } });
      const latestReport = await api('GET', `/v1/plans/${planId}/progress`, { as: 'reviewer' });

      // Storing inputs makes no version.
      const beforeReplan = await api('GET', `/v1/plans/${planId}`, { as: 'CY' });
      const asOf = `${phase.year + 1}-01-15`;
      const replanned = await api('POST', `/v1/plans/${planId}/regenerate`, { as: 'CY', body: { asOf }, headers: { 'idempotency-key': 'replan-1' } });
      const retried = await api('POST', `/v1/plans/${planId}/regenerate`, { as: 'CY', body: { asOf }, headers: { 'idempotency-key': 'replan-1' } });
      await server.local.queue.idle();
      const again = await api('POST', `/v1/plans/${planId}/regenerate`, { as: 'CY', body: { asOf } });
      const second = await api('GET', `/v1/plans/${planId}/versions/2`, { as: 'CY' });
      const firstAfter = await api('GET', `/v1/plans/${planId}/versions/1`, { as: 'CY' });

      expect(revision.status).toBe(201);
      expect(revision.json).toEqual({ planId, revision: 2 });
      expect(revisionAgain.status).toBe(201);
      expect(revisionAgain.json).toEqual({ planId, revision: 2 });
      expect(revisionAgain.headers.get('idempotent-replayed')).toBe('true');
      expect(posted.status).toBe(201);
      expect(posted.json).toMatchObject({ planId, asOf: report.asOf, sites: reported.length });
      expect(latestReport.json.report).toEqual(report);
      expect(latestReport.json.reportId).toBe(posted.json.reportId);
      expect(beforeReplan.json.latestVersion).toBe(1);
      expect(beforeReplan.json.latestRevision).toBe(2);
      expect(replanned.status).toBe(202);
      expect(replanned.json.version).toBe(2);
      expect(retried.json.version).toBe(2);
      expect(retried.headers.get('idempotent-replayed')).toBe('true');
      expect(again.status).toBe(200);
      expect(again.json).toMatchObject({ version: 2, unchanged: true });

      // The re-plan: its inputs, the closed phase as history, as-built and slipped sites.
      expect(second.json).toMatchObject({
        version: 2,
        status: 'optimal',
        trigger: 'regenerate',
        asOf,
        dataRevision: 2,
        inputs: { dataRevision: 2, progress: { reportId: posted.json.reportId, asOf: report.asOf }, closedPhases: dataset.phases.filter((p) => p.year <= phase.year).map((p) => p.id) },
        review: { state: 'none', history: [] },
      });
      const plan = second.json.plan as Plan;
      expect(plan.asOf).toBe(asOf);
      expect(plan.dataRevision).toBe(2);
      expect(plan.progressAsOf).toBe(report.asOf);
      expect(missed.length).toBeGreaterThan(0);
      expect(plan.slipped).toEqual(missed);
      expect(plan.phases.find((p) => p.id === phase.id)).toMatchObject({ closed: true, capex: report.spent?.[phase.id] ?? null });
      expect(plan.sites.filter((site) => site.asBuilt).map((site) => site.id).sort()).toEqual([...reported].sort());
      // A revision never changes an earlier version.
      expect(firstAfter.json.dataRevision).toBe(1);
      expect(firstAfter.json.plan).toEqual(firstPlan);

      // The diff of the two versions, and of a version with itself.
      const diff = await api('GET', `/v1/plans/${planId}/diff?from=1&to=2`, { as: 'reviewer' });
      const none = await api('GET', `/v1/plans/${planId}/diff?from=2&to=2`, { as: 'reviewer' });
      const csv = await api('GET', `/v1/plans/${planId}/diff?from=1&to=2&format=csv`, { as: 'CY' });
      expect(diff.status).toBe(200);
      expect(diff.json.inputsChanged).toEqual({ dataRevision: true, progress: true, closedPhases: true });
      expect(diff.json.objective.from).toBeCloseTo(firstPlan.objective!, 2);
      expect(diff.json.objective.to).toBeCloseTo(plan.objective!, 2);
      const changedIds = plan.sites
        .filter((site) => {
          const before = firstPlan.sites.find((candidate) => candidate.id === site.id)!;
          return before.buildPhase !== site.buildPhase || JSON.stringify(before.piles) !== JSON.stringify(site.piles);
        })
        .map((site) => site.id)
        .sort();
      expect(diff.json.sites.map((site: { id: string }) => site.id)).toEqual(changedIds);
      expect(none.json.sites).toEqual([]);
      expect(none.json.objective.delta).toBe(0);
      expect(csv.bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(csv.text.trim().split('\n')).toHaveLength(changedIds.length + 1);

      // Review: a province cannot; a reviewer must give a reason to send it back; the latest approved version is of record.
      const byProvince = await api('POST', `/v1/plans/${planId}/versions/2/review`, { as: 'CY', body: { decision: 'approve', comment: '' } });
      const noReason = await api('POST', `/v1/plans/${planId}/versions/2/review`, { as: 'reviewer', body: { decision: 'request-changes' } });
      const approved = await api('POST', `/v1/plans/${planId}/versions/2/review`, { as: 'reviewer', body: { decision: 'approve', comment: '同意' } });
      const seen = await api('GET', `/v1/plans/${planId}`, { as: 'CY' });
      const recordCsv = await api('GET', `/v1/plans/${planId}/sites?format=csv&version=record`, { as: 'CY' });
      const sentBack = await api('POST', `/v1/plans/${planId}/versions/2/review`, { as: 'reviewer', body: { decision: 'request-changes', comment: '请补充 2025 年预算' } });
      const afterSendBack = await api('GET', `/v1/plans/${planId}`, { as: 'CY' });
      const noRecord = await api('GET', `/v1/plans/${planId}/sites?format=csv&version=record`, { as: 'CY' });

      expect(byProvince.status).toBe(403);
      expect(noReason.status).toBe(400);
      expect(noReason.json.error.issues).toMatchObject([{ path: 'comment', message: 'is required to request changes' }]);
      expect(approved.status).toBe(200);
      expect(approved.json.review.state).toBe('approved');
      expect(seen.json.review).toMatchObject({ state: 'approved', history: [{ decision: 'approve', comment: '同意', reviewer: 'user-reviewer', version: 2 }] });
      expect(seen.json.planOfRecord).toMatchObject({ version: 2 });
      expect(recordCsv.status).toBe(200);
      expect(recordCsv.headers.get('content-disposition')).toContain('-v2');
      expect(recordCsv.text.trim().split('\n')).toHaveLength(dataset.serviceAreas.length + 1);
      expect(sentBack.json.review.state).toBe('changes-requested');
      expect(sentBack.json.review.history.map((entry: { decision: string }) => entry.decision)).toEqual(['approve', 'request-changes']);
      expect(afterSendBack.json.planOfRecord).toBeNull();
      expect(afterSendBack.json.review.state).toBe('changes-requested');
      expect(noRecord.status).toBe(404);
    });

    it('refuses bad revisions and reports with every JSON path and stores nothing', async () => {
      const dataset = demoIn('CB');
      const planId = await submitted(dataset, 'bad-inputs');
      const otherProvince = await api('PUT', `/v1/plans/${planId}/dataset`, { as: 'CB', body: { ...dataset, province: 'XX' }, headers: { 'idempotency-key': 'bad-rev-1' } });
      const broken = await api('PUT', `/v1/plans/${planId}/dataset`, {
        as: 'CB',
        body: { ...dataset, phases: [], serviceAreas: [{ ...dataset.serviceAreas[0], corridor: 'G99' }] },
        headers: { 'idempotency-key': 'bad-rev-2' },
      });
      const first = dataset.serviceAreas[0]!;
      const badReport = await api('POST', `/v1/plans/${planId}/progress`, {
        as: 'CB',
        body: { asOf: '2025-02-30', sites: [{ id: 'NOPE', piles: 4, coveredSince: '2023' }, { id: first.id, piles: 999, coveredSince: '1999' }], spent: { nope: -1 } },
        headers: { 'idempotency-key': 'bad-rep-1' },
      });
      const noKey = await api('POST', `/v1/plans/${planId}/progress`, { as: 'CB', body: { asOf: '2023-12-31', sites: [] } });
      const progress = await api('GET', `/v1/plans/${planId}/progress`, { as: 'CB' });
      const header = await api('GET', `/v1/plans/${planId}`, { as: 'CB' });

      expect(otherProvince.status).toBe(400);
      expect(otherProvince.json.error.issues.map((issue: { path: string }) => issue.path)).toEqual(['province']);
      expect(broken.status).toBe(400);
      expect(broken.json.error.issues.map((issue: { path: string }) => issue.path)).toEqual(expect.arrayContaining(['phases', 'serviceAreas[0].corridor']));
      expect(badReport.status).toBe(400);
      expect(badReport.json.error.issues.map((issue: { path: string }) => issue.path)).toEqual(
        expect.arrayContaining(['asOf', 'sites[0].id', 'sites[1].piles', 'sites[1].coveredSince']),
      );
      expect(badReport.json.error.issues.some((issue: { path: string }) => issue.path.startsWith('spent'))).toBe(true);
      expect(noKey.status).toBe(400);
      expect(progress.status).toBe(404);
      expect(header.json.latestRevision).toBe(1);
    });

    it('numbers concurrent revisions one after another, and makes one revision of concurrent retries with one key', async () => {
      const dataset = demoIn('CC');
      const planId = await submitted(dataset, 'concurrent-revisions');

      const distinct = await Promise.all(
        Array.from({ length: 5 }, (_, i) => api('PUT', `/v1/plans/${planId}/dataset`, { as: 'CC', body: { ...dataset, name: `修订 ${i}` }, headers: { 'idempotency-key': `rev-${i}` } })),
      );
      const sameKey = await Promise.all(
        Array.from({ length: 5 }, () => api('PUT', `/v1/plans/${planId}/dataset`, { as: 'CC', body: { ...dataset, name: '同一修订' }, headers: { 'idempotency-key': 'rev-same' } })),
      );
      const header = await api('GET', `/v1/plans/${planId}`, { as: 'CC' });

      expect(distinct.map((response) => response.status)).toEqual([201, 201, 201, 201, 201]);
      expect(distinct.map((response) => response.json.revision).sort()).toEqual([2, 3, 4, 5, 6]);
      expect(new Set(sameKey.map((response) => response.json.revision))).toEqual(new Set([7]));
      expect(header.json.latestRevision).toBe(7);
    });

    it('adds one version for each changed input (revision, report, a phase closed by the calendar) and none otherwise', async () => {
      const dataset = demoIn('CI');
      const planId = await submitted(dataset, 'inputs');
      const replan = async (asOf: string) => {
        const response = await api('POST', `/v1/plans/${planId}/regenerate`, { as: 'CI', body: { asOf } });
        await server.local.queue.idle();
        return [response.status, response.json.version];
      };

      const same = await replan('2023-06-30');
      await api('PUT', `/v1/plans/${planId}/dataset`, { as: 'CI', body: { ...dataset, name: '修订' }, headers: { 'idempotency-key': 'inputs-rev' } });
      const afterRevision = await replan('2023-06-30');
      const sameAgain = await replan('2023-06-30');
      await api('POST', `/v1/plans/${planId}/progress`, { as: 'CI', body: { asOf: '2023-05-01', sites: [] }, headers: { 'idempotency-key': 'inputs-rep' } });
      // A report dated after the as-of date is not counted: nothing changes until the date passes it.
      await api('POST', `/v1/plans/${planId}/progress`, { as: 'CI', body: { asOf: '2023-09-30', sites: [] }, headers: { 'idempotency-key': 'inputs-rep-later' } });
      const afterReport = await replan('2023-06-30');
      const laterReportCounted = await replan('2023-10-01');
      const phaseClosed = await replan('2024-02-01');
      const last = await replan('2024-02-01');
      const versions = await api('GET', `/v1/plans/${planId}/versions`, { as: 'CI' });
      const reportOnly = await api('GET', `/v1/plans/${planId}/diff?from=3&to=4`, { as: 'CI' });
      const calendarOnly = await api('GET', `/v1/plans/${planId}/diff?from=4&to=5`, { as: 'CI' });
      const sameRevision = await api('GET', `/v1/plans/${planId}/diff?from=2&to=3`, { as: 'CI' });

      expect(same).toEqual([200, 1]);
      expect(afterRevision).toEqual([202, 2]);
      expect(sameAgain).toEqual([200, 2]);
      expect(afterReport).toEqual([202, 3]);
      expect(laterReportCounted).toEqual([202, 4]);
      expect(phaseClosed).toEqual([202, 5]);
      expect(last).toEqual([200, 5]);
      expect(reportOnly.json.inputsChanged).toEqual({ dataRevision: false, progress: true, closedPhases: false });
      expect(calendarOnly.json.inputsChanged).toEqual({ dataRevision: false, progress: false, closedPhases: true });
      expect(sameRevision.json.inputsChanged).toEqual({ dataRevision: false, progress: true, closedPhases: false });
      expect(versions.json.items.map((item: { dataRevision: number; asOf: string | null }) => [item.dataRevision, item.asOf])).toEqual([
        [2, '2024-02-01'],
        [2, '2023-10-01'],
        [2, '2023-06-30'],
        [2, '2023-06-30'],
        [1, null],
      ]);
    });

    it('answers 400 to a bad as-of date and 404 to a version that does not exist', async () => {
      const planId = await submitted(demoIn('CD'), 'bad-dates');
      const badDate = await api('POST', `/v1/plans/${planId}/regenerate`, { as: 'CD', body: { asOf: '2024-13-01' } });
      const extra = await api('POST', `/v1/plans/${planId}/regenerate`, { as: 'CD', body: { asOf: '2024-01-01', force: true } });
      const missing = await api('GET', `/v1/plans/${planId}/versions/7`, { as: 'CD' });
      const diffMissing = await api('GET', `/v1/plans/${planId}/diff?from=1`, { as: 'CD' });
      const reviewMissing = await api('POST', `/v1/plans/${planId}/versions/9/review`, { as: 'reviewer', body: { decision: 'approve' } });

      expect(badDate.status).toBe(400);
      expect(badDate.json.error.issues).toMatchObject([{ path: 'asOf', message: 'must be a calendar date YYYY-MM-DD' }]);
      expect(extra.status).toBe(400);
      expect(extra.json.error.issues[0].path).toBe('force');
      expect(missing.status).toBe(404);
      expect(diffMissing.status).toBe(400);
      expect(diffMissing.json.error.issues[0].path).toBe('query.to');
      expect(reviewMissing.status).toBe(404);
    });
  });
}
