import type { Transaction } from '@app/shared';

/** A consent flag the clinic set or changed through the API. */
export interface ApiConsentChange {
  clinicId: string;
  patientId: string;
  channel: 'email' | 'sms';
  granted: boolean;
}

/**
 * Where the care timeline reports consent recorded through the API. The consent module owns the
 * consent record (`consent_events`) and provides this (`ConsentLedgerModule`); the care timeline
 * only knows this interface, so the two modules do not import each other in a circle.
 */
export interface ConsentLedger {
  recordApiChanges(tx: Transaction, changes: ApiConsentChange[]): Promise<void>;
}

export const CONSENT_LEDGER = Symbol('CONSENT_LEDGER');
