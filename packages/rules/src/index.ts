export * from './baseline.js';
export * from './config-toml.js';
export * from './rules.js';
