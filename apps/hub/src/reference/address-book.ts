/**
 * The municipality of exact addresses (the CBS address table): asked once per batch, for every
 * signal of it, so routing by address costs one set-based look-up, not one per message.
 */
export interface AddressBook {
  /** `exactAddressKey` → municipality code, for the addresses the table holds. */
  municipalitiesOf(addresses: ReadonlyArray<{ postcode: string; houseNumber: number }>): Promise<Map<string, string>>;
}

/** The key of an exact address in an {@link AddressBook} answer. */
export function exactAddressKey(postcode: string, houseNumber: number): string {
  return `${postcode}:${houseNumber}`;
}
