import { z } from 'zod';

// Imported first by main.tsx, before any module parses with zod: the CSP
// allows no eval, so zod's compiled parsers (new Function) stay off and it
// never even probes for them (a probe is reported as a CSP violation).
z.config({ jitless: true });
