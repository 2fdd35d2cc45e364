import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/errors';
import type { Schema } from '../../../lib/api/schemas';

export function useClinic() {
  return useQuery({ queryKey: ['clinic'], queryFn: () => unwrap(api.GET('/v1/clinics/me')) });
}

export function useUpdateClinic() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schema<'UpdateClinicDto'>) => unwrap(api.PATCH('/v1/clinics/me', { body })),
    onSuccess: () => Promise.all([client.invalidateQueries({ queryKey: ['clinic'] }), client.invalidateQueries({ queryKey: ['session'] })]),
  });
}

export function useStaff() {
  return useQuery({ queryKey: ['staff'], queryFn: () => unwrap(api.GET('/v1/staff')) });
}

export function useAddStaff() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: Schema<'CreateStaffDto'>) => unwrap(api.POST('/v1/staff', { body })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['staff'] }),
  });
}

export function useRemoveStaff() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/v1/staff/{id}', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['staff'] }),
  });
}

export function useChangePassword() {
  return useMutation({ mutationFn: (body: Schema<'ChangePasswordDto'>) => unwrap(api.PUT('/v1/staff/me/password', { body })) });
}

export function useApiKeys() {
  return useQuery({ queryKey: ['api-keys'], queryFn: () => unwrap(api.GET('/v1/api-keys')) });
}

export function useCreateApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => unwrap(api.POST('/v1/api-keys', { body: { name } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['api-keys'] }),
  });
}

export function useRevokeApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/v1/api-keys/{id}/revoke', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['api-keys'] }),
  });
}

export function useAudit() {
  return useQuery({ queryKey: ['audit'], queryFn: () => unwrap(api.GET('/v1/audit', { params: { query: { limit: 100 } } })) });
}
