export * from './api.js';
export * from './quotes.js';
export * from './counts.js';
export * from './figures.js';
export * from './profile.js';
export * from './docs.js';
export * from './behind.js';
