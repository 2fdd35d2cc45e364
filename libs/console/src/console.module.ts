import { Module } from '@nestjs/common';
import { CareTimelineModule } from '@app/care-timeline';
import { ClinicsModule } from '@app/clinics';
import { TodayController } from './today.controller.js';

/**
 * What the staff console needs beyond the other modules' APIs: `GET /v1/today`, which gathers
 * the care timeline's day and the replies the notifier holds. The console's files are served by
 * `serveConsole` (see start-scheduler).
 */
@Module({
  imports: [ClinicsModule, CareTimelineModule],
  controllers: [TodayController],
})
export class ConsoleModule {}
