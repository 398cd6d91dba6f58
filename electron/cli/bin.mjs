#!/usr/bin/env node
// Launcher for the `scorecard` command: runs the TypeScript CLI through tsx.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('./scorecard.ts');
process.exitCode = await run(process.argv.slice(2));
