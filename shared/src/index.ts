export * from './text.js';
export * from './articles.js';
export * from './scheme.js';
export * from './api.js';
export * from './tokens.js';
export * from './intervals.js';
export * from './agreement/index.js';
export * from './formats/index.js';
