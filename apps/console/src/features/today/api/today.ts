import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/errors';

export function useToday() {
  return useQuery({ queryKey: ['today'], queryFn: () => unwrap(api.GET('/v1/today')), refetchInterval: 30_000 });
}

/** Re-plans a failed or dead follow-up: it goes out again as soon as the checks allow. */
export function useRetryFollowup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/v1/followups/{id}/retry', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries(),
  });
}
