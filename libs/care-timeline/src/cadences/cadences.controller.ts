import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { badRequest, type Clinic, SERVICE_TYPE_PATTERN } from '@app/shared';
import { type Actor, AuditService, ClinicKeyGuard, CurrentActor, CurrentClinic } from '@app/clinics';
import { CadenceDto, PutCadenceDto, SimulateCadenceDto, SimulationDto } from './cadence.dto.js';
import { cadenceWarnings } from './cadence-warnings.js';
import { type CadenceView, CadencesService } from './cadences.service.js';

/** The read-out staff see: the cadence and what will not read as written for this clinic. */
function withWarnings(view: CadenceView, clinic: Clinic): CadenceView & { warnings: string[] } {
  return { ...view, warnings: cadenceWarnings(view.steps, clinic) };
}

function serviceTypeParam(value: string): string {
  if (!SERVICE_TYPE_PATTERN.test(value)) throw badRequest([{ field: 'serviceType', reason: 'must be kebab-case, e.g. medical-massage' }]);
  return value;
}

@ApiTags('cadences')
@Controller('v1/cadences')
@UseGuards(ClinicKeyGuard)
export class CadencesController {
  constructor(
    private readonly cadences: CadencesService,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @ApiOkResponse({ type: CadenceDto, isArray: true })
  async list(@CurrentClinic() clinic: Clinic) {
    return (await this.cadences.list(clinic.id)).map((view) => withWarnings(view, clinic));
  }

  @Get(':serviceType')
  @ApiOkResponse({ type: CadenceDto })
  async get(@CurrentClinic() clinic: Clinic, @Param('serviceType') serviceType: string) {
    return withWarnings(await this.cadences.get(clinic.id, serviceTypeParam(serviceType)), clinic);
  }

  /** Replaces the cadence; applies to follow-ups planned after this call, not to those already planned. */
  @Put(':serviceType')
  @ApiOkResponse({ type: CadenceDto })
  async replace(
    @CurrentClinic() clinic: Clinic,
    @CurrentActor() actor: Actor,
    @Param('serviceType') serviceType: string,
    @Body() dto: PutCadenceDto,
  ) {
    const before = await this.cadences.find(clinic.id, serviceTypeParam(serviceType));
    const after = await this.cadences.replace(clinic, serviceType, dto);
    await this.audit.record(clinic.id, actor, {
      action: 'cadence.replace',
      subjectType: 'cadence',
      subjectId: serviceType,
      before: before ?? null,
      after,
    });
    return withWarnings(after, clinic);
  }

  /**
   * Back to the built-in cadence (`isDefault: true`); follow-ups already planned keep their steps.
   * Nothing to undo is still a 200. A service type of the clinic's own has no default: 409.
   */
  @Delete(':serviceType')
  @ApiOkResponse({ type: CadenceDto, description: 'the built-in cadence, now in effect' })
  async reset(@CurrentClinic() clinic: Clinic, @CurrentActor() actor: Actor, @Param('serviceType') serviceType: string) {
    const { before, after } = await this.cadences.reset(clinic.id, serviceTypeParam(serviceType));
    if (before) {
      await this.audit.record(clinic.id, actor, { action: 'cadence.reset', subjectType: 'cadence', subjectId: serviceType, before, after });
    }
    return withWarnings(after, clinic);
  }

  /** The messages this cadence (or edited steps, not saved) would send for a visit; nothing is stored. */
  @Post(':serviceType/simulate')
  @HttpCode(200)
  @ApiOkResponse({ type: SimulationDto })
  simulate(@CurrentClinic() clinic: Clinic, @Param('serviceType') serviceType: string, @Body() dto: SimulateCadenceDto) {
    return this.cadences.simulate(clinic, serviceTypeParam(serviceType), dto);
  }
}
