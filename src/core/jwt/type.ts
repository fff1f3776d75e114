import type { TokenTypeGuess } from '../model';

/**
 * Infers what kind of token this is from its header and claims, and says
 * why. A guess from content: it does not know what the issuer intended.
 */
export function inferType(header: Record<string, unknown>, claims: Record<string, unknown> | undefined, usedAs?: string): TokenTypeGuess {
  const typ = typeof header.typ === 'string' ? header.typ.toLowerCase().replace(/^application\//, '') : '';
  if (typeof header.enc === 'string') {
    return {
      type: 'encrypted',
      label: 'encrypted token (JWE)',
      reason: `the header has enc ${String(header.enc)}; the content cannot be read without the key`,
    };
  }
  if (typ === 'at+jwt') return { type: 'access-token', label: 'access token (RFC 9068)', reason: `typ is ${String(header.typ)}` };
  if (typ === 'dpop+jwt') return { type: 'dpop-proof', label: 'DPoP proof (RFC 9449)', reason: `typ is ${String(header.typ)}` };
  if (typ === 'logout+jwt') return { type: 'logout-token', label: 'back-channel logout token', reason: `typ is ${String(header.typ)}` };
  if (typ === 'secevent+jwt') return { type: 'security-event', label: 'security event token (RFC 8417)', reason: `typ is ${String(header.typ)}` };
  if (usedAs === 'client_assertion') return { type: 'client-assertion', label: 'client assertion (RFC 7523)', reason: 'it is sent as client_assertion' };
  if (!claims) return { type: 'unknown', label: 'token', reason: 'the claims could not be read' };

  const has = (k: string) => claims[k] !== undefined;
  const events = claims.events;
  if (events && typeof events === 'object' && 'http://schemas.openid.net/event/backchannel-logout' in events) {
    return { type: 'logout-token', label: 'back-channel logout token', reason: 'events holds the back-channel-logout event' };
  }
  if (has('events')) return { type: 'security-event', label: 'security event token (RFC 8417)', reason: 'it carries an events claim' };
  if (has('htm') && has('htu')) return { type: 'dpop-proof', label: 'DPoP proof (RFC 9449)', reason: 'it has htm and htu claims' };

  // Provider-specific markers.
  const tokenUse = typeof claims.token_use === 'string' ? claims.token_use : undefined;
  if (tokenUse === 'access') return { type: 'access-token', label: 'access token (Amazon Cognito)', reason: 'token_use is "access"' };
  if (tokenUse === 'id') return { type: 'id-token', label: 'ID token (Amazon Cognito)', reason: 'token_use is "id"' };
  const kcTyp = typeof claims.typ === 'string' ? claims.typ.toLowerCase() : undefined;
  if (kcTyp === 'refresh' || kcTyp === 'offline')
    return { type: 'refresh-token', label: 'refresh token (Keycloak)', reason: `the typ claim is "${String(claims.typ)}"` };
  if (kcTyp === 'id') return { type: 'id-token', label: 'ID token (Keycloak)', reason: 'the typ claim is "ID"' };
  if (kcTyp === 'bearer') return { type: 'access-token', label: 'access token (Keycloak)', reason: 'the typ claim is "Bearer"' };

  if (has('nonce') || has('at_hash') || has('c_hash') || has('s_hash')) {
    const which = ['nonce', 'at_hash', 'c_hash', 's_hash'].filter(has).join(', ');
    return { type: 'id-token', label: 'ID token (OpenID Connect)', reason: `it has ${which}, which only ID tokens carry` };
  }
  if (has('scope') || has('scp') || (has('roles') && has('appid')) || (has('client_id') && !isAssertionShape(claims)) || has('cid') || has('permissions')) {
    const which = ['scope', 'scp', 'client_id', 'cid', 'permissions', 'roles'].filter(has).join(', ');
    return { type: 'access-token', label: 'access token', reason: `it has ${which}` };
  }
  if (isAssertionShape(claims)) {
    return {
      type: 'client-assertion',
      label: usedAs === 'assertion' ? 'JWT bearer assertion (RFC 7523)' : 'client assertion (RFC 7523)',
      reason: 'iss equals sub and aud names a token endpoint',
    };
  }
  if (has('auth_time') || (has('azp') && !has('scope')) || (has('email') && has('aud') && has('iss'))) {
    return { type: 'id-token', label: 'ID token (OpenID Connect)', reason: `it has ${['auth_time', 'azp', 'email'].filter(has).join(', ')} and no scope` };
  }
  if (usedAs === 'access_token' || usedAs === 'bearer') {
    return { type: 'access-token', label: 'access token', reason: 'it is sent as a bearer access token' };
  }
  if (usedAs === 'id_token') return { type: 'id-token', label: 'ID token', reason: 'it is labelled id_token' };
  if (usedAs === 'refresh_token') return { type: 'refresh-token', label: 'refresh token', reason: 'it is labelled refresh_token' };
  return { type: 'unknown', label: 'JWT', reason: 'no claim says what it is for' };
}

/**
 * The shape of a client assertion: iss equal to sub with an aud URL, or an
 * aud naming a token endpoint while iss is not an issuer URL.
 */
export function isAssertionShape(claims: Record<string, unknown>): boolean {
  if (typeof claims.iss !== 'string') return false;
  const auds = (Array.isArray(claims.aud) ? claims.aud : [claims.aud]).filter((a): a is string => typeof a === 'string');
  const urlAud = auds.some((a) => /^https?:\/\//i.test(a));
  if (claims.iss === claims.sub) return urlAud;
  return !/^https?:\/\//i.test(claims.iss) && auds.some((a) => /^https?:\/\/[^\s]{0,300}\/token\/?$/i.test(a));
}
