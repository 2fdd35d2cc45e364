import 'reflect-metadata';
import { closeOnSignal, prepare, runAsService } from '@app/shared';
import { ensureDemoOwner } from '@app/clinics';
import { closeNotifier, startNotifier, startScheduler, startupBanner } from '@app/services';

/**
 * Both services in one process, sharing one database handle: the quick start on embedded PGlite
 * (which serves a single process). In containers each service runs from its own entry point.
 */
const { config, database } = await prepare('carecadence');
// Each service starts under its own name, which its log lines carry (one logger serves both).
const notifier = await runAsService('notifier', () => startNotifier(config, database));
const scheduler = await runAsService('scheduler', () => startScheduler(config, database));
console.log(startupBanner(config, database, await ensureDemoOwner(scheduler, config)));
console.log(`carecadence notifier: http://localhost:${config.notifierPort}/health/ready\n`);

closeOnSignal([() => scheduler.close(), () => closeNotifier(notifier), () => database.close()]);
