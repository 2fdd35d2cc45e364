import { Module } from '@nestjs/common';
import { PatientRecordsModule } from '@app/care-timeline';
import { ConsentModule } from '@app/consent';
import { DeliveryModule } from '@app/delivery';
import { FlareUpAlertService } from './flare-up-alert.service.js';
import { InboundRepliesService } from './inbound-replies.service.js';
import { InboundSmsController } from './inbound-sms.controller.js';
import { RepliesHistoryController } from './replies-history.controller.js';
import { RepliesRepository } from './replies.repository.js';

/**
 * Patients' replies in the notifier: the incoming-SMS webhook, keywords (STOP, START, HELP, YES,
 * scores), flare-up alerts to the clinic, and the replies staff read. Owns `inbound_messages`;
 * asks consent (STOP/START), the care timeline (YES confirms) and delivery (the clinic's email).
 */
@Module({
  imports: [ConsentModule, DeliveryModule, PatientRecordsModule],
  controllers: [InboundSmsController, RepliesHistoryController],
  providers: [RepliesRepository, InboundRepliesService, FlareUpAlertService],
})
export class RepliesModule {}
