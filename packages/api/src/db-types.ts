/**
 * Adapters for timestamp columns. `@tuanjian/db`'s schema types `Generated<Timestamp>` columns
 * (created_at, updated_at, last_seen_at, at) as Kysely's ColumnType object rather than `Date`
 * (see the note at the top of docs/CONTRACTS.md). At run time they are `Date`s on both engines;
 * these two helpers keep the code correct under either typing and can go once schema.ts is fixed.
 */

/** A timestamp column read from the database, as a Date. */
export function asDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(value as string);
}

/** A Date written to a timestamp column (insert/update values). */
export function tsValue(date: Date): never {
  return date as never;
}
