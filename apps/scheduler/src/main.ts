import 'reflect-metadata';
import { closeOnSignal, prepare } from '@app/shared';
import { ensureDemoOwner } from '@app/clinics';
import { startScheduler, startupBanner } from '@app/services';

const { config, database } = await prepare('scheduler');
const app = await startScheduler(config, database);
console.log(startupBanner(config, database, await ensureDemoOwner(app, config)));

closeOnSignal([() => app.close(), () => database.close()]);
