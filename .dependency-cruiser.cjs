// Boundaries between the parts of the code, checked by dependency-cruiser in `npm run lint`
// (`npm run lint:deps` alone). Paths are relative to the repository root; `@app/…` aliases are
// resolved through tsconfig.json and `./x.js` specifiers find `./x.ts`, so every rule sees the file
// an import really reaches.
//
// Specs (`*.spec.ts`, `*.int-spec.ts`) sit beside the code they test and are not built into dist/
// (see `npm run build`), so the rules about what shipped code may reach leave them out. Cycles
// between folders are checked on the shipped code alone (`.dependency-cruiser-shipped.cjs`): a
// spec's import of test/support, which starts the services, would otherwise close a loop through
// every module.
const SPEC = '\\.(spec|int-spec|e2e-spec)\\.tsx?$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Files import each other in a circle: one of them holds something both need; move it to where both can import it.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-app-to-app',
      severity: 'error',
      comment: 'An app is an entry point that picks modules; it never reaches into another app. Share through a module in libs/.',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'not-to-test-or-bench',
      severity: 'error',
      comment: 'Shipped code must not depend on test/ or bench/: neither is built into dist/ or the image.',
      from: { path: '^(apps|libs)/', pathNot: SPEC },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'no-spec-to-bench',
      severity: 'error',
      comment: 'Specs beside the code may use test/support, never bench/.',
      from: { path: '^(apps|libs)/' },
      to: { path: '^bench/' },
    },
    // The direction between modules (docs/ARCHITECTURE.md): services → {care-timeline, delivery,
    // consent, replies, clinics} → shared; replies → {consent, delivery, care-timeline};
    // delivery → {consent, care-timeline, clinics}; consent → {care-timeline, clinics};
    // care-timeline → clinics; insights (a read model over the tables) → clinics only, and no
    // module but services imports it. The folder-cycle rule alone would let a new edge pick either way.
    ...[
      ['shared', 'clinics|care-timeline|delivery|consent|replies|insights|services'],
      ['clinics', 'care-timeline|delivery|consent|replies|insights|services'],
      ['care-timeline', 'delivery|consent|replies|insights|services'],
      ['consent', 'delivery|replies|insights|services'],
      ['delivery', 'replies|insights|services'],
      ['replies', 'insights|services'],
      ['insights', 'care-timeline|delivery|consent|replies|services'],
    ].map(([module, above]) => ({
      name: `module-direction-${module}`,
      severity: 'error',
      comment: `${module} sits below ${above.split('|').join(', ')}: it may not import them (ask through a queue event or an injected port instead).`,
      from: { path: `^libs/${module}/` },
      to: { path: `^libs/(${above})/` },
    })),
    {
      name: 'no-module-internals',
      severity: 'error',
      comment: "Another module is used through its public surface only: import '@app/<module>' (its src/index.ts), not a file inside it.",
      from: { path: '^libs/([^/]+)/' },
      to: { path: '^libs/[^/]+/', pathNot: ['^libs/$1/', '^libs/[^/]+/src/index\\.ts$', '^libs/[^/]+/src/testing/'] },
    },
    {
      name: 'no-test-factories-in-shipped-code',
      severity: 'error',
      comment: "A module's testing/ folder (test factories) is for specs; it is not built into dist/.",
      from: { pathNot: [SPEC, '/src/testing/', '^(test|bench)/'] },
      to: { path: '^libs/[^/]+/src/testing/' },
    },
    {
      name: 'no-module-internals-from-apps',
      severity: 'error',
      comment: "Apps use a module through its public surface only: import '@app/<module>' (its src/index.ts).",
      from: { path: '^apps/' },
      to: { path: '^libs/[^/]+/', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'console-features-apart',
      severity: 'error',
      comment:
        'A console feature never reaches into another (bulletproof-react): share through apps/console/src/components or lib, and compose pages in app/.',
      from: { path: '^apps/console/src/features/([^/]+)/' },
      to: { path: '^apps/console/src/features/', pathNot: '^apps/console/src/features/$1/' },
    },
    {
      name: 'not-to-dev-dep',
      severity: 'error',
      comment:
        'Shipped code imports a devDependency: the image installs production dependencies only (npm ci --omit=dev). Move it to dependencies.',
      // apps/console is bundled by Vite at build time: its packages never reach the image as such.
      from: { path: '^(apps|libs)/', pathNot: [SPEC, '^apps/console/'] },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'], pathNot: 'node_modules/@types/' },
    },
    {
      name: 'no-unit-spec-to-infrastructure',
      severity: 'error',
      comment:
        'A unit spec (*.spec.ts) needs neither Redis, a database (PGlite included) nor a spawned process. Name it *.int-spec.ts if it does.',
      from: { path: '\\.spec\\.ts$' },
      to: {
        path: [
          // bullmq itself is fine (its error classes, types); a Queue or Worker needs Redis through ioredis.
          '^node_modules/(ioredis|@electric-sql/pglite|pg)/',
          '^child_process$',
          '^test/support/(services|databases|redis-server|in-process|deployments|tcp-proxy)\\.ts$',
        ],
      },
    },
    {
      name: 'no-orphans',
      severity: 'error',
      comment: 'Nothing imports this file and it imports nothing: dead code, or an entry point to add to this rule.',
      from: {
        orphan: true,
        pathNot: [
          '\\.d\\.ts$',
          '(^|/)[^/]+\\.config\\.(c|m)?[jt]s$',
          '(^|/)\\.[^/]+\\.(c|m)?js$',
          // Loaded by jest.config.js (setupFiles) before every unit spec.
          '^test/support/unit-isolation\\.ts$',
        ],
      },
      to: {},
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'This import resolves to no file or package.',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      severity: 'error',
      comment: 'A package used but not listed in package.json: it works only by accident of hoisting.',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'no-deprecated-core',
      severity: 'error',
      comment: 'A deprecated Node.js core module.',
      from: {},
      to: { dependencyTypes: ['core'], path: '^(punycode|domain|constants|sys|_linklist|_stream_wrap)$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|dist-bench|coverage|data)/' },
    // Type-only imports count: a module that needs another's types depends on it too.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6', 'cjs'],
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
