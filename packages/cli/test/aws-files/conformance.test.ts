/**
 * Conformance of awst's file edits with the real parsers: botocore (AWS CLI v1, boto3) and the SDK for
 * JavaScript v3. Every case of cases.ts is edited by awst, then read by both before and after:
 * - every section and key awst does not own reads exactly as before, for both;
 * - awst's profiles read as intended (keys and region written, the removed profile gone);
 * - a file botocore could read stays readable;
 * - awst itself reads each file as botocore does.
 * botocore runs once for the whole suite (all files batched through one python3 process).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { IniDocument } from '../../src/aws-files/ini-document.js';
import { goConfigSectionName, profileOfConfigSection } from '../../src/aws-files/paths.js';
import { type AwsProfiles, readProfiles, updateProfiles } from '../../src/aws-files/profile-store.js';
import { CASES, type ConformanceCase } from './conformance/cases.js';

type Raw = Record<string, Record<string, unknown>>;
type BotocoreRead = { ok: true; raw: Raw; profiles: Raw } | { ok: false; error: string };
type JsRead = { configFile: Raw; credentialsFile: Raw };
interface Files {
  credentials: string;
  config: string;
}
interface Outcome {
  kase: ConformanceCase;
  profile: string;
  remove: string;
  before: Files;
  after: Files;
  read: AwsProfiles;
  editError?: unknown;
  botocore?: { before: [BotocoreRead, BotocoreRead]; after: [BotocoreRead, BotocoreRead] };
  js?: { before: JsRead; after: JsRead };
}

const here = dirname(fileURLToPath(import.meta.url));
const sdkRequire = createRequire(createRequire(import.meta.url).resolve('@aws-sdk/client-sts'));
const { loadSharedConfigFiles } = sdkRequire('@smithy/core/config') as {
  loadSharedConfigFiles: (init: {
    filepath: string;
    configFilepath: string;
    ignoreCache: boolean;
  }) => Promise<JsRead>;
};

const ROLE_KEYS = {
  aws_access_key_id: 'ASIANEWROLEKEY',
  aws_secret_access_key: 'newRoleSecret',
  aws_session_token: 'newRoleToken',
  awst_expiration: '2030-01-01T00:00:00.000Z',
};
const REGION = 'eu-west-3';

const outcomes: Outcome[] = [];
let suiteMs = 0;

beforeAll(async () => {
  const started = performance.now();
  const root = mkdtempSync(join(tmpdir(), 'awst-conformance-'));
  for (const [index, kase] of CASES.entries()) {
    const dir = join(root, String(index));
    const before = { credentials: join(dir, 'before', 'credentials'), config: join(dir, 'before', 'config') };
    const after = { credentials: join(dir, 'aws', 'credentials'), config: join(dir, 'aws', 'config') };
    mkdirSync(dirname(before.credentials), { recursive: true });
    mkdirSync(dirname(after.credentials), { recursive: true });
    for (const which of ['credentials', 'config'] as const) {
      const content = kase[which];
      if (content === undefined) continue;
      writeFileSync(after[which], content);
      copyFileSync(after[which], before[which]);
    }
    const profile = kase.profile ?? 'awst-role';
    const remove = kase.remove ?? 'awst-old';
    const outcome: Outcome = { kase, profile, remove, before, after, read: await readProfiles(after) };
    try {
      await updateProfiles(after, {
        credentials: { [profile]: ROLE_KEYS, [remove]: null },
        config: { [profile]: { region: REGION }, [remove]: null },
      });
    } catch (error) {
      outcome.editError = error;
    }
    outcomes.push(outcome);
  }

  const requests = outcomes.flatMap((o) =>
    [o.before.credentials, o.before.config, o.after.credentials, o.after.config].map((path) => ({
      path,
      encoding: o.kase.encoding ?? null,
    })),
  );
  const python = spawnSync('python3', [join(here, 'conformance', 'botocore-read.py')], {
    input: JSON.stringify(requests),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (python.status !== 0) throw new Error(`botocore reader failed: ${python.stderr}`);
  const reads = JSON.parse(python.stdout) as BotocoreRead[];
  for (const [i, o] of outcomes.entries()) {
    const [bc, bg, ac, ag] = reads.slice(i * 4, i * 4 + 4) as BotocoreRead[];
    o.botocore = { before: [bc!, bg!], after: [ac!, ag!] };
    const js = (files: Files) =>
      loadSharedConfigFiles({ filepath: files.credentials, configFilepath: files.config, ignoreCache: true });
    o.js = { before: await js(o.before), after: await js(o.after) };
  }
  suiteMs = performance.now() - started;
  console.log(
    `conformance: ${CASES.length} cases, ${requests.length} botocore reads, ${Math.round(suiteMs)} ms`,
  );
});

const bytes = (path: string) => (existsSync(path) ? readFileSync(path) : Buffer.alloc(0));
const without = (map: Raw, owned: (name: string) => boolean) =>
  Object.fromEntries(Object.entries(map).filter(([name]) => !owned(name)));
const errorType = (read: BotocoreRead) => (read.ok ? 'ok' : read.error.split(':')[0]);

/** awst's reading in botocore's shape: nested values (`s3 =` and indented lines) become objects. */
function awstRaw(path: string): Raw {
  const result: Raw = {};
  for (const [section, values] of new IniDocument(bytes(path)).sections()) {
    result[section] = shape(values);
  }
  return result;
}

