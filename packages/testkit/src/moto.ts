import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { integrationOnly } from './unit-run.js';

export interface Moto {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
  /** Starts recording every request from now on (forgets earlier ones). */
  startRecording(): Promise<void>;
  /** Stops recording and returns the `Action=` of every recorded request, in order. */
  stopRecording(): Promise<string[]>;
}

/** The settings every moto_server here runs with: AWS-managed policies loaded, the recording in `workDir`. */
export function motoEnv(workDir: string): NodeJS.ProcessEnv {
  return { MOTO_IAM_LOAD_MANAGED_POLICIES: 'true', MOTO_RECORDER_FILEPATH: join(workDir, 'moto_recording') };
}

/**
 * Waits for a moto_server started with `-p 0` (the system picks a free port, so no other process can take it
 * between a probe and the bind): reads the port from the "Running on http://HOST:PORT" line it prints, then
 * resolves with the endpoint once it answers. Rejects (with its stderr) if it exits or takes `timeoutMs`. With
 * `logFile`, its stderr is read from that file instead of the pipe.
 */
export async function waitForMoto(
  child: ChildProcess,
  timeoutMs = 30_000,
  logFile?: string,
): Promise<string> {
  let stderr = '';
  let endpoint: string | undefined;
  const take = (text: string) => {
    stderr = text.slice(-4000);
    endpoint ??= /Running on (http:\/\/[\d.]+:\d+)/.exec(stderr)?.[1];
  };
  if (logFile === undefined) child.stderr?.on('data', (chunk) => take(stderr + chunk));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (logFile !== undefined) take(readFileSync(logFile, 'utf8'));
    if (child.exitCode !== null || child.signalCode !== null) {
      throw Object.assign(new Error('moto_server exited'), { stderr });
    }
    if (endpoint) {
      try {
        if ((await fetch(`${endpoint}/moto-api/`)).ok) return endpoint;
      } catch {
        // not answering yet
      }
    }
    if (Date.now() > deadline) {
      throw Object.assign(new Error(`moto_server did not start in ${timeoutMs / 1000} s`), { stderr });
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** moto-as-aws/sitecustomize.py: moto answers like AWS where awst depends on it (see the file). */
const MOTO_AS_AWS = fileURLToPath(new URL('../moto-as-aws', import.meta.url));

export interface MotoOptions {
  /**
   * Run moto exactly as installed, without moto-as-aws, e.g. to test awst's fallback for an emulator that
   * needs a user name for iam:ListMFADevices.
   */
  stock?: boolean;
}

/**
 * Runs the command after its first argument (moto_server) with a watchdog: when the test process ends,
 * however it ends (a killed vitest worker or run included), its end of the stdin pipe closes and the
 * watchdog stops the whole process group, so no moto_server outlives the run. SIGTERM (stop()) does the
 * same; either way the shell exits once the server has, and removes the folder named in its first argument
 * (the server's working folder). If the server exits by itself, the shell ends the watchdog and exits with
 * the server's status. The server's own stdin is /dev/null; the pipe is read on fd 3.
 */
const TIED_TO_PARENT = `
dir=$1
shift
exec 3<&0
"$@" </dev/null 3<&- &
server=$!
(cat <&3 >/dev/null; kill -TERM $$ 2>/dev/null) &
exec 3<&-
trap 'trap "" TERM; kill -TERM 0 2>/dev/null; wait $server; rm -rf "$dir"; exit 143' TERM
wait $server
status=$?
trap "" TERM
kill -TERM 0 2>/dev/null
exit $status
`;

/**
 * Starts `moto_server` on a free loopback port with AWS-managed IAM policies loaded and, unless `stock`,
 * with AWS's answer to ListMFADevices without a user name (moto-as-aws).
 */
export async function startMoto(extraEnv: NodeJS.ProcessEnv = {}, options: MotoOptions = {}): Promise<Moto> {
  integrationOnly('moto_server');
  // The recorder writes its file into the working directory unless told otherwise: keep it out of the repo.
  const workDir = mkdtempSync(join(tmpdir(), 'awst-moto-'));
  const pythonPath = options.stock
    ? {}
    : { PYTHONPATH: [MOTO_AS_AWS, process.env.PYTHONPATH].filter(Boolean).join(':') };
  // moto logs every request on stderr. Into a file, not a pipe: a test blocked in execFileSync (terraform
  // apply, the AWS CLI) does not drain a pipe, and moto stops answering once its 64 KB are full.
  const logFile = join(workDir, 'moto.log');
  const log = openSync(logFile, 'w');
  const child: ChildProcess = spawn(
    'sh',
    ['-c', TIED_TO_PARENT, 'moto', workDir, 'moto_server', '-H', '127.0.0.1', '-p', '0'],
    {
      cwd: workDir,
      env: { ...process.env, ...motoEnv(workDir), ...pythonPath, ...extraEnv },
      // stdin: the pipe whose end tells the watchdog this process is gone.
      stdio: ['pipe', 'ignore', log],
      // Its own process group, so that stopping it also stops a python server behind a pyenv shim.
      detached: true,
    },
  );
  closeSync(log);
  let endpoint: string;
  try {
    endpoint = await waitForMoto(child, undefined, logFile);
  } catch (error) {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {}
    rmSync(workDir, { recursive: true, force: true });
    throw error;
  }
  const post = (path: string) => fetch(`${endpoint}/moto-api/recorder/${path}`, { method: 'POST' });
  return {
    endpoint,
    port: Number(new URL(endpoint).port),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      const group = -child.pid!;
      process.kill(group, 'SIGTERM');
      const force = setTimeout(() => {
        try {
          process.kill(group, 'SIGKILL');
        } catch {}
      }, 5_000);
      await exited;
      clearTimeout(force);
      rmSync(workDir, { recursive: true, force: true });
    },
    startRecording: async () => {
      await post('reset-recording');
      await post('start-recording');
    },
    stopRecording: async () => {
      await post('stop-recording');
      const text = await (await fetch(`${endpoint}/moto-api/recorder/download-recording`)).text();
      return text
        .split('\n')
        .filter((line) => line.trim())
        .map((line) => recordedAction(JSON.parse(line) as RecordedRequest))
        .filter((action): action is string => Boolean(action));
    },
  };
}

interface RecordedRequest {
  body?: string;
  body_encoded?: boolean;
  qs?: Record<string, string[]>;
  uri?: string;
}

function recordedAction(request: RecordedRequest): string | undefined {
  const body = request.body_encoded
    ? Buffer.from(request.body ?? '', 'base64').toString()
    : (request.body ?? '');
  const match = /(?:^|&)Action=([A-Za-z]+)/.exec(body) ?? /[?&]Action=([A-Za-z]+)/.exec(request.uri ?? '');
  return match?.[1] ?? request.qs?.Action?.[0];
}
