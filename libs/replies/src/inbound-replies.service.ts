import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { PatientRecordsService } from '@app/care-timeline';
import { ConsentService } from '@app/consent';
import { languageOf, mergeValues } from '@app/delivery';
import { type Clinic, FALLBACK_LANGUAGE, formatPhoneForPatient, type InboundMessage, type Language } from '@app/shared';
import { FlareUpAlertService } from './flare-up-alert.service.js';
import { type ParsedReply, parseReply } from './parse-reply.js';
import { type Conversation, RepliesRepository } from './replies.repository.js';
import { REPLY_TEXTS, type ReplyTexts } from './reply-texts.js';

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

/**
 * How the clinic is reached, as the patient texting from `from` writes its number (national for a
 * number of the clinic's country, as in the clinic's messages), and its booking page when it has one.
 */
const reachClinic = (clinic: Clinic, from: string) => ({
  contact: clinic.phone ? formatPhoneForPatient(clinic.phone, from) : clinic.email,
  bookingUrl: clinic.bookingUrl,
});

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
    private readonly patients: PatientRecordsService,
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
        return this.texts(conversation, parsed.language).optedOut(conversation?.clinic.name);
      }
      case 'opt-in': {
        const conversation = await this.conversation(reply.from, now);
        await this.tag(reply, conversation);
        await this.consent.optInPhone(reply.from, reply.sender);
        return this.texts(conversation, parsed.language).optedIn(conversation?.clinic.name);
      }
      case 'help': {
        const conversation = await this.conversation(reply.from, now);
        await this.tag(reply, conversation);
        return this.texts(conversation, parsed.language).help(
          conversation && { clinicName: conversation.clinic.name, ...reachClinic(conversation.clinic, reply.from) },
        );
      }
      case 'checkin-score': {
        const checkin = await this.replies.latestTextTo(reply.from, this.since(now, ANSWER_WINDOW_DAYS), ['checkin', 'flareup-checkin']);
        if (!checkin) return this.unrecognised(reply, now);
        const { clinic, patient } = checkin;
        await this.tag(reply, checkin, { followupId: checkin.followup?.id, score: parsed.score });
        const wantsVisit = parsed.score >= clinic.flareUpThreshold;
        if (wantsVisit) await this.flareUps.raise(clinic, patient, reply, parsed.score);
        return this.texts(checkin).checkinThanks(
          { clinicName: clinic.name, ...reachClinic(clinic, reply.from), firstName: patient.firstName },
          wantsVisit,
        );
      }
      case 'confirm': {
        const reminder = await this.replies.latestTextTo(reply.from, this.since(now, ANSWER_WINDOW_DAYS), ['reminder']);
        const appointment = reminder?.followup?.appointmentId
          ? await this.patients.confirmAppointment(reminder.followup.appointmentId, now)
          : undefined;
        if (!reminder || !appointment) return this.unrecognised(reply, now);
        await this.tag(reply, reminder, { followupId: reminder.followup?.id });
        const language = languageOf(reminder.clinic, reminder.patient);
        const when = mergeValues(reminder.clinic, reminder.patient, appointment, language, now);
        return REPLY_TEXTS[language].confirmed(reminder.clinic.name, { date: when.appointmentDate, time: when.appointmentTime });
      }
      case 'unrecognised':
        return this.unrecognised(reply, now);
    }
  }

  /** Answers go in the patient's language; to a number we do not know, in the keyword's. */
  private texts(conversation: Conversation | undefined, keywordLanguage?: Language): ReplyTexts {
    return REPLY_TEXTS[conversation ? languageOf(conversation.clinic, conversation.patient) : (keywordLanguage ?? FALLBACK_LANGUAGE)];
  }

  /** Kept for staff to read (GET /v1/replies?status=unread); no automatic answer. */
  private async unrecognised(reply: InboundMessage, now: Date): Promise<undefined> {
    await this.tag(reply, await this.conversation(reply.from, now), { intent: 'unrecognised', status: 'unread' });
    return undefined;
  }

  private async tag(
    reply: InboundMessage,
    conversation: Conversation | undefined,
    values: Parameters<RepliesRepository['classify']>[1] = {},
  ): Promise<void> {
    await this.replies.classify(reply.id, {
      clinicId: conversation?.clinic.id ?? null,
      patientId: conversation?.patient.id ?? null,
      ...values,
    });
  }

  private async conversation(phone: string, now: Date): Promise<Conversation | undefined> {
    return (
      (await this.replies.latestTextTo(phone, this.since(now, CONVERSATION_WINDOW_DAYS))) ??
      (await this.replies.onlyPatientWithPhone(phone))
    );
  }

  private since(now: Date, days: number): Date {
    return new Date(now.getTime() - days * DAY);
  }
}
