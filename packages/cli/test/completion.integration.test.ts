import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  createWorkspace,
  hasCommand,
  shellAvailable,
  type Workspace,
  withAwstOnPath,
  writeAwstConfig,
} from '@awst/testkit';
import { beforeEach, describe, expect, it } from 'vitest';

const COMPLETIONS = resolve(import.meta.dirname, '../../../examples/shell/completions');

// Account names are data a user (or a config file someone sent them) chose: one tries to run a command.
const CONFIG = `[accounts]
main-account = "123456789012"
"x$(touch PWNED)" = "210987654321"
"two words" = "111111111111"

[roles.CustomRole]
shortcut = "c"
`;

let ws: Workspace;
let env: NodeJS.ProcessEnv;

beforeEach(() => {
  ws = createWorkspace('http://127.0.0.1:9');
  writeAwstConfig(ws, CONFIG);
  env = { ...withAwstOnPath(ws), TERM: 'xterm' };
});

describe('bash completion', () => {
  const complete = (words: string) => {
    const out = spawnSync(
      'bash',
      [
        '-c',
        `source "${COMPLETIONS}/awst.bash"; COMP_WORDS=(${words}); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _awst; printf '%s\\n' "\${COMPREPLY[@]}"`,
      ],
      { env, cwd: ws.home, encoding: 'utf8' },
    );
    return out.stdout.trim().split('\n');
  };

  it('offers account names quoted for the command line, and never runs what is in them', () => {
    expect(complete("awst assume ''")).toEqual(['main-account', 'x\\$\\(touch\\ PWNED\\)', 'two\\ words']);
    expect(complete('awst assume tw')).toEqual(['two\\ words']);
    expect(existsSync(join(ws.home, 'PWNED'))).toBe(false);
  });

  it("offers the roles of config.toml's [roles.*] besides the baseline's", () => {
    expect(complete("awst run main-account ''")).toEqual(['AdminAccess', 'DeveloperAccess', 'CustomRole']);
  });
});

/** Starts an interactive zsh on a pseudo-terminal, types `keys` once its prompt shows, and returns the screen once `until` appears. */
function zshOnTerminal(zshrc: string, keys: string, until: RegExp): Promise<string> {
  const zdotdir = join(ws.home, 'zdotdir');
  mkdirSync(zdotdir, { recursive: true });
  writeFileSync(join(zdotdir, '.zshrc'), `${zshrc}\nPS1='READY> '\n`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn('script', ['-qfec', 'zsh -i', '/dev/null'], {
      env: { ...env, ZDOTDIR: zdotdir },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let screen = '';
    let typed = false;
    const onData = (chunk: Buffer) => {
      screen += chunk.toString();
      if (!typed && screen.includes('READY> ')) {
        typed = true;
        child.stdin.write(keys);
      }
      if (typed && until.test(plain(screen))) child.kill('SIGKILL');
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolvePromise(plain(screen));
    });
  });
}

/** The screen without terminal escape sequences. */
function plain(screen: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escapes are control characters.
  return screen.replace(/\x1b\[[0-9;?]*[a-zA-Z]|\x1b[=>]|\r/g, '');
}

describe.skipIf(!shellAvailable('zsh') || !hasCommand('script'))('zsh completion', () => {
  it('from $fpath, the first Tab after compinit completes', async () => {
    const screen = await zshOnTerminal(
      `fpath=("${COMPLETIONS}" $fpath); autoload -Uz compinit && compinit -u -d "$HOME/.zcompdump"`,
      'awst assume main\t',
      /awst assume main-account /,
    );
    expect(screen).toMatch(/awst assume main-account /);
  });

  it('sourced after compinit, it completes roles from config.toml', async () => {
    const screen = await zshOnTerminal(
      `autoload -Uz compinit && compinit -u -d "$HOME/.zcompdump"; source <(awst completion zsh)`,
      'awst assume main-account Cus\t',
      /awst assume main-account CustomRole /,
    );
    expect(screen).toMatch(/awst assume main-account CustomRole /);
  });

  it('sourced without compinit, it says what to add to ~/.zshrc', () => {
    const out = spawnSync('zsh', ['-fc', `source "${COMPLETIONS}/_awst"`], { env, encoding: 'utf8' });
    expect(out.status).not.toBe(0);
    expect(out.stderr).toBe(
      "awst: zsh completion needs compinit first: put 'autoload -Uz compinit && compinit' before 'source <(awst completion zsh)' in ~/.zshrc.\n",
    );
  });
});
