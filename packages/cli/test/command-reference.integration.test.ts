import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ESM script shared with the README generator.
import { commandReference, readmeSection } from '../scripts/command-reference.mjs';

// An integration test because it runs the built CLI's --help.
describe('README', () => {
  it('its command reference is the CLI help (regenerate: node packages/cli/scripts/command-reference.mjs --write)', () => {
    expect(readmeSection()).toBe(commandReference());
  });
});
