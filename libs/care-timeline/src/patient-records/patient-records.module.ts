import { Module } from '@nestjs/common';
import { PatientRecordsRepository } from './patient-records.repository.js';
import { PatientRecordsService } from './patient-records.service.js';

/**
 * The part of the care timeline another module loads in-process to ask for a change to a table the
 * care timeline owns. No controllers, no queues: the notifier loads it without the scheduler's API.
 */
@Module({
  providers: [PatientRecordsRepository, PatientRecordsService],
  exports: [PatientRecordsService],
})
export class PatientRecordsModule {}
