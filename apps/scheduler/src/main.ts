import 'reflect-metadata';
import { closeOnSignal, prepare } from '@app/shared';
import { startScheduler } from './app.js';
import { startupBanner } from './banner.js';

const { config, database } = await prepare('scheduler');
const app = await startScheduler(config, database);
console.log(startupBanner(config, database));

closeOnSignal([() => app.close(), () => database.close()]);
