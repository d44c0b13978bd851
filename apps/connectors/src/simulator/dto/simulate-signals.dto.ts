import { ArrayNotEmpty, ArrayUnique, IsArray, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const MAX_SIMULATED_SIGNALS = 100_000;

/** Body of `POST /v1/simulator/signals`. */
export class SimulateSignalsDto {
  @IsInt()
  @Min(1)
  @Max(MAX_SIMULATED_SIGNALS)
  count!: number;

  @IsArray()
  @ArrayNotEmpty()
  @ArrayUnique()
  @Matches(/^GM\d{4}$/, { each: true, message: 'each municipality must be a GM code such as GM0363' })
  municipalities!: string[];

  /** Repeats an earlier run exactly; without it every request makes new signals. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2 ** 31 - 1)
  seed?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_SIMULATED_SIGNALS)
  households?: number;
}
