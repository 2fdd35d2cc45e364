import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiProperty } from '@nestjs/swagger';
import { PatientRecordsService } from '@app/care-timeline';
import { ClinicKeyGuard, CurrentClinic } from '@app/clinics';
import { type Clinic, IdPipe, LANGUAGES } from '@app/shared';
import { emailText } from '../rendering/email-document.js';
import { languageOf, renderMessage } from '../rendering/render-message.js';

class FollowupEmailDto {
  @ApiProperty()
  subject: string;

  @ApiProperty({ description: 'the plain-text part, footer included (the unsubscribe link is per delivery and left out)' })
  text: string;
}

class FollowupSmsDto {
  @ApiProperty({ description: 'as sent, without the opt-out line the first text to a number carries' })
  text: string;
}

export class FollowupMessageDto {
  @ApiProperty({ enum: LANGUAGES, description: 'the language it went out in (or will, for one not sent yet)' })
  language: string;

  @ApiProperty({ type: () => FollowupEmailDto, nullable: true, description: 'null when the step sends no email' })
  email: FollowupEmailDto | null;

  @ApiProperty({ type: () => FollowupSmsDto, nullable: true, description: 'null when the step sends no SMS' })
  sms: FollowupSmsDto | null;
}

/**
 * The words of a follow-up's message, for the patient's timeline: rendered by the notifier's renderer
 * from the step the follow-up was planned with, in the language it went out in, for its patient and
 * visit (later cadence edits do not change it; the clinic's and patient's details are today's).
 */
@Controller('v1/followups/:id/message')
@UseGuards(ClinicKeyGuard)
export class FollowupMessageController {
  constructor(private readonly records: PatientRecordsService) {}

  @Get()
  @ApiOkResponse({ type: FollowupMessageDto })
  async get(@CurrentClinic() clinic: Clinic, @Param('id', IdPipe) id: string): Promise<FollowupMessageDto> {
    const { followup, patient, appointment } = await this.records.followupForMessage(clinic.id, id);
    const message = renderMessage(followup.step, clinic, patient, appointment, {
      language: followup.language ?? languageOf(clinic, patient),
      now: followup.sentAt ?? followup.sendAt,
    });
    return {
      language: message.language,
      email: followup.channel === 'sms' ? null : { subject: message.subject, text: emailText(message.email) },
      sms: followup.channel === 'email' ? null : { text: message.sms },
    };
  }
}
