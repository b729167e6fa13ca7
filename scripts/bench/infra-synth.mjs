// The infra figures: `pnpm -C packages/infra synth` as a user runs it (issue 14: at least 3x faster than
// importing the @cdktf/provider-aws index), its launcher without pnpm, and a fresh process that synthesizes
// the baseline from dist/ modules with deep provider imports (issue 3: at least 5x faster than the index).
export async function infraSynth({ report, goal }) {
  const { benchSynth } = await import('../../packages/infra/scripts/bench-synth.mjs');
  const { userMs, launcherMs, synthMs, indexImportMs } = benchSynth({ runs: 5 });
  const faster = (ms, target) =>
    goal(
      `${(indexImportMs / ms).toFixed(1)}x faster than the index import (target >= ${target}x)`,
      indexImportMs / ms >= target,
    );
  report('ms: pnpm -C packages/infra synth (as a user runs it)', userMs, faster(userMs, 3));
  report('ms: node packages/infra/scripts/run.cjs synth (no pnpm)', launcherMs, faster(launcherMs, 3));
  report('ms: infra synth of baseline (fresh process, dist/)', synthMs, faster(synthMs, 5));
  report('ms: import @cdktf/provider-aws index alone', indexImportMs);
}