function shape(values: Record<string, string>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, value.startsWith('\n') ? nested(value) : value]),
  );
}

function nested(value: string): Record<string, string> {
  const parsed: Record<string, string> = {};
  for (const line of value.split('\n').map((l) => l.trim())) {
    if (!line) continue;
    const at = line.indexOf('=');
    parsed[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return parsed;
}

describe(`conformance with botocore and the SDK for JavaScript (${CASES.length} cases)`, () => {
  it.each(CASES.map((kase, index) => [kase.name, index] as const))('%s', async (_, index) => {
    const o = outcomes[index]!;
    expect(o.editError).toBeUndefined();
    const [ownedCredentials, ownedConfig] = [
      (name: string) => name === o.profile || name === o.remove,
      (name: string) =>
        [o.profile, o.remove].some(
          (p) => profileOfConfigSection(name) === p || name === goConfigSectionName(p),
        ),
    ];
    const ownedProfile = (name: string) => name === o.profile || name === o.remove;
    const { before, after } = o.botocore!;

    for (const file of [0, 1] as const) {
      const [b, a] = [before[file], after[file]];
      // A file botocore could read stays readable; one it refused is refused for the same reason, or fixed.
      if (b.ok) expect(a, `botocore after: ${a.ok ? '' : a.error}`).toMatchObject({ ok: true });
      else if (!a.ok) expect(errorType(a)).toBe(errorType(b));
      if (!b.ok || !a.ok) continue;
      const owned = file === 0 ? ownedCredentials : ownedConfig;
      expect(without(a.raw, owned), 'sections awst does not own').toEqual(without(b.raw, owned));
      if (file === 1) expect(without(a.profiles, ownedProfile)).toEqual(without(b.profiles, ownedProfile));
    }

    // awst's profiles read as intended.
    const [credentialsAfter, configAfter] = after;
    if (credentialsAfter.ok) {
      expect(credentialsAfter.raw[o.profile]).toMatchObject(ROLE_KEYS);
      expect(credentialsAfter.raw[o.remove]).toBeUndefined();
    }
    if (configAfter.ok) {
      expect(configAfter.profiles[o.profile]).toMatchObject({ region: REGION });
      expect(configAfter.profiles[o.remove]).toBeUndefined();
    }

    // The JS SDK: the same for what it can read (it drops profile names with spaces).
    const js = o.js!;
    expect(without(js.after.credentialsFile, ownedProfile)).toEqual(
      without(js.before.credentialsFile, ownedProfile),
    );
    expect(without(js.after.configFile, ownedProfile)).toEqual(without(js.before.configFile, ownedProfile));
    if (!/\s/.test(o.profile) && o.kase.jsReadsProfile !== false) {
      expect(js.after.credentialsFile[o.profile]).toMatchObject(ROLE_KEYS);
      expect(js.after.configFile[o.profile]).toMatchObject({ region: REGION });
    }
    expect(js.after.credentialsFile[o.remove]).toBeUndefined();
    expect(js.after.configFile[o.remove]).toBeUndefined();

    // awst reads every file botocore reads exactly as botocore does (in the locale botocore used).
    if (!o.kase.encoding) {
      for (const [file, which] of [
        [0, 'credentials'],
        [1, 'config'],
      ] as const) {
        for (const [phase, paths] of [
          ['before', o.before],
          ['after', o.after],
        ] as const) {
          const read = o.botocore![phase][file];
          if (read.ok) expect(awstRaw(paths[which]), `awst reading ${phase} ${which}`).toEqual(read.raw);
        }
      }
      if (after[1].ok) {
        const config = (await readProfiles(o.after)).config;
        const shaped = [...config].map(([name, values]) => [name, shape(values)]);
        expect(Object.fromEntries(shaped)).toEqual(after[1].profiles);
      }
    }

    o.kase.check?.({
      before: { credentials: bytes(o.before.credentials), config: bytes(o.before.config) },
      after: { credentials: bytes(o.after.credentials), config: bytes(o.after.config) },
      read: o.read,
    });
  });

  it('runs the whole suite with one botocore process', () => {
    expect(outcomes).toHaveLength(CASES.length);
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });
});
