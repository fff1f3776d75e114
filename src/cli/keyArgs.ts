/**
 * The key options of `scan` and `decode` (./keys loads them): `--key FILE`
 * (repeatable), `--secret-env NAME[:base64|:base64url]` (repeatable),
 * `--jwks-url URL` (once), `--pbes2-max N`. A secret is never taken from the
 * arguments themselves. No imports: ./args reads this before anything else loads.
 */
export interface KeyArgs {
  readonly files: readonly string[];
  readonly secretEnvs: readonly string[];
  readonly jwksUrl?: string;
  /** PBES2 is tried only when set, up to this many iterations. */
  readonly pbes2Max?: number;
}

export const KEY_USAGE = `Keys (verify signatures and decrypt JWEs; nothing is fetched unless asked):
  --key FILE            a JWK, JWK Set, PEM (public key, certificate, PKCS#8
                        private key) or a file holding a shared secret's bytes
                        (repeatable)
  --secret-env NAME     a shared secret from environment variable NAME, as
                        UTF-8 (NAME:base64 or NAME:base64url for encoded bytes)
  --jwks-url URL        fetch this JWK Set once (https, or http on this machine)
  --pbes2-max N         also decrypt PBES2 (password) JWEs of at most N iterations`;

/** Parses one of the key options; returns false when `flag` is not one, a message when its value is bad. */
export function parseKeyOption(
  flag: string,
  value: () => string | undefined,
  into: { files: string[]; secretEnvs: string[]; jwksUrl?: string; pbes2Max?: number },
): boolean | string {
  switch (flag) {
    case '--key': {
      const v = value();
      if (!v) return '--key needs a file (a JWK, JWK Set, PEM or secret bytes)';
      into.files.push(v);
      return true;
    }
    case '--secret-env': {
      const v = value();
      if (!v || !/^[A-Za-z_][A-Za-z0-9_]*(:(utf8|base64|base64url))?$/.test(v))
        return '--secret-env needs the name of an environment variable (NAME, NAME:base64 or NAME:base64url)';
      into.secretEnvs.push(v);
      return true;
    }
    case '--jwks-url': {
      const v = value();
      if (!v) return '--jwks-url needs a URL';
      if (into.jwksUrl !== undefined) return '--jwks-url is fetched once: give it one URL';
      into.jwksUrl = v;
      return true;
    }
    case '--pbes2-max': {
      const v = value();
      if (!v || !/^\d{1,7}$/.test(v) || Number(v) < 1) return '--pbes2-max needs a number of iterations (like 100000)';
      into.pbes2Max = Number(v);
      return true;
    }
    case '--secret':
    case '--password':
      return `${flag} is not an option: secrets are never read from arguments (they stay in shell history and process lists); use --secret-env NAME or --key FILE`;
    default:
      return false;
  }
}

export function hasKeys(k: KeyArgs | undefined): boolean {
  return k !== undefined && (k.files.length > 0 || k.secretEnvs.length > 0 || k.jwksUrl !== undefined);
}
