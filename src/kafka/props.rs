//! Kafka CLI `--command-config` properties files: security.protocol, sasl.mechanism,
//! sasl.jaas.config, and PEM TLS settings. Java keystores (JKS/PKCS12) cannot be read here; the
//! error says how to use PEM files instead.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::auth::{SaslMechanism, SaslOptions, Secret};
use super::options::ConnectOptions;
use super::tls::TlsOptions;
use crate::error::{Error, Result};

/// Security settings read from a properties file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommandConfig {
    pub tls: Option<TlsOptions>,
    pub sasl: Option<SaslOptions>,
}

impl CommandConfig {
    /// Put these settings into connection options.
    pub fn apply(self, opts: &mut ConnectOptions) {
        opts.tls = self.tls;
        opts.sasl = self.sasl;
    }
}

/// Read and parse a `--command-config` file.
pub fn load_command_config(path: &Path) -> Result<CommandConfig> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        Error::usage(format!(
            "cannot read the command config {}: {e}",
            path.display()
        ))
    })?;
    parse_command_config(&text).map_err(|e| Error::usage(format!("{}: {e}", path.display())))
}

/// Parse Java properties text: `key=value`, `key: value` or `key value`; `#`/`!` comments;
/// backslash line continuations and escapes.
pub fn parse_properties(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut logical = String::new();
    for raw in text.lines() {
        let line = raw.trim_start();
        if logical.is_empty() && (line.is_empty() || line.starts_with('#') || line.starts_with('!'))
        {
            continue;
        }
        let trailing = line.chars().rev().take_while(|c| *c == '\\').count();
        if trailing % 2 == 1 {
            logical.push_str(&line[..line.len() - 1]);
            continue;
        }
        logical.push_str(line);
        let (k, v) = split_key_value(&logical);
        out.insert(unescape(&k), unescape(&v));
        logical.clear();
    }
    if !logical.is_empty() {
        let (k, v) = split_key_value(&logical);
        out.insert(unescape(&k), unescape(&v));
    }
    out
}

fn split_key_value(line: &str) -> (String, String) {
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '=' | ':' | ' ' | '\t' => {
                let key = line[..i].to_string();
                let mut rest = line[i..].trim_start_matches([' ', '\t']);
                if c.is_whitespace() {
                    if let Some(r) = rest.strip_prefix(['=', ':']) {
                        rest = r;
                    }
                } else {
                    rest = &rest[1..];
                }
                return (key, rest.trim_start_matches([' ', '\t']).to_string());
            }
            _ => {}
        }
    }
    (line.to_string(), String::new())
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('f') => out.push('\u{c}'),
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(ch) => out.push(ch),
                    None => {
                        out.push_str("\\u");
                        out.push_str(&hex);
                    }
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// The options of a JAAS `sasl.jaas.config` value: `Module required k="v" k2=v2;`.
pub fn parse_jaas_options(jaas: &str) -> std::result::Result<BTreeMap<String, String>, String> {
    let body = jaas.trim().trim_end_matches(';').trim();
    let mut words = body.splitn(3, char::is_whitespace);
    let _module = words
        .next()
        .filter(|m| !m.is_empty())
        .ok_or("sasl.jaas.config is empty")?;
    let flag = words.next().unwrap_or("");
    if !matches!(flag, "required" | "requisite" | "sufficient" | "optional") {
        return Err("sasl.jaas.config must look like: <LoginModule> required username=\"...\" password=\"...\";".into());
    }
    let mut rest = words.next().unwrap_or("").trim();
    let mut out = BTreeMap::new();
    while !rest.is_empty() {
        let eq = rest
            .find('=')
            .ok_or("sasl.jaas.config has an option without '='")?;
        let key = rest[..eq].trim().to_string();
        rest = rest[eq + 1..].trim_start();
        let value;
        if let Some(quoted) = rest.strip_prefix('"') {
            let mut v = String::new();
            let mut end = None;
            let mut chars = quoted.char_indices();
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => {
                        if let Some((_, n)) = chars.next() {
                            v.push(n);
                        }
                    }
                    '"' => {
                        end = Some(i);
                        break;
                    }
                    _ => v.push(c),
                }
            }
            // Never echo the text: it may hold a password.
            let end = end.ok_or_else(|| {
                format!("sasl.jaas.config: the value of {key} has no closing quote")
            })?;
            value = v;
            rest = quoted[end + 1..].trim_start();
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            value = rest[..end].to_string();
            rest = rest[end..].trim_start();
        }
        if key.is_empty() {
            return Err("sasl.jaas.config has an option with an empty name".into());
        }
        out.insert(key, value);
    }
    Ok(out)
}

