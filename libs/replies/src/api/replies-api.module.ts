import { Module } from '@nestjs/common';
import { ClinicsModule } from '@app/clinics';
import { RepliesController } from './replies.controller.js';

/** The scheduler's `GET /v1/replies` and `POST /v1/replies/:id/read`, answered by the notifier. */
@Module({ imports: [ClinicsModule], controllers: [RepliesController] })
export class RepliesApiModule {}
