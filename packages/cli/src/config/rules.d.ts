// Types for rules.js (see there why it is JavaScript).
export declare const ACCOUNT_ID: RegExp;
export declare const MFA_SERIAL: RegExp;
export declare const REGION: RegExp;
export declare const IAM_NAME: RegExp;
export declare const ACCOUNT_NAME: RegExp;
export declare const PROFILE_NAME: RegExp;
export interface MinuteRange {
  readonly min: number;
  readonly max: number;
}
export declare const MINUTES: {
  readonly roleDuration: MinuteRange;
  readonly roleMfaMaxAge: MinuteRange;
  readonly mfaSessionDuration: MinuteRange;
  readonly selfServiceMfaMaxAge: MinuteRange;
  readonly keyRotationInterval: MinuteRange;
  readonly reuseCredentials: MinuteRange;
};
export declare function minutesWithin(range: MinuteRange, minutes: number): boolean;
export declare const PUBLISHED_CONFIG_PARAMETER: string;
