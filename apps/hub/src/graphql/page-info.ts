import { Field, ObjectType } from '@nestjs/graphql';

/** The page info of every cursor-paginated connection. */
@ObjectType('PageInfo')
export class PageInfoType {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}
