import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CadencesService, CadenceStepDto, stepWarnings, templatesOf } from '@app/care-timeline';
import { ClinicKeyGuard, CurrentClinic } from '@app/clinics';
import {
  APP_CONFIG,
  type AppConfig,
  badRequest,
  type CadenceStep,
  type Clinic,
  createValidationPipe,
  FALLBACK_LANGUAGE,
  type FieldError,
  languageOfLocale,
  SERVICE_TYPE_PATTERN,
} from '@app/shared';
import { Type } from 'class-transformer';
import { IsDefined, IsOptional, Length, Matches, ValidateNested } from 'class-validator';
import { inflateRawSync } from 'node:zlib';
import { previewStep } from './preview-step.js';

const LOCALE = /^(en|fr)(-[A-Z]{2})?$/;
const LOCALE_MESSAGE = '$property must be en or fr (optionally with a region, e.g. fr-CA)';

export class PreviewQueryDto {
  @ApiProperty({ description: 'key of a step of this cadence', example: 'rebook-nudge' })
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: '$property must be the key of a step, e.g. aftercare' })
  step: string;

  @ApiPropertyOptional({ example: 'en' })
  @IsOptional()
  @Matches(LOCALE, { message: LOCALE_MESSAGE })
  locale?: string;
}

/** `preview.html` also takes the step being edited, packed by the console (see `draftStep`). */
export class PreviewPageQueryDto extends PreviewQueryDto {
  @ApiPropertyOptional({
    description: 'a draft step as PUT takes it: JSON, deflated (raw) and base64url-encoded; without it, the saved step',
    maxLength: 12000,
  })
  @IsOptional()
  @Length(1, 12000)
  @Matches(/^[A-Za-z0-9_-]+$/, { message: '$property must be base64url' })
  draft?: string;
}

export class PreviewDraftDto {
  @ApiProperty({ type: () => CadenceStepDto, description: 'a cadence step as PUT takes it' })
  // ValidateNested alone lets a missing step through (found by the API fuzzer: a 500).
  @IsDefined({ message: '$property is required: a cadence step as PUT /v1/cadences takes it' })
  @ValidateNested()
  @Type(() => CadenceStepDto)
  step: CadenceStepDto;

  @ApiPropertyOptional({ example: 'en' })
  @IsOptional()
  @Matches(LOCALE, { message: LOCALE_MESSAGE })
  locale?: string;
}

class PreviewEmailDto {
  @ApiProperty({ example: 'Time to book your next visit - Riverside Massage' })
  subject: string;

  @ApiProperty({ description: 'the plain-text part' })
  text: string;

  @ApiProperty({ description: 'the HTML part (a whole document: show it in a sandboxed frame)' })
  html: string;
}

class PreviewSmsDto {
  @ApiProperty({ description: 'as a first text: clinic name in front, opt-out line at the end' })
  text: string;

  @ApiProperty({ example: 2 })
  segments: number;

  @ApiProperty({ enum: ['GSM-7', 'UCS-2'] })
  encoding: 'GSM-7' | 'UCS-2';

  @ApiProperty({ description: 'SMS_SEGMENT_LIMIT', example: 2 })
  limit: number;
}

export class StepPreviewDto {
  @ApiProperty({ type: () => PreviewEmailDto, nullable: true, description: 'null for an SMS-only step' })
  email: PreviewEmailDto | null;

  @ApiProperty({ type: () => PreviewSmsDto, nullable: true, description: 'null for an email-only step' })
  sms: PreviewSmsDto | null;

  @ApiProperty({ type: [String], description: 'what will not read as written for this clinic; never a refusal' })
  warnings: string[];
}

/**
 * What a step sends, as a patient of the caller's clinic would get it, rendered by the notifier's
 * renderer (the same code that sends): `GET` for a step of the cadence, `POST` for a draft.
 */
@Controller('v1/cadences/:serviceType/preview')
@UseGuards(ClinicKeyGuard)
export class CadencePreviewController {
  constructor(
    private readonly cadences: CadencesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOkResponse({ type: StepPreviewDto })
  async ofStep(@CurrentClinic() clinic: Clinic, @Param('serviceType') serviceType: string, @Query() query: PreviewQueryDto) {
    const cadence = await this.cadences.get(clinic.id, this.serviceType(serviceType));
    const step = cadence.steps.find((candidate) => candidate.key === query.step);
    if (!step) throw new NotFoundException(`the ${serviceType} cadence has no step ${query.step}`);
    return this.preview(step, clinic, serviceType, query.locale);
  }

  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: StepPreviewDto })
  ofDraft(@CurrentClinic() clinic: Clinic, @Param('serviceType') serviceType: string, @Body() body: PreviewDraftDto) {
    return this.preview(stepOf(body.step), clinic, this.serviceType(serviceType), body.locale);
  }

  private serviceType(value: string): string {
    return serviceTypeParam(value);
  }

  private preview(step: CadenceStep, clinic: Clinic, serviceType: string, locale: string | undefined) {
    return renderPreview(step, clinic, serviceType, locale, this.config);
  }
}

