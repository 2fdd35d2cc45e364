// Jest runs in native ESM mode (NestJS 12, drizzle, PGlite and nodemailer are ESM-only);
// @swc/jest compiles TypeScript with the same .swcrc as the build, decorator metadata included.
//
// Two projects, picked with --selectProjects (package.json scripts):
// - unit: `*.spec.ts`, needing neither Redis nor a database (PGlite included) nor a spawned process
//   (`npm run test:unit [paths…]`; Redis is pointed at a closed port so a spec that needs it fails here);
// - e2e: `*.int-spec.ts` beside the code and `test/*.e2e-spec.ts`, against the built services
//   (`npm run test:e2e`, which builds first).
import { readFileSync } from 'node:fs';

const swc = JSON.parse(readFileSync(new URL('./.swcrc', import.meta.url), 'utf8'));
const tsconfig = JSON.parse(readFileSync(new URL('./tsconfig.json', import.meta.url), 'utf8'));

// `@app/<module>` and `@app/<module>/*`, from tsconfig.json's paths so the two never disagree.
const aliases = Object.fromEntries(
  Object.entries(tsconfig.compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/*', '/(.*)')}$`,
    `<rootDir>/${target.replace(/^\.\//, '').replace('*', '$1')}`,
  ]),
);

const common = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }] },
  // `.json.js` files are real modules (libphonenumber-js wraps its metadata in one): keep them.
  moduleNameMapper: { ...aliases, '^(\\.{1,2}/.*?)(?<!\\.json)\\.js$': '$1' },
};

export default {
  // A global option: Jest does not take it per project.
  testTimeout: 60000,
  // A suite that fails half-way may leave a socket or a child process behind; the run must still
  // end (and report) rather than wait on it until CI's time limit.
  forceExit: true,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['**/*.spec.ts'],
      setupFiles: ['<rootDir>/test/support/unit-isolation.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['**/*.int-spec.ts', '**/*.e2e-spec.ts'],
    },
  ],
};
