import { expect } from 'vitest';
import type { AwsProfiles } from '../../../src/aws-files/profile-store.js';

/**
 * Shared files as other tools and people write them. Each one goes through an awst edit (write the role
 * profile `profile` with keys and a region, remove the profile `remove`) and is read with botocore and the
 * SDK for JavaScript before and after; conformance.test.ts says what must hold.
 */
export interface ConformanceCase {
  name: string;
  credentials?: string | Buffer;
  config?: string | Buffer;
  /** The role profile awst writes; default 'awst-role'. */
  profile?: string;
  /** The profile awst removes; default 'awst-old'. */
  remove?: string;
  /** The encoding of the user's locale, in which botocore reads the files; default UTF-8. */
  encoding?: string;
  /** false where the JS SDK cannot read awst's profile in this layout (it could not before either). */
  jsReadsProfile?: boolean;
  /** Case-specific checks. */
  check?: (result: CaseResult) => void;
}

export interface CaseResult {
  before: { credentials: Buffer; config: Buffer };
  after: { credentials: Buffer; config: Buffer };
  /** awst's own reading of the files before the edit. */
  read: AwsProfiles;
}

const KEY = 'aws_access_key_id = AKIAUSERKEY1\naws_secret_access_key = userSecret1\n';
const OLD =
  '[awst-old]\naws_access_key_id = ASIAOLD\naws_secret_access_key = old\naws_session_token = oldToken\n';
const OLD_CONFIG = '[profile awst-old]\nregion = us-east-2\n';
const latin1 = (text: string) => Buffer.from(text, 'latin1');
const contains = (haystack: Buffer, needle: Buffer | string) =>
  expect(haystack.includes(typeof needle === 'string' ? Buffer.from(needle) : needle)).toBe(true);

