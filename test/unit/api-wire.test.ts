// The wire → domain normalizer, rule by rule, with every response shape and every refusal.
import { describe, expect, it } from 'vitest';
import { parseBillingInstant, parseProjectsResponse } from '../../app/core/api-wire';
import { PickyError } from '../../app/core/errors';
import { ProjectSchema, type Project } from '../../app/core/model';
import { DEMO_TOKEN, buildDemoProjects, generateProjects, toWire } from '../emulator/fixtures';

/** Our own equivalent of the documented sample answer for one project (project_id 715). */
function documentedSample(): Record<string, unknown> {
  return {
    status: 100,
    message: 'Success',
    project_status: 'Active',
    project_id: '715',
    project_name: 'My Shop',
    number: '9234324324',
    company_name: 'Shop Ltd',
    country: 'IN',
    time_zone: 'Asia/Kolkata',
    date_format: 'YYYY-MM-DD',
    service: 1,
    license_key: 'LK-7F2A-9C1D',
    qr_code_base64: Buffer.from('http://pickyassist.example/app/qr/LK-7F2A-9C1D.png').toString('base64'),
    unbranded_keyword: 'MYSHOP',
    branded_keyword: '',
    api_tokens: [{ ip: '', token: 'aa11bb22cc33dd44' }],
    global_webhook: 'https://shop.example/hook',
    event_webhook: '',
    smart_reply_webhook: '',
    next_billing_date: '',
    amount_debited: '0.00',
    notes: '',
  };
}

function project(fields: Record<string, unknown>): Record<string, unknown> {
  return { project_id: 1, project_name: 'P', ...fields };
}

function one(fields: Record<string, unknown>): Project {
  const list = parseProjectsResponse({ status: 100, data: [project(fields)] });
  expect(list).toHaveLength(1);
  return list[0]!;
}

function refusal(body: unknown, context?: Parameters<typeof parseProjectsResponse>[1]): PickyError {
  try {
    parseProjectsResponse(body, context);
  } catch (e) {
    expect(e).toBeInstanceOf(PickyError);
    return e as PickyError;
  }
  throw new Error('parseProjectsResponse accepted a body it should refuse');
}

describe('the documented sample', () => {
  it('normalizes every field, including the quirks (string id and number, no billing_plan, "" values)', () => {
    const [p, ...rest] = parseProjectsResponse(documentedSample());
    expect(rest).toEqual([]);
    expect(p).toEqual({
      id: 715,
      name: 'My Shop',
      status: 'active',
      statusText: 'Active',
      service: 'phone-automation',
      number: '9234324324',
      companyName: 'Shop Ltd',
      country: 'IN',
      timeZone: 'Asia/Kolkata',
      dateFormat: 'YYYY-MM-DD',
      licenseKey: 'LK-7F2A-9C1D',
      qrCodeBase64: Buffer.from('http://pickyassist.example/app/qr/LK-7F2A-9C1D.png').toString('base64'),
      unbrandedKeyword: 'MYSHOP',
      apiTokens: [{ token: 'aa11bb22cc33dd44' }],
      webhooks: { global: 'https://shop.example/hook' },
      amountDebited: '0.00',
    });
    // Absent means absent: no billing plan, no billing date, no empty strings anywhere.
    expect(p!.billingPlan).toBeUndefined();
    expect(p!.nextBillingDate).toBeUndefined();
    expect(Object.values(p!).filter((v) => v === '')).toEqual([]);
    expect(ProjectSchema.parse(p)).toEqual(p);
  });
});

