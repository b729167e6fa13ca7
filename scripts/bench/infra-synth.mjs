// Issue 3's figure: synthesizing the baseline stack (deep provider imports) beside importing the
// @cdktf/provider-aws index alone, each in a fresh Node process.
export async function infraSynth({ report }) {
  const { benchSynth } = await import('../../packages/infra/scripts/bench-synth.mjs');
  const { synthMs, indexImportMs } = benchSynth({ runs: 3 });
  report(
    'ms: infra synth of baseline (fresh process)',
    synthMs,
    `${(indexImportMs / synthMs).toFixed(1)}x faster than the index import (target >= 5x)`,
  );
  report('ms: import @cdktf/provider-aws index alone', indexImportMs);
}
