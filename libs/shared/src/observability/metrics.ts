import { Controller, Get, Headers, Inject, type Provider, Res, UnauthorizedException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { AppConfig } from '../config/environment.js';
import { sameSecret } from '../security/constant-time.js';
import { APP_CONFIG } from '../config/tokens.js';

/** The service's own Prometheus registry: two services in one process (`npm start`) keep theirs apart. */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

export function metricsProviders(service: string): Provider[] {
  return [
    {
      provide: METRICS_REGISTRY,
      useFactory: () => {
        const registry = new Registry();
        registry.setDefaultLabels({ service });
        collectDefaultMetrics({ register: registry, prefix: 'carecadence_' });
        return registry;
      },
    },
  ];
}

/**
 * Express middleware timing every request into `carecadence_http_request_duration_seconds`,
 * labelled by route pattern (not the concrete path, which holds ids) and status.
 */
export function measureHttp(registry: Registry) {
  const duration = new Histogram({
    name: 'carecadence_http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  return (req: Request, res: Response, next: NextFunction) => {
    const end = duration.startTimer();
    res.once('finish', () => {
      // Express types req.route as any: the matched route, whose path is the pattern.
      const pattern = (req.route as { path?: string } | undefined)?.path;
      const route = pattern ? `${req.baseUrl ?? ''}${String(pattern)}` : 'unmatched';
      end({ method: req.method, route, status: String(res.statusCode) });
    });
    next();
  };
}

/** `GET /metrics` in Prometheus text format; needs `Authorization: Bearer <METRICS_TOKEN>` when that is set. */
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(METRICS_REGISTRY) private readonly registry: Registry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async metrics(@Res({ passthrough: true }) res: Response, @Headers('authorization') authorization?: string): Promise<string> {
    const token = this.config.metricsToken;
    if (token && !sameSecret(authorization?.replace(/^Bearer\s+/i, '') ?? '', token)) {
      throw new UnauthorizedException('GET /metrics needs Authorization: Bearer <METRICS_TOKEN>');
    }
    res.setHeader('Content-Type', this.registry.contentType);
    return this.registry.metrics();
  }
}
