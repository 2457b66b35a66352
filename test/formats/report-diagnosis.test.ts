import { describe, expect, it } from 'vitest';
import { diagnosisInChinese } from '../../solver/formats/report-diagnosis.js';
import { msg, renderMessage, type MessageDetail } from '../../solver/messages.js';
import { demoDataset } from '../functions/helpers/data.js';

const CASES: [MessageDetail, string, string][] = [
  [msg('region.tooFewCoverable', { region: 'NINGBO', need: 12, phase: '2025', coverable: 10 }),
    'region NINGBO needs 12 covered service areas in 2025 but only 10 are not excluded', '宁波市 2025 年需覆盖 12 个服务区，但未排除的只有 10 个'],
  [msg('corridor.gap', { corridor: 'G15', lengthKm: 25.3, fromKm: 850, toKm: 875.3, maxGapKm: 20, phase: '2025' }),
    'corridor G15 has 25.3 km between km 850.0 and km 875.3 with no service area that can be covered, maxGapKm is 20 in 2025',
    'G15 沈海高速 K850.0（路线端点）至 K875.3（西集服务区）之间 25.3 公里没有可建服务区，超过 2025 年最大间距 20 公里'],
  [msg('phase.overBudget', { phase: '2024', least: 1.31e8, earlierKept: false, budget: 9e7 }),
    'phase 2024 needs at least 1.31e8 but its budget is 9.00e7', '2024 年至少需要 13,100.0 万元，但预算只有 9,000.0 万元'],
  [msg('phase.overBudget', { phase: '2025', least: 5.01e8, earlierKept: true, budget: 1.42e8 }),
    'phase 2025 needs at least 5.01e8 (with the earlier budgets kept) but its budget is 1.42e8', '2025 年（在此前各期不超预算的前提下）至少需要 50,100.0 万元，但预算只有 14,200.0 万元'],
  [msg('phase.existingOverBudget', { phase: '2024', least: 2.5e6, budget: 1e6 }),
    'phase 2024 needs at least 2.50e6 for piles at already covered service areas but its budget is 1.00e6', '2024 年仅已覆盖服务区增加充电桩就至少需要 250.0 万元，但预算只有 100.0 万元'],
  [msg('site.requiredTooSmall', { site: 'G15-875', cap: 1, minPiles: 2 }),
    'service area G15-875 is required but can hold only 1 piles, fewer than minPilesPerSite 2', '必建服务区西集服务区（G15-875）最多只能装 1 个充电桩，少于覆盖所需的 2 个'],
  [msg('budgets.jointlyInfeasible', { phases: ['2024', '2025'] }),
    'the budgets of phases 2024, 2025 cannot all be met together with the coverage and spacing targets', '2024、2025 各期预算无法在满足覆盖率和间距要求的同时全部守住'],
  [msg('region.closedTargetMissed', { region: 'TAIZHOU', covered: 3, required: 9, phase: '2024', progressAsOf: '2024-12-31', need: 12, next: '2025', more: 8, inService: 4 }),
    'region TAIZHOU covered 3 of the 9 service areas its 2024 target required and needs 12 by 2025, 8 more than the 4 in service (progress as of 2024-12-31)',
    '台州市 2024 年目标要求覆盖 9 个服务区，实际 3 个；2025 年需 12 个，比在用的 4 个多 8 个（进度截至 2024-12-31）'],
  [msg('region.closedTargetMissed', { region: 'TAIZHOU', covered: 3, required: 9, phase: '2025', progressAsOf: null }),
    'region TAIZHOU covered 3 of the 9 service areas its 2025 target required (no progress reported)', '台州市 2025 年目标要求覆盖 9 个服务区，实际 3 个（未报告进度）'],
  [msg('phase.budgetReduced', { phase: '2025', budget: 2e7, spent: 5e6, left: 1.5e7 }),
    "phase 2025's budget 2.00e7 is reduced by the 5.00e6 already spent to 1.50e7", '2025 年预算 2,000.0 万元 扣除已完成投资 500.0 万元 后剩 1,500.0 万元'],
];

describe('the diagnosis by code', () => {
  it.each(CASES)('renders %j in English and in Chinese with names in place of codes', (detail, english, chinese) => {
    // Act
    const en = renderMessage(detail);
    const zh = diagnosisInChinese(detail, demoDataset());

    // Assess
    expect(en).toBe(english);
    expect(zh).toBe(chinese);
  });

  it('keeps a line stored before codes as it is, and names an unknown code with its params', () => {
    // Assess
    expect(diagnosisInChinese(msg('plain', { text: 'something new happened' }), demoDataset())).toBe('something new happened');
    expect(renderMessage({ code: 'no.such', params: { a: 1 } }, 'zh')).toBe('no.such {"a":1}');
  });
});