describe('field rules', () => {
  it('reads the id as a number whether sent as 715 or "715" (or " 715 ")', () => {
    expect(one({ project_id: 715 }).id).toBe(715);
    expect(one({ project_id: '715' }).id).toBe(715);
    expect(one({ project_id: ' 715 ' }).id).toBe(715);
    expect(one({ project_id: 0 }).id).toBe(0);
  });

  it('maps project_status case-insensitively and keeps the text as sent', () => {
    const cases: [unknown, Project['status'], string | undefined][] = [
      ['Active', 'active', 'Active'],
      ['ACTIVE', 'active', 'ACTIVE'],
      ['expired', 'expired', 'expired'],
      ['Delete', 'deleted', 'Delete'],
      ['deleted', 'deleted', 'deleted'],
      ['Suspended', 'unknown', 'Suspended'],
      ['', 'unknown', undefined],
      [undefined, 'unknown', undefined],
    ];
    for (const [sent, status, statusText] of cases) {
      const p = one(sent === undefined ? {} : { project_status: sent });
      expect({ sent, status: p.status, statusText: p.statusText }).toEqual({ sent, status, statusText });
    }
  });

  it('maps service 1 / "1" to phone automation, 2 / "2" to WhatsApp Official, anything else to unknown', () => {
    expect(one({ service: 1 }).service).toBe('phone-automation');
    expect(one({ service: '1' }).service).toBe('phone-automation');
    expect(one({ service: 2 }).service).toBe('whatsapp-official');
    expect(one({ service: '2' }).service).toBe('whatsapp-official');
    expect(one({ service: 3 }).service).toBe('unknown');
    expect(one({ service: '' }).service).toBe('unknown');
    expect(one({}).service).toBe('unknown');
  });

  it('turns billing_plan into {id, name}; absent, "", 0 or non-numbers mean no plan', () => {
    expect(one({ billing_plan: 3 }).billingPlan).toEqual({ id: 3, name: 'Phone Automation Medium' });
    expect(one({ billing_plan: '7' }).billingPlan).toEqual({ id: 7, name: 'Medium WhatsApp Official' });
    expect(one({ billing_plan: 42 }).billingPlan).toEqual({ id: 42, name: 'Unknown plan (42)' });
    for (const none of [undefined, '', null, 0, 'gold']) {
      expect(one(none === undefined ? {} : { billing_plan: none }).billingPlan).toBeUndefined();
    }
  });

  it('makes empty strings and nulls absent, trims text, and ignores unknown fields', () => {
    const p = one({
      company_name: '',
      country: null,
      notes: '  call back  ',
      license_key: '   ',
      brand_new_field: { nested: true },
      another: [1, 2, 3],
    });
    expect(p.companyName).toBeUndefined();
    expect(p.country).toBeUndefined();
    expect(p.licenseKey).toBeUndefined();
    expect(p.notes).toBe('call back');
    expect(JSON.stringify(p)).not.toContain('brand_new_field');
    expect(JSON.stringify(p)).not.toContain('another');
  });

  it('keeps number and amount_debited as strings even when sent as numbers', () => {
    const p = one({ number: 9234324324, amount_debited: 12.5 });
    expect(p.number).toBe('9234324324');
    expect(p.amountDebited).toBe('12.5');
    expect(one({ amount_debited: '49.00' }).amountDebited).toBe('49.00');
  });

  it('turns api_tokens into [{ip, token}], dropping empty ips and entries without a token', () => {
    const p = one({
      api_tokens: [
        { ip: '203.0.113.9', token: 'tok-a' },
        { ip: '', token: 'tok-b' },
        { ip: '198.51.100.1', token: '' },
        { token: 'tok-c', extra: 'ignored' },
      ],
    });
    expect(p.apiTokens).toEqual([{ ip: '203.0.113.9', token: 'tok-a' }, { token: 'tok-b' }, { token: 'tok-c' }]);
    expect(one({ api_tokens: '' }).apiTokens).toEqual([]);
    expect(one({ api_tokens: null }).apiTokens).toEqual([]);
    expect(one({}).apiTokens).toEqual([]);
  });

  it('maps the three webhooks', () => {
    const p = one({
      global_webhook: 'https://a.example/g',
      event_webhook: 'https://a.example/e',
      smart_reply_webhook: 'https://a.example/s',
    });
    expect(p.webhooks).toEqual({
      global: 'https://a.example/g',
      event: 'https://a.example/e',
      smartReply: 'https://a.example/s',
    });
    expect(one({ global_webhook: '', event_webhook: '' }).webhooks).toEqual({});
  });

  it('keeps next_billing_date as given and adds an ISO instant when it parses', () => {
    expect(one({ next_billing_date: '2026-03-05' }).nextBillingDate).toEqual({
      given: '2026-03-05',
      instant: '2026-03-05T00:00:00.000Z',
    });
    expect(one({ next_billing_date: '2026-03-05 14:30:00' }).nextBillingDate).toEqual({
      given: '2026-03-05 14:30:00',
      instant: '2026-03-05T14:30:00.000Z',
    });
    expect(one({ next_billing_date: '2026-03-05T10:00:00+05:30' }).nextBillingDate?.instant).toBe(
      '2026-03-05T04:30:00.000Z',
    );
    expect(one({ next_billing_date: '2026-03-05T10:00:00Z' }).nextBillingDate?.instant).toBe(
      '2026-03-05T10:00:00.000Z',
    );
    // The day-first / month-first forms are read only when date_format says which.
    expect(one({ next_billing_date: '05-03-2026', date_format: 'DD-MM-YYYY' }).nextBillingDate?.instant).toBe(
      '2026-03-05T00:00:00.000Z',
    );
    expect(one({ next_billing_date: '05-03-2026', date_format: 'MM-DD-YYYY' }).nextBillingDate?.instant).toBe(
      '2026-05-03T00:00:00.000Z',
    );
    expect(one({ next_billing_date: '05-03-2026' }).nextBillingDate).toEqual({ given: '05-03-2026' });
    // Unparseable or impossible dates stay as given, without an instant.
    for (const given of ['2026-02-30', '2026-13-01', 'next Tuesday', '2025-02-29 10:00:00']) {
      const date = one({ next_billing_date: given }).nextBillingDate;
      expect(date?.given).toBe(given);
      expect(date?.instant).toBeUndefined();
    }
    expect(parseBillingInstant('2024-02-29')).toBe('2024-02-29T00:00:00.000Z');
    expect(one({ next_billing_date: '' }).nextBillingDate).toBeUndefined();
  });

  it('produces projects that satisfy the shared domain schema', () => {
    const now = new Date(Date.UTC(2026, 5, 1, 12));
    const wire = buildDemoProjects({ now }).map((p) => toWire(p, true));
    for (const p of parseProjectsResponse({ status: 100, data: wire }))
      expect(ProjectSchema.safeParse(p).success).toBe(true);
  });
});

