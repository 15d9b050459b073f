export * from './types.js';
export * from './attribution.js';
export * from './api.js';
export * from './quality.js';
export * from './lexicon.js';
