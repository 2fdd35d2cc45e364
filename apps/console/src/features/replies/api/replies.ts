import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/errors';

export type ReplyStatus = 'unread' | 'read';

export function useReplies(status: ReplyStatus) {
  return useQuery({
    queryKey: ['replies', status],
    queryFn: () => unwrap(api.GET('/v1/replies', { params: { query: { status, limit: 100 } } })),
    refetchInterval: 15_000,
  });
}

/** The names of the patients who wrote, by id (replies carry only the id). */
export function usePatientNames(ids: string[]) {
  return useQueries({
    queries: [...new Set(ids)].map((id) => ({
      queryKey: ['patients', id],
      queryFn: () => unwrap(api.GET('/v1/patients/{id}', { params: { path: { id } } })),
      staleTime: 60_000,
    })),
    combine: (results) =>
      new Map(
        results.flatMap((r) => (r.data ? [[r.data.id, [r.data.firstName, r.data.lastName].filter(Boolean).join(' ')] as const] : [])),
      ),
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/v1/replies/{id}/read', { params: { path: { id } } })),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ['replies'] }), client.invalidateQueries({ queryKey: ['today'] })]),
  });
}
