"""mod_session_crypto: Encryption of session contents."""
from apachepy.config.registry import ACCESS_CONF, ITERATE, OR_AUTHCFG, RAW_ARGS, RSRC_CONF, TAKE1, D, Module

MODULE = Module("session_crypto_module", "mod_session_crypto.c", debian="shared",
                doc="Encryption of session contents", directives=[
    D("SessionCryptoPassphrase", ITERATE, RSRC_CONF | OR_AUTHCFG,
      "The passphrase(s) used to encrypt the session. First will be used for encryption, all phrases will "
      "be accepted for decryption",
      doc="Secrets used to encrypt sessions; the first encrypts, all decrypt"),
    D("SessionCryptoPassphraseFile", TAKE1, RSRC_CONF | ACCESS_CONF,
      "File containing passphrase(s) used to encrypt the session, one per line. First will be used for "
      "encryption, all phrases will be accepted for decryption",
      doc="File listing the session encryption secrets"),
    D("SessionCryptoCipher", TAKE1, RSRC_CONF | OR_AUTHCFG, "The underlying crypto cipher to use",
      doc="Cipher used to encrypt sessions", default="aes256"),
    D("SessionCryptoDriver", RAW_ARGS, RSRC_CONF, "The underlying crypto library driver to use",
      doc="Crypto library driver used for session encryption"),
])
