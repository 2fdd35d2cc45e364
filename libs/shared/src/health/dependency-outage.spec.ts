import { DrizzleQueryError } from 'drizzle-orm/errors';
import { isDependencyOutage, OUTAGE_RETRY_MAX_MS, outageRetryDelay } from './dependency-outage.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('isDependencyOutage', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET')],
    ['pg: the connection closed under a query', new Error('Connection terminated unexpectedly')],
    ['pg-pool: no connection in time', new Error('timeout exceeded when trying to connect')],
    ['PostgreSQL shutting down (57P01)', withCode('terminating connection due to administrator command', '57P01')],
    ['PostgreSQL starting up (57P03)', withCode('the database system is starting up', '57P03')],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300')],
    ['a connection exception (08006)', withCode('connection failure', '08006')],
    ['ioredis: the connection is closed', new Error('Connection is closed.')],
    [
      'ioredis: retries per request spent',
      Object.assign(new Error('Reached the max retries per request limit (which is 20).'), { name: 'MaxRetriesPerRequestError' }),
    ],
    [
      'drizzle wrapping a dropped connection',
      new DrizzleQueryError('update "followups" set …', [], new Error('Connection terminated unexpectedly')),
    ],
  ])('recognises %s', (_what, error) => {
    expect(isDependencyOutage(error)).toBe(true);
  });

  it.each([
    ['a constraint PostgreSQL refused (23505)', new DrizzleQueryError('insert …', [], withCode('duplicate key value', '23505'))],
    ['a statement PostgreSQL could not run (42P01)', withCode('relation "nope" does not exist', '42P01')],
    ['a protocol violation (08P01), which would happen again', withCode('invalid message format', '08P01')],
    // Delivery classifies a provider's failure and rethrows it by its reason alone: it spends a try.
    ['a provider failure rethrown by delivery', new Error('econnrefused')],
    ['an SMTP refusal', Object.assign(new Error('451 try again later'), { responseCode: 451 })],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an error at all', 'Connection is closed.'],
  ])('does not take %s for an outage', (_what, error) => {
    expect(isDependencyOutage(error)).toBe(false);
  });
});

describe('outageRetryDelay', () => {
  it('doubles from one second and stops growing at ten', () => {
    const top = (tries: number) => outageRetryDelay(tries, () => 1);
    expect([1, 2, 3, 4, 5, 6, 20].map(top)).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);
    expect(top(0)).toBe(1_000);
  });

  it('spreads each wait over the upper half of its ceiling', () => {
    expect(outageRetryDelay(5, () => 0)).toBe(OUTAGE_RETRY_MAX_MS / 2);
    for (let i = 0; i < 200; i++) {
      const delay = outageRetryDelay(3);
      expect(delay).toBeGreaterThanOrEqual(2_000);
      expect(delay).toBeLessThanOrEqual(4_000);
    }
  });
});
