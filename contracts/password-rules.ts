// How long a password may be: the one home of the numbers the access service's policy enforces
// (services/access/domain/passwords/password-policy.ts) and the web tier's forms check first. Pure.

/** 15 while single-factor (NIST SP 800-63B-4 §3.1.1.2); long passphrases are welcome. */
export const minPasswordLength = 15;
export const maxPasswordLength = 1024;
