import 'reflect-metadata';
import { prepare } from '@app/shared';
import { startScheduler } from './app.js';

const { config, database } = await prepare('scheduler');
await startScheduler(config, database);
console.log(`carecadence scheduler API on http://localhost:${config.schedulerPort}/v1`);
