import 'reflect-metadata';
import { closeOnSignal, prepare } from '@app/shared';
import { closeNotifier, startNotifier } from '../../notifier/src/app.js';
import { startScheduler } from '../../scheduler/src/app.js';
import { startupBanner } from '../../scheduler/src/banner.js';

/**
 * Both services in one process, sharing one database handle: the quick start on embedded PGlite
 * (which serves a single process). In containers each service runs from its own entry point.
 */
const { config, database } = await prepare('carecadence');
const notifier = await startNotifier(config, database);
const scheduler = await startScheduler(config, database);
console.log(startupBanner(config, database));
console.log(`carecadence notifier: http://localhost:${config.notifierPort}/health/ready\n`);

closeOnSignal([() => scheduler.close(), () => closeNotifier(notifier), () => database.close()]);
