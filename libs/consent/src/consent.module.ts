import { Module } from '@nestjs/common';
import { PatientRecordsModule } from '@app/care-timeline';
import { ConsentHistoryController } from './consent-history.controller.js';
import { ConsentRepository } from './consent.repository.js';
import { ConsentService } from './consent.service.js';
import { UnsubscribeLinks } from './unsubscribe-links.js';
import { UnsubscribeController } from './unsubscribe.controller.js';

/**
 * Consent in the notifier: STOP/START and provider opt-outs, SMS suppressions, email unsubscribe
 * links and page, and the consent record the scheduler's API shows. Owns `consent_events` and
 * `sms_suppressions`; asks the care timeline to change a patient's consent flags.
 */
@Module({
  imports: [PatientRecordsModule],
  controllers: [UnsubscribeController, ConsentHistoryController],
  providers: [ConsentRepository, ConsentService, UnsubscribeLinks],
  exports: [ConsentService, UnsubscribeLinks],
})
export class ConsentModule {}