export const CASES: ConformanceCase[] = [
  { name: 'empty files', credentials: '', config: '' },
  { name: 'no files at all' },
  {
    name: 'a plain aws configure layout',
    credentials: `[default]\n${KEY}\n${OLD}`,
    config: `[default]\nregion = eu-west-1\noutput = json\n\n${OLD_CONFIG}`,
  },
  {
    name: 'comments with # and ; on their own lines, also indented and between keys',
    credentials: `# written by hand\n; second style\n[default]\n# before the key\n${KEY}  ; indented comment\n\n# about old\n${OLD}# trailing\n`,
    config: `;top\n[default]\n  # indented\nregion = eu-west-1\n${OLD_CONFIG}; end`,
  },
  {
    name: 'an inline ; or # is part of the value for botocore (and a comment for the JS SDK)',
    credentials: `[default]\naws_access_key_id = AKIAUSERKEY1 ; mine\naws_secret_access_key = s#not-a-comment\n${OLD}`,
    config: '[profile tagged]\nregion = eu-west-1 # ireland\noutput = json;x\n',
  },
  {
    name: 'continuation lines in a user section and in the section awst edits',
    credentials: `[default]\n${KEY}description = first line\n  second line\n\tthird line\n[awst-role]\naws_access_key_id = ASIAPREV\n  continued\naws_secret_access_key = prev\nnote = kept\n  and continued\n`,
  },
  {
    name: 'blank lines inside a value and before an indented line that continues it',
    credentials: `[notes]\ntext = a\n\n  b after a blank\n\n[default]\n${KEY}`,
    config: '[profile awst-role]\noutput = json\n\n\n[profile other]\nregion = eu-west-1\n',
  },
  {
    name: 'CRLF line endings',
    credentials: `[default]\r\naws_access_key_id = AKIAUSERKEY1\r\naws_secret_access_key = s\r\n\r\n${OLD.replaceAll('\n', '\r\n')}`,
    config: `[default]\r\nregion = eu-west-1\r\n${OLD_CONFIG.replaceAll('\n', '\r\n')}`,
    check: ({ after }) => {
      expect(after.credentials.toString().replaceAll('\r\n', '')).not.toContain('\n');
      expect(after.config.toString().replaceAll('\r\n', '')).not.toContain('\n');
    },
  },
  {
    name: 'mixed CRLF and LF',
    credentials: `[default]\r\n${KEY}[awst-role]\r\naws_access_key_id = ASIAPREV\naws_secret_access_key = p\r\n`,
  },
  {
    name: 'tabs and indentation around keys and separators',
    credentials: `[default]\n\taws_access_key_id\t=\tAKIAUSERKEY1\n\taws_secret_access_key=\tsecret\n[awst-role]\n  aws_access_key_id = ASIAPREV\n  aws_secret_access_key = p\n  extra = kept\n`,
    check: ({ after }) => contains(after.credentials, '\taws_access_key_id\t=\tAKIAUSERKEY1\n'),
  },
  {
    name: 'item 1: unquoted and quoted headers of one profile with spaces (awstools 0.13.1 then 0.13.2)',
    profile: 'main-account DeveloperAccess',
    credentials: `[main-account]\n${KEY}\n[main-account DeveloperAccess]\naws_access_key_id = ASIAPREV\naws_secret_access_key = p\naws_session_token = t\n`,
    config:
      "[profile main-account DeveloperAccess]\nregion = eu-west-1\n\n[profile 'main-account DeveloperAccess']\nregion = eu-west-1\n",
    check: ({ after }) => {
      const text = after.config.toString();
      expect(text.split("[profile 'main-account DeveloperAccess']")).toHaveLength(2);
      expect(text.split('[profile main-account DeveloperAccess]')).toHaveLength(2);
    },
  },
  {
    name: 'item 1, already broken: the quoted header twice is merged into one',
    profile: 'main-account DeveloperAccess',
    config:
      "[profile 'main-account DeveloperAccess']\nregion = eu-west-1\n\n[profile 'main-account DeveloperAccess']\nregion = eu-west-1\noutput = json\n",
    check: ({ after }) => {
      expect(after.config.toString().split("[profile 'main-account DeveloperAccess']")).toHaveLength(2);
      expect(after.config.toString()).toContain('output = json');
    },
  },
  {
    name: "item 2: awst's own section spelled Region / AWS_ACCESS_KEY_ID / key: value",
    credentials: `[default]\n${KEY}[awst-role]\nAWS_ACCESS_KEY_ID = ASIAPREV\nAws_Secret_Access_Key: prev\naws_session_token:prevToken\n`,
    config: '[profile awst-role]\nRegion = us-east-1\nOutput: json\n',
    check: ({ after }) => {
      expect(after.credentials.toString().match(/aws_access_key_id/gi)).toHaveLength(2);
      expect(after.config.toString().match(/region/gi)).toHaveLength(1);
    },
  },
  {
    name: 'item 2: region: value in config, aws_session_token: value in credentials',
    credentials:
      '[awst-role]\naws_access_key_id: ASIAPREV\naws_secret_access_key: prev\naws_session_token: t\n',
    config: '[profile awst-role]\nregion: us-east-1\n',
  },
  {
    name: 'item 3: the main account written with upper-case keys and key: value',
    credentials: `[main-account]\nAWS_ACCESS_KEY_ID: AKIAUPPER1\nAWS_Secret_Access_Key = upperSecret\n${OLD}`,
    check: ({ read }) =>
      expect(read.credentials.get('main-account')).toEqual({
        aws_access_key_id: 'AKIAUPPER1',
        aws_secret_access_key: 'upperSecret',
      }),
  },
  {
    name: 'item 4: [ name ] is another section for botocore',
    credentials: `[ awst-role ]\naws_access_key_id = ASIASPACED\naws_secret_access_key = spaced\n`,
    config: '[ profile awst-role ]\nregion = ap-south-1\n',
    check: ({ read }) => expect(read.credentials.has('awst-role')).toBe(false),
  },
  {
    name: 'item 4: [name] ; comment with [brackets] is another section for botocore',
    credentials: `[awst-role] ; temporary [do not edit]\naws_access_key_id = ASIACOMMENTED\naws_secret_access_key = c\n\n[default] # mine\n${KEY}`,
    config: '[profile awst-role] ; [x]\nregion = ap-south-1\n',
    check: ({ read }) => {
      expect(read.credentials.has('awst-role')).toBe(false);
      expect(read.credentials.has('awst-role] ; temporary [do not edit')).toBe(true);
    },
  },
  {
    name: 'item 5: Latin-1 bytes outside awst sections, read in a Latin-1 locale',
    encoding: 'latin-1',
    credentials: Buffer.concat([
      latin1('# caf\xe9 cr\xe9dentials\n[default]\n'),
      Buffer.from(KEY),
      latin1('owner = Jos\xe9\n\n'),
      Buffer.from(OLD),
    ]),
    config: Buffer.concat([latin1('; r\xe9gion\n[default]\nregion = eu-west-3\n'), Buffer.from(OLD_CONFIG)]),
    check: ({ after }) => {
      contains(after.credentials, latin1('# caf\xe9 cr\xe9dentials\n'));
      contains(after.credentials, latin1('owner = Jos\xe9\n'));
      contains(after.config, latin1('; r\xe9gion\n'));
    },
  },
  {
    name: 'item 5: Latin-1 bytes in a UTF-8 locale (botocore refuses the file before and after)',
    credentials: Buffer.concat([latin1('# \xe9t\xe9\n'), Buffer.from(`[default]\n${KEY}`)]),
    check: ({ after }) => contains(after.credentials, latin1('# \xe9t\xe9\n[default]\n')),
  },
  {
    name: 'a UTF-8 byte-order mark',
    credentials: `\ufeff[default]\n${KEY}`,
    config: '\ufeff[default]\nregion = eu-west-1\n',
    check: ({ after }) => expect(after.credentials.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])),
  },
  {
    name: 'no trailing newline, awst section last',
    credentials: `[default]\n${KEY}[awst-role]\naws_access_key_id = ASIAPREV\naws_secret_access_key = p`,
    config: '[profile awst-role]\nregion = us-east-1',
  },
  {
    name: 'no trailing newline, the removed section last',
    credentials: `[default]\n${KEY}${OLD.trimEnd()}`,
    config: `[default]\nregion = eu-west-1\n${OLD_CONFIG.trimEnd()}`,
  },
  {
    name: 'sso-session and services sections with sub-properties',
    config: [
      '[sso-session my-sso]',
      'sso_region = us-east-1',
      'sso_start_url = https://example.awsapps.com/start',
      '[services dev-endpoints]',
      's3 =',
      '  endpoint_url = http://localhost:4566',
      'dynamodb =',
      '  endpoint_url = http://localhost:8000',
      '[profile sso-dev]',
      'sso_session = my-sso',
      'services = dev-endpoints',
      OLD_CONFIG,
    ].join('\n'),
  },
  {
    name: 'sub-properties in a user profile and in the profile awst edits',
    config: [
      '[default]',
      's3 =',
      '  max_concurrent_requests = 10',
      '  signature_version = s3v4',
      'region = eu-west-1',
      '[profile awst-role]',
      's3 =',
      '    addressing_style = path',
      'output = json',
      '',
    ].join('\n'),
  },
  {
    name: 'unquoted and double-quoted user profiles with spaces',
    config:
      '[profile a b]\nregion = eu-west-1\n[profile "c d"]\nregion = eu-west-2\n[profile \'e f\']\noutput = json\n',
  },
  {
    name: 'a profile header with extra spaces or quotes that botocore maps to the same profile',
    // The JS SDK reads a header only with one space; botocore takes the whole profile from the later
    // section, so awst edits the user's section instead of adding one that would hide its settings.
    jsReadsProfile: false,
    config:
      '[profile   awst-role]\nregion = us-west-1\noutput = text\n[profile "awst-old"]\nregion = us-west-2\n',
    check: ({ after }) => {
      expect(after.config.toString()).toContain('[profile   awst-role]');
      expect(after.config.toString()).not.toContain('awst-old');
    },
  },
  {
    name: '[default] and [profile default] both in config',
    config: '[default]\nregion = eu-west-1\n[profile default]\noutput = json\n',
  },
  {
    name: "configparser's [DEFAULT] section applies to every section",
    credentials: `[DEFAULT]\nregion = eu-north-1\n[default]\n${KEY}${OLD}`,
  },
  {
    name: 'a config section without the profile prefix is not a profile',
    config: '[awst-role]\nregion = sa-east-1\n[preview]\ncloudfront = true\n',
  },
  {
    name: 'values holding = and : characters',
    config:
      '[profile tool]\ncredential_process = /usr/bin/tool --arn=arn:aws:iam::1:role/x --url=http://a:b@h\nmfa_serial: arn:aws:iam::123456789012:mfa/me\n',
  },
  {
    name: 'a key: value whose value holds =',
    credentials: `[odd]\nnote: a = b\n[default]\n${KEY}`,
  },
  {
    name: 'section names are case-sensitive',
    credentials: '[Awst-Role]\naws_access_key_id = ASIAUPPER\naws_secret_access_key = u\n',
    config: '[profile Awst-Role]\nregion = eu-west-1\n',
  },
  {
    name: 'duplicate-ish user headers with stray spaces',
    credentials: `[dev]\n${KEY}[ dev]\naws_access_key_id = AKIASPACE1\n[dev ]\naws_access_key_id = AKIASPACE2\n`,
  },
  {
    name: 'an indented header right after a header, and an indented [x] that continues a value',
    credentials: `[first]\n  [second]\nk = v\n  [not-a-section]\n${OLD}`,
  },
  {
    name: "indented keys with deeper continuation lines in awst's section",
    credentials:
      '[awst-role]\n  aws_access_key_id = ASIAPREV\n    continued\n  aws_secret_access_key = p\n  kept = yes\n',
  },
  {
    name: 'the removed profile sits between two others, with the next comment kept',
    credentials: `[default]\n${KEY}\n${OLD}\n# about the next one\n[next]\n${KEY}`,
    config: `${OLD_CONFIG}# next\n[profile next]\nregion = eu-west-1\n`,
  },
  {
    name: 'UTF-8 text in comments and values',
    credentials: `# café 日本\n[default]\n${KEY}owner = José Müller\n`,
    config: '[profile ünïcode]\nregion = eu-west-1\n',
  },
  {
    name: 'a no-break space at the end of a value',
    config: '[default]\nregion = eu-west-1\u00a0\n',
  },
  {
    name: 'old Mac line endings (a lone CR)',
    jsReadsProfile: false,
    credentials: `[default]\r${KEY.replaceAll('\n', '\r')}`,
  },
  {
    name: 'a user profile awst writes into keeps its other settings',
    config:
      '[profile awst-role]\ncredential_process = awst credential-process x y\nduration_seconds = 3600\n',
  },
  {
    name: 'empty sections and sections with only comments',
    credentials: `[empty]\n[commented]\n# nothing here\n\n[default]\n${KEY}`,
  },
  {
    name: 'a profile name with spaces in fresh files',
    profile: 'main-account DeveloperAccess',
    remove: 'main-account AdminAccess',
    credentials: `[main-account]\n${KEY}\n[main-account AdminAccess]\naws_access_key_id = ASIAADMIN\n`,
    config:
      "[profile 'main-account AdminAccess']\nregion = eu-west-1\n\n[profile main-account AdminAccess]\nregion = eu-west-1\n",
  },
  {
    name: 'a file botocore already refuses (a duplicate key elsewhere) stays as it was outside awst sections',
    credentials: `[default]\n${KEY}aws_access_key_id = AKIADUPLICATE\n${OLD}`,
  },
  {
    name: 'text before the first section',
    credentials: `stray = line\n[default]\n${KEY}`,
  },
  {
    name: 'a line that is neither key nor comment in a user section',
    credentials: `[default]\n${KEY}just some words\n`,
  },
  {
    name: 'a duplicate key in the section awst edits is reduced to one',
    credentials:
      '[awst-role]\naws_access_key_id = ASIA1\nAWS_ACCESS_KEY_ID = ASIA2\naws_secret_access_key = s\n',
  },
  {
    name: 'the main account profile holding a key besides config settings',
    config: `[profile main-account]\n${KEY}region = eu-west-1\n`,
  },
  {
    name: 'many profiles',
    credentials: `${Array.from({ length: 150 }, (_, i) => `[p${i}]\n${KEY}`).join('\n')}\n${OLD}`,
    config: Array.from({ length: 150 }, (_, i) => `[profile p${i}]\nregion = eu-west-1\n`).join(''),
  },
];
