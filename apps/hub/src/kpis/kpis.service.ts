import { Inject, Injectable } from '@nestjs/common';
import { perThousandInhabitants, reportingPeriod, share } from '@signaalhub/domain';
import type { Principal } from '../auth/principal.js';
import { HubException } from '../errors/hub-exception.js';
import { REFERENCE_DATA, type ReferenceData } from '../reference/reference.module.js';
import type { MunicipalityKpisType } from './dto/kpis.types.js';
import { KpisRepository } from './kpis.repository.js';

/** The monitor figures of the principal's own municipality: aggregates only, no personal data. */
@Injectable()
export class KpisService {
  constructor(
    private readonly repository: KpisRepository,
    @Inject(REFERENCE_DATA) private readonly reference: ReferenceData,
  ) {}

  async municipalityKpis(principal: Principal, from: string, to: string): Promise<MunicipalityKpisType> {
    const municipality = ownMunicipality(principal);
    const period = reportingPeriod(from, to);
    if (!period.ok) throw new HubException('BAD_USER_INPUT', period.problem);
    const counts = await this.repository.counts(municipality, from, to);
    const inhabitants = this.reference.population.get(municipality) ?? null;
    return {
      municipality,
      from,
      to,
      inhabitants,
      signals: counts.signals,
      signalsPerThousandInhabitants: perThousandInhabitants(counts.signals, inhabitants),
      signalsBySector: counts.bySector.map((s) => ({
        ...s,
        perThousandInhabitants: perThousandInhabitants(s.count, inhabitants),
      })),
      signalsByStatus: counts.byStatus,
      cases: counts.cases,
      casesPickedUp: counts.pickedUp,
      sharePickedUp: share(counts.pickedUp, counts.cases),
      casesContactAttempted: counts.contactAttempted,
      casesReached: counts.reached,
      shareReached: share(counts.reached, counts.cases),
      medianDaysToFirstContactAttempt: counts.medianDaysToFirstContactAttempt,
      medianDaysToFirstReachedContact: counts.medianDaysToFirstReachedContact,
      casesClosed: counts.closed,
      results: counts.results,
      casesHelpAccepted: counts.helpAccepted,
      shareHelpAccepted: share(counts.helpAccepted, counts.closed),
    };
  }
}

/** Figures are only ever of the token's own municipality. */
export function ownMunicipality(principal: Principal): string {
  if (!principal.municipality) throw new HubException('FORBIDDEN', 'Your token names no municipality');
  return principal.municipality;
}
