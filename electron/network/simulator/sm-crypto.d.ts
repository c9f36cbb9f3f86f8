// Types for the two parts of sm-crypto the simulator loads (SM3 and SM4), by directory path.
declare module 'sm-crypto/src/sm3' {
  function sm3(input: string | ArrayLike<number>, options?: { mode?: 'hmac'; key: string | ArrayLike<number> }): string;
  export = sm3;
}

declare module 'sm-crypto/src/sm4' {
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
