import { Inject, Injectable } from '@nestjs/common';
import { dataSubjectPseudonym, normaliseDataSubject, type NormalisedSignal } from '@signaalhub/domain';
import { ObjectionRepository } from './objection.repository.js';
import { PSEUDONYM_KEY, type PseudonymKey } from './pseudonym-key.js';

/** What the screen needs of a checked signal: its person keys and where it was routed. */
export interface ScreenedSignal {
  signal: Pick<NormalisedSignal, 'surname' | 'birthDate' | 'postcode' | 'houseNumber'>;
  /** null while unrouted. */
  municipality: string | null;
}

/**
 * Stops the processing of a person who objected (AVG art. 21): one look-up per ingest batch. A routed
 * signal is stopped by an objection in its municipality; an unrouted one by an objection anywhere,
 * since it would otherwise be held with nobody yet to honour it.
 */
@Injectable()
export class ObjectionScreen {
  constructor(
    private readonly objections: ObjectionRepository,
    @Inject(PSEUDONYM_KEY) private readonly key: PseudonymKey,
  ) {}

  /**
   * For each signal, whether its person objected. A signal without a birth date names no one it could
   * match. null where the signal's person could not be screened (its keys threw): such a signal may
   * be processed no further, so the ingest refuses it rather than store it unscreened.
   */
  async objected(signals: ScreenedSignal[]): Promise<Array<boolean | null>> {
    const pseudonyms = signals.map(({ signal }): string | null | undefined => {
      if (!signal.birthDate) return undefined;
      try {
        const subject = normaliseDataSubject({
          surname: signal.surname,
          birthDate: signal.birthDate,
          postcode: signal.postcode,
          houseNumber: signal.houseNumber,
        });
        return subject.ok ? dataSubjectPseudonym(subject.value, this.key) : undefined;
      } catch {
        return null;
      }
    });
    const found = await this.objections.municipalitiesOf(pseudonyms.filter((p): p is string => typeof p === 'string'));
    return signals.map(({ municipality }, i) => {
      const pseudonym = pseudonyms[i];
      if (pseudonym === null) return null;
      const at = pseudonym === undefined ? undefined : found.get(pseudonym);
      if (!at) return false;
      return municipality === null ? true : at.has(municipality);
    });
  }
}
