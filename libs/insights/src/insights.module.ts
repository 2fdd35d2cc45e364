import { Module } from '@nestjs/common';
import { ClinicsModule } from '@app/clinics';
import { InsightsController } from './insights.controller.js';
import { InsightsRepository } from './insights.repository.js';
import { InsightsService } from './insights.service.js';

/**
 * Care outcomes (`GET /v1/insights`): a read model over other modules' tables that writes nothing
 * (docs/ARCHITECTURE.md, "Read models"). Runs in the scheduler.
 */
@Module({
  imports: [ClinicsModule],
  controllers: [InsightsController],
  providers: [InsightsRepository, InsightsService],
})
export class InsightsModule {}
