import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CONFIG, resolveConfig } from '../../infra/config.js';

describe('the deployment settings', () => {
  it('fall back to the defaults when nothing is given', () => {
    expect(resolveConfig({})).toEqual(DEFAULT_CONFIG);
  });

  it('read comma-separated origins and provinces, ignoring blanks and spaces', () => {
    const config = resolveConfig({
      corsOrigins: 'https://planner.example.gov.cn, http://localhost:5173,',
      provinces: 'GD, GX',
    });
    expect(config.corsOrigins).toEqual(['https://planner.example.gov.cn', 'http://localhost:5173']);
    expect(config.provinces).toEqual(['GD', 'GX']);
  });

  it('read numbers given as strings on the command line', () => {
    expect(resolveConfig({ solveConcurrency: '25', apiRateLimit: '5', apiBurstLimit: '10' })).toMatchObject({
      solveConcurrency: 25,
      apiRateLimit: 5,
      apiBurstLimit: 10,
    });
  });

  it.each([
    ['a stage with capitals or spaces', { stage: 'Prod 1' }],
    ['a wildcard CORS origin', { corsOrigins: '*' }],
    ['an origin with a path', { corsOrigins: 'https://planner.example.gov.cn/app' }],
    ['a schedule that is not cron, rate or at', { scheduleExpression: 'every monday' }],
    ['a province code with a space', { provinces: 'G D' }],
    ['a concurrency of zero', { solveConcurrency: '0' }],
    ['a fractional rate limit', { apiRateLimit: '2.5' }],
  ])('reject %s', (_label, raw) => {
    expect(() => resolveConfig(raw)).toThrow(ConfigError);
  });
});
