import { ConfigError, knownSettings, loadConfig } from './environment.js';

describe('loadConfig', () => {
  it('runs on embedded defaults with nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      redisUrl: 'redis://127.0.0.1:6379',
      dataDir: './data',
      schedulerPort: 3000,
      notifierPort: 3001,
      queuePrefix: '{carecadence}',
    });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.smtpUrl).toBeUndefined();
    expect(config.twilio).toBeUndefined();
  });

  it('treats an empty value as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', SMTP_URL: '  ' }).databaseUrl).toBeUndefined();
  });

  it.each([
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL', /redis:\/\//],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', /postgres/],
    [{ SCHEDULER_PORT: 'eighty' }, 'SCHEDULER_PORT', /port/],
    [{ NOTIFIER_PORT: '70000' }, 'NOTIFIER_PORT', /port/],
    [{ QUEUE_PREFIX: 'carecadence' }, 'QUEUE_PREFIX', /hash tag/],
    [{ ADMIN_TOKEN: 'short' }, 'ADMIN_TOKEN', /16/],
    [{ TWILIO_ACCOUNT_SID: 'AC123' }, 'TWILIO_ACCOUNT_SID', /AC followed by 32/],
    [{ TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`, TWILIO_FROM: '+15145550100' }, 'TWILIO_AUTH_TOKEN', /required/],
    [{ TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`, TWILIO_AUTH_TOKEN: 't' }, 'TWILIO_FROM', /E\.164/],
    [{ MAIL_FROM: 'nobody' }, 'MAIL_FROM', /address/],
    [{ DELIVERY_ATTEMPTS: '0' }, 'DELIVERY_ATTEMPTS', /1 to 50/],
    [{ SMS_PER_SECOND: 'fast' }, 'SMS_PER_SECOND', /per second/],
    [{ SMS_CAP_PER_DAY: '-1' }, 'SMS_CAP_PER_DAY', /0 means no limit/],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV', /development, production, test/],
    [{ UNSUBSCRIBE_SECRET: 'too-short' }, 'UNSUBSCRIBE_SECRET', /at least 32 random characters/],
    [{ UNSUBSCRIBE_SECRET: 'too-short' }, 'UNSUBSCRIBE_SECRET', /at least 32/],
    [{ SMS_SEGMENT_LIMIT: '0' }, 'SMS_SEGMENT_LIMIT', /between 1 and 10/],
    [{ SMS_SEGMENT_LIMIT: 'two' }, 'SMS_SEGMENT_LIMIT', /whole number/],
    [{ REDIS_CLUSTER_NODES: 'redis://10.0.0.1:7000' }, 'REDIS_CLUSTER_NODES', /host:port,host:port/],
    [{ REDIS_CLUSTER_NODES: '10.0.0.1:7000,10.0.0.2' }, 'REDIS_CLUSTER_NODES', /host:port,host:port/],
    [{ REDIS_CLUSTER_NODES: '10.0.0.1:70000' }, 'REDIS_CLUSTER_NODES', /10\.0\.0\.1:70000 is not a port number/],
    [{ REDIS_CLUSTER_NODES: '10.0.0.1:7000', REDIS_URL: 'redis://10.0.0.1:7000/2' }, 'REDIS_URL', /database/],
    [{ SEND_WINDOW: '15' }, 'SEND_WINDOW', /ISO 8601 duration from one minute to seven days/],
    [{ SEND_WINDOW: 'P1M' }, 'SEND_WINDOW', /ISO 8601 duration/],
    [{ SEND_WINDOW: 'PT30S' }, 'SEND_WINDOW', /from one minute/],
    [{ SEND_WINDOW: 'P8D' }, 'SEND_WINDOW', /to seven days/],
    [{ QUEUE_PARTITIONS: '0' }, 'QUEUE_PARTITIONS', /1 to 1024/],
    [{ QUEUE_PARTITIONS: 'many' }, 'QUEUE_PARTITIONS', /1 to 1024/],
    [{ NOTIFIER_PARTITIONS: 'even' }, 'NOTIFIER_PARTITIONS', /0-7,12/],
    [{ QUEUE_PARTITIONS: '8', NOTIFIER_PARTITIONS: '4-8' }, 'NOTIFIER_PARTITIONS', /4-8 is not within partitions 0 to 7/],
    [{ QUEUE_PARTITIONS: '8', NOTIFIER_PARTITIONS: '5-3' }, 'NOTIFIER_PARTITIONS', /5-3/],
  ])('names the bad setting in %j', (env, setting, reason) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).setting).toBe(setting);
    expect((error as ConfigError).message).toMatch(reason);
    expect((error as ConfigError).message.split('\n')).toHaveLength(1);
  });

  it('defaults delivery to 8 tries, 1 SMS a second, and caps of 1 SMS a day, 3 a week, 2 emails a day', () => {
    expect(loadConfig({}).delivery).toMatchObject({
      attempts: 8,
      perSecond: { sms: 1 },
      caps: { sms: { day: 1, week: 3 }, email: { day: 2, week: 0 } },
      sendWindowMs: 15 * 60_000,
    });
  });

  it('reads the send window as an ISO 8601 duration', () => {
    expect(loadConfig({ SEND_WINDOW: 'PT1H30M' }).delivery.sendWindowMs).toBe(90 * 60_000);
    expect(loadConfig({ SEND_WINDOW: 'P1DT30S' }).delivery.sendWindowMs).toBe(86_400_000 + 30_000);
  });

  it('accepts a messaging service instead of a from number', () => {
    const config = loadConfig({
      TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 't',
      TWILIO_MESSAGING_SERVICE_SID: `MG${'b'.repeat(32)}`,
    });
    expect(config.twilio).toMatchObject({ messagingServiceSid: `MG${'b'.repeat(32)}`, apiUrl: 'https://api.twilio.com' });
  });

  it('makes up an unsubscribe secret outside production and says so; keeps one that is set', () => {
    expect(loadConfig({})).toMatchObject({
      unsubscribeSecretGenerated: true,
      unsubscribeSecret: expect.stringMatching(/^.{32,}$/),
      smsSegmentLimit: 2,
    });
    const secret = 'x'.repeat(32);
    const config = loadConfig({ UNSUBSCRIBE_SECRET: secret, SMS_SEGMENT_LIMIT: '3' });
    expect(config).toMatchObject({ unsubscribeSecret: secret, smsSegmentLimit: 3 });
    expect(config.unsubscribeSecretGenerated).toBeUndefined();
  });

  it('reads the seed nodes of a Redis Cluster, with credentials and TLS from REDIS_URL', () => {
    expect(loadConfig({}).redisClusterNodes).toBeUndefined();
    const config = loadConfig({ REDIS_CLUSTER_NODES: ' redis-a:7000, 10.0.0.2:7001 ', REDIS_URL: 'rediss://:secret@ignored:6379' });
    expect(config.redisClusterNodes).toEqual([
      { host: 'redis-a', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
    ]);
  });

  it('splits the follow-ups queue into QUEUE_PARTITIONS, all consumed unless NOTIFIER_PARTITIONS picks some', () => {
    expect(loadConfig({}).queuePartitions).toEqual({ count: 1, consumed: [0] });
    expect(loadConfig({ QUEUE_PARTITIONS: '4' }).queuePartitions).toEqual({ count: 4, consumed: [0, 1, 2, 3] });
    expect(loadConfig({ QUEUE_PARTITIONS: '16', NOTIFIER_PARTITIONS: '12, 0-2,2' }).queuePartitions).toEqual({
      count: 16,
      consumed: [0, 1, 2, 12],
    });
  });

  it('lists every setting it reads', () => {
    expect(knownSettings()).toEqual(
      expect.arrayContaining([
        'REDIS_URL',
        'DATABASE_URL',
        'SMTP_URL',
        'TWILIO_API_URL',
        'ADMIN_TOKEN',
        'QUEUE_PREFIX',
        'UNSUBSCRIBE_SECRET',
        'SMS_SEGMENT_LIMIT',
        'REDIS_CLUSTER_NODES',
      ]),
    );
  });
});

