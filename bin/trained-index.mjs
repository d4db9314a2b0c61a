#!/usr/bin/env -S node --max-old-space-size=256 --max-semi-space-size=32
// The heap flags keep the builder's memory flat over a long build: its live data is one
// row-group slice and two batches (~110 MB), but with V8's default ceiling (a quarter of
// the machine's RAM) the heap and the parquet buffers it frees late grow lazily to 550 MB+
// by 1M rows. A larger young generation cut the builder's CPU by about a fifth (250k rows).
// `npm run index` and the Docker job pass the same flags.
// Runs the compiled CLI when built (Docker image), the TypeScript source through tsx otherwise.
import { existsSync } from 'node:fs';

const built = new URL('../dist/index-builder/cli.js', import.meta.url);
if (existsSync(built)) {
  await import(built.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(new URL('../index-builder/cli.ts', import.meta.url).href);
}
