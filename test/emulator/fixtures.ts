// Fake Picky Assist accounts served by the emulator. Every token and key here is invented.
// Projects are built relative to "now" so that one billing date is always due within three days.

/** The demo account's Master API token (fake; 32 hex characters like a real one). */
export const DEMO_TOKEN = '7f3c9a1e5b2d4f60a8e1c7b94d2f0e6a';
/** What `npm run demo -- --listing-refused` prints to add by hand: project 715's license key and API token. */
export const MANUAL_DEMO = Object.freeze({
  licenseKey: 'PKYA-715Q-ACME-7K2D',
  apiToken: '2b7e1516f1a4c3d9e0b8a7f6c5d4e3f2',
});
/** A second, different account (two projects). */
export const SECOND_TOKEN = 'c41d8e07b9a2f5364e1b0d7c9a8f2e53';
/** An account whose every text field attacks the surface it lands on (see buildHostileProjects). */
export const HOSTILE_TOKEN = '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b';

/**
 * A project as the emulator keeps it before applying the wire quirks (string ids etc.). The hand-written
 * fixtures send every key, with "" for empty values as upstream does; generated ones leave most empty keys out.
 */
export interface FixtureProject {
  project_id: number;
  project_name: string;
  /** 'Active' | 'Expired' | 'Delete' upstream; the hostile account sends other text. */
  project_status: string;
  number: string;
  company_name: string;
  country: string;
  time_zone: string;
  date_format: 'YYYY-MM-DD' | 'DD-MM-YYYY' | 'MM-DD-YYYY';
  service: 1 | 2;
  license_key?: string;
  qr_code_base64?: string;
  unbranded_keyword?: string;
  branded_keyword?: string;
  api_tokens: { ip: string; token: string }[];
  global_webhook?: string;
  event_webhook?: string;
  smart_reply_webhook?: string;
  /** Absent on some projects, as in the documented sample. */
  billing_plan?: number;
  next_billing_date?: string;
  amount_debited?: string;
  notes?: string;
}

export interface FixtureOptions {
  now?: Date;
  /** Where the QR PNGs are served; the emulator passes its own origin. */
  qrOrigin?: string;
}

const DAY_MS = 86_400_000;
const DEFAULT_QR_ORIGIN = 'http://127.0.0.1:4010';

/** The http URL of the license key's QR PNG, base64-encoded, as upstream's qr_code_base64 is. */
export function qrCodeBase64For(licenseKey: string, qrOrigin: string = DEFAULT_QR_ORIGIN): string {
  if (licenseKey === '') return '';
  return Buffer.from(`${qrOrigin}/app/qr/${encodeURIComponent(licenseKey)}.png`, 'utf8').toString('base64');
}

function isoDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}
function dayFirst(d: Date): string {
  const [y, m, day] = isoDate(d).split('-');
  return `${day}-${m}-${y}`;
}
function monthFirst(d: Date): string {
  const [y, m, day] = isoDate(d).split('-');
  return `${m}-${day}-${y}`;
}

