import type { AwsApi } from '../aws/types.js';
import type { AwsFilePaths } from '../aws-files/paths.js';
import type { AwstConfig } from '../config/types.js';
import type { DebugFields } from '../terminal/debug.js';

export interface MfaCodeAnswer {
  code: string;
  /** Only codes typed at a terminal are asked for again when AWS rejects them. */
  canRetry: boolean;
}

export interface MfaCodeQuestion {
  serialNumber: string;
  attempt: number;
  /** Why a code is needed now, when a cached session existed: "your MFA code is 27 min old; …". */
  reason?: string;
  /** The pair being renewed, so that a command without a terminal can say what to run in one. */
  pair?: { account: string; role: string };
}

/** Everything the credential chain needs from the outside, so it runs without a terminal or the network in tests. */
export interface ChainContext {
  config: AwstConfig;
  paths: AwsFilePaths;
  /** Called only when an AWS call is needed (loading the SDK is not free). */
  api: () => AwsApi;
  /** Asks for an MFA code; `attempt` > 1 after AWS rejected the previous one. */
  askMfaCode: (request: MfaCodeQuestion) => Promise<MfaCodeAnswer>;
  now: () => Date;
  /** Runs after a new MFA session was obtained (automatic key rotation hooks in here). */
  afterNewMfaSession?: (session: MfaSession) => Promise<void>;
  /** A line for the user on stderr (never stdout, which may be eval'd or read as credential_process output). */
  note?: (line: string) => void;
  /** Like note, but a line already shown for this config file is not shown again. */
  noteOnce?: (line: string) => void;
  /** A decision for `--debug` (what was reused and why, which window, which device, why a prompt); no secrets. */
  debug?: (message: string, fields?: DebugFields) => void;
}

export interface Identity {
  userName: string;
  mfaSerial: string;
  /** The long-term key this identity was discovered with; a different key means discover again. */
  sourceAccessKeyId: string;
  /** IAM's CreateDate of that key, once known: automatic rotation then needs no ListAccessKeys. */
  sourceKeyCreatedAt?: Date;
}

export interface MfaSession {
  credentials: import('../aws/types.js').TemporaryCredentials;
  authenticatedAt: Date;
  identity: Identity;
}
