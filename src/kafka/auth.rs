//! SASL: PLAIN and SCRAM-SHA-256/512 (RFC 5802 / RFC 7677) as pure state machines; the
//! SaslHandshake/SaslAuthenticate exchange that carries them lives in `conn`.

use std::fmt;
use std::num::NonZeroU32;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use ring::{digest, hmac, pbkdf2};

/// A secret string: never shown by Debug or Display.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"<redacted>\"")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaslMechanism {
    Plain,
    ScramSha256,
    ScramSha512,
}

impl SaslMechanism {
    /// The name Kafka uses in SaslHandshake and `sasl.mechanism`.
    pub fn name(self) -> &'static str {
        match self {
            SaslMechanism::Plain => "PLAIN",
            SaslMechanism::ScramSha256 => "SCRAM-SHA-256",
            SaslMechanism::ScramSha512 => "SCRAM-SHA-512",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_uppercase().as_str() {
            "PLAIN" => Some(SaslMechanism::Plain),
            "SCRAM-SHA-256" => Some(SaslMechanism::ScramSha256),
            "SCRAM-SHA-512" => Some(SaslMechanism::ScramSha512),
            _ => None,
        }
    }
}

/// SASL credentials. Debug shows the username and mechanism, never the password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaslOptions {
    pub mechanism: SaslMechanism,
    pub username: String,
    pub password: Secret,
}

/// The single PLAIN message: authzid (empty), authcid, password, NUL-separated.
pub fn plain_payload(username: &str, password: &Secret) -> Vec<u8> {
    let mut out = Vec::with_capacity(username.len() + password.expose().len() + 2);
    out.push(0);
    out.extend_from_slice(username.as_bytes());
    out.push(0);
    out.extend_from_slice(password.expose().as_bytes());
    out
}

/// Client side of a SCRAM exchange.
pub struct Scram {
    hmac_alg: hmac::Algorithm,
    digest_alg: &'static digest::Algorithm,
    pbkdf2_alg: pbkdf2::Algorithm,
    password: Secret,
    client_nonce: String,
    client_first_bare: String,
    expected_server_signature: Option<Vec<u8>>,
}

impl fmt::Debug for Scram {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Scram")
            .field("client_first_bare", &self.client_first_bare)
            .finish_non_exhaustive()
    }
}

/// The iteration counts Kafka accepts for SCRAM credentials (ScramMechanism's bounds). Fewer give
/// weak salted hashes; more let a broken or hostile broker pin a CPU for minutes with one number.
pub const MIN_ITERATIONS: u32 = 4096;
pub const MAX_ITERATIONS: u32 = 16384;

