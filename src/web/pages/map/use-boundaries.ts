/**
 * The imported boundaries of the places of one level (GET /api/programs/{program}/boundaries),
 * as the map's `shapes`; undefined while loading, when none were imported or when they could
 * not be read (the map then keeps its circles).
 */
import { useQuery } from '@tanstack/react-query';
import { api, ok } from '../../api/client';
import { useProgram } from '../../app/program';
import type { PlaceShapes } from './map-geometry';

export function useBoundaries(level: number): PlaceShapes | undefined {
  const { code } = useProgram();
  const query = useQuery({
    queryKey: ['boundaries', code, level],
    queryFn: () => ok(api.GET('/api/programs/{program}/boundaries', { params: { path: { program: code }, query: { level } } })),
    enabled: code !== '',
    staleTime: 5 * 60_000,
  });
  const data = query.data;
  return data && data.features.length > 0 ? data : undefined;
}