/// Turn Kafka client properties into TLS and SASL settings.
pub fn parse_command_config(text: &str) -> Result<CommandConfig> {
    let props = parse_properties(text);
    let get = |k: &str| props.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
    let protocol = get("security.protocol")
        .unwrap_or("PLAINTEXT")
        .to_ascii_uppercase();
    let (use_tls, use_sasl) = match protocol.as_str() {
        "PLAINTEXT" => (false, false),
        "SSL" => (true, false),
        "SASL_PLAINTEXT" => (false, true),
        "SASL_SSL" => (true, true),
        other => {
            return Err(Error::usage(format!(
                "security.protocol={other} is not one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL"
            )));
        }
    };

    let tls = if use_tls {
        Some(tls_options(&props)?)
    } else {
        None
    };

    let sasl = if use_sasl {
        let mech_name = get("sasl.mechanism").unwrap_or("GSSAPI");
        let mechanism = SaslMechanism::parse(mech_name).ok_or_else(|| {
            Error::usage(format!(
                "sasl.mechanism={mech_name} is not supported; use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512"
            ))
        })?;
        let jaas = match get("sasl.jaas.config") {
            Some(j) => parse_jaas_options(j).map_err(Error::usage)?,
            None => BTreeMap::new(),
        };
        // librdkafka-style keys are accepted too.
        let username = jaas
            .get("username")
            .cloned()
            .or_else(|| get("sasl.username").map(str::to_string));
        let password = jaas
            .get("password")
            .cloned()
            .or_else(|| get("sasl.password").map(str::to_string));
        let (Some(username), Some(password)) = (username, password) else {
            return Err(Error::usage(format!(
                "security.protocol={protocol} needs credentials: set sasl.jaas.config=<LoginModule> required username=\"...\" password=\"...\";"
            )));
        };
        Some(SaslOptions {
            mechanism,
            username,
            password: Secret::new(password),
        })
    } else {
        None
    };
    Ok(CommandConfig { tls, sasl })
}

fn java_store_error(key: &str, path: &str, kind: &str) -> Error {
    Error::usage(format!(
        "{key}={path} is a {kind} store, which this tool cannot read; convert it to PEM and use ssl.ca.location=<ca.pem> \
         (for client certificates ssl.certificate.location=<cert.pem> and ssl.key.location=<key.pem>), \
         or set the store's type to PEM"
    ))
}