/** The demo account: six projects covering every status, both services and several date formats. */
export function buildDemoProjects(options: FixtureOptions = {}): FixtureProject[] {
  const now = options.now ?? new Date();
  const qr = (key: string) => qrCodeBase64For(key, options.qrOrigin);
  const inDays = (n: number) => new Date(now.getTime() + n * DAY_MS);
  const dueSoon = inDays(2);
  return [
    {
      // Mirrors the documented sample: billing_plan absent, next_billing_date "", amount_debited present.
      project_id: 715,
      project_name: 'Acme Support Line',
      project_status: 'Active',
      number: '9234324324',
      company_name: 'Acme Traders',
      country: 'IN',
      time_zone: 'Asia/Kolkata',
      date_format: 'YYYY-MM-DD',
      service: 1,
      license_key: 'PKYA-715Q-ACME-7K2D',
      qr_code_base64: qr('PKYA-715Q-ACME-7K2D'),
      unbranded_keyword: 'ACME',
      branded_keyword: '',
      api_tokens: [{ ip: '', token: '2b7e1516f1a4c3d9e0b8a7f6c5d4e3f2' }],
      global_webhook: 'https://hooks.acme.example/picky/global',
      event_webhook: '',
      smart_reply_webhook: '',
      next_billing_date: '',
      amount_debited: '0.00',
      notes: '',
    },
    {
      project_id: 716,
      project_name: 'Bella Salon Bookings',
      project_status: 'Active',
      number: '447700900123',
      company_name: 'Bella Salon Ltd',
      country: 'GB',
      time_zone: 'Europe/London',
      date_format: 'DD-MM-YYYY',
      service: 1,
      license_key: 'PKYB-716W-BELL-3M8R',
      qr_code_base64: qr('PKYB-716W-BELL-3M8R'),
      unbranded_keyword: 'BELLA',
      branded_keyword: 'BOOKBELLA',
      api_tokens: [
        { ip: '203.0.113.10', token: '8d3f0a6b2c9e4d1f7a5b3c8e6d0f2a4b' },
        { ip: '', token: 'e5a1c9d7b3f2048e6a1d5c9b7f3e2a0d' },
      ],
      global_webhook: 'https://bella.example/webhooks/picky',
      event_webhook: 'https://bella.example/webhooks/events',
      smart_reply_webhook: 'https://bella.example/webhooks/smart-reply',
      billing_plan: 3,
      // Due within three days of now, with a time of day, in the "YYYY-MM-DD HH:mm:ss" form.
      next_billing_date: `${isoDate(dueSoon)} 09:30:00`,
      amount_debited: '49.00',
      notes: 'Renew before the weekend rush.',
    },
    {
      project_id: 802,
      project_name: 'Café Lumière Orders',
      project_status: 'Expired',
      number: '33612345678',
      company_name: 'Café Lumière SARL',
      country: 'FR',
      time_zone: 'Europe/Paris',
      date_format: 'DD-MM-YYYY',
      service: 1,
      license_key: 'PKYC-802L-CAFE-9T4V',
      qr_code_base64: qr('PKYC-802L-CAFE-9T4V'),
      unbranded_keyword: 'LUMIERE',
      branded_keyword: '',
      api_tokens: [{ ip: '198.51.100.7', token: '4c6e8a0b2d4f6a8c0e2b4d6f8a0c2e4b' }],
      global_webhook: '',
      event_webhook: '',
      smart_reply_webhook: '',
      billing_plan: 2,
      // Already past, written the way the project's date_format says.
      next_billing_date: dayFirst(inDays(-12)),
      amount_debited: '19.00',
      notes: 'Card declined last cycle.',
    },
    {
      project_id: 803,
      project_name: 'Spring Campaign 2025',
      project_status: 'Delete',
      number: '12025550143',
      company_name: 'Northwind Marketing',
      country: 'US',
      time_zone: 'America/New_York',
      date_format: 'MM-DD-YYYY',
      service: 1,
      license_key: 'PKYD-803S-NWND-2H6P',
      qr_code_base64: qr('PKYD-803S-NWND-2H6P'),
      unbranded_keyword: '',
      branded_keyword: '',
      api_tokens: [],
      global_webhook: '',
      event_webhook: '',
      smart_reply_webhook: '',
      billing_plan: 1,
      next_billing_date: monthFirst(inDays(-90)),
      amount_debited: '',
      notes: '',
    },
    {
      project_id: 911,
      project_name: 'Nimbus Cloud WhatsApp',
      project_status: 'Active',
      number: '5511987654321',
      company_name: 'Nimbus Cloud Ltda',
      country: 'BR',
      time_zone: 'America/Sao_Paulo',
      date_format: 'YYYY-MM-DD',
      service: 2,
      // WhatsApp Official projects have no phone bridge, hence no license key.
      license_key: '',
      qr_code_base64: '',
      unbranded_keyword: '',
      branded_keyword: 'NIMBUS',
      api_tokens: [{ ip: '', token: '9f8e7d6c5b4a39281706f5e4d3c2b1a0' }],
      global_webhook: 'https://api.nimbus.example/picky',
      event_webhook: 'https://api.nimbus.example/picky/events',
      smart_reply_webhook: '',
      billing_plan: 8,
      next_billing_date: new Date(
        Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 20, 3),
      ).toISOString(),
      amount_debited: '120.50',
      notes: 'Official account, verified.',
    },
    {
      project_id: 912,
      project_name: 'Harbor Clinic Reminders',
      project_status: 'Active',
      number: '61491570156',
      company_name: 'Harbor Family Clinic',
      country: 'AU',
      time_zone: 'Australia/Sydney',
      date_format: 'YYYY-MM-DD',
      service: 1,
      license_key: 'PKYH-912C-HRBR-5N1Z',
      qr_code_base64: qr('PKYH-912C-HRBR-5N1Z'),
      unbranded_keyword: 'HARBOR',
      branded_keyword: '',
      // A limited token first, then one without a limit: the phone monitor must pick the second.
      api_tokens: [
        { ip: '192.0.2.44', token: '0a1b2c3d4e5f60718293a4b5c6d7e8f9' },
        { ip: '', token: '6d2e9b4f1a7c3e5d8b0f2a4c6e8d1b3f' },
      ],
      global_webhook: '',
      event_webhook: 'https://clinic.example/picky-events',
      smart_reply_webhook: 'https://clinic.example/picky-smart',
      billing_plan: 5,
      next_billing_date: isoDate(inDays(45)),
      amount_debited: '79.00',
      notes: '',
    },
  ];
}

