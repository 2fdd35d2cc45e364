import 'reflect-metadata';
import { prepare } from '@app/shared';
import { startNotifier } from '../../notifier/src/app.js';
import { startScheduler } from '../../scheduler/src/app.js';

/**
 * Both services in one process, sharing one database handle: the quick start on embedded PGlite
 * (which serves a single process). In containers each service runs from its own entry point.
 */
const { config, database } = await prepare('carecadence');
const notifier = await startNotifier(config, database);
const scheduler = await startScheduler(config, database);

const adminHint = config.adminToken
  ? 'Authorization: Bearer $ADMIN_TOKEN'
  : 'set ADMIN_TOKEN (16+ characters) and restart to create clinics';
console.log(
  [
    '',
    `carecadence is running (${database.driver}${config.databaseUrl ? '' : ` in ${config.dataDir}`}; email → ${config.smtpUrl ? 'SMTP' : `${config.dataDir}/outbox/email`}; SMS → ${config.twilio ? 'Twilio' : `${config.dataDir}/outbox/sms`})`,
    `  scheduler API  http://localhost:${config.schedulerPort}/v1`,
    `  notifier       http://localhost:${config.notifierPort}/health/ready`,
    '',
    'Create a clinic:',
    `  curl -s -X POST http://localhost:${config.schedulerPort}/v1/clinics -H "${adminHint.startsWith('Authorization') ? adminHint : 'Authorization: Bearer <ADMIN_TOKEN>'}" \\`,
    `    -H 'Content-Type: application/json' -d '{"name":"Riverside Massage","timezone":"America/Toronto","email":"care@example.com"}'`,
    ...(config.adminToken ? [] : [`  (${adminHint})`]),
    '',
  ].join('\n'),
);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    if (stopping) return;
    stopping = true;
    await scheduler.close();
    await notifier.close();
    await database.close();
    process.exit(0);
  });
}