describe('production mode', () => {
  const complete = {
    NODE_ENV: 'production',
    ADMIN_TOKEN: 'production-admin-token-0001',
    SMTP_URL: 'smtp://mail.example.com:587',
    TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`,
    TWILIO_AUTH_TOKEN: 't',
    TWILIO_FROM: '+15145550100',
    UNSUBSCRIBE_SECRET: 'production-unsubscribe-secret-0123456789',
  };

  it('starts with an admin token and real transports', () => {
    expect(loadConfig(complete).env).toBe('production');
  });

  it.each([
    ['ADMIN_TOKEN', /ADMIN_TOKEN/],
    ['SMTP_URL', /SMTP_URL \(unset: emails go to outbox files\)/],
    ['TWILIO_ACCOUNT_SID', /TWILIO_ACCOUNT_SID \(unset: SMS go to outbox files\)/],
    ['UNSUBSCRIBE_SECRET', /UNSUBSCRIBE_SECRET \(unset: unsubscribe links stop working when the notifier restarts\)/],
  ])('refuses to run without %s, in one line naming it and the way out', (setting, reason) => {
    const env: Record<string, string> = { ...complete };
    delete env[setting];
    if (setting === 'TWILIO_ACCOUNT_SID') {
      delete env.TWILIO_AUTH_TOKEN;
      delete env.TWILIO_FROM;
    }
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).setting).toBe(setting);
    expect((error as ConfigError).message).toMatch(reason);
    expect((error as ConfigError).message).toMatch(/ALLOW_DEVELOPMENT_DEFAULTS=true/);
    expect((error as ConfigError).message.split('\n')).toHaveLength(1);
  });

  it('names every development default at once', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/needs ADMIN_TOKEN, SMTP_URL, TWILIO_ACCOUNT_SID, UNSUBSCRIBE_SECRET /);
  });

  it('runs on development defaults when told so explicitly', () => {
    expect(loadConfig({ NODE_ENV: 'production', ALLOW_DEVELOPMENT_DEFAULTS: 'true' }).smtpUrl).toBeUndefined();
    expect(() => loadConfig({ NODE_ENV: 'production', ALLOW_DEVELOPMENT_DEFAULTS: 'false' })).toThrow(ConfigError);
    expect(() => loadConfig({ ALLOW_DEVELOPMENT_DEFAULTS: 'yes' })).toThrow(/ALLOW_DEVELOPMENT_DEFAULTS: must be true or false/);
  });

  it('does not ask development or test runs for production settings', () => {
    expect(() => loadConfig({})).not.toThrow();
    expect(() => loadConfig({ NODE_ENV: 'test' })).not.toThrow();
  });
});

describe('operations settings', () => {
  it('takes a metrics token and dashboard credentials, and turns the dashboard on only with both', () => {
    const config = loadConfig({
      METRICS_TOKEN: 'metrics-token-0123456',
      DASHBOARD_USER: 'ops',
      DASHBOARD_PASSWORD: 'long-enough-password',
    });
    expect(config.metricsToken).toBe('metrics-token-0123456');
    expect(config.dashboard).toEqual({ user: 'ops', password: 'long-enough-password' });
    expect(loadConfig({}).dashboard).toBeUndefined();
  });

  it.each([
    [{ METRICS_TOKEN: 'short' }, 'METRICS_TOKEN', /16/],
    [{ DASHBOARD_USER: 'ops' }, 'DASHBOARD_PASSWORD', /required with DASHBOARD_USER/],
    [{ DASHBOARD_PASSWORD: 'long-enough-password' }, 'DASHBOARD_USER', /required with DASHBOARD_PASSWORD/],
    [{ DASHBOARD_USER: 'ops', DASHBOARD_PASSWORD: 'short' }, 'DASHBOARD_PASSWORD', /12/],
  ])('names the bad setting in %j', (env, setting, reason) => {
    expect(() => loadConfig(env)).toThrow(reason);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).setting).toBe(setting);
    }
  });

  it('logs warnings only under NODE_ENV=test unless LOG_LEVEL says otherwise', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).logLevel).toBe('warn');
    expect(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
    expect(loadConfig({}).logLevel).toBe('log');
  });
});
