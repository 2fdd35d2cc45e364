// How the two deployable services are composed from the modules; the apps' entry points start them.
export { closeNotifier, startNotifier } from './notifier/start-notifier.js';
export { NotifierModule } from './notifier/notifier.module.js';
export { startupBanner } from './scheduler/banner.js';
export { SchedulerModule } from './scheduler/scheduler.module.js';
export { startScheduler } from './scheduler/start-scheduler.js';
