/**
 * Every diagnosis and warning of a plan carries its code and parameters beside
 * the English text: the parallel arrays have the same length and order, and the
 * English text is the catalog's rendering of each code.
 */
import { describe, expect, it } from 'vitest';
import { replanPlan, solvePlan, validateDataset, validateProgress } from '../../solver/index.js';
import { MESSAGES, renderMessage } from '../../solver/messages.js';
import { demoDataset } from '../functions/helpers/data.js';

describe('message codes beside the plan\'s sentences', () => {
  it('states an infeasible plan\'s diagnosis and warnings as codes with ids, rendering to the same English', async () => {
    // Prepare: exclude all but 4 of 台州's 14 service areas (its 2025 target needs 9), and one site's cap below the minimum.
    const dataset = demoDataset();
    let kept = 0;
    for (const s of dataset.serviceAreas) {
      if (s.region !== 'TAIZHOU') continue;
      if (kept++ < 4) continue;
      s.status = 'excluded';
      delete s.requiredBy;
    }
    dataset.serviceAreas.find((s) => s.region !== 'TAIZHOU' && s.status !== 'required' && s.status !== 'excluded')!.maxPiles = 1;

    // Act
    const plan = await solvePlan(dataset, { timeLimitSeconds: 30 });

    // Assess
    expect(plan.status).toBe('infeasible');
    expect(plan.diagnosisDetails.map((d) => renderMessage(d))).toEqual(plan.diagnosis);
    expect(plan.warningDetails.map((d) => renderMessage(d))).toEqual(plan.warnings);
    expect(plan.diagnosisDetails).toContainEqual(expect.objectContaining({ code: 'region.tooFewCoverable', params: expect.objectContaining({ region: 'TAIZHOU' }) }));
    expect(plan.warningDetails.map((d) => d.code)).toContain('site.capTooSmall');
    for (const d of [...plan.diagnosisDetails, ...plan.warningDetails]) expect(Object.keys(MESSAGES)).toContain(d.code);
  });

  it('keeps the codes of a re-plan\'s warnings in step with its sentences', async () => {
    // Prepare: a report dated after the as-of date does not count, and says so.
    const dataset = demoDataset();

    // Act
    const plan = await replanPlan(dataset, { asOf: '2024-06-30', progress: { asOf: '2025-01-01', sites: [] } }, { timeLimitSeconds: 30 });

    // Assess
    expect(plan.warningDetails.map((d) => renderMessage(d))).toEqual(plan.warnings);
    expect(plan.warningDetails[0]).toEqual({ code: 'progress.afterAsOf', params: { reportAsOf: '2025-01-01', asOf: '2024-06-30' } });
    expect(renderMessage(plan.warningDetails[0]!, 'zh')).toBe('进度报告日期 2025-01-01 晚于基准日期 2024-06-30，未计入');
  });

  it('names an upload of the other kind once, at $, instead of one problem per unknown key', () => {
    // Prepare
    const dataset = demoDataset();
    const report = { asOf: '2024-12-31', sites: [] };

    // Act
    const asReport = validateProgress(dataset, dataset);
    const asDataset = validateDataset(report);

    // Assess
    expect(asReport).toEqual({ ok: false, issues: [{ path: '$', message: 'this is a data set, not a progress report: upload it as a data set', code: 'upload.datasetNotProgress', params: {} }] });
    expect(asDataset).toEqual({ ok: false, issues: [{ path: '$', message: 'this is a progress report, not a data set: upload it as a progress report', code: 'upload.progressNotDataset', params: {} }] });
    expect(renderMessage({ code: 'upload.datasetNotProgress', params: {} }, 'zh')).toBe('这是数据集，不是进度报告：请作为数据集上传');
  });
});
