// Types for the two parts of sm-crypto we load (SM3 and SM4 only; its SM2 part is not needed).
declare module 'sm-crypto/src/sm3/index.js' {
  /** SM3 digest as hex; with `{ key }` (hex string or bytes) HMAC-SM3. Strings are read as UTF-8. */
  function sm3(input: string | ArrayLike<number>, options?: { mode?: 'hmac'; key: string | ArrayLike<number> }): string;
  export = sm3;
}

declare module 'sm-crypto/src/sm4/index.js' {
  interface Sm4Options {
    padding?: 'pkcs#7' | 'pkcs#5' | 'none';
    mode?: 'ecb' | 'cbc';
    iv?: string | ArrayLike<number>;
    output?: 'string' | 'array';
  }
  const sm4: {
    encrypt(input: ArrayLike<number>, key: ArrayLike<number>, options: Sm4Options & { output: 'array' }): number[];
    decrypt(input: ArrayLike<number>, key: ArrayLike<number>, options: Sm4Options & { output: 'array' }): number[];
  };
  export = sm4;
}
