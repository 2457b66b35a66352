import { describe, expect, it } from 'vitest';
import { PLAN_STATUS, PROVINCES, REVIEW_STATE, SITE_STATUS, TERMS, VERSION_TRIGGER, provinceName } from '../../solver/glossary.js';

const hasHan = (text: string): boolean => /\p{Script=Han}/u.test(text);

describe('the glossary', () => {
  it('names the 31 provincial-level regions once each, by code, in full Chinese and in English', () => {
    // Assess
    expect(PROVINCES).toHaveLength(31);
    expect(new Set(PROVINCES.map(([code]) => code)).size).toBe(31);
    expect(provinceName('ZJ', 'zh')).toBe('浙江省');
    expect(provinceName('gx', 'zh')).toBe('广西壮族自治区');
    expect(provinceName('SN', 'en')).toBe('Shaanxi');
    expect(provinceName('XX', 'zh')).toBe('XX');
  });

  it('has a Chinese and an English word for every term, status, review state and trigger', () => {
    // Prepare
    const all = [TERMS, SITE_STATUS, PLAN_STATUS, REVIEW_STATE, VERSION_TRIGGER].flatMap((group) => Object.values(group));

    // Assess
    for (const term of all) {
      expect(hasHan(term.zh), term.zh).toBe(true);
      expect(hasHan(term.en), term.en).toBe(false);
      expect(term.en.length).toBeGreaterThan(0);
    }
    expect([TERMS.corridor.zh, TERMS.region.zh, PLAN_STATUS.optimal.zh, TERMS.met.zh, TERMS.unmet.zh]).toEqual(['路线', '地市', '最优', '达标', '未达标']);
  });
});
