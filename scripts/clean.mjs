#!/usr/bin/env node
// Empties a build output folder before a build, so a file deleted or moved in the source does not
// live on in dist/ (or dist-bench/) and get run or copied into the image.
// Usage: node scripts/clean.mjs <folder>…
import { rmSync } from 'node:fs';

for (const folder of process.argv.slice(2)) rmSync(folder, { recursive: true, force: true });
