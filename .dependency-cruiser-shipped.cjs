// The shipped code alone: apps/ and libs/ without specs and test factories, as `npm run build`
// compiles it. Checked here, not in `.dependency-cruiser.cjs`, because a folder's dependencies are
// those of every file in it: a spec's import of test/support (which starts the services, so
// imports every module) would make each module's folder depend on all the others.
const base = require('./.dependency-cruiser.cjs');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular-between-folders',
      severity: 'error',
      scope: 'folder',
      comment: 'Two folders import each other (perhaps through others): the boundary between them is not real.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    ...base.options,
    exclude: { path: [base.options.exclude.path, '\\.(spec|int-spec|e2e-spec)\\.ts$', '/src/testing/'] },
  },
};
