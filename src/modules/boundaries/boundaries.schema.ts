/**
 * Place boundaries as GeoJSON: a FeatureCollection whose features name a place of the program
 * by `properties.code` and carry a Polygon or MultiPolygon in longitude/latitude. The same
 * schema checks `boundaries.geojson` of a program folder and the body of the PUT route.
 */
import { z } from '@hono/zod-openapi';

/** At most this many features in one file or request. */
export const MAX_BOUNDARY_FEATURES = 5000;

/** [longitude, latitude] (an optional third number, the altitude, is kept but not used). */
const PositionSchema = z
  .array(z.number().finite())
  .min(2, 'a position is [longitude, latitude]')
  .max(3, 'a position is [longitude, latitude]')
  .superRefine((p, ctx) => {
    const [lon = NaN, lat = NaN] = p;
    if (!(lon >= -180 && lon <= 180)) ctx.addIssue({ code: 'custom', message: 'longitude must be between -180 and 180', path: [0] });
    if (!(lat >= -90 && lat <= 90)) ctx.addIssue({ code: 'custom', message: 'latitude must be between -90 and 90', path: [1] });
  });

/** A closed ring: at least four positions, the last the same as the first. */
const RingSchema = z
  .array(PositionSchema)
  .min(4, 'a ring needs at least 4 positions')
  .refine((ring) => ring.length < 4 || (ring[0]?.[0] === ring.at(-1)?.[0] && ring[0]?.[1] === ring.at(-1)?.[1]), 'a ring must end where it starts');

const PolygonSchema = z.object({ type: z.literal('Polygon'), coordinates: z.array(RingSchema).min(1, 'a polygon needs an outer ring') });
const MultiPolygonSchema = z.object({
  type: z.literal('MultiPolygon'),
  coordinates: z.array(z.array(RingSchema).min(1, 'a polygon needs an outer ring')).min(1, 'a multipolygon needs a polygon'),
});

export const BoundaryGeometrySchema = z
  .discriminatedUnion('type', [PolygonSchema, MultiPolygonSchema], { error: 'geometry must be a Polygon or a MultiPolygon' })
  .openapi('BoundaryGeometry', { description: 'A GeoJSON Polygon or MultiPolygon in longitude/latitude (WGS 84)' });
export type BoundaryGeometry = z.infer<typeof BoundaryGeometrySchema>;

const FeatureSchema = z.object({
  type: z.literal('Feature'),
  properties: z.object({ code: z.string().trim().min(1, 'required: the code of a place of the program').max(50) }),
  geometry: BoundaryGeometrySchema,
});

export const BoundaryCollectionSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(FeatureSchema).max(MAX_BOUNDARY_FEATURES, `at most ${MAX_BOUNDARY_FEATURES} features`),
  })
  .openapi('BoundaryCollection', { description: 'Boundaries of places, each feature naming its place by properties.code' });
export type BoundaryCollection = z.infer<typeof BoundaryCollectionSchema>;

export const PlaceBoundaryFeatureSchema = z
  .object({
    type: z.literal('Feature'),
    properties: z.object({ code: z.string(), name: z.string() }),
    geometry: BoundaryGeometrySchema,
  })
  .openapi('PlaceBoundary');

export const PlaceBoundariesSchema = z
  .object({ type: z.literal('FeatureCollection'), features: z.array(PlaceBoundaryFeatureSchema) })
  .openapi('PlaceBoundaries');
export type PlaceBoundaries = z.infer<typeof PlaceBoundariesSchema>;
