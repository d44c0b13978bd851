import { ArgsType, Field, Float, Int, ObjectType } from '@nestjs/graphql';
import type { CaseResult } from '@signaalhub/domain';
import { CaseResultValue, SectorValue } from '../../graphql/enums.js';

@ArgsType()
export class PeriodArgs {
  @Field({ description: 'First day of the period, YYYY-MM-DD (inclusive)' }) from!: string;
  @Field({ description: 'Last day of the period, YYYY-MM-DD (inclusive); a period covers at most 366 days' })
  to!: string;
}

@ObjectType('SectorCount')
export class SectorCountType {
  @Field(() => SectorValue) sector!: SectorValue;
  @Field(() => Int) count!: number;
  @Field(() => Float, { nullable: true, description: 'Signals per 1,000 inhabitants' }) perThousandInhabitants!:
    number | null;
}

@ObjectType('SignalStatusCount')
export class SignalStatusCountType {
  @Field({ description: 'Signaalstatus code name, as on Signal.status' }) status!: string;
  @Field(() => Int) count!: number;
}

@ObjectType('CaseResultCount')
export class CaseResultCountType {
  @Field(() => CaseResultValue) result!: CaseResult;
  @Field(() => Int) count!: number;
}

@ObjectType('MunicipalityKpis', {
  description:
    'The figures of the national monitor for one municipality and period. Signals: routed to the municipality ' +
    'with their signal date in the period; cases: the cases those signals belong to. Shares are fractions 0–1 ' +
    '(null without a denominator); days count from the case’s first signal date.',
})
export class MunicipalityKpisType {
  @Field({ description: 'GM code' }) municipality!: string;
  @Field() from!: string;
  @Field() to!: string;
  @Field(() => Int, { nullable: true, description: 'Inhabitants on 1 January of the reference year' })
  inhabitants!: number | null;
  @Field(() => Int) signals!: number;
  @Field(() => Float, { nullable: true }) signalsPerThousandInhabitants!: number | null;
  @Field(() => [SectorCountType]) signalsBySector!: SectorCountType[];
  @Field(() => [SignalStatusCountType]) signalsByStatus!: SignalStatusCountType[];
  @Field(() => Int) cases!: number;
  @Field(() => Int, { description: 'Cases picked up (datumOpgepakt set)' }) casesPickedUp!: number;
  @Field(() => Float, { nullable: true, description: 'casesPickedUp / cases' }) sharePickedUp!: number | null;
  @Field(() => Int, { description: 'Cases with at least one contact attempt' }) casesContactAttempted!: number;
  @Field(() => Int, { description: 'Cases with at least one contact attempt that reached the resident' })
  casesReached!: number;
  @Field(() => Float, { nullable: true, description: 'casesReached / cases' }) shareReached!: number | null;
  @Field(() => Float, { nullable: true, description: 'Median days from first signal to first contact attempt' })
  medianDaysToFirstContactAttempt!: number | null;
  @Field(() => Float, { nullable: true, description: 'Median days from first signal to first reached contact' })
  medianDaysToFirstReachedContact!: number | null;
  @Field(() => Int, { description: 'Cases closed with an end result' }) casesClosed!: number;
  @Field(() => [CaseResultCountType], { description: 'Closed cases per end result' })
  results!: CaseResultCountType[];
  @Field(() => Int, {
    description:
      'Closed cases whose result means the resident accepted help: (budget) advice or quick fix, or follow-up ' +
      'help or referral (general, financial, non-financial). Not: referral without the resident, managing alone.',
  })
  casesHelpAccepted!: number;
  @Field(() => Float, { nullable: true, description: 'casesHelpAccepted / casesClosed' })
  shareHelpAccepted!: number | null;
}
