export * from './units.js';
export * from './conflicts.js';
