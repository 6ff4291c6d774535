// What each command does, given an open core and the terminal. Returns the exit code; throws PickyError
// for anything the user must be told (run-cli.ts prints its sentence).
import { DISPLAY_LIMITS, displayText, terminalJson } from '../core/display-text';
import { needsAttention } from '../core/dates';
import { type ErrorInfo, PickyError, failureKind, isPickyError } from '../core/errors';
import type { Project } from '../core/model';
import { type MasterToken, parseMasterToken } from '../core/master-token';
import type { PickyCore } from '../core/picky-core';
import { manualNumberOf } from '../core/manual-id';
import { type PhoneStates, isPhoneProject, phoneOf } from '../core/phone-state';
import { runManualCommand } from './manual-commands';
import { handAddedOnlyReason } from '../core/labels';
import type { Command, PhoneAction } from './argv';
import { EXIT, type ExitCode, statusExitCode } from './exit-codes';
import {
  attentionLines,
  countPhones,
  formatPhoneDetails,
  formatPhonesTable,
  formatProjectDetails,
  formatTable,
  offlineNotice,
  phoneAttentionLines,
  phoneCheckLines,
  phoneForOutput,
  projectForOutput,
  summaryLine,
  type SummaryInput,
  BUDGET_NOTE,
  waitingLine,
} from './format';

const clean = (text: string): string => displayText(text, DISPLAY_LIMITS.cliCell);
import { terminalQr } from './terminal-qr';

export interface CliIo {
  /** A line (or lines) for stdout; passed through the display sanitizer on the way out. */
  out(text: string): void;
  /** For stderr, sanitized the same way. */
  err(text: string): void;
  /** Terminal art Picky Tray drew itself (the QR's colour codes): the one output not sanitized. */
  drawing(text: string): void;
  /** Whether stdout is a terminal that may get colours (drives the QR's forced dark-on-light). */
  color: boolean;
  /** The token for `token set`, from a pipe or a hidden prompt, as typed: parseMasterToken checks it. */
  readToken(): Promise<string>;
  /** A hand-added project's license key and API token: two hidden prompts, or two piped lines (empty: none). For
   *  `edit`, the prompts say that Enter keeps the value and "-" removes it. */
  readProjectSecrets(mode: 'add' | 'edit'): Promise<{ licenseKey: string; apiToken: string }>;
  /** A yes/no question on a terminal; undefined when there is no terminal to ask on. */
  confirm(question: string): Promise<boolean | undefined>;
  now(): number;
}

export const NO_TOKEN_MESSAGE =
  'No Master API token is stored yet. Run `picky-tray token set` and paste the token from your Picky Assist account.';
/** Nothing to show at all: the two ways in, the hand-added one for accounts whose listing Picky Assist refuses. */
const NO_PROJECTS_MESSAGE =
  'No Master API token is stored yet, and no project was added by hand. Run `picky-tray token set` and paste the token from your Picky Assist account, or, if your account cannot list projects, add one with `picky-tray project add --name "…"`.';
const NO_OFFLINE_COPY =
  'There is no offline copy of your projects yet. Run `picky-tray projects` once while Picky Assist is reachable.';

interface Outcome {
  projects: Project[];
  phones?: PhoneStates;
  /** 'manual': only projects added by hand (no Master token, or the listing failed with no offline copy). */
  source: 'network' | 'cache' | 'none' | 'manual';
  fetchedAt?: string;
  stale: boolean;
  error?: ErrorInfo;
  /** 'manual' because no Master token is stored. */
  noMasterToken?: boolean;
}

