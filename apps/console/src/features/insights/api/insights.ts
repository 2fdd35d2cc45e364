import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/errors';
import type { Schema } from '../../../lib/api/schemas';

export type Insights = Schema<'InsightsDto'>;
export type StepOutcome = Schema<'StepOutcomeDto'>;
export type WeekOutcome = Schema<'WeekOutcomeDto'>;

/** What the page asks for: days in the clinic's zone (empty: the API's default, the last 30 days). */
export interface InsightsFilters {
  from: string;
  to: string;
  serviceType: string;
}

export function useInsights(filters: InsightsFilters) {
  const query = {
    ...(filters.from && { from: filters.from }),
    ...(filters.to && { to: filters.to }),
    ...(filters.serviceType && { serviceType: filters.serviceType }),
  };
  return useQuery({
    queryKey: ['insights', query],
    queryFn: () => unwrap(api.GET('/v1/insights', { params: { query } })),
    // While a new period loads, the last answer stays on screen instead of a blank page.
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** The clinic's service types, for the filter: every cadence it has, built-in or its own. */
export function useServiceTypes() {
  return useQuery({
    queryKey: ['cadences'],
    queryFn: () => unwrap(api.GET('/v1/cadences')),
    select: (cadences) => cadences.map((cadence) => cadence.serviceType),
  });
}
