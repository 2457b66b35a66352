/**
 * Is a JSON value a plan the planner wrote (SPEC section 5, with or without the
 * section 6 fields)? Checks the fields the CLI reads (`--previous`, `npm run
 * diff`), each problem by its JSON path. Unknown keys are allowed: a plan file
 * is the planner's own output, not a submission.
 */
import { FieldReader, IssueList, own, type JsonObject } from '../solver/json-fields.js';
import type { Plan, ValidationIssue } from '../solver/types.js';

const STATUSES = ['optimal', 'feasible', 'infeasible', 'unknown'] as const;
/** Plans list at most 5,000 sites and 10 phases (SPEC section 1). */
const LIMITS = { sites: 5_000, phases: 10, issues: 50 } as const;

export function checkPlanFile(value: unknown): { ok: true; plan: Plan } | { ok: false; issues: ValidationIssue[] } {
  const issues = new IssueList(LIMITS.issues);
  new PlanChecker(issues).check(value);
  const listed = issues.result();
  return listed.length > 0 ? { ok: false, issues: listed } : { ok: true, plan: value as Plan };
}

class PlanChecker extends FieldReader {
  check(input: unknown): void {
    const top = this.object(input, '');
    if (!top) return;
    this.oneOf(top, '', 'status', STATUSES, true);
    this.nullableNumber(top, '', 'objective');
    const phases = this.array(top, 'phases', LIMITS.phases, 'phases');
    phases?.forEach((item, index) => {
      const path = `phases[${index}]`;
      const phase = this.object(item, path);
      if (!phase) return;
      this.string(phase, path, 'id', true);
      this.number(phase, path, 'year', { integer: true }, true);
      this.nullableNumber(phase, path, 'capex');
      const coverage = own(phase, 'coverage');
      if (!Array.isArray(coverage)) this.issues.add(`${path}.coverage`, 'field.wrongType', { expected: 'array' });
    });
    const sites = this.array(top, 'sites', LIMITS.sites, 'sites');
    sites?.forEach((item, index) => {
      const path = `sites[${index}]`;
      const site = this.object(item, path);
      if (!site) return;
      this.string(site, path, 'id', true);
      if (own(site, 'buildPhase') !== null) this.string(site, path, 'buildPhase', true);
      const piles = own(site, 'piles');
      const pilesObject = this.object(piles, `${path}.piles`);
      if (pilesObject) for (const key of Object.keys(pilesObject)) this.number(pilesObject, `${path}.piles`, key, { min: 0 }, true);
    });
  }

  /** A number or null, required. */
  private nullableNumber(obj: JsonObject, path: string, key: string): void {
    if (own(obj, key) !== null) this.number(obj, path, key, {}, true);
  }
}
