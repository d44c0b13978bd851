import { ArgsType, Field, Int, ObjectType } from '@nestjs/graphql';
import { PeriodArgs } from '../../kpis/dto/kpis.types.js';

@ArgsType()
export class DdasExportArgs extends PeriodArgs {
  @Field(() => Int, { defaultValue: 1, description: 'Page of the delivery, from 1 (at most 50,000 signals a page)' })
  page!: number;
}

@ObjectType('DdasExportPage', { description: 'One page of the DDAS Vroegsignalering v1.2 delivery to CBS' })
export class DdasExportPageType {
  @Field(() => Int) page!: number;
  @Field(() => Int, { description: 'Pages of the whole delivery' }) pages!: number;
  @Field(() => Int, { description: 'Signals (vroegsignalen) on this page' }) signals!: number;
  @Field(() => Int, { description: 'Cases (vroegsignaalzaken) on this page' }) cases!: number;
  @Field({ description: 'The DDAS v1.2 JSON document of this page, validated against the schema' })
  document!: string;
}