describe('response shapes', () => {
  const a = project({ project_id: '10', project_name: 'A' });
  const b = project({ project_id: '11', project_name: 'B' });
  const ids = (body: unknown) => parseProjectsResponse(body).map((p) => p.id);

  it('reads a list under "data" or "projects", a top-level array, or one top-level project', () => {
    expect(ids({ status: 100, message: 'Success', data: [a, b] })).toEqual([10, 11]);
    expect(ids({ status: 100, message: 'Success', projects: [a, b] })).toEqual([10, 11]);
    expect(ids([a, b])).toEqual([10, 11]);
    expect(ids({ status: 100, message: 'Success', ...a })).toEqual([10]);
    expect(ids({ ...b })).toEqual([11]);
  });

  it('accepts status 100 as a number or as "100"', () => {
    expect(ids({ status: '100', data: [a] })).toEqual([10]);
    expect(ids({ status: 100, data: [a] })).toEqual([10]);
  });

  it('treats an empty list, a null list and a bare success envelope as an account with no projects', () => {
    expect(parseProjectsResponse({ status: 100, data: [] })).toEqual([]);
    expect(parseProjectsResponse({ status: 100, projects: null })).toEqual([]);
    expect(parseProjectsResponse([])).toEqual([]);
    expect(parseProjectsResponse({ status: 100, message: 'No projects found' })).toEqual([]);
  });

  it('reads a single project object placed under "data"', () => {
    expect(ids({ status: 100, data: a })).toEqual([10]);
  });

  it('refuses a list hidden under a key it does not know rather than reporting no projects', () => {
    const e = refusal({ status: 100, result: [a] });
    expect(e.code).toBe('schema');
    expect(e.detail).toContain('a name Picky Tray does not know');
    // A server's key is never echoed: it is server text, and may carry terminal escape sequences.
    const hostile = refusal({ status: 100, ['\u001b]0;pwned\u0007\u001b[2Jx']: [a] });
    expect(hostile.message).not.toMatch(/pwned|\u001b|\u0007/);
  });

  it('refuses bodies that are not a list or an object', () => {
    for (const body of ['<html>', 42, null, true]) expect(refusal(body).code).toBe('schema');
    expect(refusal({ status: 100, data: 'none' }).detail).toContain('"data"');
  });
});

