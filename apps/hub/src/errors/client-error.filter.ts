import { Catch } from '@nestjs/common';
import type { GqlExceptionFilter } from '@nestjs/graphql';
import { GraphQLError } from 'graphql';
import { HubException } from './hub-exception.js';

/**
 * Coded errors are answers to the client (NOT_FOUND, FORBIDDEN, …), not faults of the hub: hand them
 * to `formatError` without Nest logging each one as an error with a stack trace.
 */
@Catch(HubException, GraphQLError)
export class ClientErrorFilter implements GqlExceptionFilter {
  catch(exception: HubException | GraphQLError): HubException | GraphQLError {
    return exception;
  }
}
