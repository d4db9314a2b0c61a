#!/usr/bin/env node
// Runs the compiled CLI when built (Docker image), the TypeScript source through tsx otherwise.
import { existsSync } from 'node:fs';

const built = new URL('../dist/src/cli/trained.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../src/cli/trained.ts', import.meta.url).href);
}