describe('API-level errors (status other than 100)', () => {
  it('reports a token refusal as auth, quoting the server, with the status only in the details', () => {
    const e = refusal({ status: 401, message: 'Invalid token' });
    expect(e.code).toBe('auth');
    expect(e.message).toBe(
      'Picky Assist refused the token (“Invalid token”) — copy the Master API token again from your Picky Assist dashboard (API → Master API token).',
    );
    expect(e.detail).toBe('Picky Assist said "Invalid token" (status 401).');
    expect(e.fix).toBe('token');
    expect(e.details.status).toBe(401);
  });

  it('recognizes auth by the words, whatever the code', () => {
    for (const message of [
      'Unauthorised access',
      'UNAUTHORIZED',
      'Invalid key supplied',
      'Bad credentials',
      'Authentication failed',
    ]) {
      const e = refusal({ status: 205, message });
      expect({ message, code: e.code }).toEqual({ message, code: 'auth' });
    }
    expect(refusal({ status: '403' }).code).toBe('auth');
  });

  it('reports other refusals as api-status with the message and the code', () => {
    const e = refusal({ status: 500, message: 'This API is disabled' });
    expect(e.code).toBe('api-status');
    expect(e.message).toBe(
      "Picky Assist refused the request — it isn't accepting API requests right now; your token may be fine.",
    );
    expect(e.detail).toBe('Picky Assist said "This API is disabled" (status 500).');
    expect(e.details.status).toBe(500);
    const s = refusal({ status: '404', message: 'Project not found' }, { projectId: 99 });
    expect(s.code).toBe('api-status');
    expect(s.details.status).toBe(404);
    expect(s.message).toContain('check that it still exists');
    expect(refusal({ status: 'error' }).details.status).toBe('error');
  });

  it('never repeats the token, even when the server echoes it', () => {
    const e = refusal({ status: 401, message: `Token ${DEMO_TOKEN} is not valid` }, { token: DEMO_TOKEN });
    expect(e.message).not.toContain(DEMO_TOKEN);
    expect(e.message).toContain('[token]');
  });
});

describe('schema refusals name the field and the project', () => {
  it('refuses a project without a usable name, naming the project id', () => {
    for (const name of ['', '   ']) {
      const e = refusal({ status: 100, data: [project({ project_id: '715', project_name: name })] });
      expect(e.code).toBe('schema');
      expect(e.detail).toContain('Picky Assist sent project 715 without a usable "project_name".');
    }
    const missing = refusal({ status: 100, data: [{ project_id: 715 }] });
    expect(missing.detail).toContain('project 715 without a usable "project_name"');
    expect(missing.details.field).toBe('project_name');
  });

  it('refuses a project without a usable id, naming its place in the list', () => {
    for (const id of [undefined, '', '71a', -1, 1.5, null, { id: 1 }]) {
      const raw: Record<string, unknown> = { project_name: 'X' };
      if (id !== undefined) raw.project_id = id;
      const e = refusal({ status: 100, data: [project({ project_id: 1 }), raw, project({ project_id: 3 })] });
      expect(e.code).toBe('schema');
      expect(e.detail).toContain('project number 2 of 3 in the list without a usable "project_id"');
    }
  });

  it('refuses a field of the wrong kind, naming field and project', () => {
    const e = refusal({ status: 100, data: [project({ project_id: '802', company_name: { name: 'x' } })] });
    expect(e.code).toBe('schema');
    expect(e.detail).toContain('project 802');
    expect(e.detail).toContain('"company_name"');
    expect(e.details).toMatchObject({ field: 'company_name', projectId: 802 });
    expect(refusal({ status: 100, data: [project({ project_id: 9, api_tokens: 'abc' })] }).detail).toContain(
      '"api_tokens"',
    );
    expect(refusal({ status: 100, data: [project({ project_id: 9, api_tokens: ['abc'] })] }).detail).toContain(
      '"api_tokens"',
    );
    expect(refusal({ status: 100, data: [project({ project_id: 9, service: true })] }).detail).toContain('"service"');
  });

  it('refuses a list entry that is not an object', () => {
    const e = refusal({ status: 100, data: [project({}), 'oops'] });
    expect(e.detail).toContain('project number 2 of 2 in the list as a string');
  });
});

describe('the fixtures, normalized', () => {
  it('cover every status, both services and a billing date due within three days', () => {
    const now = new Date();
    const projects = parseProjectsResponse({
      status: 100,
      data: buildDemoProjects({ now }).map((p) => toWire(p, true)),
    });
    expect(projects).toHaveLength(6);
    expect(new Set(projects.map((p) => p.status))).toEqual(new Set(['active', 'expired', 'deleted']));
    const official = projects.filter((p) => p.service === 'whatsapp-official');
    expect(official.length).toBeGreaterThan(0);
    for (const p of official) expect(p.licenseKey).toBeUndefined();
    const soon = projects.filter((p) => {
      const at = p.nextBillingDate?.instant ? Date.parse(p.nextBillingDate.instant) : NaN;
      return at > now.getTime() && at - now.getTime() <= 3 * 86_400_000;
    });
    expect(soon.map((p) => p.id)).toEqual([716]);
  });

  it('generated projects normalize with string or numeric ids alike', () => {
    const wire = generateProjects(500);
    const asStrings = parseProjectsResponse(wire.map((p) => toWire(p, true)));
    const asNumbers = parseProjectsResponse(wire.map((p) => toWire(p, false)));
    expect(asStrings).toEqual(asNumbers);
    expect(new Set(asStrings.map((p) => p.id)).size).toBe(500);
  });
});
