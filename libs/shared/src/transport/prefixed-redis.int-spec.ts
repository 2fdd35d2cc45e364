import { randomBytes } from 'node:crypto';
import { firstValueFrom } from 'rxjs';
import { redisOptionsFromUrl } from '../redis/redis.js';
import { PrefixedRedisClient, PrefixedRedisServer } from './prefixed-redis.js';

const redis = redisOptionsFromUrl(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const prefix = (name: string) => `{cc-test-${name}-${randomBytes(3).toString('hex')}}`;

async function deployment(channelPrefix: string, answer: string): Promise<PrefixedRedisServer> {
  const server = new PrefixedRedisServer({ ...redis, channelPrefix });
  server.addHandler('who-are-you', async (data: { n: number }) => ({ answer, n: data.n }));
  await new Promise<void>((resolve, reject) => {
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passes on what the Redis client raised, as it is
    void server.listen((error?: unknown) => (error ? reject(error) : resolve()));
  });
  return server;
}

describe('request/response between deployments sharing one Redis', () => {
  const a = prefix('a');
  const b = prefix('b');
  let servers: PrefixedRedisServer[];
  let clientA: PrefixedRedisClient;
  let clientB: PrefixedRedisClient;

  beforeAll(async () => {
    servers = [await deployment(a, 'deployment A'), await deployment(b, 'deployment B')];
    clientA = new PrefixedRedisClient({ ...redis, channelPrefix: a });
    clientB = new PrefixedRedisClient({ ...redis, channelPrefix: b });
    await clientA.connect();
    await clientB.connect();
  });

  afterAll(async () => {
    await clientA.close();
    await clientB.close();
    for (const server of servers) await server.close();
  });

  it('answers each client from its own deployment only', async () => {
    for (let n = 0; n < 20; n++) {
      const [fromA, fromB] = await Promise.all([
        firstValueFrom(clientA.send('who-are-you', { n })),
        firstValueFrom(clientB.send('who-are-you', { n })),
      ]);
      expect(fromA).toEqual({ answer: 'deployment A', n });
      expect(fromB).toEqual({ answer: 'deployment B', n });
    }
  });

  it('gets no answer from a deployment with another prefix', async () => {
    const lonely = new PrefixedRedisClient({ ...redis, channelPrefix: prefix('nobody') });
    await lonely.connect();
    const timeout = new Promise((resolve) => setTimeout(() => resolve('no answer'), 1000));
    await expect(Promise.race([firstValueFrom(lonely.send('who-are-you', { n: 1 })), timeout])).resolves.toBe('no answer');
    await lonely.close();
  });
});
