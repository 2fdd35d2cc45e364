import type { DemoOwner } from '@app/clinics';
import { CONSOLE_PATH } from '@app/console';
import type { AppConfig, DatabaseHandle } from '@app/shared';

/** What a person starting the product needs to see: where things are and how to make a clinic. */
export function startupBanner(config: AppConfig, database: DatabaseHandle, demo?: DemoOwner): string {
  const storage = config.databaseUrl ? 'PostgreSQL' : `embedded PGlite in ${config.dataDir}`;
  const email = config.smtpUrl ? 'SMTP' : `files in ${config.dataDir}/outbox/email`;
  const sms = config.twilio ? 'Twilio' : `files in ${config.dataDir}/outbox/sms`;
  const token = config.adminTokenGenerated ? config.adminToken : '$ADMIN_TOKEN';
  const lines = [
    '',
    `carecadence scheduler API: http://localhost:${config.schedulerPort}/v1  (${storage}; ${database.driver})`,
    `  email → ${email}; SMS → ${sms}`,
    `Staff console: http://localhost:${config.schedulerPort}${CONSOLE_PATH}/`,
    demo
      ? `  sign in as ${demo.email} with ${demo.password} (a demo clinic; development only, a new password each start)`
      : '  sign in with the owner given to POST /v1/clinics ("owner": {"email", "name", "password"})',
  ];
  if (config.adminTokenGenerated) {
    lines.push(`  ADMIN_TOKEN was not set; this run's admin token is ${config.adminToken}`);
  } else if (!config.adminToken) {
    lines.push('  ADMIN_TOKEN is not set: clinics cannot be created until it is (16+ characters).');
  }
  lines.push(
    '',
    'Create a clinic (the answer holds its API key):',
    `  curl -s -X POST http://localhost:${config.schedulerPort}/v1/clinics -H "Authorization: Bearer ${token}" \\`,
    `    -H 'Content-Type: application/json' -d '{"name":"Riverside Massage","timezone":"America/Toronto","email":"care@example.com"}'`,
    '',
  );
  return lines.join('\n');
}