/** The projects to show: fresh from the server, or the offline copy with the reason the server was not used. */
async function obtainProjects(core: PickyCore, offline: boolean, io: CliIo): Promise<Outcome> {
  if (!(await core.hasToken())) {
    // No Master token: the projects added by hand alone, when there are any.
    const manual = core.getState().projects;
    if (manual.length === 0) throw new PickyError('no-token', NO_PROJECTS_MESSAGE);
    return { projects: manual, phones: core.getState().phones, source: 'manual', stale: false, noMasterToken: true };
  }
  const s = offline ? core.getState() : await core.refresh();
  if (!offline && s.kind === 'ok' && s.source === 'network') {
    return { projects: s.projects, phones: s.phones, source: 'network', fetchedAt: s.fetchedAt, stale: false };
  }
  if (s.source === 'none' && s.projects.length > 0) {
    // The listing failed and there is no offline copy, but projects were added by hand: those, with the reason.
    if (!offline && s.error) io.err(`${s.error.message} Showing the projects added by hand.`);
    const outcome: Outcome = {
      projects: s.projects,
      phones: s.phones,
      source: 'manual',
      stale: s.error !== undefined && failureKind(s.error.code) === 'unreachable',
    };
    if (s.error) outcome.error = s.error;
    return outcome;
  }
  if (s.source === 'none') {
    return {
      projects: [],
      source: 'none',
      stale: true,
      error: s.error ?? { code: 'cache-unreadable', message: NO_OFFLINE_COPY },
    };
  }
  if (!offline) io.err(offlineNotice(s.fetchedAt, io.now(), s.error));
  if (s.warning) io.err(s.warning);
  const outcome: Outcome = {
    projects: s.projects,
    phones: s.phones,
    source: 'cache',
    fetchedAt: s.fetchedAt,
    stale: true,
  };
  if (s.error) outcome.error = s.error;
  return outcome;
}

function failNoData(outcome: Outcome): never {
  const error = outcome.error ?? { code: 'internal', message: NO_OFFLINE_COPY };
  throw new PickyError(error.code, error.message, {}, { detail: error.detail, fix: error.fix });
}

function findProject(outcome: Outcome, id: number): Project {
  // A hand-added id merged into a fetched project finds that project.
  const n = manualNumberOf(id);
  const project =
    outcome.projects.find((p) => p.id === id) ??
    (n === undefined ? undefined : outcome.projects.find((p) => p.manual?.number === n));
  if (!project) {
    const n = outcome.projects.length;
    throw new PickyError(
      'not-found',
      `There is no project ${id} in this account${outcome.stale ? "'s offline copy" : ''} (${n} ${n === 1 ? 'project' : 'projects'}). Run \`picky-tray projects\` to see their ids.`,
    );
  }
  return project;
}

const freshOrStale = (o: Outcome): ExitCode => (o.stale ? EXIT.stale : EXIT.ok);

/** Stores the token once Picky Assist accepts it. When it cannot be checked, nothing is stored (an unchecked token
 *  never silently replaces a working one) unless --save-unchecked says so; every refusal says "Nothing was stored". */
async function setTokenOrExplain(core: PickyCore, token: MasterToken, saveUnchecked: boolean) {
  try {
    return await core.setToken(token, { saveUnchecked });
  } catch (e) {
    if (!isPickyError(e) || e.code === 'aborted') throw e;
    const kind = failureKind(e.code);
    const options = { cause: e, ...(e.detail ? { detail: e.detail } : {}), ...(e.fix ? { fix: e.fix } : {}) };
    if (kind === 'token') {
      throw new PickyError(e.code, `${e.message} Nothing was stored.`, e.details, options);
    }
    if (kind === 'unreachable' || kind === 'refused') {
      throw new PickyError(
        e.code,
        `${e.message} Nothing was stored: the token could not be checked. To store it anyway and have it checked at the next answer, run \`picky-tray token set --save-unchecked\`.`,
        e.details,
        options,
      );
    }
    throw e;
  }
}

/** Checks what the budget allows now (never waiting) and returns the phones as they stand after. */
async function checkPhonesWithinBudget(core: PickyCore, o: Outcome, io: CliIo): Promise<Outcome> {
  if (o.stale) return o;
  const { checked, older } = await core.phones.checkWithinBudget();
  if (older > 0) {
    io.err(
      `${checked === 0 ? 'No phone' : checked === 1 ? '1 phone' : `${checked} phones`} checked now; ${older} ${older === 1 ? 'shows its' : 'show their'} last check. ${BUDGET_NOTE}`,
    );
  }
  return { ...o, phones: core.getState().phones };
}

function findPhoneProject(o: Outcome, id: number): Project {
  const p = findProject(o, id);
  if (!isPhoneProject(p)) {
    const name = clean(p.name);
    throw new PickyError(
      'not-found',
      p.service === 'whatsapp-official'
        ? `“${name}” is a WhatsApp Official Account project: there is no phone to check or command.`
        : p.status === 'deleted'
          ? `“${name}” is deleted: its phone is no longer checked.`
          : p.apiTokens.length === 0
            ? `“${name}” has no API token, so its phone cannot be asked. Create a token for it in Picky Assist, then try again.`
            : `“${name}” is not a Phone Automation project: there is no phone to check.`,
      { projectId: id },
    );
  }
  return p;
}