impl Scram {
    /// Start an exchange with a fresh random nonce.
    pub fn new(
        mechanism: SaslMechanism,
        username: &str,
        password: &Secret,
    ) -> Result<Self, String> {
        let mut raw = [0u8; 24];
        ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut raw)
            .map_err(|_| "cannot get random bytes for the SCRAM nonce".to_string())?;
        let nonce = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(raw);
        Self::with_nonce(mechanism, username, password, &nonce)
    }

    /// Start an exchange with a given nonce (tests use the RFC vectors).
    pub fn with_nonce(
        mechanism: SaslMechanism,
        username: &str,
        password: &Secret,
        nonce: &str,
    ) -> Result<Self, String> {
        let (hmac_alg, digest_alg, pbkdf2_alg) = match mechanism {
            SaslMechanism::ScramSha256 => (
                hmac::HMAC_SHA256,
                &digest::SHA256,
                pbkdf2::PBKDF2_HMAC_SHA256,
            ),
            SaslMechanism::ScramSha512 => (
                hmac::HMAC_SHA512,
                &digest::SHA512,
                pbkdf2::PBKDF2_HMAC_SHA512,
            ),
            SaslMechanism::Plain => return Err("PLAIN is not a SCRAM mechanism".to_string()),
        };
        Ok(Scram {
            hmac_alg,
            digest_alg,
            pbkdf2_alg,
            password: password.clone(),
            client_nonce: nonce.to_string(),
            client_first_bare: format!("n={},r={}", escape_username(username), nonce),
            expected_server_signature: None,
        })
    }

    /// client-first-message: no channel binding, no authzid.
    pub fn client_first(&self) -> Vec<u8> {
        format!("n,,{}", self.client_first_bare).into_bytes()
    }

    /// Answer the server-first-message with client-final-message (carrying the proof).
    pub fn client_final(&mut self, server_first: &[u8]) -> Result<Vec<u8>, String> {
        let server_first = std::str::from_utf8(server_first)
            .map_err(|_| "the server's SCRAM message is not UTF-8".to_string())?;
        let mut nonce = None;
        let mut salt = None;
        let mut iterations = None;
        for attr in server_first.split(',') {
            match attr.split_once('=') {
                Some(("r", v)) => nonce = Some(v),
                Some(("s", v)) => salt = Some(v),
                Some(("i", v)) => iterations = Some(v),
                Some(("e", v)) => return Err(format!("the server refused SCRAM: {v}")),
                _ => {}
            }
        }
        let (Some(nonce), Some(salt), Some(iterations)) = (nonce, salt, iterations) else {
            return Err(
                "the server's SCRAM message lacks the nonce, salt or iteration count".to_string(),
            );
        };
        if !nonce.starts_with(&self.client_nonce) || nonce.len() == self.client_nonce.len() {
            return Err(
                "the server's SCRAM nonce does not extend ours; refusing to authenticate"
                    .to_string(),
            );
        }
        let salt = B64
            .decode(salt)
            .map_err(|_| "the server's SCRAM salt is not valid base64".to_string())?;
        let iterations: u32 = iterations
            .parse()
            .map_err(|_| "the server's SCRAM iteration count is not a number".to_string())?;
        if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&iterations) {
            return Err(format!(
                "the server asked for {iterations} SCRAM iterations, outside the {MIN_ITERATIONS}..{MAX_ITERATIONS} \
                 that Kafka allows; refusing to authenticate (check the broker's SCRAM credentials)"
            ));
        }
        let iterations = NonZeroU32::new(iterations).ok_or("zero SCRAM iterations")?;

        let mut salted = vec![0u8; self.digest_alg.output_len()];
        pbkdf2::derive(
            self.pbkdf2_alg,
            iterations,
            &salt,
            self.password.expose().as_bytes(),
            &mut salted,
        );
        let salted_key = hmac::Key::new(self.hmac_alg, &salted);
        let client_key = hmac::sign(&salted_key, b"Client Key");
        let stored_key = digest::digest(self.digest_alg, client_key.as_ref());
        let without_proof = format!("c=biws,r={nonce}");
        let auth_message = format!(
            "{},{},{}",
            self.client_first_bare, server_first, without_proof
        );
        let client_sig = hmac::sign(
            &hmac::Key::new(self.hmac_alg, stored_key.as_ref()),
            auth_message.as_bytes(),
        );
        let proof: Vec<u8> = client_key
            .as_ref()
            .iter()
            .zip(client_sig.as_ref())
            .map(|(a, b)| a ^ b)
            .collect();
        let server_key = hmac::sign(&salted_key, b"Server Key");
        let server_sig = hmac::sign(
            &hmac::Key::new(self.hmac_alg, server_key.as_ref()),
            auth_message.as_bytes(),
        );
        self.expected_server_signature = Some(server_sig.as_ref().to_vec());
        Ok(format!("{without_proof},p={}", B64.encode(proof)).into_bytes())
    }

    /// Check the server-final-message: the server must prove it knows the password too.
    pub fn verify_server_final(&self, server_final: &[u8]) -> Result<(), String> {
        let text = std::str::from_utf8(server_final)
            .map_err(|_| "the server's final SCRAM message is not UTF-8".to_string())?;
        let mut verifier = None;
        for attr in text.split(',') {
            match attr.split_once('=') {
                Some(("e", v)) => return Err(format!("the server refused SCRAM: {v}")),
                Some(("v", v)) => verifier = Some(v),
                _ => {}
            }
        }
        let got = verifier
            .and_then(|v| B64.decode(v).ok())
            .ok_or("the server's final SCRAM message has no valid signature")?;
        match &self.expected_server_signature {
            Some(expected) if constant_time_eq(expected, &got) => Ok(()),
            Some(_) => Err(
                "the server's SCRAM signature is wrong: it does not know the password".to_string(),
            ),
            None => Err("SCRAM server-final received before client-final".to_string()),
        }
    }
}

