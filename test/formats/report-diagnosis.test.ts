import { describe, expect, it } from 'vitest';
import { diagnosisInChinese } from '../../solver/formats/report-diagnosis.js';
import { demoDataset } from '../functions/helpers/data.js';

describe('the diagnosis in Chinese', () => {
  it.each([
    ['region NINGBO needs 12 covered service areas in 2025 but only 10 are not excluded', '宁波市 2025 年需覆盖 12 个服务区，但未排除的只有 10 个'],
    ['corridor G15 has 25.3 km between km 850.0 and km 875.3 with no service area that can be covered, maxGapKm is 20 in 2025',
      'G15 沈海高速 K850.0（路线端点）至 K875.3（西集服务区）之间 25.3 公里没有可建服务区，超过 2025 年最大间距 20 公里'],
    ['phase 2024 needs at least 1.31e8 but its budget is 9.00e7', '2024 年至少需要 13,100.0 万元，但预算只有 9,000.0 万元'],
    ['phase 2025 needs at least 5.01e8 (with the earlier budgets kept) but its budget is 1.42e8', '2025 年（在此前各期不超预算的前提下）至少需要 50,100.0 万元，但预算只有 14,200.0 万元'],
    ['phase 2024 needs at least 2.50e6 for piles at already covered service areas but its budget is 1.00e6', '2024 年仅已覆盖服务区增加充电桩就至少需要 250.0 万元，但预算只有 100.0 万元'],
    ['service area G15-875 is required but can hold only 1 piles, fewer than minPilesPerSite 2', '必建服务区西集服务区（G15-875）最多只能装 1 个充电桩，少于覆盖所需的 2 个'],
    ['the budgets of phases 2024, 2025 cannot all be met together with the coverage and spacing targets', '2024、2025 各期预算无法在满足覆盖率和间距要求的同时全部守住'],
    ['region TAIZHOU covered 3 of the 9 service areas its 2024 target required and needs 12 by 2025, 8 more than the 4 in service (progress as of 2024-12-31)',
      '台州市 2024 年目标要求覆盖 9 个服务区，实际 3 个；2025 年需 12 个，比在用的 4 个多 8 个（进度截至 2024-12-31）'],
    ['region TAIZHOU covered 3 of the 9 service areas its 2025 target required (no progress reported)', '台州市 2025 年目标要求覆盖 9 个服务区，实际 3 个（未报告进度）'],
    ["phase 2025's budget 2.00e7 is reduced by the 5.00e6 already spent to 1.50e7", '2025 年预算 2,000.0 万元 扣除已完成投资 500.0 万元 后剩 1,500.0 万元'],
  ])('reads "%s" with names in place of codes', (line, chinese) => {
    // Act
    const text = diagnosisInChinese(line, demoDataset());

    // Assess
    expect(text).toBe(chinese);
  });

  it('keeps a sentence of an unknown form as it is', () => {
    // Assess
    expect(diagnosisInChinese('something new happened', demoDataset())).toBe('something new happened');
  });
});
