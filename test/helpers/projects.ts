// Realistic normalized projects for tests and benchmarks, made deterministically from an index.
import type { Project } from '../../app/core/model';
import { billingPlanFor } from '../../app/core/model';

const COMPANIES = ['Acme Traders', 'Blue Lotus Spa', 'Café Zoë', 'Northwind Logistics', 'Sunrise Dental', 'Rao & Sons'];
const COUNTRIES: ReadonlyArray<[string, string]> = [
  ['IN', 'Asia/Kolkata'],
  ['AE', 'Asia/Dubai'],
  ['GB', 'Europe/London'],
  ['US', 'America/New_York'],
  ['BR', 'America/Sao_Paulo'],
];

function hex(seed: number, length: number): string {
  let out = '';
  let x = (seed * 2654435761) >>> 0 || 1;
  while (out.length < length) {
    // xorshift32: cheap, deterministic, good enough to look random.
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out += x.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

export function makeProject(i: number): Project {
  const company = COMPANIES[i % COMPANIES.length] ?? 'Acme Traders';
  const [country, timeZone] = COUNTRIES[i % COUNTRIES.length] ?? ['IN', 'Asia/Kolkata'];
  const phone = i % 3 !== 2;
  const licenseKey = `LK-${hex(i + 1, 32).toUpperCase()}`;
  const project: Project = {
    id: 700 + i,
    name: `${company} — line ${i}`,
    status: i % 11 === 0 ? 'expired' : 'active',
    statusText: i % 11 === 0 ? 'Expired' : 'Active',
    service: phone ? 'phone-automation' : 'whatsapp-official',
    number: `91${String(9000000000 + i * 7919).slice(0, 10)}`,
    companyName: company,
    country,
    timeZone,
    dateFormat: 'YYYY-MM-DD',
    unbrandedKeyword: `kw${hex(i + 7, 6)}`,
    brandedKeyword: i % 4 === 0 ? `brand${i}` : undefined,
    apiTokens: [{ ip: '203.0.113.' + (i % 250), token: `tok_${hex(i + 3, 40)}` }],
    webhooks: {
      global: `https://hooks.example.com/${i}/global`,
      event: i % 2 === 0 ? `https://hooks.example.com/${i}/event` : undefined,
    },
    billingPlan: billingPlanFor((i % 9) + 1),
    nextBillingDate: { given: '2025-12-01', instant: '2025-12-01T00:00:00.000Z' },
    amountDebited: `${(i % 50) * 10}.00`,
    notes: i % 5 === 0 ? `Notes for project ${i}: call before renewal.` : undefined,
  };
  if (phone) {
    project.licenseKey = licenseKey;
    project.qrCodeBase64 = Buffer.from(`http://qr.example.com/license/${licenseKey}.png`).toString('base64');
  }
  // Drop undefined keys: the cache round trip through JSON does the same, and tests compare with toEqual.
  return JSON.parse(JSON.stringify(project)) as Project;
}

export function makeProjects(count: number, offset = 0): Project[] {
  return Array.from({ length: count }, (_, k) => makeProject(offset + k));
}

/** The smallest active phone project a unit test needs: an id, a name from it, and whatever the test patches. */
export function minimalProject(id: number, patch: Partial<Project> = {}): Project {
  return {
    id,
    name: `Project ${id}`,
    status: 'active',
    service: 'phone-automation',
    apiTokens: [],
    webhooks: {},
    ...patch,
  };
}
