export * from './types.js';
export * from './attribution.js';
