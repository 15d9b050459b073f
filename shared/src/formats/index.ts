/**
 * Export and import formats: pure functions over plain documents
 * (`ExportDoc`), offsets in code points. Exports come as generators of
 * per-document chunks so a large project streams in constant memory.
 */
export * from './model.js';
export * from './jsonl.js';
export * from './sentences.js';
export * from './bio.js';
export * from './conll.js';
export * from './hf.js';
export * from './webanno.js';
export * from './webannoRead.js';
export * from './brat.js';
export * from './w3c.js';
export * from './csv.js';
export * from './splits.js';
export * from './files.js';
export * from './manifest.js';
export * from './sequences.js';
export * from './agreementInput.js';
export * from './foreign/index.js';
export * from './conll2003.js';
