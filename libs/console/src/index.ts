// The staff console's server side: the Today summary and serving the built single-page app.
export { ConsoleModule } from './console.module.js';
export { CONSOLE_CSP, CONSOLE_PATH, consoleBuildDir, serveConsole } from './serve-console.js';
