import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  AWSTOOLS_CONFIG,
  CLI_BIN,
  EMULATOR_ADMIN_ENV,
  hasCommand,
  type Moto,
  runProcess,
  type Workspace,
  writeAwstConfig,
} from '@awst/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEmulatedAccount } from './support/emulated-account.js';

/**
 * README "Refresh windows": 50 calls through credential_process, by boto3, the SDK for JavaScript and the
 * AWS CLI, with a wrapper that counts how often the client runs awst, and moto's recorder counting
 * AssumeRole. Each cell starts from an empty cache (one GetSessionToken and one AssumeRole are the cold
 * start's own).
 */

const CALLS = 50;
const DURATIONS = [15, 20, 60] as const;
const CLIENTS = ['boto3', 'js', 'aws'] as const;
const SDK_DIR = resolve(import.meta.dirname, 'identity');
let filesDir: string | undefined;
const FILES_DIR = () => {
  filesDir ??= mkdtempSync(join(tmpdir(), 'awst-refresh-files-'));
  return filesDir;
};

let moto: Moto;
let ws: Workspace;
const account = useEmulatedAccount({ each: (current) => ({ moto, ws } = current) });

/** What each client does: 50 calls in one process, so its own credential cache decides how often awst runs. */
function clientCommand(client: (typeof CLIENTS)[number]): string[] {
  switch (client) {
    case 'boto3':
      return [
        'python3',
        '-c',
        `import boto3\nsts = boto3.Session(profile_name="dev").client("sts")\nfor _ in range(${CALLS}): sts.get_caller_identity()`,
      ];
    case 'js':
      return [
        process.execPath,
        '--input-type=module',
        '-e',
        `import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(`${SDK_DIR}/`)});
const { STSClient, GetCallerIdentityCommand } = require('@aws-sdk/client-sts');
const sts = new STSClient({ profile: 'dev' });
for (let i = 0; i < ${CALLS}; i++) await sts.send(new GetCallerIdentityCommand({}));`,
      ];
    case 'aws':
      // One process, one PutObject per file.
      return [
        'aws',
        's3',
        'cp',
        '--recursive',
        '--only-show-errors',
        '--profile',
        'dev',
        FILES_DIR(),
        's3://refresh-windows/',
      ];
  }
}

async function objectCount(endpoint: string): Promise<number> {
  const script =
    'import boto3\nprint(boto3.client("s3").list_objects_v2(Bucket="refresh-windows").get("KeyCount", 0))';
  const out = await runProcess('python3', ['-c', script], {
    ...process.env,
    ...EMULATOR_ADMIN_ENV,
    AWS_ENDPOINT_URL: endpoint,
  });
  return Number(out.stdout.trim());
}

describe.skipIf(!hasCommand('python3') || !hasCommand('aws'))('refresh windows with the real clients', () => {
  beforeAll(async () => {
    // The AWS CLI's 50 calls: 50 files copied to a bucket, one PutObject each.
    mkdirSync(FILES_DIR(), { recursive: true });
    for (let i = 0; i < CALLS; i++) writeFileSync(join(FILES_DIR(), `file-${i}.txt`), `${i}\n`);
    const script =
      'import boto3\nboto3.client("s3").create_bucket(Bucket="refresh-windows", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})';
    const out = await runProcess(
      'python3',
      ['-c', script],
      { ...process.env, ...EMULATOR_ADMIN_ENV, AWS_ENDPOINT_URL: account.moto.endpoint },
      { timeoutMs: 120_000 },
    );
    expect(out.stderr + out.code).toMatch(/0$/);
  }, 150_000);
  afterAll(() => {
    if (filesDir) rmSync(filesDir, { recursive: true, force: true });
  });

  const figures: string[] = [];
  for (const duration of DURATIONS) {
    for (const client of CLIENTS) {
      it(`${client}, ${duration}-minute role: ${CALLS} calls cost at most 2 AssumeRole${duration > 15 ? ' and 2 runs of awst' : ''}`, async () => {
        const runs = join(ws.home, 'runs');
        const wrapper = join(ws.home, 'counting-awst');
        writeFileSync(
          wrapper,
          `#!/bin/sh\necho run >> "${runs}"\nexec "${process.execPath}" "${CLI_BIN}" credential-process main-account DeveloperAccess\n`,
          { mode: 0o755 },
        );
        writeFileSync(runs, '');
        writeFileSync(ws.configFile, `[profile dev]\ncredential_process = ${wrapper}\nregion = eu-west-1\n`);
        writeAwstConfig(
          ws,
          `mfaProcess = "echo 123456"\n${AWSTOOLS_CONFIG}\n[roles.DeveloperAccess]\ndurationMinutes = ${duration}\n`,
        );
        await moto.startRecording();
        const [command, ...args] = clientCommand(client);
        const out = await runProcess(command!, args, ws.env, { timeoutMs: 240_000 });
        const calls = await moto.stopRecording();
        expect(out.stderr + out.code).toMatch(/0$/);
        // The recorder names form-encoded actions only; S3's PutObject shows as the objects it made.
        const made =
          client === 'aws'
            ? await objectCount(moto.endpoint)
            : calls.filter((c) => c === 'GetCallerIdentity').length;
        expect(made).toBeGreaterThanOrEqual(CALLS);
        const assumeRoles = calls.filter((c) => c === 'AssumeRole').length;
        const awstRuns = readFileSync(runs, 'utf8').split('\n').filter(Boolean).length;
        figures.push(`${client} ${duration} min: ${awstRuns} awst runs, ${assumeRoles} AssumeRole`);
        console.log(`refresh windows: ${figures.at(-1)}`);
        expect(assumeRoles).toBeLessThanOrEqual(2);
        if (duration > 15) expect(awstRuns).toBeLessThanOrEqual(2);
      }, 300_000);
    }
  }
});
