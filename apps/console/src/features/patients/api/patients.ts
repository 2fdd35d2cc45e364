import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { ApiError, unwrap } from '../../../lib/api/errors';
import type { Schema } from '../../../lib/api/schemas';

export type PatientInput = Schema<'CreatePatientDto'>;
export type VisitInput = Schema<'CreateAppointmentDto'>;
export type PlanInput = Schema<'CreateTreatmentPlanDto'>;
export type Followup = Schema<'FollowupDto'>;
export type Patient = Schema<'PatientWithFlareUpDto'>;
export type Visit = Schema<'AppointmentDto'>;
export type TreatmentPlan = Schema<'TreatmentPlanDto'>;

/** A page of a list and the cursor of the next one (from `X-Next-Cursor`), if any. */
async function page<T>(call: Promise<{ data?: T[]; error?: unknown; response: Response }>): Promise<{ items: T[]; next?: string }> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, error);
  return { items: data ?? [], next: response.headers.get('X-Next-Cursor') ?? undefined };
}

/** A patient's visits or plans, latest first, a page at a time ("Show older" asks for the next). */
function usePatientList<T>(
  patientId: string,
  what: 'visits' | 'plans',
  fetchPage: (cursor?: string) => Promise<{ items: T[]; next?: string }>,
) {
  const pages = useInfiniteQuery({
    queryKey: ['patients', patientId, what],
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next,
  });
  return {
    data: pages.data?.pages.flatMap((p) => p.items) ?? [],
    error: pages.error,
    hasMore: pages.hasNextPage,
    loadMore: () => void pages.fetchNextPage(),
    loadingMore: pages.isFetchingNextPage,
  };
}

export type PatientList<T> = ReturnType<typeof usePatientList<T>>;

export function usePatientSearch(search: string) {
  return useQuery({
    queryKey: ['patients', 'search', search],
    queryFn: () => unwrap(api.GET('/v1/patients', { params: { query: { search: search || undefined, limit: 50 } } })),
    placeholderData: keepPreviousData,
  });
}

export function usePatient(id: string) {
  return useQuery({
    queryKey: ['patients', id],
    queryFn: () => unwrap(api.GET('/v1/patients/{id}', { params: { path: { id } } })),
  });
}

export function useCreatePatient() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: PatientInput) => unwrap(api.POST('/v1/patients', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['patients'] }),
  });
}

export function useUpdatePatient(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schema<'UpdatePatientDto'>) => unwrap(api.PATCH('/v1/patients/{id}', { params: { path: { id } }, body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['patients'] }),
  });
}

const PAGE = 50;

/** Everything the patient's page shows, each from the API that owns it. */
export function usePatientRecord(patientId: string) {
  const path = { params: { path: { id: patientId } } };
  const followups = useQuery({
    queryKey: ['patients', patientId, 'followups'],
    queryFn: () => unwrap(api.GET('/v1/followups', { params: { query: { patientId, limit: 200 } } })),
    refetchInterval: 5_000,
  });
  const visits = usePatientList(patientId, 'visits', (cursor) =>
    page(api.GET('/v1/appointments', { params: { query: { patientId, limit: PAGE, cursor } } })),
  );
  const plans = usePatientList(patientId, 'plans', (cursor) =>
    page(api.GET('/v1/treatment-plans', { params: { query: { patientId, limit: PAGE, cursor } } })),
  );
  const messages = useQuery({
    queryKey: ['patients', patientId, 'messages'],
    queryFn: () => unwrap(api.GET('/v1/patients/{id}/messages', path)),
    refetchInterval: 5_000,
  });
  const consent = useQuery({
    queryKey: ['patients', patientId, 'consent'],
    queryFn: () => unwrap(api.GET('/v1/patients/{id}/consent', path)),
  });
  const alerts = useQuery({
    queryKey: ['patients', patientId, 'alerts'],
    queryFn: () => unwrap(api.GET('/v1/patients/{id}/alerts', path)),
  });
  // Replies are listed for the clinic; the patient's are picked out here.
  const replies = useQuery({
    queryKey: ['patients', patientId, 'replies'],
    queryFn: async () => {
      const lists = await Promise.all(
        (['unread', 'read'] as const).map((status) => unwrap(api.GET('/v1/replies', { params: { query: { status, limit: 200 } } }))),
      );
      return lists.flat().filter((reply) => reply.patientId === patientId);
    },
  });
  return { visits, plans, followups, messages, consent, alerts, replies };
}

export type PatientRecord = ReturnType<typeof usePatientRecord>;

function usePatientChange<T>(patientId: string, change: (input: T) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: change, onSuccess: () => client.invalidateQueries({ queryKey: ['patients', patientId] }) });
}

export function useBookVisit(patientId: string) {
  return usePatientChange(patientId, (body: VisitInput) => unwrap(api.POST('/v1/appointments', { body })));
}

export function useRescheduleVisit(patientId: string) {
  return usePatientChange(patientId, ({ id, startsAt }: { id: string; startsAt: string }) =>
    unwrap(api.PATCH('/v1/appointments/{id}', { params: { path: { id } }, body: { startsAt } })),
  );
}

export type VisitChange = 'complete' | 'cancel' | 'no-show';

export function useChangeVisit(patientId: string) {
  return usePatientChange(patientId, ({ id, to }: { id: string; to: VisitChange }) => {
    const params = { params: { path: { id } } };
    if (to === 'complete') return unwrap(api.POST('/v1/appointments/{id}/complete', params));
    if (to === 'cancel') return unwrap(api.POST('/v1/appointments/{id}/cancel', params));
    return unwrap(api.POST('/v1/appointments/{id}/no-show', params));
  });
}

export function useStartPlan(patientId: string) {
  return usePatientChange(patientId, (body: PlanInput) => unwrap(api.POST('/v1/treatment-plans', { body })));
}

export function useCancelPlan(patientId: string) {
  return usePatientChange(patientId, (id: string) => unwrap(api.POST('/v1/treatment-plans/{id}/cancel', { params: { path: { id } } })));
}

/** The clinic's service types, for the booking form. */
export function useServiceTypes() {
  return useQuery({
    queryKey: ['cadences'],
    queryFn: () => unwrap(api.GET('/v1/cadences')),
    select: (cadences) => cadences.map((cadence) => cadence.serviceType),
  });
}

/** The words of a follow-up's message (the step it was planned with, in the language it went out in), asked for when staff open it. */
export function useFollowupMessage(id: string, open: boolean) {
  return useQuery({
    queryKey: ['followups', id, 'message'],
    queryFn: () => unwrap(api.GET('/v1/followups/{id}/message', { params: { path: { id } } })),
    enabled: open,
    staleTime: Infinity,
  });
}
