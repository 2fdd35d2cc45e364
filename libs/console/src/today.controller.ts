import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PatientsService, TodaysCareService } from '@app/care-timeline';
import { ClinicKeyGuard, CurrentClinic } from '@app/clinics';
import { type Clinic, MessagePattern, NotifierClient } from '@app/shared';
import { TodayDto } from './today.dto.js';

/** Unread replies are counted by reading them from the notifier, one page at most. */
const REPLIES_COUNTED = 200;
const REPLIES_LISTED = 10;

/** The front desk's day in one answer: the care timeline's part and the replies waiting for staff. */
@ApiTags('today')
@Controller('v1/today')
@UseGuards(ClinicKeyGuard)
export class TodayController {
  constructor(
    private readonly care: TodaysCareService,
    private readonly patients: PatientsService,
    private readonly notifier: NotifierClient,
  ) {}

  @Get()
  @ApiOkResponse({ type: TodayDto })
  async today(@CurrentClinic() clinic: Clinic) {
    const [care, replies] = await Promise.all([
      this.care.summary(clinic.id),
      // Today still opens when the notifier is down; the replies count is then unknown (null).
      this.notifier
        .ask(MessagePattern.ListReplies, { clinicId: clinic.id, status: 'unread', limit: REPLIES_COUNTED }, 'the unread replies')
        .catch(() => undefined),
    ]);
    const unread = (replies?.items ?? []).slice(0, REPLIES_LISTED).map((reply) => ({ ...reply, patientId: reply.patientId ?? null }));
    return {
      ...care,
      counts: { ...care.counts, unreadReplies: replies ? replies.items.length : null },
      unreadReplies: await this.patients.withNames(clinic.id, unread),
    };
  }
}
