/** Injection tokens both services use for what the entry point builds before Nest starts. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const DATABASE = Symbol('DATABASE');
