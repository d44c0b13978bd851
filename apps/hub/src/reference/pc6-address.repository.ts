import { Injectable } from '@nestjs/common';
import type { Pc6Address } from '@signaalhub/reference';
import { DataSource } from 'typeorm';
import { exactAddressKey, type AddressBook } from './address-book.js';

/**
 * `pc6_address`: the CBS address table (PC6 + house number → municipality), six million rows, so it
 * lives in PostgreSQL and is asked per batch, never loaded into memory.
 */
@Injectable()
export class Pc6AddressRepository implements AddressBook {
  constructor(private readonly dataSource: DataSource) {}

  /** One query for all addresses of a batch; addresses the table does not hold are absent. */
  async municipalitiesOf(
    addresses: ReadonlyArray<{ postcode: string; houseNumber: number }>,
  ): Promise<Map<string, string>> {
    const rows: Array<{ postcode: string; house_number: number; municipality: string }> = await this.dataSource.query(
      `SELECT a.postcode, a.house_number, a.municipality
       FROM pc6_address a
       JOIN unnest($1::text[], $2::int[]) AS q(postcode, house_number)
         ON a.postcode = q.postcode AND a.house_number = q.house_number`,
      [addresses.map((a) => a.postcode), addresses.map((a) => a.houseNumber)],
    );
    return new Map(rows.map((r) => [exactAddressKey(r.postcode, r.house_number), r.municipality]));
  }

  /**
   * Replaces the whole table with a new edition in one transaction: routing sees the old edition or
   * the new one, never a mix or an empty table. `batches` yields the addresses in chunks; a later
   * line for the same address wins.
   */
  async replaceAll(batches: AsyncIterable<readonly Pc6Address[]>): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`DELETE FROM pc6_address`);
      for await (const batch of batches) {
        if (batch.length === 0) continue;
        await tx.query(
          `INSERT INTO pc6_address (postcode, house_number, municipality)
           SELECT DISTINCT ON (postcode, house_number) postcode, house_number, municipality
           FROM unnest($1::text[], $2::int[], $3::text[]) WITH ORDINALITY AS r(postcode, house_number, municipality, n)
           ORDER BY postcode, house_number, n DESC
           ON CONFLICT (postcode, house_number) DO UPDATE SET municipality = EXCLUDED.municipality`,
          [batch.map((a) => a.postcode), batch.map((a) => a.houseNumber), batch.map((a) => a.municipality)],
        );
      }
      const [{ total }] = await tx.query(`SELECT count(*)::int AS total FROM pc6_address`);
      return total as number;
    });
  }
}
