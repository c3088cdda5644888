#ifndef GLANCE_TUI_CCRYPTO_SHIM_H
#define GLANCE_TUI_CCRYPTO_SHIM_H
/* OpenSSL's EVP digests: every algorithm Python's hashlib offers Glance for os_hash_algo
   (sha2, sha3, blake2, md5, sha1), with the assembly implementations. */
#include <openssl/evp.h>
#endif