/** A draft step as `POST …/preview` takes it, checked by the same rules. */
function stepOf(dto: CadenceStepDto): CadenceStep {
  const { key, kind, anchor, offset, channel, condition, template } = dto;
  return { key, kind, anchor, offset, channel, ...(condition && { condition }), template: templatesOf(template) };
}

/** The most a packed draft may unpack to: far above the longest valid step (about 70 kB), far below harm. */
const MAX_DRAFT_BYTES = 256 * 1024;

/**
 * The draft step of `preview.html?draft=`: unpacked and validated like the body of `POST …/preview`
 * (a field error names `draft.<field>`). Anything that does not unpack to JSON is a 400 on `draft`.
 */
async function draftStep(packed: string): Promise<CadenceStep> {
  let value: unknown;
  try {
    value = JSON.parse(inflateRawSync(Buffer.from(packed, 'base64url'), { maxOutputLength: MAX_DRAFT_BYTES }).toString('utf8'));
  } catch {
    throw badRequest([{ field: 'draft', reason: 'must be a step as JSON, deflated (raw) and base64url-encoded' }]);
  }
  try {
    const checked = (await createValidationPipe().transform(
      { step: value },
      { type: 'body', metatype: PreviewDraftDto },
    )) as PreviewDraftDto;
    return stepOf(checked.step);
  } catch (error) {
    if (!(error instanceof BadRequestException)) throw error;
    const body = error.getResponse() as { errors?: FieldError[] };
    throw badRequest((body.errors ?? []).map(({ field, reason }) => ({ field: field.replace(/^step\b/, 'draft'), reason })));
  }
}

function serviceTypeParam(value: string): string {
  if (!SERVICE_TYPE_PATTERN.test(value)) throw badRequest([{ field: 'serviceType', reason: 'must be kebab-case, e.g. medical-massage' }]);
  return value;
}

function renderPreview(step: CadenceStep, clinic: Clinic, serviceType: string, locale: string | undefined, config: AppConfig) {
  return previewStep(
    step,
    clinic,
    {
      serviceType,
      // Without a locale, as the clinic's patients without one read it.
      language: languageOfLocale(locale ?? clinic.defaultLocale) ?? FALLBACK_LANGUAGE,
      smsSegmentLimit: config.smsSegmentLimit,
      publicUrl: config.publicUrl,
      now: new Date(),
    },
    stepWarnings(step, clinic),
  );
}

/**
 * What the preview's HTML email may do in a browser: show its inline styles (MJML's) and the clinic's
 * https logo, nothing else: no script, no other request, no form, no plugin; framed only by this
 * site's own pages (the console), and sandboxed even if opened on its own.
 */
export const EMAIL_PREVIEW_CSP = [
  "default-src 'none'",
  "style-src 'unsafe-inline'",
  'img-src https:',
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'self'",
  'sandbox',
].join('; ');

/**
 * The HTML email of a step as a page of its own (`GET /v1/cadences/:serviceType/preview.html?step=&locale=`,
 * the saved step, or `&draft=` the one being edited), for the console to show in a sandboxed frame: the console's own policy allows no inline style,
 * and an email is made of them. Same sign-in as the API (a session cookie or a key); 404 for a step
 * that sends no email.
 */
@Controller('v1/cadences/:serviceType')
@UseGuards(ClinicKeyGuard)
export class CadencePreviewPageController {
  constructor(
    private readonly cadences: CadencesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get('preview.html')
  @ApiProduces('text/html')
  @ApiOkResponse({ description: "the step's email as a patient of the clinic would get it: an HTML document", type: String })
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Content-Security-Policy', EMAIL_PREVIEW_CSP)
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Referrer-Policy', 'no-referrer')
  @Header('Cache-Control', 'no-store')
  async page(
    @CurrentClinic() clinic: Clinic,
    @Param('serviceType') serviceType: string,
    @Query() query: PreviewPageQueryDto,
  ): Promise<string> {
    const cadence = await this.cadences.get(clinic.id, serviceTypeParam(serviceType));
    const step = query.draft ? await draftStep(query.draft) : cadence.steps.find((candidate) => candidate.key === query.step);
    if (!step) throw new NotFoundException(`the ${serviceType} cadence has no step ${query.step}`);
    const { email } = await renderPreview(step, clinic, serviceType, query.locale, this.config);
    if (!email) throw new NotFoundException(`step ${query.step} sends no email`);
    return email.html;
  }
}
