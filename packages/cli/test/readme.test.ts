import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script shared with the README generator.
import { commandReference, README, readmeSection } from '../scripts/command-reference.mjs';

describe('README', () => {
  it('its command reference is the CLI help (regenerate: node packages/cli/scripts/command-reference.mjs --write)', () => {
    expect(readmeSection()).toBe(commandReference());
  });

  it('its Quick start is one sh block of exactly two command lines', () => {
    const text = readFileSync(README, 'utf8');
    const quickStart = /## Quick start\n+```sh\n([\s\S]*?)```/.exec(text)?.[1];
    expect(quickStart?.trim().split('\n')).toHaveLength(2);
    expect(text.indexOf('\n## ')).toBe(text.indexOf('\n## Quick start'));
  });
});
