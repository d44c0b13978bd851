import { normaliseAddition, normaliseHouseLetter, normaliseHouseNumber, normalisePostcode } from './address.js';

/** The parts of an address that identify one dwelling, in the signal's field names. */
export interface HouseholdAddress {
  readonly postcode: string;
  readonly houseNumber: number | string;
  readonly houseLetter?: string | undefined;
  readonly houseNumberAddition?: string | undefined;
}

/** A stable string such as `'1234AB|12|A|2HOOG'`; equal keys mean the same household. */
export type HouseholdKey = string;

/**
 * The household (huishouden) key of an address. A household is everyone living at one address: the
 * hub bundles the signals of one address into one case (vroegsignaalzaak), as municipalities do, and
 * DDAS identifies a client by postcode + house number when there is no BSN. In the BAG, postcode +
 * huisnummer + huisletter + huisnummertoevoeging identify one address, so street and place are left
 * out: they add spelling variants, not information.
 *
 * Every part is normalised first, so one address written in different ways gets one key. Returns
 * null when the postcode, house number or house letter is not valid: such an address cannot
 * identify a household.
 */
export function householdKey(address: HouseholdAddress): HouseholdKey | null {
  const postcode = normalisePostcode(address.postcode);
  const houseNumber = normaliseHouseNumber(address.houseNumber);
  const houseLetter = normaliseHouseLetter(address.houseLetter);
  if (postcode === null || houseNumber === null || houseLetter === null) return null;
  // '|' cannot occur in any normalised part, so the key splits back unambiguously.
  return [postcode, String(houseNumber), houseLetter, normaliseAddition(address.houseNumberAddition)].join('|');
}
