import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Post } from '@nestjs/common';
import { DEV_SIGN_IN, type DevSignIn, type DevSignInUser } from './dev-sign-in.js';

/** `/dev/sign-in`: exists only when the hub runs outside production with a DevSignIn handed in. */
@Controller('dev/sign-in')
export class DevSignInController {
  constructor(@Inject(DEV_SIGN_IN) private readonly signIn: DevSignIn) {}

  @Get('users')
  users(): DevSignInUser[] {
    return [...this.signIn.users];
  }

  @Post('token')
  @HttpCode(200)
  async token(@Body() body: unknown): Promise<{ token: string; user: DevSignInUser }> {
    const id = typeof body === 'object' && body !== null ? (body as { user?: unknown }).user : undefined;
    const user = this.signIn.users.find((u) => u.id === id);
    if (!user) throw new NotFoundException('no such demo user');
    return { token: await this.signIn.mint(user), user };
  }
}
