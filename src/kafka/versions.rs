//! API version negotiation: per API, the highest version both the broker and our codec support.

use std::collections::BTreeMap;

use kafka_protocol::messages::{ApiKey, ApiVersionsResponse};
use kafka_protocol::protocol::VersionRange;

/// The versions one broker advertised in its ApiVersions response.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApiVersionTable {
    ranges: BTreeMap<i16, (i16, i16)>,
}

impl ApiVersionTable {
    pub fn from_ranges(ranges: impl IntoIterator<Item = (i16, i16, i16)>) -> Self {
        ApiVersionTable {
            ranges: ranges
                .into_iter()
                .map(|(key, min, max)| (key, (min, max)))
                .collect(),
        }
    }

    pub fn from_response(resp: &ApiVersionsResponse) -> Self {
        Self::from_ranges(
            resp.api_keys
                .iter()
                .map(|k| (k.api_key, k.min_version, k.max_version)),
        )
    }

    pub fn supports(&self, api_key: i16) -> bool {
        self.ranges.contains_key(&api_key)
    }

    /// The version to use for `api_key`, given the range our codec supports.
    pub fn pick(&self, api_key: i16, ours: VersionRange) -> Option<i16> {
        pick_version(self.ranges.get(&api_key).copied(), ours)
    }
}

/// Highest version in both ranges; None when the broker lacks the API or the ranges do not meet.
pub fn pick_version(broker: Option<(i16, i16)>, ours: VersionRange) -> Option<i16> {
    let (min, max) = broker?;
    let both = ours.intersect(&VersionRange { min, max });
    (!both.is_empty()).then_some(both.max)
}

/// Human name of an API key, e.g. `CreateTopics`.
pub fn api_name(api_key: i16) -> String {
    match ApiKey::try_from(api_key) {
        Ok(k) => format!("{k:?}"),
        Err(_) => format!("API {api_key}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OURS: VersionRange = VersionRange { min: 2, max: 7 };

    #[test]
    fn picks_highest_common_version() {
        assert_eq!(pick_version(Some((0, 5)), OURS), Some(5));
        assert_eq!(pick_version(Some((0, 9)), OURS), Some(7));
        assert_eq!(pick_version(Some((3, 3)), OURS), Some(3));
    }

    #[test]
    fn no_version_when_ranges_do_not_meet_or_api_missing() {
        assert_eq!(pick_version(Some((0, 1)), OURS), None);
        assert_eq!(pick_version(Some((8, 9)), OURS), None);
        assert_eq!(pick_version(None, OURS), None);
    }

    #[test]
    fn table_lookup() {
        let t = ApiVersionTable::from_ranges([(19, 0, 7), (55, 0, 2)]);
        assert!(t.supports(55));
        assert!(!t.supports(56));
        assert_eq!(t.pick(19, OURS), Some(7));
        assert_eq!(t.pick(20, OURS), None);
        assert_eq!(api_name(19), "CreateTopics");
        assert_eq!(api_name(-7), "API -7");
    }
}