/** The second account: two projects, ids that do not overlap the demo account. */
export function buildSecondProjects(options: FixtureOptions = {}): FixtureProject[] {
  const now = options.now ?? new Date();
  const qr = (key: string) => qrCodeBase64For(key, options.qrOrigin);
  return [
    {
      project_id: 1201,
      project_name: 'Orchard Grocers',
      project_status: 'Active',
      number: '27821234567',
      company_name: 'Orchard Grocers (Pty) Ltd',
      country: 'ZA',
      time_zone: 'Africa/Johannesburg',
      date_format: 'YYYY-MM-DD',
      service: 1,
      license_key: 'PKYO-1201-ORCH-8B3X',
      qr_code_base64: qr('PKYO-1201-ORCH-8B3X'),
      unbranded_keyword: 'ORCHARD',
      branded_keyword: '',
      api_tokens: [{ ip: '', token: '5e4d3c2b1a0f9e8d7c6b5a4938271605' }],
      global_webhook: '',
      event_webhook: '',
      smart_reply_webhook: '',
      billing_plan: 4,
      next_billing_date: isoDate(new Date(now.getTime() + 30 * DAY_MS)),
      amount_debited: '99.00',
      notes: '',
    },
    {
      project_id: 1202,
      project_name: 'Orchard Wholesale',
      project_status: 'Active',
      number: '27829876543',
      company_name: 'Orchard Grocers (Pty) Ltd',
      country: 'ZA',
      time_zone: 'Africa/Johannesburg',
      date_format: 'YYYY-MM-DD',
      service: 2,
      license_key: '',
      qr_code_base64: '',
      unbranded_keyword: '',
      branded_keyword: '',
      api_tokens: [],
      global_webhook: '',
      event_webhook: '',
      smart_reply_webhook: '',
      billing_plan: 9,
      next_billing_date: '',
      amount_debited: '',
      notes: '',
    },
  ];
}

const GENERATED_FIRST_ID = 100_000;
const COUNTRIES: ReadonlyArray<readonly [string, string]> = [
  ['IN', 'Asia/Kolkata'],
  ['GB', 'Europe/London'],
  ['US', 'America/Chicago'],
  ['AE', 'Asia/Dubai'],
  ['SG', 'Asia/Singapore'],
  ['DE', 'Europe/Berlin'],
];
const STATUSES = ['Active', 'Active', 'Active', 'Expired', 'Delete'] as const;

/**
 * `count` deterministic projects for load tests; ids start at 100000. Kept lean (~300 bytes each on the wire:
 * short values, most empty keys left out, a QR URL and an API token on some projects only) so 10,000 of them stay under the client's
 * default answer cap (16 MiB), as a real account of that size is expected to.
 */
export function generateProjects(count: number, options: FixtureOptions = {}): FixtureProject[] {
  const now = options.now ?? new Date();
  const qrOrigin = options.qrOrigin ?? DEFAULT_QR_ORIGIN;
  const out: FixtureProject[] = new Array<FixtureProject>(count);
  for (let i = 0; i < count; i++) {
    const id = GENERATED_FIRST_ID + i;
    const [country, timeZone] = COUNTRIES[i % COUNTRIES.length]!;
    const service: 1 | 2 = i % 4 === 3 ? 2 : 1;
    const licenseKey = service === 1 ? `PKYG-${id.toString(36).toUpperCase()}` : '';
    const billingDate = new Date(now.getTime() + ((i % 60) - 10) * DAY_MS);
    const project: FixtureProject = {
      project_id: id,
      project_name: `Load ${i + 1}`,
      project_status: STATUSES[i % STATUSES.length]!,
      number: String(919_800_000_000 + i),
      company_name: `Co ${Math.floor(i / 10) + 1}`,
      country,
      time_zone: timeZone,
      date_format: 'YYYY-MM-DD',
      service,
      api_tokens: i % 4 === 0 ? [{ ip: '', token: `${id.toString(16)}ab12cd34ef56ab78cd90` }] : [],
    };
    if (licenseKey !== '') project.license_key = licenseKey;
    if (i % 8 === 0) project.qr_code_base64 = qrCodeBase64For(licenseKey, qrOrigin);
    if (i % 16 === 0) project.global_webhook = `https://h.example/${id}`;
    if (i % 5 !== 4) project.next_billing_date = isoDate(billingDate);
    project.amount_debited = String(10 + (i % 50));
    // Every tenth project sends the empty keys as "", like the documented sample; it also has no billing_plan.
    if (i % 10 === 0) {
      Object.assign(project, {
        unbranded_keyword: '',
        branded_keyword: '',
        event_webhook: '',
        smart_reply_webhook: '',
        notes: '',
      });
    } else {
      project.billing_plan = (i % 9) + 1;
    }
    out[i] = project;
  }
  return out;
}

