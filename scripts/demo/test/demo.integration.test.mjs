// `node scripts/demo.mjs` end to end against moto_server, and its clean-up when interrupted or failing.
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { budget, hasCommand } from '@awst/testkit';
import { describe, expect, it } from 'vitest';
import {
  announced,
  portOpen,
  processAlive,
  processesIn,
  repoStatus,
  startDemo,
  waitUntil,
} from './helpers.mjs';

const available = ['moto_server', 'terraform', 'aws'].every((tool) => hasCommand(tool));

/** Nothing of a finished run may survive: moto by pid and port, the temp HOME, processes started in it. */
async function expectCleanedUp(output) {
  const { home, port, pid } = announced(output);
  expect(home, output).toMatch(/awst-demo-/);
  expect(existsSync(home)).toBe(false);
  expect(processesIn(home)).toEqual([]);
  if (pid) {
    expect(processAlive(pid)).toBe(false);
    expect(await portOpen(port)).toBe(false);
  }
}

describe.skipIf(!available)('pnpm demo (needs moto_server, terraform, aws)', () => {
  it(
    'runs every step of the journey, then leaves nothing behind',
    async () => {
      const before = repoStatus();
      const demo = startDemo();
      const { code, output } = await demo.exited;
      expect(code, output).toBe(0);
      for (let step = 1; step <= 7; step++) {
        expect(output).toMatch(new RegExp(`^✔ ${step}/7 .*: ok in \\d+\\.\\d s$`, 'm'));
      }
      const table = output.slice(output.indexOf('\nstep '));
      expect(table.match(/^\d\. .* ok +\d+\.\d$/gm)).toHaveLength(7);
      expect(output).toContain('assumed-role/DeveloperAccess/admin');
      expect(output).toContain('Terraform ran as arn:aws:sts::123456789012:assumed-role/AdminAccess/admin');
      expect(output).not.toMatch(/aws_secret_access_key|SecretAccessKey|"Token"/);
      await expectCleanedUp(output);
      expect(repoStatus()).toBe(before);
      // moto; synth, init, apply and destroy of the baseline (its apply and destroy count twice: ~100
      // resources); init, apply and destroy of the example project; the awst and AWS CLI runs of the steps.
    },
    budget({ moto: 1, terraform: 8, processes: 20 }),
  );

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ])(
    'stops moto, removes the temp HOME and exits on %s in the middle of a step',
    async (signal, exitCode) => {
      const demo = startDemo();
      // Terraform's apply of the baseline is running, its provider plugin too, when the signal comes.
      await demo.waitFor(/terraform init {2}\(/);
      const { home } = announced(demo.output());
      await waitUntil(
        () => processesIn(home).some((line) => line.includes('terraform-provider-aws')),
        'the provider plugin of terraform apply',
      );
      demo.child.kill(signal);
      const { code, output } = await demo.exited;
      expect(code, output).toBe(exitCode);
      expect(output).toMatch(/^✘ 2\/7 .*: interrupted in/m);
      expect(output).toMatch(/^3\. .* skipped/m);
      expect(output).toContain(`Interrupted by ${signal}`);
      await expectCleanedUp(output);
    },
    budget({ moto: 1, terraform: 2, processes: 2 }),
  );

  it('exits 1 on a failed step, shows its error output, and cleans up', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'awst-demo-test-'));
    try {
      const fake = join(bin, 'terraform');
      writeFileSync(fake, '#!/bin/sh\necho "Error: this terraform is a test double" >&2\nexit 3\n');
      chmodSync(fake, 0o755);
      const demo = startDemo({ ...process.env, PATH: `${bin}:${process.env.PATH}` });
      const { code, output } = await demo.exited;
      expect(code, output).toBe(1);
      expect(output).toMatch(/^✘ 2\/7 .*: FAILED in/m);
      expect(output).toContain('terraform init exited with code 3');
      expect(output).toContain('Error: this terraform is a test double');
      await expectCleanedUp(output);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('pnpm demo without the emulator', () => {
  it('says how to install moto_server and exits 1', async () => {
    // A PATH with node, sh and the other tools' folders, but no moto_server.
    const path = (process.env.PATH ?? '')
      .split(':')
      .filter((dir) => dir && !existsSync(join(dir, 'moto_server')))
      .join(':');
    const demo = startDemo({ ...process.env, PATH: path });
    const { code, output } = await demo.exited;
    expect(code).toBe(1);
    expect(output).toContain('pipx install "moto[server]"');
  });
});
