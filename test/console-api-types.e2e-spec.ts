// The console's API types are generated from the scheduler's OpenAPI document; this fails when a
// change to the API was not followed by `npm run console:api-types` (so the console cannot drift).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { ROOT } from './support/services.js';

it('the committed console API types match the OpenAPI document of the built scheduler', async () => {
  const run = promisify(execFile);
  const { stdout } = await run(process.execPath, ['scripts/console-api-types.mjs', '--check'], { cwd: ROOT, timeout: 150_000 }).catch(
    (error: { stderr?: string; message: string }) => {
      throw new Error(error.stderr || error.message);
    },
  );
  expect(stdout).toContain('console API types match the OpenAPI document');
}, 180_000);