/** A fixture project as it goes on the wire: ids and numbers as strings when `stringIds` (the sample does). */
export function toWire(project: FixtureProject, stringIds: boolean): Record<string, unknown> {
  if (stringIds) return { ...project, project_id: String(project.project_id) };
  return { ...project, number: Number(project.number) };
}

/** Terminal escape sequences: set the window title, then clear the screen (ESC ] 0 ; … BEL ESC [ 2 J). */
export const HOSTILE_ESCAPES = '\u001b]0;pwned\u0007\u001b[2J';
/** The C1 control CSI (U+009B): a one-character escape some terminals obey. */
export const HOSTILE_C1 = '\u009b31m';
/** A right-to-left override that makes "Invoice exe.txt" out of "Invoice txt.exe", and an isolate pair. */
export const HOSTILE_BIDI = '\u202etxt.exe\u2066x\u2069';
export const HOSTILE_MARKUP = '<b>Bold</b> <a href="https://evil.example">link</a> <img src=x onerror=alert(1)> &amp;';

/**
 * The hostile account: escape sequences, C1 controls, bidi overrides and isolates, zero-width characters,
 * 10,000-character names and markup, in every text field a surface shows. Two projects bill within three days so
 * notifications fire for them.
 */
export function buildHostileProjects(options: FixtureOptions = {}): FixtureProject[] {
  const now = options.now ?? new Date();
  const qr = (key: string) => qrCodeBase64For(key, options.qrOrigin);
  const soon = isoDate(new Date(now.getTime() + 2 * DAY_MS));
  const base = {
    number: '9100000000',
    country: 'IN',
    time_zone: 'Asia/Kolkata',
    date_format: 'YYYY-MM-DD' as const,
    service: 1 as const,
    api_tokens: [],
    billing_plan: 3,
    amount_debited: '10',
  };
  return [
    {
      ...base,
      project_id: 901,
      project_name: `Shop${HOSTILE_ESCAPES} bot`,
      project_status: 'Active\u202e',
      company_name: `Acme${HOSTILE_C1} Ltd`,
      license_key: 'PKY-HOSTILE-901',
      qr_code_base64: qr('PKY-HOSTILE-901'),
      next_billing_date: soon,
      notes: `notes${HOSTILE_ESCAPES}${HOSTILE_C1}`,
    },
    {
      ...base,
      project_id: 902,
      project_name: `Invoice ${HOSTILE_BIDI} zero\u200bwidth`,
      project_status: 'Active',
      company_name: HOSTILE_MARKUP,
      license_key: 'PKY-HOSTILE-902',
      qr_code_base64: qr('PKY-HOSTILE-902'),
      next_billing_date: soon,
    },
    {
      ...base,
      project_id: 903,
      project_name: `${'W'.repeat(10_000)}${HOSTILE_ESCAPES}`,
      project_status: 'Expired',
      company_name: 'Long name Co',
      license_key: 'PKY-HOSTILE-903',
      next_billing_date: isoDate(new Date(now.getTime() + 30 * DAY_MS)),
    },
    {
      // The long-date fixture: a billing time with hundreds of digits of fractional seconds.
      ...base,
      project_id: 905,
      project_name: 'Long date',
      project_status: 'Active',
      company_name: 'Long date Co',
      license_key: 'PKY-HOSTILE-905',
      next_billing_date: `${soon}T10:00:00.${'1234567890'.repeat(50)}+05:30`,
    },
    {
      ...base,
      project_id: 904,
      project_name: HOSTILE_MARKUP,
      project_status: 'Active',
      company_name: 'Markup Co',
      license_key: 'PKY-HOSTILE-904',
      next_billing_date: isoDate(new Date(now.getTime() + 40 * DAY_MS)),
    },
  ];
}

/** The demo's phones that are not connected: one offline (no internet), one never paired. */
export const DEMO_PHONE_OFFLINE = 716;
export const DEMO_PHONE_UNPAIRED = 912;

/** How a project's phone starts out in the emulator, before a test or a command changes it. */
export function phoneDefaultsFor(project: FixtureProject): {
  state: 'CONNECTED' | 'TIMEOUT' | 'UNPAIRED';
  connectedNumber: string;
  queue: number;
} {
  const queue = project.project_id % 7;
  if (project.service !== 1 || project.project_status === 'Delete' || project.project_id === DEMO_PHONE_UNPAIRED) {
    return { state: 'UNPAIRED', connectedNumber: '', queue: 0 };
  }
  if (project.project_status === 'Expired' || project.project_id === DEMO_PHONE_OFFLINE) {
    return { state: 'TIMEOUT', connectedNumber: project.number, queue };
  }
  return { state: 'CONNECTED', connectedNumber: project.number, queue };
}
