export * from './aws-account.js';
export * from './moto.js';
export * from './workspace.js';
