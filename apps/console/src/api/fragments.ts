// Selections several areas ask for alike, kept as one fragment each so the screens that show them
// (the case lists, the queue, the case page, the "more" buttons) stay fed by the same fields.
// `npm run console:codegen` inlines them into the typed documents of src/gql/.
import { graphql } from '../gql';

/** What formatAddress needs to write a household's address. */
export const HouseholdAddressFragment = graphql(`
  fragment HouseholdAddress on Household {
    street
    houseNumber
    houseLetter
    houseNumberAddition
    postcode
    place
  }
`);

/** One row of a list of cases: the case list and a work queue show these. */
export const CaseRowFragment = graphql(`
  fragment CaseRow on Case {
    id
    status
    sectors
    creditorCount
    totalAmountCents
    assignedTo
    urgency {
      score
    }
    household {
      ...HouseholdAddress
    }
  }
`);

/** What the "more" button of a paged list needs (ui/DataTable MoreButton). */
export const NextPageFragment = graphql(`
  fragment NextPage on PageInfo {
    endCursor
    hasNextPage
  }
`);
