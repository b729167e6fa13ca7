export * from './aws-account.js';
export * from './budget.js';
export * from './moto.js';
export * from './package-install.js';
export * from './terraform.js';
export * from './unit-run.js';
export * from './workspace.js';
