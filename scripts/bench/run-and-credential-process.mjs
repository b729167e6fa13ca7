// Issue 5's figures: the cached paths that tools call many times a day, beside Node and the AWS CLI.
export async function runAndCredentialProcess({ ws, wall, report, goal, sdkModulesLoaded }) {
  const { node, credentialProcess, runTrue, awsCli } = wall;
  report(
    'ms: awst credential-process (cached)',
    credentialProcess.toFixed(1),
    ratios(goal, credentialProcess, node, awsCli),
  );
  report('ms: awst run -- true (cached)', runTrue.toFixed(1), ratios(goal, runTrue, node, awsCli));
  report('ms: aws configure get region --profile …', awsCli.toFixed(1));
  const sdkModules = sdkModulesLoaded(ws, ['credential-process', 'main-account', 'DeveloperAccess']);
  report(
    'AWS SDK modules loaded: credential-process (cached)',
    sdkModules,
    goal('target 0', sdkModules === 0),
  );
}

function ratios(goal, ms, node, awsCli) {
  return goal(
    `${(ms / node).toFixed(2)}x node (target <= 2x), ${(awsCli / ms).toFixed(1)}x faster than the AWS CLI (target >= 3x)`,
    ms / node <= 2 && awsCli / ms >= 3,
  );
}
