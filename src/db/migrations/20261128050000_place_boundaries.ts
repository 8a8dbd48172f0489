/**
 * Place boundaries: one GeoJSON geometry (Polygon or MultiPolygon, as text) per place, from a
 * program folder's `boundaries.geojson` or PUT /api/programs/{program}/boundaries. The map
 * draws the places that have one as shapes (a choropleth) instead of circles.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('place_boundary')
    .addColumn('place_id', 'integer', (c) => c.primaryKey().notNull().references('place.id').onDelete('cascade'))
    .addColumn('geojson', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('place_boundary').ifExists().execute();
}
