import 'reflect-metadata';
import { prepare } from '@app/shared';
import { startNotifier } from './app.js';

const { config, database } = await prepare('notifier');
const app = await startNotifier(config, database);
app.enableShutdownHooks();
process.once('beforeExit', () => void database.close());
console.log(`carecadence notifier listening on :${config.notifierPort}`);
