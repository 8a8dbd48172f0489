/**
 * A write from an admin form: sends it, then refreshes the lists it changes (`refresh`) and every
 * view of data (names and places show in them), and only then calls `onSaved`.
 */
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { invalidateData } from '../../app/queries';

export function useAdminWrite<T, R>(write: (input: T) => Promise<R>, refresh: readonly QueryKey[], onSaved?: (saved: R, input: T) => void) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: async (saved, input) => {
      await Promise.all([...refresh.map((queryKey) => client.invalidateQueries({ queryKey })), invalidateData(client)]);
      onSaved?.(saved, input);
    },
  });
}
