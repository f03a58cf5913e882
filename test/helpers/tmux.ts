import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { waitFor } from './wait.js';

const run = promisify(execFile);

/** A real terminal: a tmux server of its own (its own socket), one window of a fixed size. */
export interface TmuxTerminal {
  /** The visible screen, one string per row (a wrapped line joined), trailing spaces trimmed. */
  screen(): Promise<string>;
  /** Sends keys as tmux names them ('q', 'Enter', 'C-c') or literal text. */
  keys(...keys: string[]): Promise<void>;
  /** tmux's view of the pane: alternate screen on, cursor shown. */
  modes(): Promise<{ alternate: boolean; cursor: boolean }>;
  /** Waits until the screen matches, and returns it; fails with the last screen. */
  waitForScreen(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves with the exit code the shell command wrote once it ended. */
  exitCode(timeoutMs?: number): Promise<number>;
  /** A file in this terminal's scratch directory. */
  file(name: string): string;
  /** The process id of the command's shell. */
  pid(): Promise<number>;
  resize(columns: number, rows: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts `command` (a shell command line, built with the paths of scratch files) in a fresh tmux
 * server. The line runs as
 * `command; echo $? > exit-code`, so the exit code can be read after the command ends while the
 * pane stays open to be inspected.
 */
export async function startTmux(command: (file: (name: string) => string) => string, { columns = 80, rows = 24, env = {} as Record<string, string> } = {}): Promise<TmuxTerminal> {
  const dir = await mkdtemp(join(tmpdir(), 'board-tmux-'));
  const socket = join(dir, 'tmux.sock');
  const tmux = (...args: string[]) => run('tmux', ['-S', socket, ...args], { env: { ...process.env, ...env } });
  const file = (name: string) => join(dir, name);
  const exitFile = file('exit-code');
  await tmux('-f', '/dev/null', '-u', 'new-session', '-d', '-s', 'board', '-x', String(columns), '-y', String(rows), `${command(file)}; echo $? > ${exitFile}; exec sleep 600`);
  const screen = async () => (await tmux('capture-pane', '-p', '-J', '-t', 'board')).stdout.replace(/ +$/gm, '');
  return {
    screen,
    keys: async (...keys) => void (await tmux('send-keys', '-t', 'board', ...keys)),
    modes: async () => {
      const { stdout } = await tmux('display-message', '-p', '-t', 'board', '#{alternate_on} #{cursor_flag}');
      const [alternate, cursor] = stdout.trim().split(' ');
      return { alternate: alternate === '1', cursor: cursor === '1' };
    },
    async waitForScreen(pattern, timeoutMs = 10_000) {
      let last = '';
      try {
        return await waitFor(`a screen matching ${pattern}`, async () => {
          last = await screen();
          return pattern.test(last) ? last : undefined;
        }, timeoutMs, 50);
      } catch (error) {
        throw new Error(`${(error as Error).message}\nlast screen:\n${last}`);
      }
    },
    async exitCode(timeoutMs = 10_000) {
      const text = await waitFor('the command to exit', async () => (await readFile(exitFile, 'utf8').catch(() => '')).trim() || undefined, timeoutMs, 50);
      return Number(text);
    },
    file,
    pid: async () => Number((await tmux('display-message', '-p', '-t', 'board', '#{pane_pid}')).stdout.trim()),
    resize: async (c, r) => void (await tmux('resize-window', '-t', 'board', '-x', String(c), '-y', String(r))),
    async close() {
      await tmux('kill-server').catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
