import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** The database as the readiness probe sees it. */
@Injectable()
export class HealthRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Whether PostgreSQL answers a trivial query over the hub's own connection pool. */
  async databaseAnswers(): Promise<boolean> {
    return this.dataSource
      .query('SELECT 1')
      .then(() => true)
      .catch(() => false);
  }
}
