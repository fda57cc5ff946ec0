//! Value parsers shared by the verbs' flags: durations, `key=value` pairs, byte rates.

use std::time::Duration;

/// `30s`, `2m`, `1h`, `500ms` or bare seconds; `0` means no limit, as in kubectl.
pub fn parse_duration(s: &str) -> std::result::Result<Duration, String> {
    let s = s.trim();
    let split = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("'{s}' is not a duration: use e.g. 30s, 2m, 500ms"))?;
    let d = match unit {
        "" | "s" => Duration::from_secs(n),
        "ms" => Duration::from_millis(n),
        "m" => Duration::from_secs(n.saturating_mul(60)),
        "h" => Duration::from_secs(n.saturating_mul(3600)),
        _ => return Err(format!("unknown unit in '{s}': use ms, s, m or h")),
    };
    Ok(if n == 0 { Duration::MAX } else { d })
}

/// A duration where 0 means zero (a window), not "no limit".
pub fn parse_window(s: &str) -> std::result::Result<Duration, String> {
    parse_duration(s).map(|d| {
        if d == Duration::MAX {
            Duration::ZERO
        } else {
            d
        }
    })
}

/// `key=value`, the value may contain '=' and may be empty; the key may not.
pub fn parse_key_value(s: &str) -> std::result::Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() => Ok((k.trim().to_string(), v.to_string())),
        _ => Err(format!("'{s}' is not key=value")),
    }
}

/// Parse a rate in bytes per second: `1048576`, `500KB`, `50MB`, `10MiB`, `1.5GiB`, `10Mi`,
/// optionally ending in `/s`. Decimal units are powers of 1000, binary (`Ki`, `KiB`, ...) of 1024.
pub fn parse_rate(s: &str) -> std::result::Result<u64, String> {
    let t = s.trim();
    let t = t.strip_suffix("/s").unwrap_or(t).trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let bad = || {
        format!("'{s}' is not a rate in bytes per second: use e.g. 10MiB, 50MB, 500KB or 1048576")
    };
    let n: f64 = num.parse().map_err(|_| bad())?;
    let mult: u64 = match unit.trim() {
        "" | "B" => 1,
        "K" | "k" | "KB" | "kB" => 1_000,
        "M" | "MB" => 1_000_000,
        "G" | "GB" => 1_000_000_000,
        "Ki" | "KiB" => 1 << 10,
        "Mi" | "MiB" => 1 << 20,
        "Gi" | "GiB" => 1 << 30,
        _ => return Err(bad()),
    };
    let v = n * mult as f64;
    if !v.is_finite() || v < 1.0 || v > u64::MAX as f64 / 2.0 {
        return Err(format!(
            "'{s}': the rate must be at least 1 byte per second"
        ));
    }
    Ok(v.round() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("7"), Ok(Duration::from_secs(7)));
        assert_eq!(parse_duration("0"), Ok(Duration::MAX));
        assert!(parse_duration("").is_err());
        assert!(parse_duration("1d").is_err());
    }

    #[test]
    fn windows_take_zero_as_zero() {
        assert_eq!(parse_window("0s"), Ok(Duration::ZERO));
        assert_eq!(parse_window("10s"), Ok(Duration::from_secs(10)));
    }

    #[test]
    fn key_values() {
        assert_eq!(parse_key_value("a=1"), Ok(("a".into(), "1".into())));
        assert_eq!(parse_key_value("a="), Ok(("a".into(), "".into())));
        assert!(parse_key_value("=1").is_err());
        assert!(parse_key_value("a").is_err());
    }

    #[test]
    fn rates() {
        assert_eq!(parse_rate("1048576"), Ok(1_048_576));
        assert_eq!(parse_rate("10MiB"), Ok(10 * 1024 * 1024));
        assert_eq!(parse_rate("10Mi"), Ok(10 * 1024 * 1024));
        assert_eq!(parse_rate("50MB"), Ok(50_000_000));
        assert_eq!(parse_rate("500KB/s"), Ok(500_000));
        assert_eq!(parse_rate("1.5GiB"), Ok(1_610_612_736));
        assert_eq!(parse_rate(" 2 KiB "), Ok(2048));
        for bad in ["", "MB", "10XB", "-5MB", "0", "0.1", "1e9", "ten"] {
            assert!(parse_rate(bad).is_err(), "{bad}");
        }
    }
}
