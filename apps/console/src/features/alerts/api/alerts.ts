import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/errors';

export type AlertStatus = 'open' | 'acknowledged';

export function useAlerts(status: AlertStatus) {
  return useQuery({
    queryKey: ['alerts', status],
    queryFn: () => unwrap(api.GET('/v1/alerts', { params: { query: { status, limit: 100 } } })),
    refetchInterval: 15_000,
  });
}

export function useAcknowledge() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/v1/alerts/{id}/acknowledge', { params: { path: { id } } })),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ['alerts'] }), client.invalidateQueries({ queryKey: ['today'] })]),
  });
}
