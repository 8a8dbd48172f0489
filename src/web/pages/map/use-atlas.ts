/**
 * The country outlines of Natural Earth (world-atlas, 1:50m), loaded on first use of the map so
 * the 750 kB of TopoJSON stay out of every other page, and the program's country among them.
 */
import { useQuery } from '@tanstack/react-query';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { countryNumeric } from './country-codes';

export type Country = Feature<Geometry, { name: string }>;

async function loadCountries(): Promise<Country[]> {
  const { default: atlas } = await import('world-atlas/countries-50m.json');
  const topology = atlas as unknown as Topology<{ countries: GeometryCollection<{ name: string }> }>;
  const collection = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  return collection.features;
}

/** The program's country (undefined when unknown or not in the atlas) and every other country. */
export function useAtlas(countryCode: string | undefined) {
  const atlas = useQuery({ queryKey: ['atlas', 'countries-50m'], queryFn: loadCountries, staleTime: Infinity, gcTime: Infinity });
  const id = countryNumeric(countryCode);
  const countries = atlas.data ?? [];
  const country = id ? countries.find((c) => c.id === id) : undefined;
  return { pending: atlas.isPending, error: atlas.error, country, others: countries.filter((c) => c !== country) };
}
