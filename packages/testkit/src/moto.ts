import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Moto {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
  /** Starts recording every request from now on (forgets earlier ones). */
  startRecording(): Promise<void>;
  /** Stops recording and returns the `Action=` of every recorded request, in order. */
  stopRecording(): Promise<string[]>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts `moto_server` on a free loopback port with AWS-managed IAM policies loaded. */
export async function startMoto(extraEnv: NodeJS.ProcessEnv = {}): Promise<Moto> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  // The recorder writes its file into the working directory unless told otherwise: keep it out of the repo.
  const workDir = mkdtempSync(join(tmpdir(), 'awst-moto-'));
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    cwd: workDir,
    env: {
      ...process.env,
      MOTO_IAM_LOAD_MANAGED_POLICIES: 'true',
      MOTO_RECORDER_FILEPATH: join(workDir, 'moto_recording'),
      ...extraEnv,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
    // Its own process group, so that stopping it also stops a python server behind a pyenv shim.
    detached: true,
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited: ${stderr}`);
    try {
      const res = await fetch(`${endpoint}/moto-api/`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`moto_server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const post = (path: string) => fetch(`${endpoint}/moto-api/recorder/${path}`, { method: 'POST' });
  return {
    endpoint,
    port,
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