fn tls_options(props: &BTreeMap<String, String>) -> Result<TlsOptions> {
    let get = |k: &str| props.get(k).map(|v| v.trim()).filter(|v| !v.is_empty());
    let mut tls = TlsOptions::default();
    if let Some(ca) = get("ssl.ca.location") {
        tls.ca_file = Some(PathBuf::from(ca));
    } else if let Some(ts) = get("ssl.truststore.location") {
        let kind = get("ssl.truststore.type")
            .unwrap_or("JKS")
            .to_ascii_uppercase();
        if kind != "PEM" {
            return Err(java_store_error("ssl.truststore.location", ts, &kind));
        }
        tls.ca_file = Some(PathBuf::from(ts));
    } else if get("ssl.truststore.certificates").is_some() {
        return Err(Error::usage(
            "ssl.truststore.certificates (inline PEM) is not supported; put the CA in a file and set ssl.ca.location",
        ));
    }
    match (get("ssl.certificate.location"), get("ssl.key.location")) {
        (Some(c), Some(k)) => {
            tls.client_cert = Some(PathBuf::from(c));
            tls.client_key = Some(PathBuf::from(k));
        }
        (None, None) => {
            if let Some(ks) = get("ssl.keystore.location") {
                let kind = get("ssl.keystore.type")
                    .unwrap_or("JKS")
                    .to_ascii_uppercase();
                if kind != "PEM" {
                    return Err(java_store_error("ssl.keystore.location", ks, &kind));
                }
                // A PEM keystore file holds the key and the certificate chain together.
                tls.client_cert = Some(PathBuf::from(ks));
                tls.client_key = Some(PathBuf::from(ks));
            }
        }
        _ => {
            return Err(Error::usage(
                "set both ssl.certificate.location and ssl.key.location for a client certificate",
            ));
        }
    }
    // Kafka disables the hostname check with an explicitly empty value.
    if let Some(alg) = props.get("ssl.endpoint.identification.algorithm") {
        tls.skip_hostname_verification = alg.trim().is_empty();
    }
    if get("enable.ssl.certificate.verification").is_some_and(|v| v.eq_ignore_ascii_case("false")) {
        tls.insecure_skip_verify = true;
    }
    Ok(tls)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn java_properties_syntax() {
        let p = parse_properties(
            "# comment\n! other comment\n\na=1\nb : 2\nc 3\nlong=one \\\n    two\nesc\\=key=x\\ty\nuni=\\u0041\nempty=\n",
        );
        assert_eq!(p["a"], "1");
        assert_eq!(p["b"], "2");
        assert_eq!(p["c"], "3");
        assert_eq!(p["long"], "one two");
        assert_eq!(p["esc=key"], "x\ty");
        assert_eq!(p["uni"], "A");
        assert_eq!(p["empty"], "");
        assert_eq!(p.len(), 7);
    }

    #[test]
    fn sasl_ssl_with_scram_and_pem_ca() {
        let cfg = parse_command_config(
            "security.protocol=SASL_SSL\n\
             sasl.mechanism=SCRAM-SHA-512\n\
             sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required \\\n  username=\"alice\" password=\"p@ss word;x\";\n\
             ssl.ca.location=/etc/kafka/ca.pem\n\
             ssl.endpoint.identification.algorithm=\n",
        )
        .unwrap();
        let sasl = cfg.sasl.as_ref().unwrap();
        assert_eq!(sasl.mechanism, SaslMechanism::ScramSha512);
        assert_eq!(sasl.username, "alice");
        assert_eq!(sasl.password.expose(), "p@ss word;x");
        let tls = cfg.tls.as_ref().unwrap();
        assert_eq!(tls.ca_file.as_deref(), Some(Path::new("/etc/kafka/ca.pem")));
        assert!(tls.skip_hostname_verification);
        assert!(!tls.insecure_skip_verify);
        assert!(!format!("{cfg:?}").contains("p@ss"));
    }

    #[test]
    fn plaintext_is_the_default() {
        assert_eq!(
            parse_command_config("client.id=x\n").unwrap(),
            CommandConfig::default()
        );
        let cfg = parse_command_config(
            "security.protocol=sasl_plaintext\nsasl.mechanism=PLAIN\nsasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=bob password=hunter2;\n",
        )
        .unwrap();
        assert!(cfg.tls.is_none());
        assert_eq!(cfg.sasl.as_ref().map(|s| s.username.as_str()), Some("bob"));
    }

    #[test]
    fn jks_truststore_is_refused_with_a_pem_hint() {
        let e = parse_command_config("security.protocol=SSL\nssl.truststore.location=/x/truststore.jks\nssl.truststore.password=changeit\n")
            .unwrap_err();
        let msg = e.to_string();
        assert!(
            msg.contains("JKS") && msg.contains("ssl.ca.location"),
            "{msg}"
        );
        assert!(!msg.contains("changeit"));
        let e = parse_command_config(
            "security.protocol=SSL\nssl.keystore.location=/x/k.p12\nssl.keystore.type=PKCS12\n",
        )
        .unwrap_err();
        assert!(e.to_string().contains("PKCS12"));
        let cfg = parse_command_config("security.protocol=SSL\nssl.truststore.type=PEM\nssl.truststore.location=/x/ca.pem\nssl.keystore.type=PEM\nssl.keystore.location=/x/client.pem\n").unwrap();
        let tls = cfg.tls.unwrap();
        assert_eq!(tls.ca_file.as_deref(), Some(Path::new("/x/ca.pem")));
        assert_eq!(tls.client_key.as_deref(), Some(Path::new("/x/client.pem")));
        assert!(!tls.skip_hostname_verification);
    }

    #[test]
    fn bad_settings_are_usage_errors_without_secrets() {
        let e = parse_command_config("security.protocol=SASL_SSL\nsasl.mechanism=GSSAPI\n")
            .unwrap_err();
        assert!(matches!(e, Error::Usage(_)) && e.to_string().contains("GSSAPI"));
        let e = parse_command_config("security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n")
            .unwrap_err();
        assert!(e.to_string().contains("sasl.jaas.config"));
        let e = parse_command_config(
            "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=M required username=\"u\" password=\"topsecret;\n",
        )
        .unwrap_err();
        assert!(!e.to_string().contains("topsecret"), "{e}");
        assert!(parse_command_config("security.protocol=TLS\n").is_err());
        let e = parse_command_config("security.protocol=SSL\nssl.certificate.location=/c.pem\n")
            .unwrap_err();
        assert!(e.to_string().contains("ssl.key.location"));
    }

    #[test]
    fn jaas_options() {
        let o = parse_jaas_options("M required a=\"1\" b=2 c=\"x y\";").unwrap();
        assert_eq!(o["a"], "1");
        assert_eq!(o["b"], "2");
        assert_eq!(o["c"], "x y");
        assert!(parse_jaas_options("M username=\"u\";").is_err());
        assert!(parse_jaas_options("").is_err());
    }

    mod random_text {
        use proptest::prelude::*;

        use super::*;

        proptest! {
            #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

            /// Any text: a map or a usage error, never a panic (escapes cut short, lone
            /// backslashes, `\u` without four hex digits, multi-byte characters).
            #[test]
            fn any_text_parses_or_is_refused(text in "(?s)[a-z=:. \\\\\t\n#!\"u0-9é]{0,200}") {
                let _ = parse_properties(&text);
                if let Err(e) = parse_command_config(&text) {
                    prop_assert!(matches!(e, Error::Usage(_)), "{e}");
                }
                let _ = parse_jaas_options(&text);
            }

            /// Plain `key=value` lines come back as written.
            #[test]
            fn plain_pairs_round_trip(
                pairs in proptest::collection::btree_map("[a-z][a-z.]{0,12}", "[a-zA-Z0-9/_-]{0,16}", 0..8)
            ) {
                let text: String = pairs.iter().map(|(k, v)| format!("{k}={v}\n")).collect();
                prop_assert_eq!(parse_properties(&text), pairs);
            }
        }
    }
}
