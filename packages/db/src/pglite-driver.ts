/**
 * A Kysely dialect for PGlite with a connection mutex.
 *
 * PGlite is one Postgres backend: there is exactly one session. Kysely acquires a connection for
 * a whole transaction, so the driver holds a mutex from `acquireConnection` until
 * `releaseConnection`; a query issued by anyone else waits until the transaction ends instead of
 * running inside it (which would leak `SET LOCAL ROLE` and uncommitted writes across requests).
 *
 * Consequence (as with any single-connection pool): inside `db.transaction().execute(fn)`, use the
 * `trx` handle only — a query on the outer `db` would wait for the transaction, i.e. forever.
 */
import type { PGlite } from '@electric-sql/pglite';
import {
  AbortedTransactionError,
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { Mutex } from './mutex';

class PGliteConnection implements DatabaseConnection {
  release: (() => void) | null = null;
  constructor(private readonly pg: PGlite) {}

  /** Runs a parameterless control statement (BEGIN/COMMIT/…) and returns its command tag. */
  async control(text: string): Promise<string | undefined> {
    const result = await this.pg.query(text);
    return (result as { command?: string }).command;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.pg.query<R>(compiledQuery.sql, [...compiledQuery.parameters], {
      rowMode: 'object',
    });
    const kind = compiledQuery.query.kind;
    const isWrite =
      kind === 'InsertQueryNode' ||
      kind === 'UpdateQueryNode' ||
      kind === 'DeleteQueryNode' ||
      kind === 'MergeQueryNode';
    if (isWrite || (kind === 'RawNode' && result.affectedRows !== undefined && result.fields.length === 0)) {
      return { numAffectedRows: BigInt(result.affectedRows ?? 0), rows: result.rows ?? [] };
    }
    return { rows: result.rows ?? [] };
  }

  // biome-ignore lint/correctness/useYield: streaming is not supported on PGlite
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite 驱动不支持流式查询');
  }
}

export class PGliteDriver implements Driver {
  readonly #pg: PGlite;
  readonly #mutex = new Mutex();
  readonly #connection: PGliteConnection;
  #destroyed = false;

  constructor(pg: PGlite) {
    this.#pg = pg;
    this.#connection = new PGliteConnection(pg);
  }

  async init(): Promise<void> {
    await this.#pg.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const release = await this.#mutex.lock();
    if (this.#destroyed) {
      release();
      throw new Error('数据库已关闭');
    }
    this.#connection.release = release;
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    let text = 'begin';
    if (settings.isolationLevel || settings.accessMode) {
      text = 'start transaction';
      if (settings.isolationLevel) text += ` isolation level ${settings.isolationLevel}`;
      if (settings.accessMode) text += ` ${settings.accessMode}`;
    }
    await (connection as PGliteConnection).control(text);
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    // Postgres answers COMMIT of a failed transaction with a ROLLBACK tag instead of an error.
    const tag = await (connection as PGliteConnection).control('commit');
    if (tag === 'ROLLBACK') throw new AbortedTransactionError();
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await (connection as PGliteConnection).control('rollback');
  }

  async savepoint(connection: DatabaseConnection, savepointName: string): Promise<void> {
    await (connection as PGliteConnection).control(`savepoint ${quoteIdent(savepointName)}`);
  }

  async rollbackToSavepoint(connection: DatabaseConnection, savepointName: string): Promise<void> {
    await (connection as PGliteConnection).control(`rollback to savepoint ${quoteIdent(savepointName)}`);
  }

  async releaseSavepoint(connection: DatabaseConnection, savepointName: string): Promise<void> {
    await (connection as PGliteConnection).control(`release savepoint ${quoteIdent(savepointName)}`);
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    const c = connection as PGliteConnection;
    const release = c.release;
    c.release = null;
    release?.();
  }

  async destroy(): Promise<void> {
    if (this.#destroyed) return;
    // Wait for whoever holds the connection, then close.
    const release = await this.#mutex.lock();
    this.#destroyed = true;
    try {
      if (!this.#pg.closed) await this.#pg.close();
    } finally {
      release();
    }
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export class PGliteDialect implements Dialect {
  constructor(private readonly pg: PGlite) {}
  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pg);
  }
  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}
