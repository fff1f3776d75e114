/**
 * Words that say the code or text around them builds or sends a client
 * assertion (RFC 7523, OpenID Connect `private_key_jwt` / `client_secret_jwt`):
 * the parameter name in the spellings code uses, the two authentication
 * methods, and the tail of the jwt-bearer assertion type and grant URNs.
 * Every "is this near a client assertion?" test reads this one pattern.
 * Not global: `test` keeps no state between calls.
 */
export const ASSERTION_WORDS = /client_assertion|client-assertion|clientAssertion|ClientAssertion|private_key_jwt|client_secret_jwt|jwt-bearer/;
