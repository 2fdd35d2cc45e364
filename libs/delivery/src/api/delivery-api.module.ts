import { Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { CareTimelineModule, PatientRecordsModule } from '@app/care-timeline';
import { ClinicsModule } from '@app/clinics';
import { warmUpEmailRendererSoon } from '../rendering/email-html.js';
import { CadencePreviewController, CadencePreviewPageController } from './cadence-preview.controller.js';
import { FollowupMessageController } from './followup-message.controller.js';
import { MessagesController } from './messages.controller.js';

/**
 * The scheduler's side of delivery: `GET /v1/patients/:id/messages` (delivery records, answered by
 * the notifier), the cadence step preview and a follow-up's message (`GET /v1/followups/:id/message`),
 * rendered in-process by delivery's own renderer.
 */
@Module({
  imports: [ClinicsModule, PatientRecordsModule, CareTimelineModule],
  controllers: [MessagesController, CadencePreviewController, CadencePreviewPageController, FollowupMessageController],
})
export class DeliveryApiModule implements OnApplicationBootstrap {
  private readonly logger = new Logger(DeliveryApiModule.name);

  /** MJML loads in the background once the service is up, so the first preview answers at once. */
  onApplicationBootstrap(): void {
    warmUpEmailRendererSoon(this.logger);
  }
}
