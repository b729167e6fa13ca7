// The infra figures: `pnpm -C packages/infra synth` as a user runs it (issue 14: at least 3x faster than
// importing the @cdktf/provider-aws index); the fresh process pnpm starts for it, which synthesizes the
// baseline from the esbuild bundle with deep provider imports (issue 3: at least 5x faster than the index);
// and, for comparison, the same synth from tsc's dist/ ES modules, which only tests and the demo load.
export async function infraSynth({ report, goal }) {
  const { benchSynth } = await import('../../packages/infra/scripts/bench-synth.mjs');
  const { userMs, pnpmMs, launcherMs, synthMs, indexImportMs } = benchSynth({ runs: 7 });
  const faster = (ms, target) =>
    goal(
      `${(indexImportMs / ms).toFixed(1)}x faster than the index import (target >= ${target}x)`,
      indexImportMs / ms >= target,
    );
  report('ms: pnpm -C packages/infra synth (as a user runs it)', userMs, faster(userMs, 3));
  report(
    'ms: pnpm -C packages/infra exec true (pnpm alone)',
    pnpmMs,
    "pnpm's own start-up, in the figure above",
  );
  report('ms: synth baseline, fresh process (run.cjs: the bundle)', launcherMs, faster(launcherMs, 5));
  report(
    'ms: synth baseline from dist/ ES modules (tests only)',
    synthMs,
    `${(indexImportMs / synthMs).toFixed(1)}x faster than the index import`,
  );
  report('ms: import @cdktf/provider-aws index alone', indexImportMs);
}