/// Compare without an early exit, so timing does not leak how much of the signature matched.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// RFC 5802 saslname: ',' and '=' are escaped.
fn escape_username(u: &str) -> String {
    u.replace('=', "=3D").replace(',', "=2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    // RFC 7677 section 3 test vector.
    #[test]
    fn scram_sha256_rfc7677_vector() {
        let pw = Secret::new("pencil");
        let mut s = Scram::with_nonce(
            SaslMechanism::ScramSha256,
            "user",
            &pw,
            "rOprNGfwEbeRWgbNEkqO",
        )
        .unwrap();
        assert_eq!(s.client_first(), b"n,,n=user,r=rOprNGfwEbeRWgbNEkqO");
        let server_first = b"r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
        let fin = s.client_final(server_first).unwrap();
        assert_eq!(
            String::from_utf8(fin).unwrap(),
            "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
        );
        s.verify_server_final(b"v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")
            .unwrap();
        assert!(
            s.verify_server_final(b"v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=")
                .is_err()
        );
        assert!(s.verify_server_final(b"e=invalid-proof").is_err());
    }

    #[test]
    fn scram_rejects_foreign_nonce_and_weak_iterations() {
        let pw = Secret::new("pencil");
        let mut s = Scram::with_nonce(SaslMechanism::ScramSha512, "user", &pw, "abc").unwrap();
        assert!(
            s.client_final(b"r=xyz123,s=QSXCR+Q6sek8bf92,i=4096")
                .is_err()
        );
        assert!(s.client_final(b"r=abc,s=QSXCR+Q6sek8bf92,i=4096").is_err());
        assert!(
            s.client_final(b"r=abc123,s=QSXCR+Q6sek8bf92,i=100")
                .is_err()
        );
        assert!(s.client_final(b"r=abc123,i=4096").is_err());
        // A count Kafka never issues: refused at once instead of hashing for minutes.
        for count in ["16385", "100000000", "4294967295"] {
            let e = s
                .client_final(format!("r=abc123,s=QSXCR+Q6sek8bf92,i={count}").as_bytes())
                .expect_err(count);
            assert!(e.contains(count) && e.contains("16384"), "{e}");
        }
        assert!(
            s.client_final(b"r=abc123,s=QSXCR+Q6sek8bf92,i=16384")
                .is_ok()
        );
        let fin = s
            .client_final(b"r=abc123,s=QSXCR+Q6sek8bf92,i=4096")
            .unwrap();
        // SHA-512 proof is 64 bytes → 88 base64 characters.
        let text = String::from_utf8(fin).unwrap();
        assert_eq!(text.rsplit_once("p=").map(|(_, p)| p.len()), Some(88));
    }

    #[test]
    fn usernames_are_escaped_and_nonces_random() {
        let pw = Secret::new("x");
        let s = Scram::with_nonce(SaslMechanism::ScramSha256, "a=b,c", &pw, "n").unwrap();
        assert_eq!(s.client_first(), b"n,,n=a=3Db=2Cc,r=n");
        let a = Scram::new(SaslMechanism::ScramSha256, "u", &pw).unwrap();
        let b = Scram::new(SaslMechanism::ScramSha256, "u", &pw).unwrap();
        assert_ne!(a.client_first(), b.client_first());
    }

    #[test]
    fn plain_and_debug_never_show_the_password() {
        let opts = SaslOptions {
            mechanism: SaslMechanism::Plain,
            username: "alice".into(),
            password: Secret::new("s3cr3t"),
        };
        assert_eq!(
            plain_payload(&opts.username, &opts.password),
            b"\0alice\0s3cr3t"
        );
        let dbg = format!("{opts:?}");
        assert!(dbg.contains("alice") && !dbg.contains("s3cr3t"), "{dbg}");
        let scram = Scram::new(SaslMechanism::ScramSha256, "alice", &opts.password).unwrap();
        assert!(!format!("{scram:?}").contains("s3cr3t"));
        assert_eq!(
            SaslMechanism::parse("scram-sha-512"),
            Some(SaslMechanism::ScramSha512)
        );
        assert_eq!(SaslMechanism::parse("GSSAPI"), None);
    }

    mod random_server_messages {
        use proptest::prelude::*;

        use super::*;

        proptest! {
            #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

            /// Whatever the server answers, the client refuses or proves, never panics, and never
            /// accepts a server that does not know the password.
            #[test]
            fn scram_refuses_garbage(
                first in proptest::collection::vec(any::<u8>(), 0..200),
                last in proptest::collection::vec(any::<u8>(), 0..200),
                count in any::<u32>(),
            ) {
                let pw = Secret::new("pencil");
                let mut s = Scram::with_nonce(SaslMechanism::ScramSha256, "user", &pw, "abc").unwrap();
                let _ = s.client_final(&first);
                // A well-formed first message with any iteration count: only Kafka's range is used.
                let well_formed = format!("r=abc123,s=QSXCR+Q6sek8bf92,i={count}");
                let r = s.client_final(well_formed.as_bytes());
                prop_assert_eq!(r.is_ok(), (MIN_ITERATIONS..=MAX_ITERATIONS).contains(&count));
                if r.is_ok() {
                    prop_assert!(s.verify_server_final(&last).is_err());
                }
            }
        }
    }
}
