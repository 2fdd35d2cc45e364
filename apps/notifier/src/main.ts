import 'reflect-metadata';
import { closeOnSignal, prepare } from '@app/shared';
import { closeNotifier, startNotifier } from '@app/services';

const { config, database } = await prepare('notifier');
const app = await startNotifier(config, database);
console.log(`carecadence notifier: workers running; http://localhost:${config.notifierPort}/health/ready`);

// Closing the app closes the BullMQ worker, which waits for the jobs in hand to finish.
closeOnSignal([() => closeNotifier(app), () => database.close()]);
