import { describe, expect, it } from 'vitest';
import { TOKEN_IN_ARGV, parseArgv, takeDebugFlag } from '../../app/cli/argv';

const ok = (argv: string[]) => {
  const r = parseArgv(argv);
  if (!r.ok) throw new Error(`expected success, got: ${r.message}`);
  return r.command;
};
const fail = (argv: string[]) => {
  const r = parseArgv(argv);
  if (r.ok) throw new Error(`expected failure for ${argv.join(' ')}`);
  return r.message;
};

describe('parseArgv', () => {
  it('parses every command and its options', () => {
    expect(ok(['projects'])).toEqual({ name: 'projects', json: false, offline: false, reveal: false, verbose: false });
    expect(ok(['projects', '--json', '--offline'])).toEqual({
      name: 'projects',
      json: true,
      offline: true,
      reveal: false,
      verbose: false,
    });
    expect(ok(['project', '715', '--json', '--reveal'])).toEqual({
      name: 'project',
      id: 715,
      json: true,
      offline: false,
      reveal: true,
      verbose: false,
    });
    expect(ok(['--offline', 'qr', '42'])).toEqual({ name: 'qr', id: 42, offline: true, verbose: false });
    expect(ok(['status'])).toEqual({ name: 'status', offline: false, json: false, verbose: false });
    expect(ok(['status', '--verbose'])).toEqual({ name: 'status', offline: false, json: false, verbose: true });
    expect(ok(['status', '--json'])).toEqual({ name: 'status', offline: false, json: true, verbose: false });
    expect(ok(['phones', '--offline', '--json'])).toEqual({
      name: 'phones',
      offline: true,
      json: true,
      verbose: false,
    });
    expect(ok(['phone', '715'])).toEqual({ name: 'phone', id: 715, json: false, yes: false, verbose: false });
    expect(ok(['phone', '715', 'restart', '--json'])).toEqual({
      name: 'phone',
      id: 715,
      json: true,
      yes: false,
      verbose: false,
      action: 'restart',
    });
    expect(ok(['phone', '715', 'clear-queue', '--yes'])).toEqual({
      name: 'phone',
      id: 715,
      json: false,
      yes: true,
      verbose: false,
      action: 'clear-queue',
    });
    expect(ok(['token', 'set'])).toEqual({ name: 'token-set', saveUnchecked: false, verbose: false });
    expect(ok(['token', 'set', '--save-unchecked'])).toEqual({
      name: 'token-set',
      saveUnchecked: true,
      verbose: false,
    });
    expect(fail(['token', 'set', '--save-unchecked=abc'])).toBe(TOKEN_IN_ARGV);
    expect(ok(['token', 'clear'])).toEqual({ name: 'token-clear' });
    expect(ok(['token', 'status'])).toEqual({ name: 'token-status' });
  });

  it('knows help and version in their usual spellings', () => {
    for (const argv of [[], ['help'], ['--help'], ['-h'], ['projects', '--help']])
      expect(ok(argv)).toEqual({ name: 'help' });
    for (const argv of [['--version'], ['-v'], ['version']]) expect(ok(argv)).toEqual({ name: 'version' });
  });

  it('refuses a token given as an argument, without repeating it', () => {
    for (const argv of [
      ['token', 'set', 'sekrit-value-123'],
      ['token', 'set', '--token=sekrit-value-123'],
      ['projects', '--token', 'sekrit-value-123'],
    ]) {
      const message = fail(argv);
      expect(message).toBe(TOKEN_IN_ARGV);
      expect(message).not.toContain('sekrit');
    }
  });

  it('explains bad input clearly', () => {
    expect(fail(['projets'])).toMatch(/^Unknown command "projets"\. Run `picky-tray help`/);
    expect(fail(['projects', '--jsn'])).toMatch(/^Unknown option "--jsn"/);
    expect(fail(['qr', '--json', '1'])).toMatch(/--json does not apply to "qr"/);
    expect(fail(['project', 'abc'])).toMatch(/project id must be a number.*"abc"/);
    expect(fail(['phone', '715', 'reset'])).toMatch(
      /can do: restart, pause-queue, resume-queue, clear-queue \(not "reset"\)/,
    );
    expect(fail(['phone', '715', 'restart', '--yes'])).toMatch(/--yes only confirms "clear-queue"/);
    expect(fail(['phone'])).toMatch(/"phone" needs one project id/);
    expect(fail(['phones', '--reveal'])).toMatch(/--reveal does not apply to "phones"/);
    expect(fail(['project', '-5'])).toMatch(/project id must be a number/);
    expect(fail(['project', '1.5'])).toMatch(/project id must be a number/);
    expect(fail(['project'])).toMatch(/needs exactly one project id/);
    expect(fail(['qr', '1', '2'])).toMatch(/needs exactly one project id/);
    expect(fail(['projects', 'extra'])).toMatch(/takes no arguments/);
    expect(fail(['token'])).toMatch(/"token" needs one of: set, clear, status/);
    expect(fail(['token', 'clear', 'x'])).toMatch(/takes no arguments/);
    expect(fail(['status', '--json=yes'])).toMatch(/does not take a value/);
  });

  it('does not repeat arguments that look like secrets', () => {
    const message = fail(['7f3c9a1e5b2d4f60a8e1c7b94d2f0e6a']);
    expect(message).not.toContain('7f3c9a1e');
    expect(message).toMatch(/Unknown command an argument/);
  });
});

describe('takeDebugFlag', () => {
  it('takes --debug out wherever it stands, and leaves everything else to parseArgv', () => {
    expect(takeDebugFlag(['--debug', 'projects', '--json'])).toEqual({ debug: true, argv: ['projects', '--json'] });
    expect(takeDebugFlag(['status', '--debug'])).toEqual({ debug: true, argv: ['status'] });
    expect(takeDebugFlag(['status'])).toEqual({ debug: false, argv: ['status'] });
    // Only the exact flag: a value or another spelling is an unknown option, refused by parseArgv.
    expect(takeDebugFlag(['status', '--debug=1']).debug).toBe(false);
    expect(parseArgv(takeDebugFlag(['status', '--debug=1']).argv).ok).toBe(false);
  });
});
