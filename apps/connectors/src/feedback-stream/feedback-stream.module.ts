import { Global, Module } from '@nestjs/common';
import { FeedbackStream } from './feedback-stream.service.js';

/** One consumer of the feedback topic per process, for every feature that hands feedback on. */
@Global()
@Module({ providers: [FeedbackStream], exports: [FeedbackStream] })
export class FeedbackStreamModule {}
