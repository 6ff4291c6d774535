// Billing plan names, as Picky Assist's documentation gives them: one table (labels.ts), read by the wire parser, the
// window's list and detail (planLabel), and the CLI's table, detail and JSON. 5 is "Phone Automation Unlimited" and
// 6 "Phone Automation Yearly Unlimited" — also for an offline copy an older version saved with the short names.
import { describe, expect, it } from 'vitest';
import { parseProjectsResponse } from '../../app/core/api-wire';
import { NOT_KNOWN, planLabel, planName } from '../../app/core/labels';
import type { Project } from '../../app/core/model';
import { formatProjectDetails, formatTable, projectForOutput } from '../../app/cli/format';
import { searchTextOf } from '../../renderer/src/lib/project-list';
import { minimalProject } from '../helpers/projects';

const NOW = Date.parse('2026-11-30T12:00:00Z');
/** A project as an older offline copy holds it: the plan's number with the name that version gave it. */
const cached = (id: number, name: string): Project => minimalProject(715, { billingPlan: { id, name } });

describe('billing plan names', () => {
  it('names every documented plan; an undocumented number says so', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9].map(planName)).toEqual([
      'Pay As You Go',
      'Phone Automation Small',
      'Phone Automation Medium',
      'Phone Automation Large',
      'Phone Automation Unlimited',
      'Phone Automation Yearly Unlimited',
      'Medium WhatsApp Official',
      'Large WhatsApp Official',
      'Unlimited WhatsApp Official',
    ]);
    expect(planName(12)).toBe('Unknown plan (12)');
  });

  it('planLabel reads the name from the number, so an old offline copy says the documented name', () => {
    expect(planLabel(cached(5, 'Unlimited'))).toBe('Phone Automation Unlimited');
    expect(planLabel(cached(6, 'Yearly Unlimited'))).toBe('Phone Automation Yearly Unlimited');
    expect(planLabel(minimalProject(1))).toBe('No plan');
    expect(planLabel(minimalProject(2, { source: 'manual' }))).toBe(NOT_KNOWN);
  });

  it('the wire gives 5 and 6 their documented names', () => {
    const projects = parseProjectsResponse({
      status: 100,
      data: [
        { project_id: '5', project_name: 'A', service: 1, billing_plan: 5 },
        { project_id: '6', project_name: 'B', service: 1, billing_plan: '6' },
      ],
    });
    expect(projects.map((p) => p.billingPlan?.name)).toEqual([
      'Phone Automation Unlimited',
      'Phone Automation Yearly Unlimited',
    ]);
  });

  it('the window list finds the project by its plan name (search), the CLI table, detail and JSON show it', () => {
    const old = cached(6, 'Yearly Unlimited');
    expect(searchTextOf(old)).toContain('phone automation yearly unlimited');
    expect(formatTable([old], NOW)).toContain('Phone Automation Yearly Unlimited');
    expect(formatProjectDetails(old, false, NOW)).toMatch(/Plan:\s+Phone Automation Yearly Unlimited/);
    expect(projectForOutput(old, false).billingPlan).toEqual({ id: 6, name: 'Phone Automation Yearly Unlimited' });
    const table = formatTable([cached(5, 'Unlimited')], NOW);
    expect(table).toContain('Phone Automation Unlimited');
    expect(table).not.toMatch(/\s{2}Unlimited/);
  });
});
