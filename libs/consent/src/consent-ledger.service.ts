import { Global, Injectable, Module } from '@nestjs/common';
import { type ApiConsentChange, CONSENT_LEDGER, type ConsentLedger } from '@app/care-timeline';
import type { Transaction } from '@app/shared';
import { ConsentRepository } from './consent.repository.js';

/** Writes the consent the clinic recorded through the API into the consent record (`source: api`). */
@Injectable()
export class ConsentLedgerService implements ConsentLedger {
  constructor(private readonly consent: ConsentRepository) {}

  recordApiChanges(tx: Transaction, changes: ApiConsentChange[]): Promise<void> {
    return this.consent.record(
      tx,
      changes.map((change) => ({ ...change, source: 'api' as const })),
    );
  }
}

/**
 * Provides the care timeline's CONSENT_LEDGER in the scheduler: patients created or changed
 * through the API have their consent recorded by the module that owns the record.
 */
@Global()
@Module({
  providers: [ConsentRepository, ConsentLedgerService, { provide: CONSENT_LEDGER, useExisting: ConsentLedgerService }],
  exports: [CONSENT_LEDGER],
})
export class ConsentLedgerModule {}
