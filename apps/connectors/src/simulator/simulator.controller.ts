import { Body, Controller, HttpCode, HttpStatus, Inject, Post } from '@nestjs/common';
import { SimulateSignalsDto } from './dto/simulate-signals.dto.js';
import { SimulatorService } from './simulator.service.js';

/** Development and test only: bootstrap mounts this controller only with SIMULATOR_HTTP_ENABLED=true. */
@Controller('v1/simulator')
export class SimulatorController {
  constructor(@Inject(SimulatorService) private readonly simulator: SimulatorService) {}

  @Post('signals')
  @HttpCode(HttpStatus.ACCEPTED)
  publish(@Body() body: SimulateSignalsDto): Promise<{ published: number; seed: number }> {
    return this.simulator.publish(body);
  }
}
