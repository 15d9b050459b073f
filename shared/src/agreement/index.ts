export * from './krippendorff.js';
export * from './cohen.js';
export * from './fleiss.js';
export * from './unitizing.js';
export * from './spanF1.js';
export * from './bootstrap.js';
export * from './report.js';
