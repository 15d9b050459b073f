export * from './units.js';
export * from './conflicts.js';
export * from './goldScores.js';