const ACTION_DONE: Record<PhoneAction, string> = {
  restart: 'The Picky Assist app on the phone is restarting; it may show offline for a moment.',
  'pause-queue': 'The message queue is paused. Sending a message, or `resume-queue`, starts it again.',
  'resume-queue': 'The message queue is sending again.',
  'clear-queue': 'The message queue was cleared: its messages will not be sent.',
};

async function phoneAction(core: PickyCore, o: Outcome, p: Project, action: PhoneAction, yes: boolean, io: CliIo) {
  const name = clean(p.name);
  if (action === 'clear-queue' && !yes) {
    const queued = phoneOf(o.phones, p.id)?.queueCount;
    const what =
      queued === undefined
        ? 'every queued message'
        : `${queued} queued ${queued === 1 ? 'message' : 'messages'} (at the last check)`;
    throw new PickyError(
      'bad-input',
      `Clearing the queue of “${name}” deletes ${what}. To do it, run \`picky-tray phone ${p.id} clear-queue --yes\`.`,
    );
  }
  await core.phones.command(p.id, action, { confirmed: yes });
  io.out(`“${name}”: ${ACTION_DONE[action]}`);
  return EXIT.ok;
}

export async function runCommand(
  cmd: Exclude<Command, { name: 'help' | 'version' }>,
  core: PickyCore,
  io: CliIo,
): Promise<ExitCode> {
  switch (cmd.name) {
    case 'project-add':
    case 'project-edit':
    case 'project-remove':
      return runManualCommand(cmd, core, io);
    case 'token-status': {
      const stored = await core.hasToken();
      io.out(stored ? 'A Master API token is stored in the system keychain.' : NO_TOKEN_MESSAGE);
      return stored ? EXIT.ok : EXIT.attention;
    }
    case 'token-clear': {
      const had = await core.hasToken();
      await core.clearToken();
      io.out(
        had
          ? 'The token was removed from the keychain, and the offline copy of your projects was deleted.'
          : 'No token was stored; the offline copy (if any) was deleted.',
      );
      return EXIT.ok;
    }
    case 'token-set': {
      const s = await setTokenOrExplain(core, parseMasterToken(await io.readToken()), cmd.saveUnchecked);
      if (s.kind === 'ok') {
        const n = s.projects.length;
        io.out(
          `Token checked with Picky Assist and saved in the system keychain: ${n} ${n === 1 ? 'project' : 'projects'}.`,
        );
      } else {
        io.err(
          `Token saved in the system keychain without a check, as asked; it is checked at the next answer. ${s.error?.message ?? ''}`.trimEnd(),
        );
      }
      return EXIT.ok;
    }
    case 'projects': {
      const o = await obtainProjects(core, cmd.offline, io);
      if (o.source === 'none') failNoData(o);
      if (cmd.json) {
        const json: Record<string, unknown> = { source: o.source, fetchedAt: o.fetchedAt ?? null, stale: o.stale };
        if (o.error) json.error = o.error;
        json.projects = o.projects.map((p) => projectForOutput(p, cmd.reveal));
        io.out(terminalJson(JSON.stringify(json, null, 2)));
      } else {
        io.out(o.projects.length === 0 ? 'This account has no projects.' : formatTable(o.projects, io.now()));
      }
      return freshOrStale(o);
    }
    case 'project': {
      const o = await obtainProjects(core, cmd.offline, io);
      if (o.source === 'none') failNoData(o);
      const p = findProject(o, cmd.id);
      io.out(
        cmd.json
          ? terminalJson(JSON.stringify(projectForOutput(p, cmd.reveal), null, 2))
          : formatProjectDetails(p, cmd.reveal, io.now()),
      );
      return freshOrStale(o);
    }
    case 'qr': {
      const o = await obtainProjects(core, cmd.offline, io);
      if (o.source === 'none') failNoData(o);
      const p = findProject(o, cmd.id);
      // Server text goes through the display sanitizer before the terminal, as everywhere (no escape sequences).
      const name = displayText(p.name, DISPLAY_LIMITS.cliValue);
      if (p.licenseKeyProblem) {
        io.err(`“${name}”: ${p.licenseKeyProblem}`);
        return EXIT.error;
      }
      if (!p.licenseKey) {
        io.err(
          p.service === 'whatsapp-official'
            ? `“${name}” is a WhatsApp Official Account project: it has no license key, so there is no phone to pair and no QR to show.`
            : `“${name}” has no license key, so there is no pairing QR to show. Check the project in your Picky Assist dashboard.`,
        );
        return EXIT.error;
      }
      let drawing: string;
      try {
        drawing = terminalQr(p.licenseKey, { color: io.color });
      } catch (e) {
        // The encoder refuses what a QR cannot hold; the user gets a sentence, the cause stays for PICKY_DEBUG.
        throw new PickyError(
          'internal',
          `“${name}”’s license key cannot be drawn as a QR code (it is too long for one). Copy the key from \`picky-tray project ${p.id}\` instead.`,
          { projectId: p.id },
          { cause: e },
        );
      }
      io.drawing(drawing);
      io.out(`\n${name} (project ${p.id})\nLicense key: ${displayText(p.licenseKey, DISPLAY_LIMITS.cliValue)}`);
      return freshOrStale(o);
    }
    case 'status': {
      const first = await obtainProjects(core, cmd.offline, io);
      if (first.source === 'none') failNoData(first);
      const o = cmd.offline ? first : await checkPhonesWithinBudget(core, first, io);
      const now = io.now();
      const summary: SummaryInput = {
        projects: o.projects,
        fetchedAt: o.fetchedAt,
        stale: o.stale,
        now,
        phones: o.phones,
      };
      const byHand =
        o.source === 'manual' ? handAddedOnlyReason({ ...o, kind: o.noMasterToken ? 'ok' : 'refreshing' }) : undefined;
      if (byHand) summary.handAddedOnly = byHand;
      const line = summaryLine(summary);
      const code = statusExitCode(o, (p) => needsAttention(p, now));
      const lines = [...attentionLines(o.projects, now), ...phoneAttentionLines(o.projects, o.phones)];
      // Why a phone is unknown: not attention (a failed check is no verdict on the phone), but worth a sentence.
      const checkLines = phoneCheckLines(o.projects, o.phones, cmd.verbose);
      if (cmd.json) {
        const count = (s: Project['status']) => o.projects.filter((p) => p.status === s).length;
        const json: Record<string, unknown> = {
          source: o.source,
          stale: o.stale,
          fetchedAt: o.fetchedAt ?? null,
          projects: {
            total: o.projects.length,
            active: count('active'),
            expired: count('expired'),
            deleted: count('deleted'),
            other: count('unknown'),
          },
          phones: countPhones(o.projects, o.phones),
          line,
          attention: lines.map((l) => l.trim()),
          phoneChecks: phoneCheckLines(o.projects, o.phones).map((l) => l.trim()),
          exitCode: code,
        };
        if (o.error) json.error = o.error;
        io.out(terminalJson(JSON.stringify(json, null, 2)));
      } else {
        io.out(line);
        for (const l of [...lines, ...checkLines]) io.out(l);
      }
      return code;
    }
    case 'phones': {
      const first = await obtainProjects(core, cmd.offline, io);
      if (first.source === 'none') failNoData(first);
      const o = cmd.offline ? first : await checkPhonesWithinBudget(core, first, io);
      const rows = o.projects.filter(isPhoneProject).map((p) => phoneForOutput(p, phoneOf(o.phones, p.id)));
      if (cmd.json) {
        io.out(terminalJson(JSON.stringify({ source: o.source, stale: o.stale, phones: rows }, null, 2)));
      } else {
        io.out(
          rows.length === 0 ? 'This account has no phone projects.' : formatPhonesTable(rows, io.now(), cmd.verbose),
        );
      }
      return freshOrStale(o);
    }
    case 'phone': {
      const o = await obtainProjects(core, false, io);
      if (o.source === 'none') failNoData(o);
      const p = findPhoneProject(o, cmd.id);
      if (cmd.action !== undefined) {
        if (o.stale) {
          throw new PickyError(
            'network',
            `Picky Assist cannot be reached, so the command was not sent to “${clean(p.name)}”. Try again when you are online.`,
          );
        }
        return await phoneAction(core, o, p, cmd.action, cmd.yes, io);
      }
      let state = phoneOf(o.phones, p.id);
      if (!o.stale) {
        state = await core.phones.checkProject(p.id, (until) => io.err(waitingLine(until, io.now())));
      }
      const row = phoneForOutput(p, state);
      io.out(cmd.json ? terminalJson(JSON.stringify(row, null, 2)) : formatPhoneDetails(row, io.now(), cmd.verbose));
      if (o.stale) return EXIT.stale;
      return state?.state === 'connected' ? EXIT.ok : EXIT.attention;
    }
  }
}
