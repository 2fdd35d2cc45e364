import { Module } from '@nestjs/common';
import { ClinicsModule } from '@app/clinics';
import { ConsentController } from './consent.controller.js';

/** The scheduler's `GET /v1/patients/:id/consent`, answered by the notifier's consent module. */
@Module({ imports: [ClinicsModule], controllers: [ConsentController] })
export class ConsentApiModule {}
