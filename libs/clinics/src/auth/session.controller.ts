import {
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  Post,
  Req,
  Res,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { APP_CONFIG, type AppConfig, type Clinic, type StaffMember } from '@app/shared';
import type { Request, Response } from 'express';
import type { Actor, AuthenticatedRequest } from './actor.js';
import { sessionCookie } from './cookies.js';
import { ClinicKeyGuard } from '../guards.js';
import { isSameOrigin } from './same-origin.js';
import { SessionDto, SignInDto } from './session.dto.js';
import { SessionsService } from './sessions.service.js';

function toSessionView(staff: StaffMember, clinic: Clinic, csrfToken: string): SessionDto {
  return {
    staff: { id: staff.id, email: staff.email, name: staff.name, role: staff.role },
    clinic: { id: clinic.id, name: clinic.name, timezone: clinic.timezone },
    csrfToken,
  };
}

/**
 * Staff sign-in for the console: `POST /v1/session` sets the session cookie, `GET` says who is
 * signed in (with the CSRF token), `DELETE` signs out.
 */
@ApiTags('session')
@Controller('v1/session')
export class SessionController {
  constructor(
    private readonly sessions: SessionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOkResponse({ type: SessionDto, description: 'signed in; the session cookie is set' })
  @ApiUnauthorizedResponse({ description: 'wrong email or password' })
  @ApiTooManyRequestsResponse({ description: 'five failed sign-ins within a minute for this account or address' })
  async signIn(@Body() dto: SignInDto, @Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<SessionDto> {
    // A form on another site must not sign a browser in to an account of its choosing.
    if (request.headers.origin !== undefined && !isSameOrigin({ origin: request.headers.origin, host: request.headers.host })) {
      throw new ForbiddenException('sign in from the console of this site');
    }
    const signedIn = await this.sessions.signIn(dto.email, dto.password, request.ip ?? 'unknown');
    response.setHeader('Set-Cookie', sessionCookie(signedIn.token, this.config.env === 'production'));
    return toSessionView(signedIn.staff, signedIn.clinic, signedIn.csrfToken);
  }

  @Get()
  @UseGuards(ClinicKeyGuard)
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ description: 'not signed in' })
  whoAmI(@Req() request: AuthenticatedRequest): SessionDto {
    if (!request.signedIn) throw new UnauthorizedException('not signed in (an API key has no session)');
    return toSessionView(request.signedIn.staff, request.clinic, request.signedIn.csrfToken);
  }

  @Delete()
  @UseGuards(ClinicKeyGuard)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'signed out; the cookie is cleared' })
  async signOut(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response): Promise<void> {
    const actor: Actor = request.actor;
    if (actor.type !== 'staff') throw new UnauthorizedException('not signed in (an API key has no session)');
    await this.sessions.signOut(actor.sessionTokenHash);
    response.setHeader('Set-Cookie', sessionCookie(null, this.config.env === 'production'));
  }
}
