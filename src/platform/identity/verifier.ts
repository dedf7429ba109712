// 본인확인 (휴대폰 / PASS / 간편인증) providers plug in behind one interface. Korean identity gateways hand the site
// back a result token (CI, DI, name, birth date, sometimes residence) protected with a key shared at contract time;
// each gateway's adapter turns its token into a VerifiedIdentity.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { VerifiedIdentity } from './person.ts';

export interface IdentityVerifier {
  id: string;
  name: { ko: string; en: string };
  /** Where to send the citizen to verify, with our callback and a one-time state. */
  start(callbackUrl: string, state: string): Promise<{ redirectTo: string }>;
  /** Checks the provider's answer (query or form fields) and returns the verified identity or throws. */
  complete(params: Record<string, string>, expectedState: string): Promise<VerifiedIdentity>;
}

const Result = z.object({
  ci: z.string().min(20),
  di: z.string().min(20).optional(),
  name: z.string().min(1),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  areaCode: z
    .string()
    .regex(/^\d{5}(\d{5})?$/)
    .optional(),
  state: z.string(),
  issuedAt: z.number().int(),
});

/**
 * A gateway that returns `base64url(json).base64url(hmac-sha256)` signed with the contract key: the common shape of
 * the result tokens, and the adapter a city wires to its contracted gateway (with the gateway's own decoding where
 * it differs). Tokens older than maxAgeSeconds or for another state are refused.
 */
export function signedTokenVerifier(opts: {
  id: string;
  name: { ko: string; en: string };
  gatewayUrl: string;
  key: string;
  maxAgeSeconds?: number;
}): IdentityVerifier {
  const maxAge = opts.maxAgeSeconds ?? 600;
  return {
    id: opts.id,
    name: opts.name,
    async start(callbackUrl, state) {
      const u = new URL(opts.gatewayUrl);
      u.searchParams.set('return_url', callbackUrl);
      u.searchParams.set('state', state);
      return { redirectTo: u.toString() };
    },
    async complete(params, expectedState) {
      const [body, sig] = (params.token ?? '').split('.');
      if (!body || !sig) throw new Error('identity token missing');
      const want = createHmac('sha256', opts.key).update(body).digest();
      const got = Buffer.from(sig, 'base64url');
      if (got.length !== want.length || !timingSafeEqual(got, want))
        throw new Error('identity token signature invalid');
      const r = Result.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
      if (r.state !== expectedState) throw new Error('identity token is for another request');
      if (Math.abs(Date.now() / 1000 - r.issuedAt) > maxAge) throw new Error('identity token expired');
      return {
        provider: 'identity',
        ci: r.ci,
        di: r.di,
        subject: r.ci,
        displayName: r.name,
        birthDate: r.birthDate,
        areaCode: r.areaCode,
      };
    },
  };
}

/** What a gateway does on its side; used by the conformance test and by a city testing its adapter wiring. */
export function signResultToken(key: string, result: z.input<typeof Result>): string {
  const body = Buffer.from(JSON.stringify(result)).toString('base64url');
  return `${body}.${createHmac('sha256', key).update(body).digest('base64url')}`;
}
