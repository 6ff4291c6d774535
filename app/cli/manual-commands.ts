// `project add`, `project edit` and `project remove`: projects added by hand. The license key and the API token
// come from hidden prompts or piped lines, never from argv (argv.ts refuses them).
import { DISPLAY_LIMITS, displayText } from '../core/display-text';
import { PickyError, failureKind, isPickyError } from '../core/errors';
import type { ManualSaveResult } from '../core/manual-projects';
import type { Project } from '../core/model';
import type { PickyCore } from '../core/picky-core';
import type { Command } from './argv';
import type { CliIo } from './commands';
import { waitingLine } from './format';
import { EXIT, type ExitCode } from './exit-codes';

type ManualCommand = Extract<Command, { name: 'project-add' | 'project-edit' | 'project-remove' }>;

const label = (p: Project): string => `“${displayText(p.name, DISPLAY_LIMITS.cliValue)}” (id ${p.id})`;

/** The hand-added project a user named: its id, or its name (case-insensitive, whole). */
export function findManualProject(projects: readonly Project[], ref: string): Project {
  const trimmed = ref.trim();
  const byId = /^\d{1,16}$/.test(trimmed) ? projects.find((p) => p.id === Number(trimmed)) : undefined;
  if (byId) return byId;
  const byName = projects.filter((p) => p.name.toLowerCase() === trimmed.toLowerCase());
  if (byName.length === 1 && byName[0]) return byName[0];
  if (byName.length > 1)
    throw new PickyError(
      'bad-input',
      `${byName.length} projects added by hand have that name; use the id instead: ${byName.map((p) => p.id).join(', ')}.`,
    );
  const n = projects.length;
  throw new PickyError(
    'not-found',
    n === 0
      ? 'No project has been added by hand. Add one with `picky-tray project add --name "…"`.'
      : `No project added by hand has that id or name (${n} added by hand). Run \`picky-tray projects\` to see them.`,
  );
}

function explainSaveFailure(e: unknown, command: 'add' | 'edit'): never {
  if (isPickyError(e) && (failureKind(e.code) === 'unreachable' || failureKind(e.code) === 'refused')) {
    throw new PickyError(
      e.code,
      `${e.message} Nothing was stored: the API token could not be checked. To save it anyway and have it checked later, run \`picky-tray project ${command} … --save-unchecked\`.`,
      e.details,
      { cause: e, ...(e.detail ? { detail: e.detail } : {}) },
    );
  }
  throw e;
}

function reportSave(io: CliIo, verb: 'Added' | 'Saved', r: ManualSaveResult): void {
  io.out(`${verb} ${label(r.project)}; its license key and API token are in the system keychain.`);
  if (r.check === 'checked') {
    const parts = [
      r.projectId !== undefined ? `project ${r.projectId}` : undefined,
      r.connectedNumber ? `connected number ${displayText(r.connectedNumber, 40)}` : 'no number connected',
    ].filter(Boolean);
    io.out(`Picky Assist accepted the API token: ${parts.join(', ')}.`);
  } else if (r.check === 'unchecked') {
    io.err(`The API token was saved without a check, as asked. ${r.uncheckedReason ?? ''}`.trimEnd());
  } else {
    io.out('No API token: the QR works; phone status and commands need one.');
  }
  if (!r.project.licenseKey) io.out('No license key: there is no pairing QR until you add one (project edit).');
}

/** The token check waits for the shared budget of status calls, as `picky-tray phone <id>` does. */
const tokenWait = (until: number, io: CliIo): string =>
  waitingLine(until, io.now(), 'status call to check the API token');

/** An edit's value: empty keeps what is stored, "-" removes it. */
function editValue(typed: string): string | null | undefined {
  const t = typed.trim();
  if (t === '') return undefined;
  return t === '-' ? null : t;
}

export async function runManualCommand(cmd: ManualCommand, core: PickyCore, io: CliIo): Promise<ExitCode> {
  switch (cmd.name) {
    case 'project-add': {
      const { licenseKey, apiToken } = await io.readProjectSecrets('add');
      let result: ManualSaveResult;
      try {
        result = await core.addManualProject(
          { name: cmd.projectName, licenseKey, apiToken },
          { saveUnchecked: cmd.saveUnchecked, onWait: (until) => io.err(tokenWait(until, io)) },
        );
      } catch (e) {
        explainSaveFailure(e, 'add');
      }
      reportSave(io, 'Added', result);
      return EXIT.ok;
    }
    case 'project-edit': {
      const project = findManualProject(core.listManualProjects(), cmd.ref);
      const typed = await io.readProjectSecrets('edit');
      const patch: { name?: string; licenseKey?: string | null; apiToken?: string | null } = {};
      if (cmd.projectName !== undefined) patch.name = cmd.projectName;
      const key = editValue(typed.licenseKey);
      const token = editValue(typed.apiToken);
      if (key !== undefined) patch.licenseKey = key;
      if (token !== undefined) patch.apiToken = token;
      let result: ManualSaveResult;
      try {
        result = await core.editManualProject(project.id, patch, {
          saveUnchecked: cmd.saveUnchecked,
          onWait: (until) => io.err(tokenWait(until, io)),
        });
      } catch (e) {
        explainSaveFailure(e, 'edit');
      }
      reportSave(io, 'Saved', result);
      return EXIT.ok;
    }
    case 'project-remove': {
      const project = findManualProject(core.listManualProjects(), cmd.ref);
      if (!cmd.yes) {
        const answer = await io.confirm(
          `Remove ${label(project)} and its license key and API token from this computer? [y/N] `,
        );
        if (answer === undefined)
          throw new PickyError('bad-input', 'Nothing was removed: add --yes to remove without a question.');
        if (!answer) {
          io.out('Nothing was removed.');
          return EXIT.ok;
        }
      }
      await core.removeManualProject(project.id);
      io.out(`Removed ${label(project)}. The Master token and any fetched projects are unchanged.`);
      return EXIT.ok;
    }
  }
}
