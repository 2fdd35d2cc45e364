import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../../lib/api/client';
import { unwrap } from '../../../lib/api/errors';
import type { Schema } from '../../../lib/api/schemas';

export type CadenceStep = Schema<'CadenceStepDto'>;

export function useCadences() {
  return useQuery({ queryKey: ['cadences'], queryFn: () => unwrap(api.GET('/v1/cadences')) });
}

export function useCadence(serviceType: string) {
  return useQuery({
    queryKey: ['cadences', serviceType],
    queryFn: () => unwrap(api.GET('/v1/cadences/{serviceType}', { params: { path: { serviceType } } })),
  });
}

export function useSaveCadence(serviceType: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (steps: CadenceStep[]) =>
      unwrap(api.PUT('/v1/cadences/{serviceType}', { params: { path: { serviceType } }, body: { steps } })),
    onSuccess: (cadence) => {
      client.setQueryData(['cadences', serviceType], cadence);
      return client.invalidateQueries({ queryKey: ['cadences'], exact: true });
    },
  });
}

/** Back to the built-in cadence: the clinic's version goes (recorded in the audit log). */
export function useResetCadence(serviceType: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/v1/cadences/{serviceType}', { params: { path: { serviceType } } })),
    onSuccess: (cadence) => {
      client.setQueryData(['cadences', serviceType], cadence);
      return client.invalidateQueries({ queryKey: ['cadences'], exact: true });
    },
  });
}

/** A value that settles `delay` ms after it stops changing: one preview per pause in typing. */
function useSettled<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

/**
 * The step as a patient would receive it, rendered by the server with the real renderer for a
 * sample patient and this clinic (decision 12: never re-implemented here), with the SMS's
 * segments and encoding against the configured limit.
 */
export function usePreview(serviceType: string, step: CadenceStep | undefined, locale: string) {
  const settled = useSettled(step, 250);
  return useQuery({
    queryKey: ['cadences', serviceType, 'preview', locale, settled],
    queryFn: () =>
      unwrap(api.POST('/v1/cadences/{serviceType}/preview', { params: { path: { serviceType } }, body: { step: settled!, locale } })),
    enabled: settled !== undefined,
    placeholderData: (previous) => previous,
    retry: false,
  });
}

/** What the cadence would send for a visit at `startsAt`, with quiet hours and "too late" applied. */
export function useSimulation(serviceType: string) {
  return useMutation({
    mutationFn: (body: { startsAt: string; durationMinutes: number; steps?: CadenceStep[] }) =>
      unwrap(api.POST('/v1/cadences/{serviceType}/simulate', { params: { path: { serviceType } }, body })),
  });
}

/** Bytes as base64url (no padding), as the API reads `draft`. */
function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The step as JSON, deflated: what `preview.html?draft=` takes, short enough for an address. */
async function packStep(step: CadenceStep): Promise<string> {
  const stream = new Blob([JSON.stringify(step)]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return base64url(new Uint8Array(await new Response(stream).arrayBuffer()));
}

/**
 * The address of the step's HTML email, rendered by the server for a sample patient reading
 * `language` (`GET …/preview.html`, the step being edited packed in `draft`), for a sandboxed
 * frame. Settles like the preview, so the frame reloads once per pause in typing.
 */
export function useEmailPageUrl(serviceType: string, step: CadenceStep | undefined, language: string): string | undefined {
  const settled = useSettled(step, 250);
  const packed = useQuery({
    queryKey: ['cadences', serviceType, 'email-page', settled],
    queryFn: () => packStep(settled!),
    enabled: settled !== undefined,
    placeholderData: (previous) => previous,
    staleTime: Infinity,
  });
  if (!settled || !packed.data) return undefined;
  const query = new URLSearchParams({ step: settled.key, locale: language, draft: packed.data });
  return `/v1/cadences/${encodeURIComponent(serviceType)}/preview.html?${query.toString()}`;
}
