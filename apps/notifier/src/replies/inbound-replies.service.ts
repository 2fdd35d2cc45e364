import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import type { Clinic, InboundMessage } from '@app/shared';
import { ConsentService } from '../consent/consent.service.js';
import { mergeValues } from '../rendering/render-message.js';
import { FlareUpAlertService } from './flare-up-alert.service.js';
import { type ParsedReply, parseReply } from './parse-reply.js';
import { type Conversation, RepliesRepository } from './replies.repository.js';

/** The form fields of Twilio's incoming-message webhook that matter here. */
export interface InboundSms {
  MessageSid?: string;
  From?: string;
  To?: string;
  Body?: string;
  MessagingServiceSid?: string;
}

const DAY = 86_400_000;
// How far back a score or a YES may answer a check-in or a reminder of ours.
const ANSWER_WINDOW_DAYS = 14;
// How far back any reply is taken to belong to the conversation with a clinic.
const CONVERSATION_WINDOW_DAYS = 60;

const contact = (clinic: Clinic) => clinic.phone ?? clinic.email;

/**
 * What a patient's text does. A reply belongs to the latest text we sent to that number (the
 * conversation), which names the clinic and patient even when several clinics have a patient with
 * that number; STOP and START apply to the number itself, whichever clinic's patient it is.
 */
@Injectable()
export class InboundRepliesService {
  private readonly logger = new Logger(InboundRepliesService.name);

  constructor(
    private readonly replies: RepliesRepository,
    private readonly consent: ConsentService,
    private readonly flareUps: FlareUpAlertService,
  ) {}

  /** Stores and acts on a text; answers the text to send back, if any. A provider retry does nothing. */
  async receive(sms: InboundSms): Promise<string | undefined> {
    if (!sms.MessageSid || !sms.From || !(sms.MessagingServiceSid || sms.To)) {
      throw new BadRequestException('MessageSid, From and To are required');
    }
    const body = sms.Body ?? '';
    const parsed = parseReply(body);
    const reply = await this.replies.receive({
      providerMessageId: sms.MessageSid,
      from: sms.From,
      sender: sms.MessagingServiceSid || sms.To!,
      body,
      intent: parsed.intent,
      status: 'handled',
    });
    if (!reply) return undefined;
    const answer = await this.act(reply, parsed, new Date());
    this.logger.log(`reply ${reply.id} taken as ${parsed.intent}`);
    return answer;
  }

  private async act(reply: InboundMessage, parsed: ParsedReply, now: Date): Promise<string | undefined> {
    switch (parsed.intent) {
      case 'opt-out': {
        const conversation = await this.conversation(reply.from, now);
        await this.tag(reply, conversation);
        await this.consent.optOutPhone(reply.from, reply.sender, 'sms-stop');
        return `${this.signed(conversation)}You are unsubscribed and will receive no more texts from us. Reply START to resubscribe.`;
      }
      case 'opt-in': {
        const conversation = await this.conversation(reply.from, now);
        await this.tag(reply, conversation);
        await this.consent.optInPhone(reply.from, reply.sender);
        return `${this.signed(conversation)}You are resubscribed to care texts. Reply HELP for help, STOP to opt out.`;
      }
      case 'help': {
        const conversation = await this.conversation(reply.from, now);
        await this.tag(reply, conversation);
        const who = conversation ? `${conversation.clinic.name}: care reminders and check-ins about your visits. Questions: ${contact(conversation.clinic)}.` : 'Care reminders and check-ins from your clinic.';
        return `${who} Usually 1-4 texts per visit. Msg & data rates may apply. Reply STOP to opt out.`;
      }
      case 'checkin-score': {
        const checkin = await this.replies.latestTextTo(reply.from, this.since(now, ANSWER_WINDOW_DAYS), ['checkin', 'flareup-checkin']);
        if (!checkin) return this.unrecognised(reply, now);
        const { clinic, patient } = checkin;
        await this.tag(reply, checkin, { followupId: checkin.followup?.id, score: parsed.score });
        if (parsed.score >= clinic.flareUpThreshold) {
          await this.flareUps.raise(clinic, patient, reply, parsed.score);
          return `${clinic.name}: Thank you, ${patient.firstName}. We would like to see you: call ${contact(clinic)} to book a visit.`;
        }
        return `${clinic.name}: Thank you, ${patient.firstName}. If anything changes, call us at ${contact(clinic)}.`;
      }
      case 'confirm': {
        const reminder = await this.replies.latestTextTo(reply.from, this.since(now, ANSWER_WINDOW_DAYS), ['reminder']);
        const appointment = reminder?.followup?.appointmentId ? await this.replies.confirmAppointment(reminder.followup.appointmentId, now) : undefined;
        if (!reminder || !appointment) return this.unrecognised(reply, now);
        await this.tag(reply, reminder, { followupId: reminder.followup?.id });
        const when = mergeValues(reminder.clinic, reminder.patient, appointment);
        return `${reminder.clinic.name}: Thank you, your appointment on ${when.appointmentDate} at ${when.appointmentTime} is confirmed.`;
      }
      case 'unrecognised':
        return this.unrecognised(reply, now);
    }
  }

  /** Kept for staff to read (GET /v1/replies?status=unread); no automatic answer. */
  private async unrecognised(reply: InboundMessage, now: Date): Promise<undefined> {
    await this.tag(reply, await this.conversation(reply.from, now), { intent: 'unrecognised', status: 'unread' });
    return undefined;
  }

  private async tag(reply: InboundMessage, conversation: Conversation | undefined, values: Parameters<RepliesRepository['classify']>[1] = {}): Promise<void> {
    await this.replies.classify(reply.id, { clinicId: conversation?.clinic.id ?? null, patientId: conversation?.patient.id ?? null, ...values });
  }

  private async conversation(phone: string, now: Date): Promise<Conversation | undefined> {
    return (await this.replies.latestTextTo(phone, this.since(now, CONVERSATION_WINDOW_DAYS))) ?? (await this.replies.onlyPatientWithPhone(phone));
  }

  private signed(conversation: Conversation | undefined): string {
    return conversation ? `${conversation.clinic.name}: ` : '';
  }

  private since(now: Date, days: number): Date {
    return new Date(now.getTime() - days * DAY);
  }
}
