import type { components } from './schema';

/** A response or request body as the OpenAPI document names it (`Schema<'PatientDto'>`). */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
