// Set up before every unit spec (jest.config.js, project `unit`). Unit specs need neither Redis nor
// a database, so Redis is pointed at a port where nothing listens and the database settings are
// dropped: a spec that does need them fails in `npm run test:unit` instead of passing only on a
// machine that happens to run Redis. Such a spec is an `*.int-spec.ts`.
process.env.REDIS_URL = 'redis://127.0.0.1:1';
delete process.env.DATABASE_URL;
delete process.env.TEST_DATABASE_URL;
