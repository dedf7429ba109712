// Generic OpenID Connect sign-in (Kakao and Naver sign-in speak it): authorization code flow with PKCE, state and
// nonce kept server-side in auth_flows for ten minutes.
import * as client from 'openid-client';
import { randomBytes } from 'node:crypto';
import type { Database } from '../db.ts';
import type { OidcProviderConfig } from '../config.ts';
import type { VerifiedIdentity } from './person.ts';

const FLOW_TTL_MS = 10 * 60 * 1000;
const discovered = new Map<string, Promise<client.Configuration>>();

function configFor(p: OidcProviderConfig): Promise<client.Configuration> {
  let c = discovered.get(p.id + p.issuer);
  if (!c) {
    const insecure = p.issuer.startsWith('http://');
    c = client.discovery(
      new URL(p.issuer),
      p.clientId,
      p.clientSecret,
      undefined,
      insecure ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    c.catch(() => discovered.delete(p.id + p.issuer));
    discovered.set(p.id + p.issuer, c);
  }
  return c;
}

export async function beginOidc(
  db: Database,
  p: OidcProviderConfig,
  redirectUri: string,
  returnTo: string,
  o: { fresh?: boolean } = {},
): Promise<string> {
  const config = await configFor(p);
  const state = randomBytes(24).toString('base64url');
  const nonce = randomBytes(24).toString('base64url');
  const verifier = client.randomPKCECodeVerifier();
  await db
    .deleteFrom('auth_flows')
    .where('created_at', '<', new Date(Date.now() - FLOW_TTL_MS))
    .execute();
  await db
    .insertInto('auth_flows')
    .values({ state, provider: p.id, code_verifier: verifier, nonce, return_to: returnTo })
    .execute();
  return client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: p.scope ?? 'openid profile',
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    // Signing in again before a sensitive act must prove presence: the provider asks for the credentials even when
    // its own single-sign-on session is still open.
    ...(o.fresh ? { prompt: 'login', max_age: '0' } : {}),
  }).href;
}

export async function completeOidc(
  db: Database,
  p: OidcProviderConfig,
  callbackUrl: URL,
): Promise<{ identity: VerifiedIdentity; returnTo: string }> {
  const state = callbackUrl.searchParams.get('state') ?? '';
  const flow = await db
    .deleteFrom('auth_flows')
    .where('state', '=', state)
    .where('provider', '=', p.id)
    .returningAll()
    .executeTakeFirst();
  if (!flow || Date.now() - new Date(flow.created_at).getTime() > FLOW_TTL_MS)
    throw new Error('unknown or expired sign-in request');
  const config = await configFor(p);
  const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
    pkceCodeVerifier: flow.code_verifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
  });
  const claims: Record<string, unknown> = { ...tokens.claims() };
  if (!claims.sub) throw new Error('no ID token');
  // Providers that keep profile claims out of the ID token give them at the userinfo endpoint.
  if (!claims.name && !claims.nickname)
    Object.assign(
      claims,
      await client.fetchUserInfo(config, tokens.access_token, claims.sub as string).catch(() => ({})),
    );
  const ci = p.ciClaim && typeof claims[p.ciClaim] === 'string' ? (claims[p.ciClaim] as string) : undefined;
  const name = (claims.name ?? claims.nickname ?? claims.preferred_username ?? '시민') as string;
  const birth =
    typeof claims.birthdate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(claims.birthdate) ? claims.birthdate : undefined;
  return {
    identity: { provider: 'oidc', ci, subject: `${claims.iss}|${claims.sub}`, displayName: name, birthDate: birth },
    returnTo: flow.return_to,
  };
}
