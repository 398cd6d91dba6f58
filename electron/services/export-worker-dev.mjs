// The export worker started from the TypeScript sources (tests, the CLI, browser mode): tsx
// first, then the worker itself. The built app starts the compiled export-worker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./export-worker.ts');
